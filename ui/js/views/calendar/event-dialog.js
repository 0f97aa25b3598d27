/**
 * The event form: a new event (once, or repeating: weekly, every N weeks, monthly by date or
 * by weekday, until a count or a day), or an edit of one. Times are typed as "2027-03-11 19:00"
 * in the event's zone (whole days as "2027-03-11"): typed text, which every keyboard and
 * every webview takes alike. Core checks everything and its refusals show under the field
 * they concern; an edit of an occurrence asks which occurrences it is for (changes.js).
 */

import { eventCreate, seriesCreate } from '../../api/events.js';
import { formDialog, formFields, editButtons } from '../../components/form-dialog.js';
import { h } from '../../dom.js';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_STATUSES, LIMITS } from '../../contract/values.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { timeZoneSearch } from '../../api/community.js';
import { combobox } from '../../components/combobox.js';
import { inputOf } from './time.js';

/** @typedef {import('../../contract/types.js').Event} CalendarEvent */
/** @typedef {import('../../contract/types.js').EventInput} EventInput */
/** @typedef {import('../../contract/types.js').Venue} Venue */

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {string} options.zone  the community's.
 * @param {Venue[]} options.venues
 * @param {CalendarEvent|null} options.event  null: a new event.
 * @param {string} [options.day]  a new event's day ("2027-03-11").
 * @param {(event: CalendarEvent, input: EventInput) => Promise<boolean>} [options.saveEdit]
 *   saves an edit (asking the scope for an occurrence); false when the person cancelled.
 * @param {(event: CalendarEvent|null) => void} options.done  what was saved, null if nothing.
 * @param {(event: CalendarEvent) => void} [options.onDelete]
 */
