// Printed documents are made in core, which writes dates from the table in
// core/src/print/dates.rs (copied to ui/js/contract/dates.js). The interface writes them with
// Intl (format.js). This checks the two agree, so a date reads the same on screen and on paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import dates from '../js/contract/dates.js';
import { formatDate } from '../js/format.js';

/** A date written by one of core's patterns: d, dd, M, MM, y and literal separators. */
function written(pattern, year, month, day) {
  const parts = { d: String(day), dd: String(day).padStart(2, '0'), M: String(month), MM: String(month).padStart(2, '0'), y: String(year) };
  return pattern.replace(/dd|d|MM|M|y/g, (token) => parts[token]);
}

// Single-digit day and month tell padded from unpadded, and day from month.
const DAYS = [
  [2026, 3, 7],
  [2026, 11, 25],
];

const onScreen = (language, systemLocale, [year, month, day]) =>
  formatDate(new Date(Date.UTC(year, month - 1, day)), language, { timeZone: 'UTC', systemLocale });

test('Russian dates on paper are the screen’s, whatever the system', () => {
  for (const system of ['ru-RU', 'en-US', 'de-DE']) {
    for (const day of DAYS) {
      assert.equal(written(dates.ru, ...day), onScreen('ru', system, day), system);
    }
  }
});

test('English dates on paper are the screen’s in every region core knows, and elsewhere', () => {
  const regions = Object.entries(dates.en.regions);
  assert.ok(regions.length > 100, 'the table came through');
  // Regions without a custom of their own write dates the American way.
  const plain = ['US', 'PH', 'RU', 'BR'].map((region) => [region, dates.en.default]);
  for (const [region, pattern] of [...regions, ...plain]) {
    for (const day of DAYS) {
      assert.equal(written(pattern, ...day), onScreen('en', `en-${region}`, day), `en-${region}`);
    }
  }
  for (const day of DAYS) {
    assert.equal(written(dates.en.default, ...day), onScreen('en', 'en', day), 'no region');
  }
});

test('English on a system of another language prints as the screen shows, in its region', () => {
  for (const system of ['de-DE', 'fr-FR', 'ru-RU', 'ja-JP', 'pt-BR']) {
    const region = new Intl.Locale(system).region;
    const pattern = dates.en.regions[region] ?? dates.en.default;
    for (const day of DAYS) assert.equal(written(pattern, ...day), onScreen('en', system, day), system);
  }
});
