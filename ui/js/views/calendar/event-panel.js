/**
 * The event panel: one event beside the calendar, and everything around it. Who answered
 * and who came (with check-in at the door, walk-ins and feedback), the agenda with its clock
 * times, the roles and the checklist, and the clashes core warns about.
 *
 * The panel draws core's answers and nothing it works out itself: after every change it asks
 * core for the event's page again (`eventPage`) and draws that. What it works out on its own
 * is only how to write things down (dates, times, counts) and whether the agenda runs past
 * the event's end.
 *
 * It is built of parts that stay and parts that are redrawn: the lines where things are
 * typed (a member to answer for, a walk-in, an agenda item, a role, a task) are built once
 * for each event shown and never taken out of the page, so a redraw neither loses what is
 * being typed nor moves the caret; the lists around them are redrawn from each answer, and
 * the focus goes back to the control it was on (by its test id), or to the nearest one that
 * is left.
 */

import {
  agendaAdd,
  agendaMove,
  agendaRemove,
  checklistAdd,
  checklistAddTemplate,
  checklistRemove,
  checklistSetDone,
  eventCheckIn,
  eventFeedback,
  eventPage,
  eventRespond,
  eventUndoCheckIn,
  eventWalkIn,
  roleAssign,
  roleRemove,
} from '../../api/events.js';
import { openLink } from '../../api/community.js';
import { exportEvent } from './files.js';
import { printMeetupPreview } from '../../api/print.js';
import { wallClock } from './time.js';
import { h, icon, replaceChildren, useStylesheet } from '../../dom.js';
import { addStrings, errorMessage, getLanguage, t, translate } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { formatDate, formatTime, formattingLocale } from '../../format.js';
import { ICONS } from '../../components/icons.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { EVENT_ROLES, LIMITS } from '../../contract/values.js';
import {
  MINUTES_MAX,
  OFFSET_MAX,
  TEXT_MAX,
  agendaItemDialog,
  localError,
  pickedOrNone,
  pickerField,
  taskDialog,
  wholeNumber,
  withHint,
} from './panel-forms.js';
import '../plan/strings.js';
import en from './strings.panel.en.js';
import ru from './strings.panel.ru.js';

// The calendar's strings.js adds these too; adding the same texts twice is allowed, and the
// panel then has its texts whoever imports it first.
addStrings({ en, ru });

// Node's tests import the helpers below, where there is no document to add a sheet to.
if (globalThis.document) await useStylesheet('js/views/calendar/event-panel.css');

/** @typedef {import('../../contract/types.js').Event} CalendarEvent */
/** @typedef {import('../../contract/types.js').EventPage} EventPage */
/** @typedef {import('../../contract/types.js').Attendance} Attendance */
/** @typedef {import('../../contract/types.js').AgendaItem} AgendaItem */
/** @typedef {import('../../contract/types.js').EventRole} EventRole */
/** @typedef {import('../../contract/types.js').EventTask} EventTask */
/** @typedef {import('../../contract/types.js').Turnout} Turnout */
/** @typedef {import('../../contract/types.js').Conflict} Conflict */
/** @typedef {import('../../contract/types.js').Locale} Locale */

const EDIT_ICON = ['M10.5 2.5l3 3-8 8h-3v-3z', 'M9 4l3 3'];
const REMOVE_ICON = ['M3 4.5h10', 'M6.5 4.5V3h3v1.5', 'M4.5 4.5l.7 9h5.6l.7-9'];
const UP_ICON = ['M8 13V3', 'M4 7l4-4 4 4'];
const DOWN_ICON = ['M8 3v10', 'M4 9l4 4 4-4'];
const EXPORT_ICON = ['M8 2.5v8', 'M4.5 7L8 10.5 11.5 7', 'M3 13.5h10'];
const LINK_ICON = ['M9 2.5h4.5V7', 'M13.5 2.5L7 9', 'M11.5 9.5v4h-9v-9h4'];

/** The answers a member can be given from the panel (the waitlist is core's to give). */
const ANSWERS = /** @type {const} */ (['going', 'maybe', 'declined']);


// ---------------------------------------------------------------------------------------
// Pure helpers (no DOM): how the panel writes things down. Exported for the node tests.

/**
 * A wall-clock time or day as core writes it ("2027-03-11T19:00", "2027-03-11") as a Date
 * whose UTC fields are that wall clock: formatted with `timeZone: 'UTC'` it reads exactly as
 * written, whatever the machine's zone.
 * @param {string} text
 * @returns {Date}
 */
export function wallDate(text) {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : `${text.slice(0, 16)}:00Z`);
}

/**
 * When the event is, in its own zone: "Thu 11 March 2027, 19:00–21:30 (Europe/Lisbon)";
 * over midnight both days; a whole-day event by its days.
 * @param {CalendarEvent} event
 * @param {Locale} language
 * @param {string} [systemLocale]  the system's locale (tests pin it).
 * @returns {string}
 */
