/**
 * A modal form in a native <dialog>, for editing one thing (a task, a platform).
 *
 * Escape and the caller's Cancel close it; Enter in a field submits it. The caller decides
 * when it is done (after a successful save) by calling `finish`. While it is open, closing
 * the window asks about what was typed in it ({@link openFormChanges}).
 */

import { h } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { dateInput } from './date-input.js';

/**
 * The form dialog on screen (there is never more than one): what it is and how to submit it.
 * @type {null|{element: HTMLDialogElement, label: () => string, changed: () => boolean, submit: () => Promise<boolean>}}
 */
let openForm = null;

/**
 * What was typed in the open form dialog and not saved, for the question before closing
 * the window; null when no form is open or nothing in it changed.
 * @returns {import('./dialog.js').UnsavedChange|null}
 */
export function openFormChanges() {
  if (!openForm?.changed()) return null;
  return { label: openForm.label(), save: openForm.submit };
}

/**
 * Every control's value in order: two of them compare equal when nothing was edited. Buttons
 * hold nothing typed, and some come and go (a conflict's marks).
 */
function formValues(form) {
  const value = (control) => (control.type === 'checkbox' || control.type === 'radio' ? control.checked : control.value);
  return JSON.stringify([...form.elements].filter((control) => !(control instanceof HTMLButtonElement)).map(value));
}

/**
 * A modal form in a native <dialog>: Escape and Cancel close it, Enter submits.
 * @param {object} options
 * @param {string} options.testid
 * @param {string} options.title
 * @param {any} options.body
 * @param {any[]} options.buttons
 * @param {() => (void|Promise<void>)} [options.onsubmit]  a second submit while one is under
 *   way waits for it rather than saving twice.
 * @param {(event: Event) => void} [options.oninput]
 * @param {(value: any) => void} [options.onclose]
 * @param {boolean} [options.wide]
 * @param {() => string} [options.unsavedLabel]  how the question before closing the window
 *   names the edits; the title by default.
 * @param {string|null} [options.record]  `<table>:<uid>` of the shared record it edits, so a
 *   field co-organizers set differently is marked in it (views/sharing/conflict-marks.js).
 * @returns {{element: HTMLDialogElement, finish: (value: any) => void}}
 */
export function formDialog({ testid, title, body, buttons, onsubmit, oninput, onclose, wide = false, unsavedLabel, record = null }) {
  const titleId = `${testid}-heading`;
  const previouslyFocused = document.activeElement;
  /** @type {Promise<void>|null} */
  let submitting = null;
  const submit = () => {
    submitting ??= Promise.resolve(onsubmit?.()).finally(() => {
      submitting = null;
    });
    return submitting;
  };
  const form = h(
    'form',
    {
      method: 'dialog',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        submit();
      },
      oninput,
      onchange: oninput,
    },
    h('h2', { class: 'dialog-title', id: titleId }, title),
    body,
    h('div', { class: 'dialog-buttons' }, buttons),
  );
  const element = h(
    'dialog',
    { class: `dialog form-dialog${wide ? ' dialog-wide' : ''}`, testid, 'aria-labelledby': titleId, 'data-record': record },
    form,
  );
  let settled = false;
  let result = null;
  const finish = (value) => {
    if (settled) return;
    settled = true;
    result = value;
    if (openForm?.element === element) openForm = null;
    if (element.open) element.close();
    element.remove();
    if (previouslyFocused instanceof HTMLElement && previouslyFocused.isConnected) previouslyFocused.focus();
    onclose?.(value);
  };
  element.addEventListener('cancel', (event) => {
    event.preventDefault();
    finish(null);
  });
  element.addEventListener('close', () => finish(null));
  document.body.append(element);
  element.showModal();
  const initialValues = formValues(form);
  openForm = {
    element,
    label: () => unsavedLabel?.() ?? title,
    changed: () => !settled && formValues(form) !== initialValues,
    // The caller's own submit: its checks and the core's errors show under the fields, and
    // the dialog finishes with the saved thing only when it was saved.
    submit: async () => {
      await submit();
      return settled && result !== null;
    },
  };
  return { element, finish };
}


/**
 * The labelled fields of a form dialog and the errors shown under them.
 *
 * `field(name, testid, label, control)` returns the labelled field for `control`, with its
 * error line; `name` is the field as the core names it in errors. A date input comes with
 * its empty look and a Clear button (components/date-input.js). `showError(error)` puts a
 * core error under its field (and focuses it), returning false when no field matches, so the
 * caller can show it elsewhere; `clearError(name)` and `clearAll()` take errors away, and
 * `clearOnInput` is the dialog's `oninput` that takes a field's error away as it is typed in.
 */
export function formFields() {
  const fields = {};

  /**
   * @param {string} name
   * @param {string} testid
   * @param {string} label
   * @param {HTMLElement} control
   * @param {{columns?: string}} [options]  `columns`: the stored columns (snake_case, space
   *   separated) the field shows when `name` is not theirs, so a shared conflict on one is
   *   marked here (views/sharing/conflict-marks.js).
   */
  function field(name, testid, label, control, options = {}) {
    const error = h('p', { class: 'field-error', id: `${testid}-error`, testid: `${testid}-error`, hidden: true });
    control.id = testid;
    control.dataset.testid = testid;
    control.setAttribute('aria-describedby', error.id);
    fields[name] = { control, error, label };
    // An empty date must look empty, and be easy to empty (components/date-input.js).
    const shown = control instanceof HTMLInputElement && control.type === 'date' ? dateInput(control, { label }).element : control;
    return h('div', { class: 'field', 'data-field': name, 'data-columns': options.columns ?? null }, h('label', { for: testid }, label), shown, error);
  }

  function clearError(name) {
    const target = fields[name];
    if (!target) return;
    target.error.hidden = true;
    target.error.textContent = '';
    target.control.removeAttribute('aria-invalid');
  }

  function showError(error) {
    const target = error.field && fields[error.field];
    if (!target || !error.rule) return false;
    target.error.textContent = errorMessage(error, target.label);
    target.error.hidden = false;
    target.control.setAttribute('aria-invalid', 'true');
    target.control.focus();
    return true;
  }

  /** A dialog's `oninput`: what is typed into a field takes its error away. @param {Event} event */
  function clearOnInput(event) {
    const name = /** @type {Element} */ (event.target).closest('[data-field]')?.getAttribute('data-field');
    if (name) clearError(name);
  }

  return { field, clearError, showError, clearOnInput, clearAll: () => Object.keys(fields).forEach(clearError) };
}

/**
 * The button row of a dialog that edits one thing: Delete on the left when there is
 * something to delete, Cancel and the caller's save button on the right.
 * @param {object} options
 * @param {string} options.prefix  testids are `<prefix>-delete` and `<prefix>-cancel`.
 * @param {HTMLButtonElement} options.save
 * @param {() => {finish: (value: any) => void}} options.dialog  read when a button is pressed.
 * @param {(() => void)|null|undefined} [options.onDelete]  no Delete button without it.
 * @param {string} [options.deleteLabel]
 */
export function editButtons({ prefix, save, dialog, onDelete, deleteLabel }) {
  return [
    onDelete &&
      h(
        'button',
        {
          type: 'button',
          class: 'destructive',
          testid: `${prefix}-delete`,
          onclick: () => {
            dialog().finish(null);
            onDelete();
          },
        },
        deleteLabel,
      ),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', testid: `${prefix}-cancel`, onclick: () => dialog().finish(null) }, t('dialog.cancel')),
    save,
  ];
}
