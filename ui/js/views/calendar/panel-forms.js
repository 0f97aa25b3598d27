/**
 * The event panel's edit dialogs, for an agenda item and for a checklist task already on
 * the panel, and the checks they share with the panel's lines that add them. An item or a
 * task is edited in a dialog, not in its row: its row is redrawn from every answer of core,
 * and a dialog keeps what is being typed whatever happens to the list behind it.
 */

import { agendaUpdate, checklistUpdate } from '../../api/events.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { h } from '../../dom.js';
import { normaliseError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { memberPicker } from '../plan/member-picker.js';

/** @typedef {import('../../contract/types.js').AgendaItem} AgendaItem */
/** @typedef {import('../../contract/types.js').EventTask} EventTask */

/** The longest agenda item core takes (core/src/events/agenda.rs, MINUTES_MAX): a day. */
export const MINUTES_MAX = 1440;
/** How far from its event a task may fall due (core/src/events/checklist.rs, OFFSET_MAX). */
export const OFFSET_MAX = 365;
/** Core's limits on texts typed in the panel (agenda.rs, checklist.rs, attendance.rs). */
export const TEXT_MAX = { agendaTitle: 200, agendaNotes: 2000, roleNote: 200, taskTitle: 200, comment: 2000 };

/**
 * A whole number typed in a field, or null when it is not one or lies outside [min, max].
 * @param {string} text
 * @param {number} min
 * @param {number} max
 */
export function wholeNumber(text, min, max) {
  const trimmed = String(text).trim().replace(/^[\u2212\u2013]/, '-');
  if (!/^[-+]?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/**
 * Shows a check of the panel's own under a field made by `formFields` (the same look as
 * core's errors, and `clearAll` takes it away as it does theirs).
 * @param {HTMLElement} form
 * @param {string} testid  the control's.
 * @param {string} message
 */
export function localError(form, testid, message) {
  const error = /** @type {HTMLElement|null} */ (form.querySelector(`[data-testid="${testid}-error"]`));
  const control = /** @type {HTMLElement|null} */ (form.querySelector(`#${testid}`));
  if (!error || !control) return;
  error.textContent = message;
  error.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
}

/**
 * A member picker in a labelled field of `fields`, so core's error about it shows under it.
 * @param {object} options
 * @param {ReturnType<typeof formFields>} options.fields
 * @param {number} options.communityId
 * @param {string} options.name  the field as core's errors name it.
 * @param {string} options.id  the input's id and test id.
 * @param {string} options.label
 * @param {{id: number, name: string}|null} [options.member]  the member it starts with.
 * @param {(member: {id: number, name: string}|null) => void} [options.onChange]
 */
export function pickerField({ fields, communityId, name, id, label, member = null, onChange }) {
  const picker = memberPicker({ communityId, id, member, onChange });
  const element = fields.field(name, id, label, picker.input);
  picker.input.replaceWith(picker.element);
  picker.element.prepend(picker.input);
  return { picker, element };
}

/**
 * The member a picker stands for, or an error under its field when something was typed
 * and nobody was picked from the list.
 * @param {ReturnType<typeof memberPicker>} picker
 * @param {HTMLElement} form
 * @param {string} testid
 * @returns {{ok: boolean, id: number|null}}
 */
export function pickedOrNone(picker, form, testid) {
  const member = picker.member();
  if (member) return { ok: true, id: member.id };
  if (!picker.input.value.trim()) return { ok: true, id: null };
  localError(form, testid, t('calendar.panel.pickMember'));
  return { ok: false, id: null };
}

/**
 * The member a row names, for a picker to start with; none when nobody is named or the
 * member was forgotten.
 * @param {number|null} id
 * @param {string} name
 */
const named = (id, name) => (id !== null && name ? { id, name } : null);

/**
 * Edits one agenda item: its title, minutes, speaker and notes.
 * @param {object} options
 * @param {number} options.communityId
 * @param {AgendaItem} options.item
 * @param {(error: unknown) => void} options.toastError  for what no field shows.
 * @returns {Promise<boolean>} whether core saved a change.
 */
export function agendaItemDialog({ communityId, item, toastError }) {
  const fields = formFields();
  const title = h('input', { type: 'text', autocomplete: 'off', maxlength: TEXT_MAX.agendaTitle, value: item.title });
  const minutes = h('input', { type: 'number', min: 1, max: MINUTES_MAX, step: 1, inputmode: 'numeric', value: String(item.minutes) });
  const speaker = pickerField({
    fields,
    communityId,
    name: 'speakerMemberId',
    id: 'agenda-edit-speaker',
    label: t('calendar.panel.agenda.speaker'),
    member: named(item.speakerMemberId, item.speakerName),
  });
  const notes = h('textarea', { rows: 3, maxlength: TEXT_MAX.agendaNotes }, item.notes);
  const body = h(
    'div',
    { class: 'dialog-fields' },
    fields.field('title', 'agenda-edit-title', t('calendar.panel.agenda.itemTitle'), title),
    h(
      'div',
      { class: 'field-columns' },
      fields.field('minutes', 'agenda-edit-minutes', t('calendar.panel.agenda.minutes'), minutes),
      speaker.element,
    ),
    fields.field('notes', 'agenda-edit-notes', t('calendar.panel.agenda.notes'), notes),
  );
  return editDialog({
    testid: 'agenda-edit-dialog',
    title: t('calendar.panel.agenda.editTitle', { title: item.title }),
    record: `agenda_items:${item.uid}`,
    fields,
    body,
    first: title,
    toastError,
    save: async () => {
      const length = wholeNumber(minutes.value, 1, MINUTES_MAX);
      if (length === null) {
        localError(body, 'agenda-edit-minutes', t('calendar.panel.agenda.minutesInvalid', { max: MINUTES_MAX }));
        return false;
      }
      const who = pickedOrNone(speaker.picker, body, 'agenda-edit-speaker');
      if (!who.ok) return false;
      await agendaUpdate(item.id, { title: title.value, minutes: length, speakerMemberId: who.id, notes: notes.value });
      return true;
    },
  });
}

/**
 * Edits one checklist task: its title, its days from the event and its owner.
 * @param {object} options
 * @param {number} options.communityId
 * @param {EventTask} options.task
 * @param {(error: unknown) => void} options.toastError
 * @returns {Promise<boolean>}
 */
export function taskDialog({ communityId, task, toastError }) {
  const fields = formFields();
  const title = h('input', { type: 'text', autocomplete: 'off', maxlength: TEXT_MAX.taskTitle, value: task.title });
  const offset = h('input', { type: 'number', min: -OFFSET_MAX, max: OFFSET_MAX, step: 1, value: String(task.offsetDays) });
  const owner = pickerField({
    fields,
    communityId,
    name: 'ownerMemberId',
    id: 'checklist-edit-owner',
    label: t('calendar.panel.checklist.owner'),
    member: named(task.ownerMemberId, task.ownerName),
  });
  const offsetField = fields.field('offsetDays', 'checklist-edit-offset', t('calendar.panel.checklist.offset'), offset);
  withHint(offsetField, offset, 'checklist-edit-offset-hint', t('calendar.panel.checklist.offsetHint'));
  const body = h(
    'div',
    { class: 'dialog-fields' },
    fields.field('title', 'checklist-edit-title', t('calendar.panel.checklist.taskTitle'), title),
    h('div', { class: 'field-columns' }, offsetField, owner.element),
  );
  return editDialog({
    testid: 'checklist-edit-dialog',
    title: t('calendar.panel.checklist.editTitle', { title: task.title }),
    record: `event_tasks:${task.uid}`,
    fields,
    body,
    first: title,
    toastError,
    save: async () => {
      const days = wholeNumber(offset.value, -OFFSET_MAX, OFFSET_MAX);
      if (days === null) {
        localError(body, 'checklist-edit-offset', t('calendar.panel.checklist.offsetInvalid', { max: OFFSET_MAX }));
        return false;
      }
      const who = pickedOrNone(owner.picker, body, 'checklist-edit-owner');
      if (!who.ok) return false;
      await checklistUpdate(task.id, { title: title.value, offsetDays: days, ownerMemberId: who.id });
      return true;
    },
  });
}

/**
 * Puts a hint under a field's label, read out with the field.
 * @param {HTMLElement} field  made by `formFields`.
 * @param {HTMLElement} control
 * @param {string} id
 * @param {string} text
 */
export function withHint(field, control, id, text) {
  const hint = h('p', { class: 'field-hint', id }, text);
  /** @type {HTMLElement} */ (field.querySelector('.field-error')).before(hint);
  control.setAttribute('aria-describedby', `${id} ${control.getAttribute('aria-describedby')}`);
  return field;
}

/**
 * The dialog both edits share: Save runs `save`, which checks what it can, asks core and
 * gives true once core has saved; core's refusals show under their field.
 * @param {object} options
 * @param {string} options.testid  "agenda-edit-dialog": its buttons are "agenda-edit-save" and "agenda-edit-cancel".
 * @param {string} options.title
 * @param {ReturnType<typeof formFields>} options.fields
 * @param {HTMLElement} options.body
 * @param {HTMLElement} options.first  focused when it opens.
 * @param {(error: unknown) => void} options.toastError
 * @param {() => Promise<boolean>} options.save
 * @param {string} options.record  `<table>:<uid>` of what it edits (form-dialog.js).
 * @returns {Promise<boolean>}
 */
function editDialog({ testid, title, fields, body, first, toastError, save, record }) {
  const prefix = testid.replace(/-dialog$/, '');
  const saveButton = h('button', { type: 'submit', class: 'suggested', testid: `${prefix}-save` }, t('calendar.panel.saveEdit'));
  return new Promise((resolve) => {
    const dialog = formDialog({
      testid,
      title,
      record,
      body,
      buttons: editButtons({ prefix, save: saveButton, dialog: () => dialog }),
      oninput: fields.clearOnInput,
      onsubmit: async () => {
        fields.clearAll();
        saveButton.disabled = true;
        let saved = false;
        try {
          saved = await save();
        } catch (raw) {
          const error = normaliseError(raw);
          if (!fields.showError(error)) toastError(error);
        } finally {
          saveButton.disabled = false;
        }
        if (saved) dialog.finish(true);
      },
      onclose: (saved) => resolve(saved === true),
      unsavedLabel: () => title,
    });
    first.focus();
  });
}