export function eventDialog({ communityId, zone, venues, event, day, saveEdit, done, onDelete }) {
  const fields = formFields();
  const start = event ? inputOf(event) : null;
  const input = (props) => h('input', { type: 'text', autocomplete: 'off', ...props });
  const select = (values, label, chosen) =>
    h('select', {}, values.map((value) => h('option', { value, selected: value === chosen }, label(value))));

  const title = input({ value: start?.title ?? '', maxlength: LIMITS.event.title, required: true });
  const kind = select(EVENT_KINDS, (k) => t(`events.kind.${k}`), start?.kind ?? 'meetup');
  const format = select(EVENT_FORMATS, (f) => t(`events.format.${f}`), start?.format ?? 'offline');
  const status = select(EVENT_STATUSES, (s) => t(`events.status.${s}`), start?.status ?? 'planned');
  const allDay = h('input', { type: 'checkbox', checked: start?.allDay ?? false, testid: 'event-all-day', id: 'event-all-day' });
  const typedTime = (text, whole) => (whole ? text : text.replace('T', ' '));
  const firstDay = day ?? new Date().toISOString().slice(0, 10);
  const startAt = input({ value: start ? typedTime(start.start, start.allDay) : `${firstDay} 19:00`, placeholder: t('calendar.form.timePlaceholder') });
  const endAt = input({ value: start ? typedTime(start.end, start.allDay) : `${firstDay} 21:00`, placeholder: t('calendar.form.timePlaceholder') });
  // Found by a city or a country as typed (core's zone search); what is typed still counts.
  const zoneBox = combobox({
    id: 'event-time-zone',
    testid: 'event-time-zone',
    listLabel: t('calendar.form.zoneList'),
    emptyText: (query) => t('calendar.form.zoneNone', { query }),
    search: (query) => timeZoneSearch(query, getLanguage()),
    label: (match) => t(match.country ? 'calendar.form.zoneOption' : 'calendar.form.zoneOptionNoCountry', match),
    detail: (match) => match.zone,
    value: (match) => match.zone,
  });
  const timeZone = zoneBox.input;
  timeZone.value = start?.timeZone ?? zone;
  timeZone.maxLength = 64;
  const venue = h(
    'select',
    {},
    h('option', { value: '' }, t('calendar.form.noVenue')),
    venues.map((v) => h('option', { value: String(v.id), selected: v.id === start?.venueId }, v.name)),
  );
  const onlineUrl = input({ type: 'url', value: start?.onlineUrl ?? '', maxlength: LIMITS.event.onlineUrl, placeholder: 'https://' });
  const capacity = input({ inputmode: 'numeric', value: start?.capacity ?? '' });
  const description = h('textarea', { rows: 3, maxlength: LIMITS.event.description }, start?.description ?? '');

  // Repeating: only for a new event (a series' rule is set when it is made).
  const repeat = h(
    'select',
    {},
    ['', 'weekly', 'monthly_by_date', 'monthly_by_weekday'].map((value) =>
      h('option', { value }, t(`calendar.form.repeat.${value || 'none'}`)),
    ),
  );
  const interval = input({ inputmode: 'numeric', value: '1' });
  const count = input({ inputmode: 'numeric', value: '6' });
  const until = input({ value: '', placeholder: t('calendar.form.dayPlaceholder') });
  const lastWeekday = h('input', { type: 'checkbox', testid: 'event-last-weekday', id: 'event-last-weekday' });
  const repeatDetails = h(
    'div',
    { class: 'event-repeat-details', hidden: true },
    fields.field('interval', 'event-interval', t('calendar.form.interval'), interval),
    fields.field('count', 'event-count', t('calendar.form.count'), count),
    fields.field('until', 'event-until', t('calendar.form.until'), until),
    h('label', { class: 'check', for: 'event-last-weekday' }, lastWeekday, t('calendar.form.lastWeekday')),
  );
  const syncRepeat = () => {
    repeatDetails.hidden = !repeat.value;
    lastWeekday.closest('label').hidden = repeat.value !== 'monthly_by_weekday';
  };
  repeat.addEventListener('change', syncRepeat);

  const body = h(
    'div',
    { class: 'event-form' },
    fields.field('title', 'event-title', t('calendar.form.title'), title),
    h(
      'div',
      { class: 'field-row' },
      fields.field('kind', 'event-kind', t('calendar.form.kind'), kind),
      fields.field('format', 'event-format', t('calendar.form.format'), format),
      fields.field('status', 'event-status', t('calendar.form.status'), status),
    ),
    h('label', { class: 'check', for: 'event-all-day' }, allDay, t('calendar.form.allDay')),
    h(
      'div',
      { class: 'field-row' },
      fields.field('start', 'event-start', t('calendar.form.start'), startAt, { columns: 'starts_at' }),
      fields.field('end', 'event-end', t('calendar.form.end'), endAt, { columns: 'ends_at' }),
    ),
    zoneField(),
    h(
      'div',
      { class: 'field-row' },
      fields.field('venueId', 'event-venue', t('calendar.form.venue'), venue),
      fields.field('capacity', 'event-capacity', t('calendar.form.capacity'), capacity),
    ),
    fields.field('onlineUrl', 'event-online-url', t('calendar.form.onlineUrl'), onlineUrl),
    fields.field('description', 'event-description', t('calendar.form.description'), description),
    event ? null : fields.field('repeat', 'event-repeat', t('calendar.form.repeat.label'), repeat),
    event ? null : repeatDetails,
    h('p', { class: 'form-error', testid: 'event-form-error', role: 'alert', hidden: true }),
  );
  const formError = /** @type {HTMLElement} */ (body.querySelector('.form-error'));

  /** The zone's field, with the combobox's list in place of the bare input. */
  function zoneField() {
    const element = fields.field('timeZone', 'event-time-zone', t('calendar.form.timeZone'), timeZone);
    timeZone.replaceWith(zoneBox.element);
    zoneBox.element.prepend(timeZone);
    return element;
  }
  syncRepeat();

  /** @returns {EventInput} */
  const typed = () => {
    const time = (text) => {
      const trimmed = text.trim().replace(/\s+/, 'T');
      return allDay.checked ? trimmed.slice(0, 10) : trimmed;
    };
    return {
      title: title.value,
      kind: kind.value,
      format: format.value,
      start: time(startAt.value),
      end: time(endAt.value),
      timeZone: timeZone.value.trim(),
      allDay: allDay.checked,
      venueId: venue.value ? Number(venue.value) : null,
      onlineUrl: onlineUrl.value.trim(),
      capacity: capacity.value.trim() || null,
      status: status.value,
      description: description.value,
    };
  };
  const number = (field) => (field.value.trim() === '' ? null : Number(field.value.trim()));

  const save = h('button', { type: 'submit', class: 'suggested', testid: 'event-save' }, event ? t('calendar.form.save') : t('calendar.form.create'));
  const dialog = formDialog({
    testid: 'event-dialog',
    record: event && `events:${event.uid}`,
    title: event ? t('calendar.form.editTitle') : t('calendar.form.newTitle'),
    body,
    wide: true,
    buttons: editButtons({
      prefix: 'event',
      save,
      dialog: () => dialog,
      onDelete: event && onDelete ? () => onDelete(event) : null,
      deleteLabel: t('calendar.delete.confirm'),
    }),
    onsubmit: async () => {
      fields.clearAll();
      formError.hidden = true;
      const values = typed();
      try {
        if (event) {
          if (!(await saveEdit?.(event, values))) return;
          dialog.finish(event);
        } else if (repeat.value) {
          const series = await seriesCreate(communityId, values, {
            repeat: repeat.value,
            interval: number(interval),
            lastWeekday: lastWeekday.checked,
            count: until.value.trim() ? null : number(count),
            until: until.value.trim() || null,
          });
          dialog.finish(series.occurrences[0] ?? null);
        } else {
          dialog.finish(await eventCreate(communityId, values));
        }
      } catch (error) {
        if (!fields.showError(error)) {
          formError.textContent = errorMessage(error);
          formError.hidden = false;
        }
      }
    },
    onclose: (saved) => done(saved ?? null),
  });
  title.focus();
  return dialog;
}
