import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysOf, instantOf, movedInput, onCalendar, wallClock, wallFromText, wallText } from '../js/views/calendar/time.js';

const at = (iso) => Date.parse(iso);

test('the wall clock in a zone, as a fake UTC time', () => {
  assert.equal(wallText(wallClock(at('2027-07-01T18:00:00Z'), 'Europe/Lisbon')), '2027-07-01T19:00');
  assert.equal(wallText(wallClock(at('2027-01-01T18:00:00Z'), 'Europe/Lisbon')), '2027-01-01T18:00');
  assert.equal(wallText(wallClock(at('2027-01-01T23:30:00Z'), 'Europe/Moscow')), '2027-01-02T02:30');
});

test('the instant of a wall-clock time, across the change of the clocks', () => {
  for (const [wall, zone, utc] of [
    ['2027-03-27T19:00', 'Europe/Lisbon', '2027-03-27T19:00:00.000Z'],
    ['2027-03-28T19:00', 'Europe/Lisbon', '2027-03-28T18:00:00.000Z'],
    ['2027-10-31T01:30', 'Europe/Lisbon', '2027-10-31T00:30:00.000Z'],
    ['2027-06-10T10:00', 'America/New_York', '2027-06-10T14:00:00.000Z'],
  ]) {
    assert.equal(new Date(instantOf(wallFromText(wall), zone)).toISOString(), utc, `${wall} ${zone}`);
  }
  // 01:30 happens twice in Lisbon on 31 October 2027: the first, as core takes it.
  // 01:30 on 28 March 2027 does not happen: the offset from before the jump.
  assert.equal(new Date(instantOf(wallFromText('2027-03-28T01:30'), 'Europe/Lisbon')).toISOString(), '2027-03-28T01:30:00.000Z');
});

const berlinEvent = {
  id: 7,
  uid: 'u',
  communityId: 1,
  title: 'Rust-Abend',
  kind: 'meetup',
  format: 'offline',
  startsAt: '2027-03-11T18:00:00Z',
  endsAt: '2027-03-11T20:00:00Z',
  timeZone: 'Europe/Berlin',
  start: '2027-03-11T19:00',
  end: '2027-03-11T21:00',
  allDay: false,
  venueId: null,
  onlineUrl: '',
  capacity: 40,
  status: 'planned',
  description: '',
  seriesId: null,
  occurrenceStart: null,
  createdAt: '',
  updatedAt: '',
};

test('an event of another zone stands at its instant on the community calendar', () => {
  const { start, end } = onCalendar(berlinEvent, 'Europe/Lisbon');
  assert.equal(wallText(start), '2027-03-11T18:00');
  assert.equal(wallText(end), '2027-03-11T20:00');
});

test('a drag on the community calendar becomes a time in the event\'s own zone', () => {
  const input = movedInput(
    berlinEvent,
    { start: wallFromText('2027-03-12T18:00'), end: wallFromText('2027-03-12T20:30'), allDay: false },
    'Europe/Lisbon',
  );
  assert.equal(input.start, '2027-03-12T19:00');
  assert.equal(input.end, '2027-03-12T21:30');
  assert.equal(input.timeZone, 'Europe/Berlin');
  assert.equal(input.capacity, '40');
  const allDay = movedInput(berlinEvent, { start: wallFromText('2027-03-12'), end: wallFromText('2027-03-14'), allDay: true }, 'Europe/Lisbon');
  assert.deepEqual([allDay.start, allDay.end, allDay.allDay], ['2027-03-12', '2027-03-13', true]);
});

test('a view\'s range in days, both included', () => {
  assert.deepEqual(daysOf(wallFromText('2027-03-01'), wallFromText('2027-04-12')), { from: '2027-03-01', to: '2027-04-11' });
});
