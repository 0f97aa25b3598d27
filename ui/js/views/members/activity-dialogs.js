/**
 * The two dialogs that add to a member's timeline: a new activity (its kind, day, an
 * optional weight of its own and a note) and kudos (from another member, or from the
 * organizer, and what for). Core checks what was typed and recomputes the member's
 * engagement; a field it refuses shows its message under that field.
 */

import { activityAdd, engagementSettingsGet, memberKudos, memberPage } from '../../api/members.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { combobox } from '../../components/combobox.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { ACTIVITY_KINDS, LIMITS } from '../../contract/values.js';
import { localToday } from './model.js';

/** @typedef {import('../../api/members.js').Member} Member */
/** @typedef {import('../../api/members.js').Activity} Activity */

/**
 * @param {object} options
 * @param {Member} options.member
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError  an error of no field.
 * @returns {Promise<Activity|null>}
 */
export async function activityDialog({ member, onError }) {
  if (document.querySelector('dialog[open]')) return null;
  /** @type {Map<string, number>} */
  const usual = new Map();
  try {
    for (const { kind, weight } of (await engagementSettingsGet()).weights) usual.set(kind, weight);
  } catch {
    // Only the hint names the usual weight; without it the hint says it plainly.
  }
  return new Promise((resolve) => {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const kind = h(
      'select',
      { onchange: () => showUsual() },
      ACTIVITY_KINDS.filter((value) => value !== 'kudos').map((value) => h('option', { value }, t(`members.activity.${value}`))),
    );
    const day = h('input', { type: 'date', value: localToday() });
    const weight = h('input', { type: 'number', min: 0, max: LIMITS.activity.weight, step: 1, inputmode: 'numeric' });
    const note = h('textarea', { rows: 3, maxlength: LIMITS.activity.note });
    const hint = h('p', { class: 'field-hint', id: 'activity-weight-hint' });
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'activity-save' }, t('members.activity.save'));
    const weightField = field('weight', 'activity-weight', t('members.activity.weight'), weight);
    weightField.insertBefore(hint, weight);
    weight.setAttribute('aria-describedby', `${hint.id} activity-weight-error`);

    function showUsual() {
      const value = usual.get(kind.value);
      hint.textContent = value === undefined ? t('members.activity.weightHintPlain') : t('members.activity.weightHint', { weight: value });
      weight.placeholder = value === undefined ? '' : String(value);
    }
    showUsual();

    const dialog = formDialog({
      testid: 'activity-dialog',
      wide: true,
      title: t('members.activity.dialogTitle', { name: member.name }),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h(
          'div',
          { class: 'field-columns' },
          field('kind', 'activity-kind', t('members.activity.kind'), kind),
          field('occurredOn', 'activity-date', t('members.activity.date'), day),
        ),
        weightField,
        field('note', 'activity-note', t('members.activity.note'), note),
      ),
      buttons: [
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', testid: 'activity-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        saveButton,
      ],
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        saveButton.disabled = true;
        try {
          dialog.finish(
            await activityAdd(member.id, { kind: kind.value, occurredOn: day.value, weight: weight.value, note: note.value }),
          );
        } catch (raw) {
          const error = normaliseError(raw);
          saveButton.disabled = false;
          if (!showError(error)) onError(error);
        }
      },
      onclose: resolve,
    });
    kind.focus();
  });
}

/**
 * Kudos for `member`: from another member picked by typing their name (the roster's own
 * search), or from nobody in particular (the organizer), with what it is for.
 * @param {object} options
 * @param {Member} options.member
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError
 * @returns {Promise<Activity|null>}
 */
export function kudosDialog({ member, onError }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(null);
  return new Promise((resolve) => {
    const { field, showError, clearOnInput, clearAll } = formFields();
    /** The member picked as the giver, while the field still shows their name. */
    let from = /** @type {{id: number, name: string}|null} */ (null);
    const giver = combobox({
      id: 'kudos-from',
      testid: 'kudos-from',
      describedBy: 'kudos-from-error',
      placeholder: t('members.kudosDialog.fromPlaceholder'),
      listLabel: t('members.kudosDialog.fromList'),
      emptyText: (query) => t('members.kudosDialog.fromNone', { query }),
      search: async (query) => {
        if (!query.trim()) return [];
        const page = await memberPage(member.communityId, { search: query, levels: [], roles: [], tags: [], engagement: [], sort: 'name', descending: false }, 0, 8);
        return page.rows.filter((row) => row.id !== member.id);
      },
      label: (row) => row.name,
      detail: (row) => [row.company, row.email].filter(Boolean).join(' · '),
      value: (row) => row.name,
      onPick: (row) => {
        from = { id: row.id, name: row.name };
      },
    });
    const note = h('textarea', { rows: 3, maxlength: LIMITS.activity.note });
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'kudos-save' }, t('members.kudosDialog.save'));
    const fromField = field('fromMemberId', 'kudos-from', t('members.kudosDialog.from'), giver.input);
    giver.input.replaceWith(giver.element);
    giver.element.prepend(giver.input);
    const dialog = formDialog({
      testid: 'kudos-dialog',
      title: t('members.kudosDialog.title', { name: member.name }),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h('p', { class: 'dialog-body' }, t('members.kudosDialog.body')),
        fromField,
        field('note', 'kudos-note', t('members.kudosDialog.note'), note),
      ),
      buttons: [
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', testid: 'kudos-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        saveButton,
      ],
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        const typed = giver.input.value.trim();
        // A name typed but not picked names nobody: say so rather than thank no one.
        if (typed && from?.name !== typed) {
          showError({ code: 'invalid_input', field: 'fromMemberId', rule: 'unknown_value', limit: null, message: '' });
          const line = document.getElementById('kudos-from-error');
          if (line) line.textContent = t('members.kudosDialog.fromPick');
          return;
        }
        saveButton.disabled = true;
        try {
          dialog.finish(await memberKudos(member.id, typed ? from.id : null, note.value));
        } catch (raw) {
          const error = normaliseError(raw);
          saveButton.disabled = false;
          if (!showError(error)) onError(error);
        }
      },
      onclose: resolve,
    });
    giver.input.focus();
  });
}
