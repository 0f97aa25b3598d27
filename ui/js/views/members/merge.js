/**
 * Merging two members who are one person (two sign-ups, a new email): the two profiles side
 * by side, the person chooses which one is kept, and sees before confirming what the kept
 * member will hold and which of the other's values will not survive (merge-model.js). Core
 * moves every activity, kudos and plan task to the kept member and removes the other.
 */

import './strings.js';
import { memberGet, memberMerge } from '../../api/members.js';
import { formDialog } from '../../components/form-dialog.js';
import { h, replaceChildren } from '../../dom.js';
import { formatDate } from '../../format.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { lostCount, mergeRows } from './merge-model.js';

/** @typedef {import('../../contract/types.js').Member} Member */

/**
 * @param {object} options
 * @param {[number, number]} options.ids  the two members, in the roster's order.
 * @param {(merged: Member, removed: Member) => void} options.onMerged
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {Promise<void>} settles when the dialog closes.
 */
export async function openMergeDialog({ ids, onMerged, toast }) {
  if (document.querySelector('dialog[open]')) return;
  /** @type {[Member, Member]} */
  let members;
  try {
    members = /** @type {[Member, Member]} */ (await Promise.all(ids.map((id) => memberGet(id))));
  } catch (error) {
    toast(errorMessage(error), { kind: 'error' });
    return;
  }
  if (document.querySelector('dialog[open]')) return;

  await new Promise((resolve) => {
    /** Which of the two is kept: the first (as the roster lists them) unless the person chooses. */
    let kept = 0;
    const table = h('table', { class: 'merge-table', testid: 'merge-table' });
    const lostNote = h('p', { class: 'merge-lost', role: 'status', testid: 'merge-lost' });
    const error = h('p', { class: 'field-error', role: 'alert', testid: 'merge-error', hidden: true });
    const radios = members.map((member, index) =>
      h('input', {
        type: 'radio',
        name: 'merge-keep',
        value: String(index),
        id: `merge-keep-${index}`,
        testid: `merge-keep-${index}`,
        checked: index === kept,
        onchange: () => {
          kept = index;
          draw();
        },
      }),
    );
    const mergeButton = h('button', { type: 'submit', class: 'suggested', testid: 'merge-confirm' }, t('members.merge.confirm'));
    const dialog = formDialog({
      testid: 'merge-dialog',
      wide: true,
      title: t('members.merge.title'),
      body: h(
        'div',
        { class: 'merge-body' },
        h('p', { class: 'dialog-body' }, t('members.merge.intro')),
        h('div', { class: 'merge-scroll' }, table),
        lostNote,
        error,
      ),
      buttons: [h('button', { type: 'button', testid: 'merge-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')), mergeButton],
      onsubmit: merge,
      onclose: resolve,
    });
    dialog.element.classList.add('merge-dialog');
    draw();
    radios[kept].focus();

    function draw() {
      const keep = members[kept];
      const other = members[1 - kept];
      const rows = mergeRows(keep, other);
      const byField = new Map(rows.map((row) => [row.field, row]));
      const cell = (index, content, className = '') =>
        h('td', { class: `merge-cell ${index === kept ? 'is-kept' : 'is-other'} ${className}`.trim() }, content);
      replaceChildren(
        table,
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'merge-field' }, h('span', { class: 'visually-hidden' }, t('members.merge.field'))),
            members.map((member, index) =>
              h(
                'th',
                { scope: 'col', class: `merge-head ${index === kept ? 'is-kept' : 'is-other'}` },
                h('span', { class: 'merge-name' }, member.name),
                h(
                  'span',
                  { class: 'merge-engagement dim' },
                  t('members.merge.engagement', {
                    level: t(`members.engagement.${member.engagementLevel}`),
                    score: Math.round(member.engagementScore * 10) / 10,
                  }),
                ),
                h('label', { class: 'check merge-keep', for: radios[index].id }, radios[index], t('members.merge.keep')),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) => {
            const values = [members[0][row.field], members[1][row.field]];
            return h(
              'tr',
              { testid: `merge-row-${row.field}` },
              h('th', { scope: 'row', class: 'merge-field' }, t(`members.field.${row.field}`)),
              values.map((value, index) => {
                const { mark, struck } = markOf(row, index !== kept, value);
                return cell(
                  index,
                  [h('span', { class: 'merge-value' }, shown(row.field, value)), mark && h('span', { class: 'merge-mark' }, mark)],
                  struck ? 'is-lost' : '',
                );
              }),
            );
          }),
        ),
      );
      const lost = lostCount(rows);
      lostNote.textContent = lost > 0 ? t('members.merge.lostCount', { count: lost }) : t('members.merge.nothingLost');
    }

    /**
     * What happens to a value, said beside it: the other member's taken, added or not kept;
     * a left date of one record only, which the merged member (still a member) does not keep.
     * @param {import('./merge-model.js').MergeRow} row
     * @param {boolean} isOther
     * @param {any} value
     * @returns {{mark: string|null, struck: boolean}}
     */
    function markOf(row, isOther, value) {
      const none = { mark: null, struck: false };
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return none;
      if (row.outcome === 'cleared') return { mark: t('members.merge.stillMember'), struck: true };
      if (!isOther) return none;
      if (row.lost) return { mark: t('members.merge.lost'), struck: true };
      if (row.outcome === 'filled') return { mark: t('members.merge.filled'), struck: false };
      if (row.outcome === 'joined') return { mark: t('members.merge.joined'), struck: false };
      if (row.outcome === 'earlier') return { mark: t('members.merge.earlier'), struck: false };
      if (row.outcome === 'later') return { mark: t('members.merge.later'), struck: false };
      return none;
    }

    async function merge() {
      error.hidden = true;
      mergeButton.disabled = true;
      const keep = members[kept];
      const other = members[1 - kept];
      try {
        const merged = await memberMerge(keep.id, other.id);
        dialog.finish(merged);
        // Two records of one name (the usual duplicate) read better as one sentence about it.
        toast(
          merged.name === other.name
            ? t('members.merge.doneSameName', { name: merged.name })
            : t('members.merge.done', { name: merged.name, other: other.name }),
        );
        onMerged(merged, other);
      } catch (raw) {
        error.textContent = errorMessage(raw);
        error.hidden = false;
        mergeButton.disabled = false;
      }
    }
  });
}

