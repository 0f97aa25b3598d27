/**
 * What merging two members does to each field of the profile, as the merge dialog shows it
 * before the person confirms: core's merge (core/src/members/merge.rs) keeps the chosen
 * member's values, fills its empty fields from the other, unites roles and tags, joins the
 * notes, keeps the earlier joining date, and a left date only when both had left. Showing it lets a person see what would be lost
 * (the other's differing email, say) and choose the other member to keep instead. Pure: no
 * DOM; tested with `node --test` (ui/tests/members-import.test.js).
 */

/** The profile's fields in the order the member dialog shows them. */
export const MERGE_FIELDS = Object.freeze([
  'name',
  'email',
  'phone',
  'telegram',
  'linkedin',
  'github',
  'otherHandle',
  'company',
  'position',
  'city',
  'level',
  'roles',
  'tags',
  'joinedOn',
  'leftOn',
  'source',
  'notes',
]);

/**
 * One field of the two members and what the merged member will hold.
 * `kept`: the kept member's value stays (the other's is empty or the same);
 * `filled`: the kept member had none, the other's is taken;
 * `joined`: both are kept (roles, tags, notes);
 * `earlier`: the other's date is earlier and is taken (joinedOn);
 * `later`: both had left, the other later, and its date is taken (leftOn);
 * `cleared`: only one of them had left, so the merged member has not (leftOn);
 * `lost` marks the other's value that the merged member will not hold.
 * @typedef {object} MergeRow
 * @property {string} field
 * @property {any} keep
 * @property {any} other
 * @property {'kept'|'filled'|'joined'|'earlier'|'later'|'cleared'} outcome
 * @property {boolean} lost
 */

/** @param {any} value */
function isEmpty(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A tag as core compares two (case and "ё" aside), so "Rust" and "rust" are one tag. */
function tagKey(/** @type {string} */ tag) {
  return String(tag).trim().toLowerCase().replaceAll('ё', 'е');
}

/**
 * @param {Record<string, any>} keep  the member that stays.
 * @param {Record<string, any>} other  the member merged into it (and then deleted).
 * @returns {MergeRow[]} the fields either of them has, in the dialog's order.
 */
export function mergeRows(keep, other) {
  return MERGE_FIELDS.flatMap((field) => {
    const a = keep[field];
    const b = other[field];
    if (isEmpty(a) && isEmpty(b)) return [];
    /** @type {MergeRow} */
    const row = { field, keep: a, other: b, outcome: 'kept', lost: false };
    // Someone who left in one record and not in the other is still a member.
    if (field === 'leftOn') {
      if (isEmpty(a) || isEmpty(b)) return [{ ...row, outcome: 'cleared' }];
      return [b > a ? { ...row, outcome: 'later' } : row];
    }
    if (isEmpty(b)) return [row];
    if (isEmpty(a)) return [{ ...row, outcome: 'filled' }];
    if (Array.isArray(a)) {
      const have = new Set(a.map(tagKey));
      const adds = /** @type {any[]} */ (b).some((item) => !have.has(tagKey(item)));
      return [{ ...row, outcome: adds ? 'joined' : 'kept' }];
    }
    if (a === b) return [row];
    if (field === 'notes') return [{ ...row, outcome: 'joined' }];
    // Dates as YYYY-MM-DD compare as text.
    if (field === 'joinedOn') return [b < a ? { ...row, outcome: 'earlier' } : { ...row, lost: false }];
    return [{ ...row, lost: true }];
  });
}

/**
 * How many of the other member's values the merge would drop: the dialog says so before the
 * person confirms.
 * @param {MergeRow[]} rows
 */
export function lostCount(rows) {
  return rows.filter((row) => row.lost).length;
}
