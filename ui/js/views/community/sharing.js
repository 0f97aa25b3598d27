/**
 * The Co-organizers section of the charter: sharing the community through a relay, the
 * join code co-organizers join with, how its sync stands, and stopping.
 *
 * The sync itself runs in the shell behind the window; this section asks how it stands when
 * it is drawn (at start-up the answer came with the page), and again whenever the shell says
 * something changed (`hearth:sharing`).
 */

import { sharingConflicts, sharingSettle, sharingShare, sharingStatus, sharingStop, syncState } from '../../api/sharing.js';
import { takeFirst } from '../../api/app.js';
import { h, replaceChildren } from '../../dom.js';
import { errorMessage, hasKey, t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { confirmDialog } from '../../components/dialog.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { conflictValue } from '../sharing/conflict-values.js';

/**
 * Copies `text`, through the clipboard API where the page has it, else as a selection.
 * @param {string} text
 * @param {HTMLInputElement} field  holds `text`; selected, as a fallback and as a sign.
 */
async function copyText(text, field) {
  field.select();
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    document.execCommand('copy');
  }
}

/**
 * The section, filled in when the status arrives.
 * @param {object} options
 * @param {number} options.communityId
 * @param {() => string} options.communityName
 * @param {AbortSignal} options.signal
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {HTMLElement}
 */
