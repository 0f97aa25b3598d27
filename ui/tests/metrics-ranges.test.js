import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PRESETS, presetRange } from '../js/views/metrics/ranges.js';

test('every preset ends on the day it is given, not on this computer\'s date', () => {
  // Late on 3 December here is already 4 December in Kazan: the community's day counts.
  for (const preset of PRESETS) {
    assert.equal(presetRange(preset, '2026-12-04')[1], '2026-12-04', preset);
  }
});

test('each preset starts where its name says', () => {
  assert.deepEqual(presetRange('ninetyDays', '2026-12-04'), ['2026-09-06', '2026-12-04']);
  assert.deepEqual(presetRange('thisYear', '2026-12-04'), ['2026-01-01', '2026-12-04']);
  assert.deepEqual(presetRange('twelveMonths', '2026-12-04'), ['2026-01-01', '2026-12-04']);
  // Across a year's end, and a leap day.
  assert.deepEqual(presetRange('twelveMonths', '2027-01-15'), ['2026-02-01', '2027-01-15']);
  assert.deepEqual(presetRange('ninetyDays', '2028-03-30'), ['2028-01-01', '2028-03-30']);
});
