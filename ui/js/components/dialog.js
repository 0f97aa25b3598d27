/**
 * Questions asked once before something that cannot be taken back: deleting, restoring,
 * and closing the window with changes that are not saved.
 *
 * Uses the native <dialog> element: it makes the rest of the window inert and reports
 * Escape as "cancel", which is exactly what a modal question needs.
 *
 * Every dialog of the app, these and the form dialogs (form-dialog.js), shares one layout
 * (the Dialog part of css/app.css): title and text from the start edge, one row of buttons
 * at the bottom from the end edge, given in the order Cancel first, the suggested or
 * destructive answer last, which is also where the eye ends.
 */

import { h } from '../dom.js';
import { t } from '../i18n/index.js';

let dialogCount = 0;

/**
 * A modal question with its buttons; settles with the value of the button pressed, or
 * `cancelValue` on Escape.
 * @template T
 * @param {object} options
 * @param {string} options.testid
 * @param {string} options.title
 * @param {(bodyId: string) => Node} options.body  described by the id it is given.
 * @param {Array<{label: string, value: T, testid: string, className?: string, focus?: boolean, disabled?: boolean}>} options.buttons
 *   in the row's order: Cancel first, the answer last.
 * @param {T} options.cancelValue
 * @param {string} [options.className]
 * @returns {Promise<T>}
 */
function askQuestion({ testid, title, body, buttons, cancelValue, className = '' }) {
  dialogCount += 1;
  const titleId = `dialog-title-${dialogCount}`;
  const bodyId = `dialog-body-${dialogCount}`;
  const elements = buttons.map((button) =>
    h('button', { type: 'button', class: button.className ?? null, testid: button.testid, disabled: button.disabled ?? false }, button.label),
  );
  const dialog = h(
    'dialog',
    { class: `dialog ${className}`.trim(), testid, 'aria-labelledby': titleId, 'aria-describedby': bodyId },
    h('h2', { id: titleId, class: 'dialog-title' }, title),
    body(bodyId),
    h('div', { class: 'dialog-buttons' }, elements),
  );
  const previouslyFocused = document.activeElement;
  document.body.append(dialog);

  return new Promise((resolve) => {
    let settled = false;
    // Settled from the buttons and Escape directly rather than from the "close" event
    // alone: that event is queued as a task and some engines deliver it late or not at all.
    const finish = (value) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (previouslyFocused instanceof HTMLElement && previouslyFocused.isConnected) previouslyFocused.focus();
      resolve(value);
    };
    buttons.forEach((button, index) => elements[index].addEventListener('click', () => finish(button.value)));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(cancelValue);
    });
    dialog.addEventListener('close', () => finish(cancelValue));
    dialog.showModal();
    elements[Math.max(0, buttons.findIndex((button) => button.focus))].focus();
  });
}

/**
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.body
 * @param {string} options.confirmLabel  a verb: "Delete", "Restore".
 * @param {boolean} [options.destructive]  red confirm button; Cancel gets the focus.
 * @returns {Promise<boolean>} true when the person confirmed.
 */
export function confirmDialog({ title, body, confirmLabel, destructive = false }) {
  return askQuestion({
    testid: 'dialog',
    title,
    body: (bodyId) => h('p', { id: bodyId, class: 'dialog-body' }, body),
    buttons: [
      { label: t('dialog.cancel'), value: false, testid: 'dialog-cancel', focus: destructive },
      { label: confirmLabel, value: true, testid: 'dialog-confirm', className: destructive ? 'destructive' : 'suggested', focus: !destructive },
    ],
    cancelValue: false,
  });
}

/**
 * A question with several answers (which occurrences of a series a change is for): Cancel
 * first, then the answers, the last one suggested. An answer may be offered disabled, with
 * the body saying why.
 * @template T
 * @param {object} options
 * @param {string} options.testid
 * @param {string} options.title
 * @param {string} options.body
 * @param {Array<{label: string, value: T, testid: string, disabled?: boolean}>} options.choices
 * @returns {Promise<T|null>} null on Cancel or Escape.
 */