export function eventWhen(event, language, systemLocale) {
  const days = new Intl.DateTimeFormat(formattingLocale(language, systemLocale), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const start = wallDate(event.start);
  const end = wallDate(event.end);
  const firstDay = event.start.slice(0, 10);
  const lastDay = event.end.slice(0, 10);
  if (event.allDay) {
    const shown = firstDay === lastDay ? days.format(start) : days.formatRange(start, end);
    return translate(language, 'calendar.panel.when.allDay', { days: shown });
  }
  const clock = (date) => formatTime(date, language, { timeZone: 'UTC', systemLocale });
  const when =
    firstDay === lastDay
      ? translate(language, 'calendar.panel.when.sameDay', { day: days.format(start), from: clock(start), to: clock(end) })
      : translate(language, 'calendar.panel.when.days', {
          fromDay: days.format(start),
          from: clock(start),
          toDay: days.format(end),
          to: clock(end),
        });
  return translate(language, 'calendar.panel.when.zone', { when, zone: event.timeZone });
}

/**
 * A clock time core gives ("19:20") as the language writes it ("19:20", or "7:20 PM" where
 * English is written with a 12-hour clock).
 * @param {string} hhmm
 * @param {Locale} language
 * @param {string} [systemLocale]
 */
export function clockText(hhmm, language, systemLocale) {
  if (!/^\d\d:\d\d$/.test(hhmm)) return hhmm;
  return formatTime(wallDate(`2000-01-01T${hhmm}`), language, { timeZone: 'UTC', systemLocale });
}

/**
 * How many minutes the agenda runs past the event's end (0 when it fits). Core counts the
 * items' clock times from the event's start, one after the other, so the last item ends
 * when their minutes add up to; the event lasts from `startsAt` to `endsAt` (real time,
 * so a night the clocks change is counted as it is).
 * @param {Pick<CalendarEvent, 'startsAt'|'endsAt'>} event
 * @param {Pick<AgendaItem, 'minutes'>[]} agenda
 * @returns {number}
 */
export function agendaOverrun(event, agenda) {
  if (agenda.length === 0) return 0;
  const total = agenda.reduce((sum, item) => sum + item.minutes, 0);
  const length = Math.floor((Date.parse(event.endsAt) - Date.parse(event.startsAt)) / 60_000);
  if (!Number.isFinite(length)) return 0;
  return Math.max(0, total - length);
}

/**
 * @param {number} offsetDays  days from the event's day.
 * @returns {'before'|'day'|'after'}
 */
export function taskPhase(offsetDays) {
  if (offsetDays < 0) return 'before';
  return offsetDays === 0 ? 'day' : 'after';
}

/** The phases of a checklist, in the order they come. */
export const PHASES = /** @type {const} */ (['before', 'day', 'after']);

/**
 * A task not done whose day has passed.
 * @param {Pick<EventTask, 'done'|'due'>} task
 * @param {string} today  "YYYY-MM-DD".
 */
export function isOverdue(task, today) {
  return !task.done && task.due < today;
}

/**
 * Today in the event's zone, "YYYY-MM-DD": the calendar its tasks' due dates are counted
 * in, wherever this machine is.
 * @param {string} zone
 * @param {number} [now]
 */
export function todayIn(zone, now = Date.now()) {
  return new Date(wallClock(now, zone)).toISOString().slice(0, 10);
}

/**
 * A place in a queue as the language writes it: "1st", "2nd", "3rd", "11th"; "1-й".
 * @param {number} place
 * @param {Locale} language
 */
export function ordinal(place, language) {
  const form = new Intl.PluralRules(language, { type: 'ordinal' }).select(place);
  const key = ['one', 'two', 'few'].includes(form) ? form : 'other';
  return translate(language, `calendar.panel.ordinal.${key}`, { place });
}

/**
 * Each waiting answer's place on the waitlist (1 for the first), by attendance id. Core
 * lists the waitlist in its order.
 * @param {Pick<Attendance, 'id'|'rsvp'>[]} attendance
 * @returns {Map<number, number>}
 */
export function waitlistPlaces(attendance) {
  const places = new Map();
  for (const answer of attendance) if (answer.rsvp === 'waitlist') places.set(answer.id, places.size + 1);
  return places;
}

/**
 * "2 going of 2 places · 1 waiting · 0 maybe · 1 declined · 0 came". The places only when
 * the event has a capacity, the waitlist only when it has one or someone waits.
 * @param {Turnout} turnout
 * @param {number|null} capacity
 * @param {Locale} language
 */
export function turnoutText(turnout, capacity, language) {
  const say = (key, params) => translate(language, `calendar.panel.turnout.${key}`, params);
  return [
    capacity === null || capacity === undefined
      ? say('going', { count: turnout.going })
      : say('goingOf', { going: turnout.going, count: capacity }),
    (capacity != null || turnout.waitlist > 0) && say('waiting', { count: turnout.waitlist }),
    say('maybe', { count: turnout.maybe }),
    say('declined', { count: turnout.declined }),
    say('came', { count: turnout.checkedIn }),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The test id part of an answer's row: the member's id, or for a forgotten member (no id
 * any more) "forgotten-<attendance id>".
 * @param {Pick<Attendance, 'id'|'memberId'>} answer
 */
export function rsvpKey(answer) {
  return answer.memberId === null || answer.memberId === undefined ? `forgotten-${answer.id}` : String(answer.memberId);
}

// The node tests read it from here, with the panel's other helpers.
export { wholeNumber };

// ---------------------------------------------------------------------------------------
// The panel

/**
 * @param {object} options
 * @param {HTMLElement} options.container  an empty <aside> the panel draws into (the view shows/hides it)
 * @param {import('../../main.js').ViewContext} options.ctx   (ctx.signal, ctx.app.toast(message, {kind}))
 * @param {number} options.communityId
 * @param {(event: CalendarEvent) => void} options.onEdit   the panel's Edit button
 * @param {(event: CalendarEvent) => void} options.onDelete the panel's Delete button
 * @param {() => void} options.onClose   the panel's close button or Escape inside it
 * @returns {{ show(eventId: number): Promise<void>, refresh(): Promise<void>, shownId(): number|null, clear(): void }}
 */
export function createEventPanel({ container, ctx, communityId, onEdit, onDelete, onClose }) {
  const { signal } = ctx;
  /** @type {number|null} */
  let shown = null;
  /** @type {EventPage|null} */
  let page = null;
  /** The parts built for the event shown (null until its first page is in). */
  /** @type {ReturnType<typeof build>|null} */
  let parts = null;
  /** Answers to older reads are dropped: only the latest read is drawn. */
  let ticket = 0;

  const root = h('div', { class: 'event-panel', role: 'region', testid: 'event-panel', 'aria-label': t('calendar.panel.label') });
  root.addEventListener(
    'keydown',
    (event) => {
      // Escape closes the panel; a combobox list or a dialog takes its own Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      onClose();
    },
    { signal },
  );

  const toast = (message) => ctx.app.toast(message, { kind: 'info' });
  const toastError = (error) => ctx.app.toast(describeError(error), { kind: 'error' });

  /** Reads the shown event's page and draws it. */
  async function load(focus = {}) {
    const id = shown;
    if (id === null) return;
    const mine = ++ticket;
    /** @type {EventPage} */
    let answer;
    try {
      answer = await eventPage(id);
    } catch (error) {
      if (mine !== ticket || signal.aborted) return;
      toastError(error);
      if (!page) drawFailed(error);
      return;
    }
    if (mine !== ticket || signal.aborted) return;
    page = answer;
    if (!parts) {
      parts = build(id);
      replaceChildren(root, parts.elements);
    }
    draw(focus);
  }

  /** A page that could not be read, with the way out. */
  function drawFailed(error) {
    replaceChildren(
      root,
      h(
        'div',
        { class: 'event-panel-titlebar' },
        h('p', { class: 'page-error' }, describeError(error)),
        closeButton(),
      ),
    );
  }

  function closeButton() {
    return h(
      'button',
      {
        type: 'button',
        class: 'flat circular',
        testid: 'event-panel-close',
        title: t('calendar.panel.close'),
        'aria-label': t('calendar.panel.close'),
        onclick: () => onClose(),
      },
      icon(ICONS.close),
    );
  }

  /**
   * Redraws the parts drawn from the page, then puts the focus back.
   * @param {{prefer?: Array<string|null|undefined>, title?: boolean, actedOn?: string|null}} focus
   *   test ids to focus, best first (the one focused before is tried after them); `title`
   *   focuses the title. The focus moves only when it was lost or is still on `actedOn`, the
   *   control of the change: one put elsewhere meanwhile (typing the next thing) stays.
   */
  function draw({ prefer = [], title = false, actedOn = null } = {}) {
    if (!page || !parts) return;
    const before = focusedTestid();
    const language = getLanguage();
    const { event } = page;
    root.setAttribute('aria-label', event.title);
    replaceChildren(parts.header, header(page, language));
    replaceChildren(parts.conflicts, conflicts(page.conflicts));
    parts.conflicts.hidden = page.conflicts.length === 0;
    parts.turnout.textContent = turnoutText(page.turnout, event.capacity, language);
    replaceChildren(parts.rsvpList, rsvpList(page.attendance));
    replaceChildren(parts.agendaList, agendaList(page, language));
    replaceChildren(parts.roleList, roleList(page.roles));
    replaceChildren(parts.checklist, checklist(page.checklist, event.timeZone, language));
    const active = /** @type {HTMLElement|null} */ (document.activeElement);
    const kept = !title && active && active !== document.body && root.contains(active) && !(actedOn && active.dataset.testid === actedOn);
    const wanted = kept ? [] : title ? ['event-panel-title'] : [...prefer, before];
    for (const testid of wanted) {
      const target = testid && /** @type {HTMLElement|null} */ (root.querySelector(`[data-testid="${testid}"]`));
      if (target && !(/** @type {HTMLButtonElement} */ (target).disabled)) {
        target.focus();
        break;
      }
    }
  }

  /** The test id of the focused control, when it is in the panel. */
  function focusedTestid() {
    const active = document.activeElement;
    if (!active || !root.contains(active)) return null;
    return /** @type {HTMLElement|null} */ (active.closest('[data-testid]'))?.dataset.testid ?? null;
  }

  /**
   * Runs one change through core, then reads the page again and draws it.
   * @template T
   * @param {HTMLButtonElement|HTMLInputElement|null} control  disabled while core answers.
   * @param {() => Promise<T>} run
   * @param {object} [options]
   * @param {Array<string|null|undefined>} [options.focus]  test ids to focus afterwards, best first.
   * @param {ReturnType<typeof formFields>} [options.fields]  where a field's error shows.
   * @param {(result: T) => void} [options.done]  after core said yes, before the redraw.
   * @returns {Promise<boolean>} whether core made the change.
   */
  async function act(control, run, { focus = [], fields, done } = {}) {
    const before = focusedTestid();
    if (control) control.disabled = true;
    /** @type {T} */
    let result;
    try {
      result = await run();
    } catch (raw) {
      if (control) control.disabled = false;
      if (signal.aborted) return false;
      const error = normaliseError(raw);
      if (!fields?.showError(error)) {
        toastError(error);
        if (control && before && control.dataset.testid === before) control.focus();
      }
      return false;
    }
    // A control that stays (an Add button) is pressed again for the next one.
    if (control) control.disabled = false;
    if (signal.aborted) return false;
    done?.(result);
    await load({ prefer: [...focus, before], actedOn: before });
    return true;
  }

  // ---- The parts built once for each event ---------------------------------------------

  /** @param {number} eventId */
  function build(eventId) {
    const header = h('header', { class: 'event-panel-header' });
    const conflictsPart = h('div', { class: 'event-panel-conflicts', hidden: true });

    const turnout = h('p', { class: 'event-panel-turnout', testid: 'rsvp-turnout' });
    const rsvpListPart = h('div', { class: 'event-panel-list-slot' });
    const answer = answerLine(eventId);
    const walkIn = walkInLine(eventId);

    const agendaListPart = h('div', { class: 'event-panel-list-slot' });
    const agendaAddLine = agendaLine(eventId);

    const roleListPart = h('div', { class: 'event-panel-list-slot' });
    const roleAddLine = roleLine(eventId);

    const checklistPart = h('div', { class: 'event-panel-list-slot' });
    const template = h(
      'button',
      { type: 'button', class: 'small', testid: 'checklist-template', onclick: () => addTemplate(eventId, template) },
      icon(ICONS.add),
      h('span', {}, t('calendar.panel.checklist.template')),
    );
    const taskLine = checklistLine(eventId);

    const elements = [
      header,
      conflictsPart,
      section('rsvp', t('calendar.panel.rsvp.title'), null, [turnout, answer, rsvpListPart, walkIn]),
      section('agenda', t('calendar.panel.agenda.title'), null, [agendaListPart, agendaAddLine]),
      section('roles', t('calendar.panel.roles.title'), null, [roleListPart, roleAddLine]),
      section('checklist', t('calendar.panel.checklist.title'), template, [checklistPart, taskLine]),
    ];
    return {
      elements,
      header,
      conflicts: conflictsPart,
      turnout,
      rsvpList: rsvpListPart,
      agendaList: agendaListPart,
      roleList: roleListPart,
      checklist: checklistPart,
    };
  }

  /**
   * @param {string} name
   * @param {string} title
   * @param {HTMLElement|null} action  a button beside the heading.
   * @param {HTMLElement[]} children
   */
  function section(name, title, action, children) {
    const headingId = `event-panel-${name}-heading`;
    return h(
      'section',
      { class: `event-panel-section event-panel-${name}`, 'aria-labelledby': headingId },
      h('div', { class: 'event-panel-section-header' }, h('h3', { id: headingId, tabindex: '-1' }, title), action),
      children,
    );
  }

  /** A member picker of this community in a labelled field (panel-forms.js). */
  function memberField(fields, name, id, label, onChange) {
    return pickerField({ fields, communityId, name, id, label, onChange });
  }

  /** Empties a picker, as if its text had been deleted. */
  function clearPicker(picker) {
    picker.input.value = '';
    picker.input.dispatchEvent(new Event('input'));
  }

  /** The answer line: a member, and going, maybe or not going for them. */
  function answerLine(eventId) {
    const fields = formFields();
    /** @type {HTMLButtonElement[]} */
    const buttons = ANSWERS.map((value) =>
      h(
        'button',
        { type: 'button', class: 'small', testid: `rsvp-${value}`, disabled: true, onclick: () => respond(value) },
        t(`calendar.panel.answer.${value}`),
      ),
    );
    const { picker, element } = memberField(fields, 'memberId', 'rsvp-member', t('calendar.panel.answer.member'), (member) => {
      for (const button of buttons) button.disabled = !member;
    });

    /** @param {'going'|'maybe'|'declined'} value */
    async function respond(value) {
      const member = picker.member();
      if (!member) return;
      const button = buttons[ANSWERS.indexOf(value)];
      await act(button, () => eventRespond(eventId, member.id, value), {
        fields,
        focus: ['rsvp-member'],
        done: (list) => {
          const mine = list.find((item) => item.memberId === member.id);
          const label = mine?.rsvp === 'waitlist' ? t('calendar.panel.rsvp.waitlist') : t(`events.rsvp.${mine?.rsvp ?? value}`);
          toast(t('calendar.panel.answer.done', { name: member.name, answer: label }));
          clearPicker(picker);
        },
      });
    }

    return h(
      'div',
      { class: 'event-panel-add event-panel-answer', role: 'group', 'aria-label': t('calendar.panel.answer.label') },
      element,
      h('div', { class: 'event-panel-buttons' }, buttons),
    );
  }

  /** Someone at the door who is not on the roster: added and checked in. */
  function walkInLine(eventId) {
    const fields = formFields();
    const name = h('input', { type: 'text', autocomplete: 'off', maxlength: LIMITS.member.name });
    const email = h('input', { type: 'text', inputmode: 'email', autocomplete: 'off', spellcheck: 'false', maxlength: LIMITS.member.email });
    const add = h('button', { type: 'submit', class: 'small', testid: 'walk-in-add' }, t('calendar.panel.walkIn.add'));
    const form = h(
      'form',
      {
        class: 'event-panel-add event-panel-walk-in',
        novalidate: true,
        'aria-labelledby': 'event-panel-walk-in-heading',
        oninput: fields.clearOnInput,
        onsubmit: async (event) => {
          event.preventDefault();
          fields.clearAll();
          const typed = name.value.trim();
          await act(add, () => eventWalkIn(eventId, name.value, email.value), {
            fields,
            focus: ['walk-in-name'],
            done: (attendance) => {
              toast(t('calendar.panel.walkIn.done', { name: attendance?.memberName || typed }));
              name.value = '';
              email.value = '';
            },
          });
        },
      },
      h('h4', { id: 'event-panel-walk-in-heading' }, t('calendar.panel.walkIn.title')),
      h('p', { class: 'field-hint' }, t('calendar.panel.walkIn.hint')),
      fields.field('name', 'walk-in-name', t('calendar.panel.walkIn.name'), name),
      fields.field('email', 'walk-in-email', t('calendar.panel.walkIn.email'), email),
      h('div', { class: 'event-panel-buttons' }, add),
    );
    return form;
  }

  /** The line that adds an agenda item at the end. */
  function agendaLine(eventId) {
    const fields = formFields();
    const title = h('input', { type: 'text', autocomplete: 'off', maxlength: TEXT_MAX.agendaTitle });
    const minutes = h('input', { type: 'number', min: 1, max: MINUTES_MAX, step: 1, value: '15', inputmode: 'numeric' });
    const speaker = memberField(fields, 'speakerMemberId', 'agenda-speaker', t('calendar.panel.agenda.speaker'));
    const add = h('button', { type: 'submit', class: 'small', testid: 'agenda-add' }, icon(ICONS.add), h('span', {}, t('calendar.panel.agenda.add')));
    const form = h(
      'form',
      {
        class: 'event-panel-add',
        novalidate: true,
        'aria-label': t('calendar.panel.agenda.addLabel'),
        oninput: fields.clearOnInput,
        onsubmit: async (event) => {
          event.preventDefault();
          fields.clearAll();
          const length = wholeNumber(minutes.value, 1, MINUTES_MAX);
          if (length === null) {
            localError(form, 'agenda-minutes', t('calendar.panel.agenda.minutesInvalid', { max: MINUTES_MAX }));
            return;
          }
          const who = pickedOrNone(speaker.picker, form, 'agenda-speaker');
          if (!who.ok) return;
          await act(add, () => agendaAdd(eventId, { title: title.value, minutes: length, speakerMemberId: who.id, notes: '' }), {
            fields,
            focus: ['agenda-title'],
            done: () => {
              title.value = '';
              minutes.value = '15';
              clearPicker(speaker.picker);
            },
          });
        },
      },
      fields.field('title', 'agenda-title', t('calendar.panel.agenda.itemTitle'), title),
      h(
        'div',
        { class: 'event-panel-columns is-number-first' },
        fields.field('minutes', 'agenda-minutes', t('calendar.panel.agenda.minutes'), minutes),
        speaker.element,
      ),
      h('div', { class: 'event-panel-buttons' }, add),
    );
    return form;
  }

  /** The line that gives a role to a member. */
  function roleLine(eventId) {
    const fields = formFields();
    const kind = h(
      'select',
      {},
      EVENT_ROLES.map((value) => h('option', { value }, t(`events.role.${value}`))),
    );
    const member = memberField(fields, 'memberId', 'role-member', t('calendar.panel.roles.member'));
    const note = h('input', { type: 'text', autocomplete: 'off', maxlength: TEXT_MAX.roleNote });
    const add = h('button', { type: 'submit', class: 'small', testid: 'role-add' }, icon(ICONS.add), h('span', {}, t('calendar.panel.roles.add')));
    const form = h(
      'form',
      {
        class: 'event-panel-add',
        novalidate: true,
        'aria-label': t('calendar.panel.roles.addLabel'),
        oninput: fields.clearOnInput,
        onsubmit: async (event) => {
          event.preventDefault();
          fields.clearAll();
          if (kind.value === 'other' && !note.value.trim()) {
            localError(form, 'role-note', t('calendar.panel.roles.noteRequired'));
            return;
          }
          const who = pickedOrNone(member.picker, form, 'role-member');
          if (!who.ok) return;
          await act(add, () => roleAssign(eventId, { role: kind.value, memberId: who.id, note: note.value }), {
            fields,
            focus: ['role-member'],
            done: () => {
              note.value = '';
              clearPicker(member.picker);
            },
          });
        },
      },
      h(
        'div',
        { class: 'event-panel-columns' },
        fields.field('role', 'role-kind', t('calendar.panel.roles.kind'), kind),
        member.element,
      ),
      fields.field('note', 'role-note', t('calendar.panel.roles.note'), note),
      h('div', { class: 'event-panel-buttons' }, add),
    );
    return form;
  }

  /** The line that adds a task to the checklist. */
  function checklistLine(eventId) {
    const fields = formFields();
    const title = h('input', { type: 'text', autocomplete: 'off', maxlength: TEXT_MAX.taskTitle });
    const offset = h('input', { type: 'number', min: -OFFSET_MAX, max: OFFSET_MAX, step: 1, value: '0' });
    const add = h('button', { type: 'submit', class: 'small', testid: 'checklist-add' }, icon(ICONS.add), h('span', {}, t('calendar.panel.checklist.add')));
    const offsetField = withHint(
      fields.field('offsetDays', 'checklist-offset', t('calendar.panel.checklist.offset'), offset),
      offset,
      'checklist-offset-hint',
      t('calendar.panel.checklist.offsetHint'),
    );
    const owner = memberField(fields, 'ownerMemberId', 'checklist-owner', t('calendar.panel.checklist.owner'));
    const form = h(
      'form',
      {
        class: 'event-panel-add',
        novalidate: true,
        'aria-label': t('calendar.panel.checklist.addLabel'),
        oninput: fields.clearOnInput,
        onsubmit: async (event) => {
          event.preventDefault();
          fields.clearAll();
          const days = wholeNumber(offset.value, -OFFSET_MAX, OFFSET_MAX);
          if (days === null) {
            localError(form, 'checklist-offset', t('calendar.panel.checklist.offsetInvalid', { max: OFFSET_MAX }));
            return;
          }
          const who = pickedOrNone(owner.picker, form, 'checklist-owner');
          if (!who.ok) return;
          await act(add, () => checklistAdd(eventId, { title: title.value, offsetDays: days, ownerMemberId: who.id }), {
            fields,
            focus: ['checklist-title'],
            done: () => {
              title.value = '';
              clearPicker(owner.picker);
            },
          });
        },
      },
      fields.field('title', 'checklist-title', t('calendar.panel.checklist.taskTitle'), title),
      h('div', { class: 'event-panel-columns is-number-first' }, offsetField, owner.element),
      h('div', { class: 'event-panel-buttons' }, add),
    );
    return form;
  }

  // ---- The parts drawn from each page --------------------------------------------------

  /**
   * @param {EventPage} current
   * @param {Locale} language
   */
  function header(current, language) {
    const { event, venue, series } = current;
    const where = [];
    if (venue) {
      where.push(h('span', { class: 'event-panel-venue' }, venue.address ? t('calendar.panel.where.venue', { name: venue.name, address: venue.address }) : venue.name));
    }
    if (event.onlineUrl) {
      where.push(
        h(
          'a',
          {
            href: event.onlineUrl,
            class: 'event-panel-link',
            title: t('calendar.panel.where.open'),
            onclick: (click) => {
              // Never navigate the app window: the system browser opens it.
              click.preventDefault();
              openLink(event.onlineUrl).catch(toastError);
            },
          },
          h('span', {}, event.onlineUrl),
          icon(LINK_ICON),
        ),
      );
    }
    return [
      h(
        'div',
        { class: 'event-panel-titlebar' },
        h('h2', { class: 'event-panel-title', id: 'event-panel-title', testid: 'event-panel-title', tabindex: '-1' }, event.title),
        closeButton(),
      ),
      h('p', { class: 'event-panel-when', testid: 'event-panel-when' }, eventWhen(event, language)),
      h(
        'p',
        { class: 'event-panel-facts' },
        h('span', { testid: 'event-panel-kind' }, t(`events.kind.${event.kind}`)),
        h('span', { 'aria-hidden': 'true' }, ' · '),
        h('span', { testid: 'event-panel-format' }, t(`events.format.${event.format}`)),
        h('span', { 'aria-hidden': 'true' }, ' · '),
        h('span', { class: `event-panel-status is-${event.status}`, testid: 'event-panel-status' }, t(`events.status.${event.status}`)),
      ),
      h(
        'p',
        { class: `event-panel-where${where.length ? '' : ' dim'}`, testid: 'event-panel-where' },
        where.length ? where : t('calendar.panel.where.none'),
      ),
      event.capacity != null && h('p', { class: 'event-panel-capacity', testid: 'event-panel-capacity' }, t('calendar.panel.capacity', { count: event.capacity })),
      series && h('p', { class: 'event-panel-series dim', testid: 'event-panel-series' }, t('calendar.panel.series', { count: series.occurrences })),
      event.description && h('p', { class: 'event-panel-description', testid: 'event-panel-description' }, event.description),
      h(
        'div',
        { class: 'event-panel-actions' },
        h('button', { type: 'button', testid: 'event-panel-edit', onclick: () => page && onEdit(page.event) }, icon(EDIT_ICON), h('span', {}, t('calendar.panel.edit'))),
        h(
          'button',
          {
            type: 'button',
            testid: 'event-panel-print',
            onclick: () => page && printMeetupPreview(page.event.id).catch(toastError),
          },
          icon(ICONS.print),
          h('span', {}, t('calendar.panel.print')),
        ),
        h(
          'button',
          { type: 'button', testid: 'event-panel-export', onclick: () => page && exportEvent(ctx, page.event) },
          icon(EXPORT_ICON),
          h('span', {}, t('calendar.panel.export')),
        ),
        h(
          'button',
          { type: 'button', class: 'destructive', testid: 'event-panel-delete', onclick: () => page && onDelete(page.event) },
          icon(REMOVE_ICON),
          h('span', {}, t('calendar.panel.delete')),
        ),
      ),
    ];
  }

  /** @param {Conflict[]} list */
  function conflicts(list) {
    if (list.length === 0) return [];
    return [
      h('h3', { class: 'event-panel-warning-title', id: 'event-panel-conflicts-heading' }, icon(ICONS.warning), h('span', {}, t('calendar.panel.conflicts.title'))),
      h(
        'ul',
        { class: 'event-panel-conflict-list', testid: 'event-conflicts', 'aria-labelledby': 'event-panel-conflicts-heading' },
        list.map((conflict) =>
          h(
            'li',
            { testid: 'event-conflict', 'data-kind': conflict.kind, 'data-other-event': conflict.otherEventId },
            conflict.kind === 'venue'
              ? t('calendar.panel.conflicts.venue', { title: conflict.otherTitle })
              : t('calendar.panel.conflicts.person', { name: conflict.memberName || t('calendar.panel.forgotten'), title: conflict.otherTitle }),
          ),
        ),
      ),
    ];
  }

  /** @param {Attendance[]} attendance */
  function rsvpList(attendance) {
    if (attendance.length === 0) return h('p', { class: 'event-panel-empty', testid: 'rsvp-empty' }, t('calendar.panel.rsvp.empty'));
    const places = waitlistPlaces(attendance);
    const language = getLanguage();
    return h(
      'ul',
      { class: 'card event-panel-list', testid: 'rsvp-list', 'aria-labelledby': 'event-panel-rsvp-heading' },
      attendance.map((answer) => rsvpRow(answer, places.get(answer.id) ?? 0, language)),
    );
  }

  /**
   * @param {Attendance} answer
   * @param {number} place  on the waitlist, when waiting.
   * @param {Locale} language
   */
  function rsvpRow(answer, place, language) {
    const key = rsvpKey(answer);
    const memberId = answer.memberId;
    const name = answer.memberName || t('calendar.panel.forgotten');
    const came = answer.checkedInAt !== null && answer.checkedInAt !== undefined;
    const status = answer.rsvp === 'waitlist' ? t('calendar.panel.rsvp.waitlistPlace', { place: ordinal(place, language) }) : t(`events.rsvp.${answer.rsvp}`);
    const feedback = [
      answer.feedbackScore != null && t('calendar.panel.rsvp.score', { score: answer.feedbackScore }),
      answer.nps != null && t('calendar.panel.rsvp.nps', { nps: answer.nps }),
    ].filter(Boolean);
    const button = (testid, label, accessible, run, className = 'small') =>
      h('button', { type: 'button', class: className, testid, 'aria-label': accessible, onclick: (event) => run(event.currentTarget) }, label);
    const buttons =
      memberId === null || memberId === undefined || shown === null
        ? []
        : [
            !came &&
              button(`rsvp-check-in-${memberId}`, t('calendar.panel.rsvp.checkIn'), t('calendar.panel.rsvp.checkInLabel', { name }), (control) =>
                checkIn(memberId, name, control),
              ),
            came &&
              button(`rsvp-undo-check-in-${memberId}`, t('calendar.panel.rsvp.undoCheckIn'), t('calendar.panel.rsvp.undoCheckInLabel', { name }), (control) =>
                undoCheckIn(memberId, name, control),
              ),
            came &&
              button(`rsvp-feedback-${memberId}`, t('calendar.panel.rsvp.feedback'), t('calendar.panel.rsvp.feedbackLabel', { name }), () =>
                feedbackDialog(answer, name),
              ),
            !came &&
              answer.rsvp !== 'declined' &&
              button(`rsvp-decline-${memberId}`, t('calendar.panel.rsvp.decline'), t('calendar.panel.rsvp.declineLabel', { name }), (control) =>
                decline(memberId, name, control),
              ),
          ];
    return h(
      'li',
      {
        class: `event-panel-row rsvp-row is-${answer.rsvp}${came ? ' is-came' : ''}`,
        testid: `rsvp-row-${key}`,
        'data-rsvp': answer.rsvp,
        'data-checked-in': String(came),
      },
      h(
        'div',
        { class: 'row-text' },
        h('span', { class: `row-label${answer.memberName ? '' : ' dim'}`, testid: `rsvp-name-${key}` }, name),
        h(
          'span',
          { class: 'event-panel-marks' },
          h('span', { class: `event-panel-chip is-${answer.rsvp}`, testid: `rsvp-answer-${key}` }, status),
          came && h('span', { class: 'event-panel-chip is-came', testid: `rsvp-came-${key}` }, icon(ICONS.check), h('span', {}, t('calendar.panel.rsvp.came'))),
          answer.walkIn && h('span', { class: 'event-panel-chip is-walk-in', testid: `rsvp-walk-in-${key}` }, t('calendar.panel.rsvp.walkIn')),
        ),
        feedback.length > 0 && h('span', { class: 'dim event-panel-feedback', testid: `rsvp-feedback-shown-${key}` }, feedback.join(' · ')),
        answer.comment && h('span', { class: 'event-panel-comment' }, answer.comment),
      ),
      buttons.some(Boolean) && h('div', { class: 'event-panel-row-actions' }, buttons),
    );
  }

  async function checkIn(memberId, name, control) {
    const id = shown;
    await act(control, () => eventCheckIn(id, memberId), {
      focus: [`rsvp-undo-check-in-${memberId}`],
      done: () => toast(t('calendar.panel.rsvp.checkedIn', { name })),
    });
  }

  async function undoCheckIn(memberId, name, control) {
    const id = shown;
    await act(control, () => eventUndoCheckIn(id, memberId), {
      // A walk-in the check-in added is gone with it: then the answer line is next.
      focus: [`rsvp-check-in-${memberId}`, 'rsvp-member'],
      done: () => toast(t('calendar.panel.rsvp.undone', { name })),
    });
  }

  async function decline(memberId, name, control) {
    const id = shown;
    await act(control, () => eventRespond(id, memberId, 'declined'), {
      focus: [`rsvp-check-in-${memberId}`],
      done: () => toast(t('calendar.panel.answer.done', { name, answer: t('events.rsvp.declined') })),
    });
  }

  /**
   * What a member who came thought of the event.
   * @param {Attendance} answer
   * @param {string} name
   */
  function feedbackDialog(answer, name) {
    const eventId = shown;
    const memberId = answer.memberId;
    if (eventId === null || memberId === null || document.querySelector('dialog[open]')) return;
    const { field, showError, clearOnInput, clearAll } = formFields();
    const choices = (from, to, current) => [
      h('option', { value: '', selected: current == null }, t('calendar.panel.feedback.none')),
      Array.from({ length: to - from + 1 }, (_, index) => from + index).map((value) =>
        h('option', { value: String(value), selected: current === value }, String(value)),
      ),
    ];
    const score = h('select', {}, choices(1, 5, answer.feedbackScore));
    const nps = h('select', {}, choices(0, 10, answer.nps));
    const comment = h('textarea', { rows: 4, maxlength: TEXT_MAX.comment }, answer.comment ?? '');
    const save = h('button', { type: 'submit', class: 'suggested', testid: 'feedback-save' }, t('calendar.panel.feedback.save'));
    const dialog = formDialog({
      testid: 'feedback-dialog',
      title: t('calendar.panel.feedback.title', { name }),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h(
          'div',
          { class: 'field-columns' },
          withHint(field('score', 'feedback-score', t('calendar.panel.feedback.score'), score), score, 'feedback-score-hint', t('calendar.panel.feedback.scoreHint')),
          withHint(field('nps', 'feedback-nps', t('calendar.panel.feedback.nps'), nps), nps, 'feedback-nps-hint', t('calendar.panel.feedback.npsHint')),
        ),
        field('comment', 'feedback-comment', t('calendar.panel.feedback.comment'), comment),
      ),
      buttons: editButtons({ prefix: 'feedback', save, dialog: () => dialog }),
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        save.disabled = true;
        try {
          await eventFeedback(eventId, memberId, {
            score: score.value === '' ? null : Number(score.value),
            nps: nps.value === '' ? null : Number(nps.value),
            comment: comment.value,
          });
        } catch (raw) {
          save.disabled = false;
          const error = normaliseError(raw);
          if (!showError(error)) toastError(error);
          return;
        }
        dialog.finish(true);
        if (signal.aborted) return;
        toast(t('calendar.panel.feedback.saved', { name }));
        await load({ prefer: [`rsvp-feedback-${memberId}`] });
      },
      unsavedLabel: () => t('calendar.panel.feedback.unsaved', { name }),
    });
    score.focus();
  }

  /**
   * @param {EventPage} current
   * @param {Locale} language
   */
  function agendaList(current, language) {
    const { agenda, event } = current;
    const over = agendaOverrun(event, agenda);
    const warning =
      over > 0 &&
      h(
        'p',
        { class: 'event-panel-warning', testid: 'agenda-overrun', role: 'note' },
        icon(ICONS.warning),
        h('span', {}, t('calendar.panel.agenda.overrun', {
            count: over,
            end: event.allDay ? formatDate(wallDate(event.end), language, { timeZone: 'UTC' }) : clockText(event.end.slice(11, 16), language),
          })),
      );
    if (agenda.length === 0) return h('p', { class: 'event-panel-empty', testid: 'agenda-empty' }, t('calendar.panel.agenda.empty'));
    return [
      warning,
      h(
        'ol',
        { class: 'card event-panel-list', testid: 'agenda-list', 'aria-labelledby': 'event-panel-agenda-heading' },
        agenda.map((item, index) => agendaRow(item, index, agenda, language)),
      ),
    ];
  }

  /**
   * @param {AgendaItem} item
   * @param {number} index
   * @param {AgendaItem[]} agenda
   * @param {Locale} language
   */
  function agendaRow(item, index, agenda, language) {
    const last = agenda.length - 1;
    const time = `${clockText(item.starts, language)}–${clockText(item.ends, language)}`;
    const details = [t('calendar.panel.agenda.length', { count: item.minutes }), item.speakerName].filter(Boolean).join(' · ');
    const neighbour = (agenda[index + 1] ?? agenda[index - 1])?.id;
    const move = (position, control) =>
      act(control, () => agendaMove(item.id, position), { focus: [`agenda-${position < index ? 'up' : 'down'}-${item.id}`, `agenda-up-${item.id}`, `agenda-down-${item.id}`] });
    return h(
      'li',
      { class: 'event-panel-row agenda-row', testid: `agenda-row-${item.id}`, 'data-position': index, 'data-record': `agenda_items:${item.uid}` },
      h(
        'div',
        { class: 'row-text' },
        h('span', { class: 'agenda-time', testid: `agenda-time-${item.id}` }, time),
        h('span', { class: 'row-label' }, item.title),
        h('span', { class: 'dim' }, details),
        item.notes && h('span', { class: 'event-panel-comment' }, item.notes),
      ),
      h(
        'div',
        { class: 'event-panel-row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `agenda-edit-${item.id}`,
            title: t('calendar.panel.agenda.edit'),
            'aria-label': t('calendar.panel.agenda.editLabel', { title: item.title }),
            onclick: () => editInDialog(`agenda-edit-${item.id}`, () => agendaItemDialog({ communityId, item, toastError })),
          },
          icon(EDIT_ICON),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `agenda-up-${item.id}`,
            disabled: index === 0,
            title: t('calendar.panel.agenda.up'),
            'aria-label': t('calendar.panel.agenda.upLabel', { title: item.title }),
            onclick: (event) => move(index - 1, event.currentTarget),
          },
          icon(UP_ICON),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `agenda-down-${item.id}`,
            disabled: index === last,
            title: t('calendar.panel.agenda.down'),
            'aria-label': t('calendar.panel.agenda.downLabel', { title: item.title }),
            onclick: (event) => move(index + 1, event.currentTarget),
          },
          icon(DOWN_ICON),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `agenda-remove-${item.id}`,
            title: t('calendar.panel.agenda.remove'),
            'aria-label': t('calendar.panel.agenda.removeLabel', { title: item.title }),
            onclick: (event) =>
              act(event.currentTarget, () => agendaRemove(item.id), {
                focus: [neighbour && `agenda-remove-${neighbour}`, 'agenda-title'],
                done: () => toast(t('calendar.panel.agenda.removed', { title: item.title })),
              }),
          },
          icon(REMOVE_ICON),
        ),
      ),
    );
  }

  /** @param {EventRole[]} roles */
  function roleList(roles) {
    if (roles.length === 0) return h('p', { class: 'event-panel-empty', testid: 'roles-empty' }, t('calendar.panel.roles.empty'));
    return h(
      'ul',
      { class: 'card event-panel-list', testid: 'role-list', 'aria-labelledby': 'event-panel-roles-heading' },
      roles.map((role, index) => {
        const label = t(`events.role.${role.role}`);
        const who = role.memberName || (role.memberId === null ? t('calendar.panel.roles.nobody') : t('calendar.panel.forgotten'));
        const neighbour = (roles[index + 1] ?? roles[index - 1])?.id;
        return h(
          'li',
          { class: 'event-panel-row role-row', testid: `role-row-${role.id}`, 'data-role': role.role, 'data-record': `event_roles:${role.uid}` },
          h(
            'div',
            { class: 'row-text' },
            h('span', { class: 'row-label' }, label),
            h('span', { class: role.memberName ? '' : 'dim', testid: `role-member-name-${role.id}` }, who),
            role.note && h('span', { class: 'dim' }, role.note),
          ),
          h(
            'div',
            { class: 'event-panel-row-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'flat circular',
                testid: `role-remove-${role.id}`,
                title: t('calendar.panel.roles.remove'),
                'aria-label': t('calendar.panel.roles.removeLabel', { role: label, name: who }),
                onclick: (event) =>
                  act(event.currentTarget, () => roleRemove(role.id), {
                    focus: [neighbour && `role-remove-${neighbour}`, 'role-kind'],
                    done: () => toast(t('calendar.panel.roles.removed', { role: label, name: who })),
                  }),
              },
              icon(REMOVE_ICON),
            ),
          ),
        );
      }),
    );
  }

  /**
   * @param {EventTask[]} tasks
   * @param {string} zone  the event's.
   * @param {Locale} language
   */
  function checklist(tasks, zone, language) {
    if (tasks.length === 0) return h('p', { class: 'event-panel-empty', testid: 'checklist-empty' }, t('calendar.panel.checklist.empty'));
    const today = todayIn(zone);
    return PHASES.map((phase) => {
      const inPhase = tasks.filter((task) => taskPhase(task.offsetDays) === phase);
      if (inPhase.length === 0) return null;
      const headingId = `event-panel-checklist-${phase}`;
      return h(
        'div',
        { class: 'event-panel-phase', testid: `checklist-phase-${phase}` },
        h('h4', { id: headingId }, t(`calendar.panel.checklist.phase.${phase}`)),
        h(
          'ul',
          { class: 'card event-panel-list', 'aria-labelledby': headingId },
          inPhase.map((task) => taskRow(task, tasks, today, language)),
        ),
      );
    });
  }

  /**
   * @param {EventTask} task
   * @param {EventTask[]} tasks  all of them, in order (for where the focus goes after a removal).
   * @param {string} today
   * @param {Locale} language
   */
  function taskRow(task, tasks, today, language) {
    const overdue = isOverdue(task, today);
    const checkboxId = `checklist-done-${task.id}`;
    const index = tasks.indexOf(task);
    const neighbour = (tasks[index + 1] ?? tasks[index - 1])?.id;
    const offset =
      task.offsetDays === 0
        ? t('calendar.panel.checklist.onTheDay')
        : t(task.offsetDays < 0 ? 'calendar.panel.checklist.daysBefore' : 'calendar.panel.checklist.daysAfter', { count: Math.abs(task.offsetDays) });
    const due = formatDate(wallDate(task.due), language, { timeZone: 'UTC' });
    return h(
      'li',
      {
        class: `event-panel-row checklist-row${task.done ? ' is-done' : ''}${overdue ? ' is-overdue' : ''}`,
        testid: `checklist-row-${task.id}`,
        'data-record': `event_tasks:${task.uid}`,
        'data-done': String(task.done),
        'data-overdue': String(overdue),
      },
      h('input', {
        type: 'checkbox',
        id: checkboxId,
        testid: checkboxId,
        checked: task.done,
        onchange: (event) => {
          const box = /** @type {HTMLInputElement} */ (event.currentTarget);
          act(box, () => checklistSetDone(task.id, box.checked), { focus: [checkboxId] }).then((changed) => {
            // Refused: the box shows what core has, not the click.
            if (!changed && box.isConnected) box.checked = task.done;
          });
        },
      }),
      h(
        'label',
        { class: 'row-text', for: checkboxId },
        h('span', { class: 'row-label' }, task.title),
        h('span', { class: 'dim', testid: `checklist-due-${task.id}` }, t('calendar.panel.checklist.when', { offset, date: due })),
        task.ownerMemberId !== null &&
          h('span', { class: 'dim', testid: `checklist-owner-${task.id}` }, t('calendar.panel.checklist.ownedBy', { name: task.ownerName || t('calendar.panel.forgotten') })),
      ),
      overdue && h('span', { class: 'event-panel-chip is-overdue', testid: `checklist-overdue-${task.id}` }, t('calendar.panel.checklist.overdue')),
      h(
        'div',
        { class: 'event-panel-row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `checklist-edit-${task.id}`,
            title: t('calendar.panel.checklist.edit'),
            'aria-label': t('calendar.panel.checklist.editLabel', { title: task.title }),
            onclick: () => editInDialog(`checklist-edit-${task.id}`, () => taskDialog({ communityId, task, toastError })),
          },
          icon(EDIT_ICON),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'flat circular',
            testid: `checklist-remove-${task.id}`,
            title: t('calendar.panel.checklist.remove'),
            'aria-label': t('calendar.panel.checklist.removeLabel', { title: task.title }),
            onclick: (event) =>
              act(event.currentTarget, () => checklistRemove(task.id), {
                focus: [neighbour && `checklist-remove-${neighbour}`, 'checklist-title'],
                done: () => toast(t('calendar.panel.checklist.removed', { title: task.title })),
              }),
          },
          icon(REMOVE_ICON),
        ),
      ),
    );
  }

  /**
   * Opens an edit dialog over the panel; once core has saved, the page is read again and
   * the focus goes back to the row's Edit button.
   * @param {string} editTestid
   * @param {() => Promise<boolean>} open
   */
  async function editInDialog(editTestid, open) {
    if (document.querySelector('dialog[open]')) return;
    const saved = await open();
    if (saved && !signal.aborted) await load({ prefer: [editTestid] });
  }

  /** Adds the usual tasks and says how many were new. */
  async function addTemplate(eventId, button) {
    const before = page?.checklist.length ?? 0;
    await act(button, () => checklistAddTemplate(eventId), {
      focus: ['checklist-template'],
      done: (tasks) => {
        const added = tasks.length - before;
        toast(added > 0 ? t('calendar.panel.checklist.templateAdded', { count: added }) : t('calendar.panel.checklist.templateComplete'));
      },
    });
  }

  return {
    /** Reads event `eventId` and draws it; a new event takes the focus to its title. */
    async show(eventId) {
      if (root.parentNode !== container) container.replaceChildren(root);
      const fresh = eventId !== shown;
      if (fresh) {
        shown = eventId;
        page = null;
        parts = null;
        root.setAttribute('aria-label', t('calendar.panel.label'));
        replaceChildren(root, h('p', { class: 'event-panel-loading dim', testid: 'event-panel-loading' }, t('app.loading')));
      }
      await load({ title: fresh });
    },
    /** Reads the shown event again (after the calendar moved or edited it). */
    async refresh() {
      await load();
    },
    shownId: () => shown,
    /** Shows nothing; an answer still on its way is dropped. */
    clear() {
      ticket++;
      shown = null;
      page = null;
      parts = null;
      replaceChildren(root);
      container.replaceChildren();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Errors

/**
 * A sentence for an error of the panel: core refuses a check-in before the event's day
 * with a field of its own, which gets its own sentence; the rest as everywhere.
 * @param {unknown} raw
 */
function describeError(raw) {
  const error = normaliseError(raw);
  if (error.field === 'checkIn') return t('calendar.panel.rsvp.tooEarly');
  return errorMessage(error);
}
