/**
 * The dashboard's preset ranges. Each ends on the community's today, which core gives with
 * the default range: the computer's own date differs from it for part of each day when the
 * community lives in another time zone (Kazan's morning is Lisbon's last evening).
 */

import { localToday } from '../../format.js';

/** The presets, each a range ending today. */
export const PRESETS = /** @type {const} */ (['twelveMonths', 'thisYear', 'ninetyDays']);

/**
 * A preset's days, both ends included, ending on `todayIso`.
 * @param {typeof PRESETS[number]} preset
 * @param {string} todayIso  the community's today, `2026-12-04`
 * @returns {[string, string]}
 */
export function presetRange(preset, todayIso) {
  const [year, month, date] = todayIso.split('-').map(Number);
  const today = new Date(year, month - 1, date);
  const day = localToday;
  if (preset === 'thisYear') return [`${today.getFullYear()}-01-01`, day(today)];
  if (preset === 'ninetyDays') return [day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 89)), day(today)];
  return [day(new Date(today.getFullYear(), today.getMonth() - 11, 1)), day(today)];
}
