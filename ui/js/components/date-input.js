/**
 * A date field that looks empty when it is, with a button that empties it.
 *
 * WebKitGTK draws today's date, in full-strength text, inside an empty <input type=date>,
 * so a task with no due date seemed due today. CSS cannot tell an empty date input from a
 * filled one (no :placeholder-shown for dates), so the wrapper carries `is-empty`, kept in
 * step with the value on every input and change: while it is set the drawn date is hidden
 * and a dim "No date" shows in its place, until the field is focused to type one.
 * The fields of a form dialog (form-dialog.js, `formFields`) wrap their date inputs in it.
 */

import { h } from '../dom.js';
import { t } from '../i18n/index.js';

/**
 * Wraps `input` (an <input type=date>, already labelled) with its empty look and a Clear
 * button. Set its value from a script through the returned `set`, which keeps the look.
 * @param {HTMLInputElement} input
 * @param {object} options
 * @param {string} options.label  the field's label, for the Clear button's accessible name.
 * @returns {{element: HTMLElement, set: (value: string) => void}}
 */
export function dateInput(input, { label }) {
  const clear = h(
    'button',
    {
      type: 'button',
      class: 'date-input-clear',
      // Named after its field ("task-due-clear"); h() would write a missing one as "null".
      ...(input.dataset.testid ? { testid: `${input.dataset.testid}-clear` } : {}),
      'aria-label': t('date.clearLabel', { label }),
      onclick: () => {
        set('');
        // As typing would: the form sees the change (its error is cleared, its "edited"
        // state updated), and the person carries on in the field.
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        input.focus();
      },
    },
    t('date.clear'),
  );
  const element = h(
    'div',
    { class: 'date-input' },
    h('div', { class: 'date-input-box' }, input, h('span', { class: 'date-input-empty', 'aria-hidden': 'true' }, t('date.none'))),
    clear,
  );

  function sync() {
    const empty = isEmptyDate(input.value, input.validity.badInput);
    element.classList.toggle('is-empty', empty);
    clear.disabled = empty;
  }

  /** @param {string} value  `YYYY-MM-DD`, or '' for no date. */
  function set(value) {
    input.value = value;
    sync();
  }

  input.addEventListener('input', sync);
  input.addEventListener('change', sync);
  // Half a date typed and left: no value, but not empty either (see isEmptyDate).
  input.addEventListener('blur', sync);
  sync();
  return { element, set };
}

/**
 * Whether a date field holds nothing: no value and nothing half-typed (a day typed without
 * its month reads as no value, but is not empty to the person typing it).
 * @param {string} value
 * @param {boolean} badInput
 */
export function isEmptyDate(value, badInput) {
  return value === '' && !badInput;
}
