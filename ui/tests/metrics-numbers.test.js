import { test } from 'node:test';
import assert from 'node:assert/strict';

import { setLanguage } from '../js/i18n/index.js';
import { formatChange, formatValue, isNothing } from '../js/views/metrics/numbers.js';

test('what cannot be computed is a dash, never NaN or Infinity', () => {
  for (const unit of /** @type {const} */ (['count', 'share', 'mean', 'score'])) {
    assert.equal(formatValue(null, unit, 'en'), '—');
    assert.equal(formatValue(Number.NaN, unit, 'en'), '—');
    assert.equal(formatValue(Number.POSITIVE_INFINITY, unit, 'ru'), '—');
  }
});

test('each unit reads its own way, in each language', () => {
  assert.equal(formatValue(1234, 'count', 'en'), '1,234');
  assert.equal(formatValue(1234, 'count', 'ru'), '1\u00a0234');
  assert.equal(formatValue(0.4525, 'share', 'en'), '45.3%');
  assert.equal(formatValue(0.4525, 'share', 'ru'), '45,3\u00a0%');
  assert.equal(formatValue(4.26, 'mean', 'en'), '4.3');
  assert.equal(formatValue(4.26, 'mean', 'ru'), '4,3');
  assert.equal(formatValue(-33.3, 'score', 'en'), '-33');
});

test('a change is signed, and a share changes in percentage points', () => {
  setLanguage('en');
  assert.equal(formatChange(12, 'count', 'en'), '+12');
  assert.equal(formatChange(-3, 'count', 'en'), '-3');
  assert.equal(formatChange(0, 'count', 'en'), '0');
  assert.equal(formatChange(0.025, 'share', 'en'), '+2.5 pp');
  assert.equal(formatChange(-0.31, 'mean', 'en'), '-0.3');
  setLanguage('ru');
  assert.equal(formatChange(0.025, 'share', 'ru'), '+2,5 п. п.');
  assert.equal(formatChange(-1500, 'count', 'ru'), '-1\u00a0500');
  setLanguage('en');
});

test('a change that rounds to nothing is no change', () => {
  assert.equal(isNothing(-0.04, 'mean'), true);
  assert.equal(isNothing(0.06, 'mean'), false);
  assert.equal(isNothing(0.0004, 'share'), true);
  assert.equal(isNothing(0.001, 'share'), false);
  assert.equal(isNothing(0.4, 'count'), true);
  assert.equal(isNothing(1, 'count'), false);
});
