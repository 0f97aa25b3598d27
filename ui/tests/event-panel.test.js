import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  agendaOverrun,
  clockText,
  eventWhen,
  isOverdue,
  todayIn,
  ordinal,
  rsvpKey,
  taskPhase,
  turnoutText,
  waitlistPlaces,
  wallDate,
  wholeNumber,
} from '../js/views/calendar/event-panel.js';

const meetup = {
  start: '2027-03-11T19:00',
  end: '2027-03-11T21:30',
  startsAt: '2027-03-11T19:00:00Z',
  endsAt: '2027-03-11T21:30:00Z',
  timeZone: 'Europe/Lisbon',
  allDay: false,
};

test('wall-clock texts read back as written, whatever the machine’s zone', () => {
  assert.equal(wallDate('2027-03-11T19:00').toISOString(), '2027-03-11T19:00:00.000Z');
  assert.equal(wallDate('2027-03-11').toISOString(), '2027-03-11T00:00:00.000Z');
});

test('when: the day, the clock times and the event’s own zone', () => {
  const english = eventWhen(/** @type {any} */ (meetup), 'en', 'en-GB');
  assert.match(english, /^Thu,? 11 March 2027, 19:00–21:30 \(Europe\/Lisbon\)$/);
  const russian = eventWhen(/** @type {any} */ (meetup), 'ru', 'en-US');
  assert.match(russian, /^чт,? 11 марта 2027 г\., 19:00–21:30 \(Europe\/Lisbon\)$/);
});

test('when: over midnight both days are named', () => {
  const late = { ...meetup, end: '2027-03-12T01:00', endsAt: '2027-03-12T01:00:00Z' };
  assert.match(eventWhen(/** @type {any} */ (late), 'en', 'en-GB'), /^Thu,? 11 March 2027, 19:00 – Fri,? 12 March 2027, 0?1:00 \(Europe\/Lisbon\)$/);
});

test('when: a whole-day event by its days, without clock times', () => {
  const day = { ...meetup, allDay: true, start: '2027-06-12', end: '2027-06-12' };
  assert.match(eventWhen(/** @type {any} */ (day), 'en', 'en-GB'), /^Sat,? 12 June 2027, all day$/);
  const days = { ...day, end: '2027-06-13' };
  const text = eventWhen(/** @type {any} */ (days), 'en', 'en-GB');
  assert.match(text, /12/);
  assert.match(text, /13 June 2027, all day$/);
  assert.doesNotMatch(text, /Europe/);
});

test('agenda clock times are written the language’s way', () => {
  assert.equal(clockText('19:15', 'ru'), '19:15');
  assert.equal(clockText('19:15', 'en', 'en-GB'), '19:15');
  assert.match(clockText('19:15', 'en', 'en-US'), /^7:15\s?PM$/);
  assert.equal(clockText('', 'en'), '');
});

test('the agenda runs over when its minutes outlast the event', () => {
  assert.equal(agendaOverrun(meetup, []), 0);
  assert.equal(agendaOverrun(meetup, [{ minutes: 60 }, { minutes: 90 }]), 0, 'exactly 2½ hours fits');
  assert.equal(agendaOverrun(meetup, [{ minutes: 60 }, { minutes: 100 }]), 10);
  // The night the clocks go forward in Lisbon: 00:00–03:00 on the wall is two real hours.
  const night = { startsAt: '2027-03-28T00:00:00Z', endsAt: '2027-03-28T02:00:00Z' };
  assert.equal(agendaOverrun(night, [{ minutes: 150 }]), 30);
});

test('checklist phases and overdue tasks', () => {
  assert.deepEqual([-21, -1, 0, 1, 2].map(taskPhase), ['before', 'before', 'day', 'after', 'after']);
  assert.equal(isOverdue({ done: false, due: '2027-03-01' }, '2027-03-02'), true);
  assert.equal(isOverdue({ done: true, due: '2027-03-01' }, '2027-03-02'), false, 'done is never overdue');
  assert.equal(isOverdue({ done: false, due: '2027-03-02' }, '2027-03-02'), false, 'due today is not late yet');
  // Half past eleven at night in Lisbon is already the next morning in Tokyo.
  const lateInLisbon = Date.UTC(2027, 0, 5, 23, 30);
  assert.equal(todayIn('Europe/Lisbon', lateInLisbon), '2027-01-05');
  assert.equal(todayIn('Asia/Tokyo', lateInLisbon), '2027-01-06');
});

test('places on the waitlist, in core’s order, and written as ordinals', () => {
  const list = [
    { id: 7, rsvp: 'going' },
    { id: 9, rsvp: 'waitlist' },
    { id: 3, rsvp: 'waitlist' },
    { id: 4, rsvp: 'maybe' },
  ];
  assert.deepEqual([...waitlistPlaces(list)], [[9, 1], [3, 2]]);
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => ordinal(n, 'en')), [
    '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st',
  ]);
  assert.equal(ordinal(3, 'ru'), '3-й');
});

test('turnout: places only with a capacity, counts pluralised', () => {
  const turnout = { going: 2, waitlist: 1, maybe: 0, declined: 1, checkedIn: 0 };
  assert.equal(turnoutText(turnout, 2, 'en'), '2 going of 2 places · 1 waiting · 0 maybe · 1 declined · 0 came');
  assert.equal(turnoutText({ ...turnout, going: 1 }, 1, 'en'), '1 going of 1 place · 1 waiting · 0 maybe · 1 declined · 0 came');
  assert.equal(turnoutText({ ...turnout, waitlist: 0 }, null, 'en'), '2 going · 0 maybe · 1 declined · 0 came');
  assert.equal(turnoutText(turnout, 21, 'ru'), 'Придут: 2 из 21 места · ждут места: 1 · возможно: 0 · отказались: 1 · пришли: 0');
  assert.equal(turnoutText(turnout, 5, 'ru').split(' · ')[0], 'Придут: 2 из 5 мест');
});

test('row keys: the member, or the answer of a forgotten one', () => {
  assert.equal(rsvpKey({ id: 4, memberId: 12 }), '12');
  assert.equal(rsvpKey({ id: 4, memberId: null }), 'forgotten-4');
});

test('whole numbers typed in a field', () => {
  assert.equal(wholeNumber('15', 1, 1440), 15);
  assert.equal(wholeNumber(' -7 ', -365, 365), -7);
  assert.equal(wholeNumber('−7', -365, 365), -7, 'a typographic minus');
  assert.equal(wholeNumber('0', 1, 1440), null);
  assert.equal(wholeNumber('1.5', 1, 1440), null);
  assert.equal(wholeNumber('', -365, 365), null);
  assert.equal(wholeNumber('366', -365, 365), null);
});