export function choiceDialog({ testid, title, body, choices }) {
  const firstEnabled = choices.findIndex((choice) => !choice.disabled);
  return askQuestion({
    testid,
    title,
    body: (bodyId) => h('p', { id: bodyId, class: 'dialog-body' }, body),
    buttons: [
      { label: t('dialog.cancel'), value: null, testid: `${testid}-cancel` },
      ...choices.map((choice, index) => ({
        ...choice,
        className: index === choices.length - 1 ? 'suggested' : undefined,
        focus: index === firstEnabled,
      })),
    ],
    cancelValue: null,
  });
}

// ---------------------------------------------------------------------------------------
// Closing the window

/**
 * Something typed and not saved yet, as the question before closing names it.
 * @typedef {object} UnsavedChange
 * @property {string} label  e.g. "Charter of Rust Moscow".
 * @property {() => Promise<boolean>} save  true once saved; when false, the refusal is
 *   already shown where it belongs (under its field).
 * @property {() => void} [reveal]  brings a refused change on screen when it is not.
 */

/**
 * The question before closing a window with unsaved changes, as GNOME editors ask it:
 * Save (the default: Enter), Close without saving, or Cancel (Escape).
 * @param {UnsavedChange[]} changes
 * @returns {Promise<'save'|'discard'|'cancel'>}
 */
export function saveChangesDialog(changes) {
  return askQuestion({
    testid: 'close-question',
    className: 'save-changes-dialog',
    title: t('close.title'),
    body: (bodyId) =>
      h(
        'div',
        { id: bodyId },
        h('p', { class: 'dialog-body' }, t('close.body', { count: changes.length })),
        h(
          'ul',
          { class: 'dialog-list', role: 'list' },
          changes.map((change) => h('li', { testid: 'close-question-item' }, change.label)),
        ),
      ),
    buttons: [
      { label: t('dialog.cancel'), value: 'cancel', testid: 'close-question-cancel' },
      { label: t('close.discard'), value: 'discard', testid: 'close-question-discard', className: 'destructive' },
      { label: t('close.save'), value: 'save', testid: 'close-question-save', className: 'suggested', focus: true },
    ],
    cancelValue: 'cancel',
  });
}

/**
 * What the window does when the person asks to close it: with nothing unsaved it closes at
 * once; otherwise it asks, and closes after "Close without saving", or after "Save" once
 * every change is saved. The first change that is refused stops it there, shown to the
 * person, and the window stays open. Pure: the parts that touch the window are given.
 * @param {object} parts
 * @param {() => UnsavedChange[]} parts.unsaved
 * @param {(changes: UnsavedChange[]) => Promise<'save'|'discard'|'cancel'>} parts.ask
 * @param {() => Promise<unknown>} parts.close  closes the window for good.
 * @param {() => Promise<unknown>} parts.hold  tells the shell the page is asking the person.
 * @returns {(finish?: () => Promise<unknown>) => Promise<void>} the handler of one close
 *   request; `finish` replaces `close` for this one (quitting rather than closing).
 */
export function closeRequestHandler({ unsaved, ask, close, hold }) {
  let busy = false;
  return async function onCloseRequested(finish = close) {
    // The question (or the saving after it) is under way: the person is deciding already.
    if (busy) return void hold().catch(() => {});
    const changes = unsaved();
    if (changes.length === 0) return void (await finish());
    busy = true;
    try {
      hold().catch(() => {});
      const answer = await ask(changes);
      if (answer === 'discard') return void (await finish());
      if (answer !== 'save') return;
      for (const change of changes) {
        if (!(await change.save().catch(() => false))) {
          change.reveal?.();
          return;
        }
      }
      await finish();
    } finally {
      busy = false;
    }
  };
}