/**
 * A field's value as the member's page shows it.
 * @param {string} field
 * @param {any} value
 * @returns {string}
 */
function shown(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((item) => (field === 'roles' ? t(`members.role.${item}`) : item)).join(', ');
  }
  if (field === 'level') return t(`members.level.${value}`);
  if (field === 'joinedOn' || field === 'leftOn') return formatDate(value, getLanguage());
  return String(value);
}

/**
 * The roster's bulk bar button: Merge, pressable when exactly two members are selected.
 * @param {() => Promise<number[]>} selected  the selected ids (asks core when "all" is selected).
 * @param {number} count  how many are selected.
 * @param {object} options
 * @param {(merged: Member, removed: Member) => void} options.onMerged
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {HTMLButtonElement}
 */
export function mergeButton(selected, count, { onMerged, toast }) {
  const two = count === 2;
  return h(
    'button',
    {
      type: 'button',
      class: 'small',
      testid: 'members-bulk-merge',
      // Disabled buttons are skipped by the keyboard and say nothing: the title says why.
      title: two ? t('members.merge.openLabel') : t('members.merge.needTwo'),
      'aria-disabled': two ? null : 'true',
      onclick: async () => {
        if (!two) {
          toast(t('members.merge.needTwo'));
          return;
        }
        const ids = await selected();
        if (ids.length === 2) await openMergeDialog({ ids: /** @type {[number, number]} */ ([ids[0], ids[1]]), onMerged, toast });
      },
    },
    t('members.merge.open'),
  );
}