export function sharingSection({ communityId, communityName, signal, toast }) {
  /** @type {import('../../api/sharing.js').SharingStatus|null} */
  let status = null;
  /** @type {import('../../api/sharing.js').SharingConflict[]} */
  let conflicts = [];
  const card = h('div', { class: 'card sharing-card' }, h('p', { class: 'row empty-row' }, t('app.loading')));
  const section = h(
    'section',
    { class: 'group sharing', testid: 'sharing', 'aria-labelledby': 'charter-group-sharing' },
    h(
      'div',
      { class: 'group-header' },
      h(
        'div',
        {},
        h('h2', { class: 'group-title', id: 'charter-group-sharing' }, t('sharing.title')),
        h('p', { class: 'group-description' }, t('sharing.hint')),
      ),
    ),
    card,
  );
  document.addEventListener(
    'hearth:sharing',
    (event) => {
      const changed = /** @type {CustomEvent} */ (event).detail;
      if (changed?.communityId === null || changed?.communityId === communityId) load();
    },
    { signal },
  );
  load();

  async function load() {
    try {
      // At start-up the status came with the page, and is drawn with the charter.
      status = takeFirst('sharing', communityId) ?? (await sharingStatus(communityId));
      conflicts = status.shared ? await sharingConflicts(communityId) : [];
    } catch (error) {
      if (!signal.aborted) replaceChildren(card, h('p', { class: 'row empty-row is-error' }, errorMessage(error)));
      return;
    }
    if (!signal.aborted) draw();
  }

  function draw() {
    if (!status?.joinCode) {
      replaceChildren(
        card,
        h(
          'div',
          { class: 'row sharing-row' },
          h('p', { class: 'row-text dim', testid: 'sharing-off' }, t('sharing.off')),
          h('button', { type: 'button', class: 'suggested', testid: 'sharing-open', onclick: () => openShareDialog() }, t('sharing.open')),
        ),
      );
      return;
    }
    const state = syncState(status);
    const code = codeField(status.joinCode);
    replaceChildren(
      card,
      h(
        'div',
        { class: 'row row-stacked sharing-state', testid: 'sharing-state', 'data-state': state, role: 'status' },
        h('span', { class: 'row-label' }, h('span', { class: `sync-dot is-${state}`, 'aria-hidden': 'true' }), t(`sharing.state.${state}`)),
        status.problem && h('span', { class: 'dim', testid: 'sharing-problem' }, t('sharing.problem', { problem: status.problem })),
      ),
      conflicts.length > 0 && conflictList(),
      h('div', { class: 'row sharing-code' }, code.element),
      h(
        'div',
        { class: 'row sharing-actions' },
        h('button', { type: 'button', class: 'flat', testid: 'sharing-change', onclick: () => openShareDialog(relayOf(status.joinCode)) }, t('sharing.changeRelay')),
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'destructive', testid: 'sharing-stop', onclick: stop }, t('sharing.stop')),
      ),
    );
  }

  /** The fields set differently on two computers while apart, each with its values to keep. */
  function conflictList() {
    return h(
      'div',
      { class: 'row row-stacked sharing-conflicts', testid: 'sharing-conflicts' },
      h('span', { class: 'row-label' }, t('sharing.conflicts.title', { count: conflicts.length })),
      h('p', { class: 'dim' }, t('sharing.conflicts.hint')),
      h(
        'ul',
        { class: 'conflict-list', role: 'list' },
        conflicts.map((conflict) =>
          h(
            'li',
            { class: 'conflict', testid: 'sharing-conflict', 'data-field': conflict.field },
            h('span', { class: 'conflict-what' }, whatClashed(conflict)),
            h(
              'div',
              { class: 'conflict-values' },
              conflict.values.map((_, index) =>
                h(
                  'button',
                  {
                    type: 'button',
                    testid: 'sharing-conflict-keep',
                    title: index === 0 ? t('conflicts.shownNow') : null,
                    onclick: () => keep(conflict, index),
                  },
                  t('conflicts.keep', { value: conflictValue(conflict, index) }),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /**
   * @param {import('../../api/sharing.js').SharingConflict} conflict
   * @param {number} choice
   */
  async function keep(conflict, choice) {
    try {
      conflicts = await sharingSettle(communityId, conflict, choice);
    } catch (error) {
      toast(errorMessage(error), { kind: 'error' });
      load();
      return;
    }
    draw();
    toast(t('conflicts.kept'));
  }

  /**
   * The join code, read-only and selectable, with its Copy button.
   * @param {string} joinCode
   * @param {string} [prefix]  of the testids: `<prefix>-code`, `<prefix>-copy`.
   */
  function codeField(joinCode, prefix = 'sharing') {
    const input = h('input', {
      type: 'text',
      readonly: true,
      id: `${prefix}-code-${communityId}`,
      testid: `${prefix}-code`,
      value: joinCode,
      spellcheck: 'false',
      onfocus: () => input.select(),
    });
    const copy = h(
      'button',
      {
        type: 'button',
        testid: `${prefix}-copy`,
        onclick: async () => {
          await copyText(joinCode, input);
          toast(t('sharing.copied'));
        },
      },
      t('sharing.copy'),
    );
    return {
      input,
      element: h(
        'div',
        { class: 'field sharing-code-field' },
        h('label', { for: input.id }, t('sharing.code')),
        h('div', { class: 'sharing-code-line' }, input, copy),
      ),
    };
  }

  /** The dialog that shares (or moves to another relay). @param {string} [relay] */
  function openShareDialog(relay = '') {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const address = h('input', {
      type: 'text',
      inputmode: 'url',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'ws://192.168.1.20:3030',
      value: relay,
    });
    const share = h('button', { type: 'submit', class: 'suggested', testid: 'sharing-share' }, t('sharing.share'));
    const dialog = formDialog({
      testid: 'sharing-dialog',
      title: t('sharing.dialogTitle'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h('p', { class: 'dialog-body' }, t('sharing.dialogIntro')),
        field('relay', 'sharing-relay', t('sharing.field.relay'), address),
        h('p', { class: 'field-hint' }, t('sharing.relayHint')),
      ),
      buttons: [
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', testid: 'sharing-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        share,
      ],
      oninput: clearOnInput,
      onsubmit: submit,
    });
    address.focus();

    async function submit() {
      clearAll();
      share.disabled = true;
      share.textContent = t('sharing.sharing');
      try {
        status = await sharingShare(communityId, address.value);
      } catch (raw) {
        const error = normaliseError(raw);
        share.disabled = false;
        share.textContent = t('sharing.share');
        if (!showError(error)) toast(errorMessage(error), { kind: 'error' });
        return;
      }
      dialog.finish(status);
      draw();
      showCode(status.joinCode ?? '');
    }
  }

  /** The join code, large, right after sharing. @param {string} joinCode */
  function showCode(joinCode) {
    const code = codeField(joinCode, 'sharing-new');
    const done = h('button', { type: 'submit', class: 'suggested', testid: 'sharing-done' }, t('sharing.done'));
    const dialog = formDialog({
      testid: 'sharing-code-dialog',
      title: t('sharing.codeTitle'),
      body: h('div', { class: 'dialog-fields' }, h('p', { class: 'dialog-body' }, t('sharing.codeIntro')), code.element),
      buttons: [h('span', { class: 'spacer' }), done],
      onsubmit: () => dialog.finish(true),
    });
    code.input.focus();
  }

  async function stop() {
    const confirmed = await confirmDialog({
      title: t('sharing.stopConfirm.title', { name: communityName() }),
      body: t('sharing.stopConfirm.body'),
      confirmLabel: t('sharing.stopConfirm.confirm'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      status = await sharingStop(communityId);
    } catch (error) {
      toast(errorMessage(error), { kind: 'error' });
      return;
    }
    draw();
    toast(t('sharing.stopped'));
    /** @type {HTMLElement|null} */ (card.querySelector('[data-testid="sharing-open"]'))?.focus();
  }

  return section;
}

/**
 * "Task “Book a venue” · Title": which record and field clashed, in the interface's words.
 * @param {import('../../api/sharing.js').SharingConflict} conflict
 */
function whatClashed(conflict) {
  const table = hasKey(`sharing.table.${conflict.table}`) ? t(`sharing.table.${conflict.table}`) : conflict.table;
  const field = hasKey(`sharing.field.${conflict.field}`) ? t(`sharing.field.${conflict.field}`) : conflict.field.replaceAll('_', ' ');
  return `${table}${conflict.label ? ` “${conflict.label}”` : ''} · ${field}`;
}

/** The relay's address in a join code (before the #). @param {string} joinCode */
function relayOf(joinCode) {
  return joinCode.split('#')[0];
}
