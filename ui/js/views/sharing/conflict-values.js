/**
 * A conflict's values as a person reads them: a task's status as "Done", an owner by their
 * name, a date in the interface's language, "empty" for none. Shared by the charter's list
 * of conflicts and the marks at the fields, so both name a value the same way.
 */

import './strings.js';
import { getLanguage, hasKey, t } from '../../i18n/index.js';
import { formatDate, formatDateTime } from '../../format.js';

/** Longer values are cut: a mark and a button stay one line or two. */
const LONGEST = 60;

/** @param {string} column  snake_case, as core names it. */
export function camelCase(column) {
  return column.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

/**
 * The value at `index` of `conflict`, in words.
 * @param {import('../../api/sharing.js').SharingConflict} conflict
 * @param {number} index
 */
export function conflictValue(conflict, index) {
  const value = conflict.values[index];
  const name = conflict.names?.[index];
  if (name) return clip(name);
  if (value === null || value === '') return t('conflicts.empty');
  if (typeof value !== 'string') return String(value);
  // A closed value (a task's status) by its label, under the prefix core gives the field.
  const key = conflict.labelPrefix && `${conflict.labelPrefix}.${value}`;
  if (key && hasKey(key)) return t(key);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, getLanguage());
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return formatDateTime(value, getLanguage());
  return clip(value);
}

/** @param {string} text */
function clip(text) {
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}
