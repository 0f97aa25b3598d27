/**
 * A metric's value and its change, written as its unit reads: a count as a whole number, a
 * share as a percentage (and its change in percentage points), a mean to one decimal, NPS as
 * a whole number. What cannot be computed is "—", never NaN or Infinity.
 */

import './strings.js';
import { t } from '../../i18n/index.js';

/** @typedef {import('../../contract/types.js').MetricUnit} MetricUnit */

/**
 * A value as its unit reads: a count, a percentage, a mean to one decimal, a score.
 * @param {number|null} value
 * @param {MetricUnit} unit
 * @param {'en'|'ru'} language
 */
export function formatValue(value, unit, language) {
  if (value == null || !Number.isFinite(value)) return '—';
  if (unit === 'share') return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (unit === 'mean') return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

/**
 * A change, signed; a share's in percentage points.
 * @param {number} change
 * @param {MetricUnit} unit
 * @param {'en'|'ru'} language
 */
export function formatChange(change, unit, language) {
  const signed = (digits) => new Intl.NumberFormat(language, { maximumFractionDigits: digits, signDisplay: 'exceptZero' });
  if (unit === 'share') return t('metricsView.points', { points: signed(1).format(change * 100) });
  return signed(unit === 'mean' ? 1 : 0).format(change);
}

/**
 * Whether a change is written as zero: a count's under half a unit, a mean's under half a
 * tenth, a share's under half a tenth of a point.
 * @param {number} change
 * @param {MetricUnit} unit
 */
export function isNothing(change, unit) {
  if (unit === 'share') return Math.abs(change * 100) < 0.05;
  if (unit === 'mean') return Math.abs(change) < 0.05;
  return Math.abs(change) < 0.5;
}
