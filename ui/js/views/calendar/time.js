/**
 * Wall-clock times in a zone, as the calendar needs them. The calendar shows the community's
 * zone whatever the machine's; the widget is given each event's start and end as that zone's
 * wall clock written as if it were UTC ("2027-03-11T19:00:00Z" for 19:00 in Lisbon), so its
 * grid, its "today" and its drags all count in that zone with no time zone plugin. Moving an
 * event then gives a new wall-clock time in the community's zone, which becomes a wall-clock
 * time in the event's own zone (usually the same) for core.
 *
 * Conversions go through `Intl.DateTimeFormat`, which knows the zone database.
 */

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/** @param {string} zone */
function partsFormat(zone) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/**
 * The wall clock in `zone` at instant `ms`, as milliseconds of a UTC date with the same
 * fields ("fake UTC").
 * @param {number} ms
 * @param {string} zone
 */
export function wallClock(ms, zone) {
  const parts = Object.fromEntries(partsFormat(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
}

/**
 * The instant at which the wall clock in `zone` shows `wall` (fake-UTC milliseconds). A time
 * the clocks skip is taken with the offset from before the jump; one they pass twice is the
 * first, as core does.
 * @param {number} wall
 * @param {string} zone
 */
export function instantOf(wall, zone) {
  // The offset is wall clock minus instant; two rounds settle it except inside a jump.
  let instant = wall - (wallClock(wall, zone) - wall);
  instant = wall - (wallClock(instant, zone) - instant);
  const earlier = wall - (wallClock(instant - 3_600_000, zone) - (instant - 3_600_000));
  if (wallClock(earlier, zone) === wall && earlier < instant) return earlier;
  return instant;
}

/**
 * "2027-03-11T19:00" (or "2027-03-11" for `dayOnly`) from fake-UTC milliseconds.
 * @param {number} wall
 * @param {boolean} [dayOnly]
 */
export function wallText(wall, dayOnly = false) {
  const iso = new Date(wall).toISOString();
  return dayOnly ? iso.slice(0, 10) : iso.slice(0, 16);
}

/**
 * Fake-UTC milliseconds from "2027-03-11T19:00" or "2027-03-11".
 * @param {string} text
 */
export function wallFromText(text) {
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text.slice(0, 16)}:00Z`);
}

/** One day, in milliseconds. */
export const DAY = 86_400_000;

/**
 * Where an event stands on the community's calendar: its start and end as the community's
 * wall clock (whole-day events by their days, the end the day after the last).
 * @param {import('../../contract/types.js').Event} event
 * @param {string} communityZone
 * @returns {{start: number, end: number}}
 */
export function onCalendar(event, communityZone) {
  if (event.allDay) {
    return { start: wallFromText(event.start), end: wallFromText(event.end) + DAY };
  }
  if (event.timeZone === communityZone) {
    return { start: wallFromText(event.start), end: wallFromText(event.end) };
  }
  return {
    start: wallClock(Date.parse(event.startsAt), communityZone),
    end: wallClock(Date.parse(event.endsAt), communityZone),
  };
}

/**
 * The form core takes for an event (`EventInput`), with new times: `start` and `end` are
 * the community's wall clock (fake UTC) as the calendar gives them, and become the event's
 * own zone's wall clock. A whole-day event gives its first and last day.
 * @param {import('../../contract/types.js').Event} event
 * @param {{start: number, end: number, allDay: boolean}} at
 * @param {string} communityZone
 * @returns {import('../../contract/types.js').EventInput}
 */
export function movedInput(event, at, communityZone) {
  const input = inputOf(event);
  input.allDay = at.allDay;
  if (at.allDay) {
    input.start = wallText(at.start, true);
    input.end = wallText(Math.max(at.start, at.end - DAY), true);
    return input;
  }
  const zone = event.timeZone || communityZone;
  const inZone = (wall) => (zone === communityZone ? wall : wallClock(instantOf(wall, communityZone), zone));
  input.start = wallText(inZone(at.start));
  input.end = wallText(inZone(at.end));
  return input;
}

/**
 * An event as core's `EventInput`, unchanged.
 * @param {import('../../contract/types.js').Event} event
 * @returns {import('../../contract/types.js').EventInput}
 */
export function inputOf(event) {
  return {
    title: event.title,
    kind: event.kind,
    format: event.format,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    allDay: event.allDay,
    venueId: event.venueId,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity == null ? null : String(event.capacity),
    status: event.status,
    description: event.description,
  };
}

/**
 * The days a view shows, as core lists them ("2027-03-01" to "2027-04-11", both included),
 * from the widget's range (fake UTC, end exclusive).
 * @param {number} start
 * @param {number} end
 */
export function daysOf(start, end) {
  return { from: wallText(start, true), to: wallText(end - DAY, true) };
}
