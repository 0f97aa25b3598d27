import { test } from 'node:test';
import assert from 'node:assert/strict';

import { formatDate, formatDateTime, formatFileSize, formatNumber, formatTime, formattingLocale } from '../js/format.js';

const EVENING = '2026-11-25T19:05:00Z';
const MORNING = '2026-03-07T07:30:00Z';
const utc = { timeZone: 'UTC' };

test('Russian dates are 25.11.2026 whatever the system locale', () => {
  assert.equal(formatDate(EVENING, 'ru', utc), '25.11.2026');
  assert.equal(formatDate(MORNING, 'ru', { ...utc, systemLocale: 'en-US' }), '07.03.2026');
});

test('a bare day is that day on the calendar, in any time zone', () => {
  // The test runs in the zone of the machine; the day must not move with it.
  assert.equal(formatDate('2026-03-01', 'ru'), '01.03.2026');
  assert.equal(formatDate('2026-12-31', 'ru', { systemLocale: 'en-US' }), '31.12.2026');
});

test('Russian time is 24-hour', () => {
  assert.equal(formatTime(EVENING, 'ru', utc), '19:05');
  assert.equal(formatTime(MORNING, 'ru', utc), '07:30');
  assert.equal(formatDateTime(EVENING, 'ru', utc), '25.11.2026, 19:05');
});

test('the instant is shown in the requested time zone', () => {
  assert.equal(formatDateTime(EVENING, 'ru', { timeZone: 'Europe/Moscow' }), '25.11.2026, 22:05');
  assert.equal(formatDate('2026-11-25T22:30:00Z', 'ru', { timeZone: 'Europe/Moscow' }), '26.11.2026');
});

test('English follows the system locale', () => {
  const american = { ...utc, systemLocale: 'en-US' };
  const british = { ...utc, systemLocale: 'en-GB' };
  assert.equal(formatDate(EVENING, 'en', american), '11/25/2026');
  assert.match(formatTime(EVENING, 'en', american), /^7:05\sPM$/);
  assert.equal(formatDate(EVENING, 'en', british), '25/11/2026');
  assert.equal(formatTime(EVENING, 'en', british), '19:05');
  // English on a German system: English words, the German region's order of day and month.
  assert.equal(formattingLocale('en', 'de-DE'), 'en-DE');
  assert.equal(formatDate(EVENING, 'en', { ...utc, systemLocale: 'de-DE' }), '25/11/2026');
  assert.equal(formattingLocale('en', 'not a locale!'), 'en');
  assert.equal(formattingLocale('ru', 'en-US'), 'ru-RU');
});

test('what is not a date is shown as it came', () => {
  assert.equal(formatDate('not a date', 'ru'), 'not a date');
  assert.equal(formatDateTime(null, 'en'), '');
});

test('file sizes use decimal units and each language’s words', () => {
  assert.equal(formatFileSize(0, 'en'), '0 bytes');
  assert.equal(formatFileSize(1, 'en'), '1 byte');
  assert.equal(formatFileSize(512, 'en'), '512 bytes');
  assert.equal(formatFileSize(512, 'ru'), '512 байт');
  assert.equal(formatFileSize(2, 'ru'), '2 байта');
  assert.equal(formatFileSize(1500, 'en'), '1.5 kB');
  assert.equal(formatFileSize(1_250_000, 'en'), '1.3 MB');
  assert.equal(formatFileSize(1_250_000, 'ru'), '1,3 МБ');
  assert.equal(formatFileSize(48_000_000, 'ru'), '48 МБ');
  assert.equal(formatFileSize(3_400_000_000, 'en'), '3.4 GB');
});

test('numbers are grouped the language’s way', () => {
  assert.equal(formatNumber(12000, 'en'), '12,000');
  assert.equal(formatNumber(12000, 'ru'), '12\u00a0000');
});

test('seconds are shown on request, to tell apart backups made the same minute', () => {
  assert.equal(formatDateTime('2026-11-25T19:05:09Z', 'ru', { ...utc, seconds: true }), '25.11.2026, 19:05:09');
  assert.equal(formatTime('2026-11-25T19:05:09Z', 'en', { ...utc, systemLocale: 'en-GB', seconds: true }), '19:05:09');
});

test('numbers are written as Intl writes them, the small whole ones without asking it', () => {
  for (const language of ['en', 'ru']) {
    const intl = new Intl.NumberFormat(language);
    for (const n of [...Array.from({ length: 2401 }, (_, i) => i - 1200), 0.5, -2.25, 12_000, 1_234_567.5]) {
      assert.equal(formatNumber(n, language), intl.format(n), `${language} ${n}`);
    }
  }
});
