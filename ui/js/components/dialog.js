/**
 * A question asked once before something that cannot be taken back.
 *
 * Uses the native <dialog> element: it makes the rest of the window inert and reports
 * Escape as "cancel", which is exactly what a modal question needs.
 */

import { h } from '../dom.js';
import { t } from '../i18n/index.js';

let dialogCount = 0;

/**
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.body
 * @param {string} options.confirmLabel  a verb: "Delete", "Restore".
 * @param {boolean} [options.destructive]  red confirm button; Cancel gets the focus.
 * @returns {Promise<boolean>} true when the person confirmed.
 */
export function confirmDialog({ title, body, confirmLabel, destructive = false }) {
  dialogCount += 1;
  const titleId = `dialog-title-${dialogCount}`;
  const bodyId = `dialog-body-${dialogCount}`;
  const cancel = h('button', { type: 'button', testid: 'dialog-cancel' }, t('dialog.cancel'));
  const confirm = h(
    'button',
    { type: 'button', class: destructive ? 'destructive' : 'suggested', testid: 'dialog-confirm' },
    confirmLabel,
  );
  const dialog = h(
    'dialog',
    { class: 'dialog', testid: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
    h('h2', { id: titleId, class: 'dialog-title' }, title),
    h('p', { id: bodyId, class: 'dialog-body' }, body),
    h('div', { class: 'dialog-buttons' }, cancel, confirm),
  );
  const previouslyFocused = document.activeElement;
  document.body.append(dialog);

  return new Promise((resolve) => {
    let settled = false;
    // Settled from the buttons and Escape directly rather than from the "close" event
    // alone: that event is queued as a task and some engines deliver it late or not at all.
    const finish = (confirmed) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (previouslyFocused instanceof HTMLElement && previouslyFocused.isConnected) previouslyFocused.focus();
      resolve(confirmed);
    };
    confirm.addEventListener('click', () => finish(true));
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.addEventListener('close', () => finish(false));
    dialog.showModal();
    (destructive ? cancel : confirm).focus();
  });
}
