/**
 * What the import wizard, the export and the merge dialog decide without a window: which
 * steps a file goes through, how a column's mapping changes, what each duplicate will become,
 * what the Import button may say, how far the progress bar is, which dropped files are taken,
 * and the names offered for the files Hearth writes. Pure: no DOM, no api; tested with
 * `node --test` (ui/tests/members-import.test.js).
 *
 * Core reads the file, detects and checks everything, and is the one that writes; this module
 * only keeps the person's choices between two of core's answers.
 */

/**
 * The wizard's steps, in order. `file`: choose or drop a file; `columns`: which column is
 * which field (a table file only); `review`: counts, problems and duplicates before anything
 * is written; `importing`: the progress bar; `done`: the report.
 * @typedef {'file'|'columns'|'review'|'importing'|'done'} ImportStep
 */

/** Files the wizard takes, by their ending: tables and contact cards. */
export const IMPORTABLE_EXTENSIONS = Object.freeze(['csv', 'tsv', 'txt', 'vcf', 'vcard']);

/**
 * The ending of a file's name, lower case, without the dot; '' when it has none.
 * @param {string} path  a path or a bare name, with / or \ between folders.
 */
export function extensionOf(path) {
  const name = fileNameOf(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The last part of a path: what the person calls the file.
 * @param {string} path
 */
export function fileNameOf(path) {
  return String(path).split(/[\\/]/).pop() ?? '';
}

/**
 * The first file of a drop that the wizard can read, or null: a drop of a photo and a
 * CSV takes the CSV.
 * @param {string[]} paths
 * @returns {string|null}
 */
export function importableFile(paths) {
  return paths.find((path) => IMPORTABLE_EXTENSIONS.includes(extensionOf(path))) ?? null;
}

/**
 * The steps shown in the wizard's header for a file: a contact file has no columns to map.
 * @param {'csv'|'vcard'|null|undefined} format  as core detected it; null before a file is read.
 * @returns {ImportStep[]}
 */
export function visibleSteps(format) {
  return format === 'vcard' ? ['file', 'review'] : ['file', 'columns', 'review'];
}

/**
 * The mapping after the person chose `field` for the column at `index`: a field belongs to
 * one column, so a column that had it before loses it (it is then not imported), and
 * choosing "do not import" (null) only clears this column.
 * @param {(string|null)[]} mapping  a field name or null per column, in the file's order.
 * @param {number} index
 * @param {string|null} field
 * @returns {(string|null)[]} a new array; `mapping` is left as it was.
 */
export function remap(mapping, index, field) {
  return mapping.map((current, column) => {
    if (column === index) return field;
    return field !== null && current === field ? null : current;
  });
}

/**
 * Columns whose field changed between two mappings: shown to the person when choosing a
 * field took it from another column.
 * @param {(string|null)[]} before
 * @param {(string|null)[]} after
 * @returns {number[]}
 */
export function changedColumns(before, after) {
  return after.flatMap((field, index) => (field !== before[index] ? [index] : []));
}

/**
 * What happens to a duplicate: merged into the member (or row) it duplicates, skipped, or
 * added as a member of its own.
 * @typedef {'merge'|'skip'|'add'} DuplicateAction
 */

/**
 * The choice for each duplicate of a new preview: the person's earlier choice for the same
 * row (kept when the file is read again after a change of columns), else what core did with
 * it (the choice it was sent, or its proposal).
 * @param {Array<{row: number, action: DuplicateAction}>} duplicates
 * @param {Map<number, DuplicateAction>} [chosen]  the person's choices so far, by row.
 * @returns {Map<number, DuplicateAction>}
 */
export function duplicateDecisions(duplicates, chosen = new Map()) {
  return new Map(duplicates.map((duplicate) => [duplicate.row, chosen.get(duplicate.row) ?? duplicate.action]));
}

/**
 * What confirming would do, as core counted it for the choices it was sent, moved by the
 * choices the person made since (a duplicate switched from Merge to Add is one merge less and
 * one new member more), so the counts follow each choice without reading the file again.
 * @param {{add: number, merge: number, skip: number, problemCount: number,
 *   duplicates: Array<{row: number, action: DuplicateAction}>}} preview  core's answer;
 *   each duplicate's `action` is what core counted it as.
 * @param {Map<number, DuplicateAction>} decisions  the person's choices, by row.
 * @returns {{add: number, merge: number, skip: number, problems: number}}
 */
export function importCounts(preview, decisions) {
  const counts = { add: preview.add, merge: preview.merge, skip: preview.skip, problems: preview.problemCount };
  for (const duplicate of preview.duplicates) {
    const chosen = decisions.get(duplicate.row);
    if (!chosen || chosen === duplicate.action) continue;
    counts[duplicate.action] -= 1;
    counts[chosen] += 1;
  }
  return counts;
}

/**
 * Whether the Import button can be pressed: no problem left and something to write.
 * @param {{add: number, merge: number, problems: number}} counts
 */
export function canImport(counts) {
  return counts.problems === 0 && counts.add + counts.merge > 0;
}

/**
 * The first `limit` items, and how many are left out: a bad file of 100,000 rows lists
 * the first problems and says how many more there are, rather than drawing all of them.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @returns {{shown: T[], hidden: number}}
 */
export function firstOf(items, limit) {
  return { shown: items.slice(0, limit), hidden: Math.max(0, items.length - limit) };
}

/**
 * How far the import is, in whole percent, never past 100 and never 100 before it is done.
 * @param {number} done
 * @param {number} total
 */
export function progressPercent(done, total) {
  if (!(total > 0)) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(0, Math.floor((done / total) * 100)));
}

/**
 * Whether an import error is the cancel the person asked for (core rolls back and answers
 * `conflict` "cancelled"), which is not a failure to report.
 * @param {{code: string, message: string}} error
 */
export function isCancelled(error) {
  return error.code === 'conflict' && /cancel/i.test(error.message);
}

// ---------------------------------------------------------------------------------------
// Files Hearth writes

/** Characters no file name may hold on the systems people share files with. */
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * A name for a file that is safe on Linux, Windows and macOS: the text as the person
 * wrote it (Cyrillic stays), without what a file system refuses, spaces collapsed.
 * @param {string} text
 * @param {string} fallback  when nothing of the text remains.
 */
export function safeFileStem(text, fallback) {
  const stem = String(text)
    .replace(UNSAFE_IN_FILE_NAMES, ' ')
    .replace(/\s+/g, ' ')
    // No leading dot (a hidden file) nor trailing one (Windows drops it).
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 80)
    .trim();
  return stem || fallback;
}

/**
 * The name offered for an export of a community's members, e.g. "Rust Moscow members 2026-12-02.csv".
 * @param {object} options
 * @param {string} options.community  the community's name.
 * @param {'csv'|'vcf'} options.format
 * @param {string} options.today  `YYYY-MM-DD`.
 * @param {string} options.word  "members" in the interface's language.
 */
export function exportFileName({ community, format, today, word }) {
  return `${safeFileStem(`${community} ${word}`, word)} ${today}.${format}`;
}

/**
 * The name offered for one member's data, e.g. "Anna Petrova data 2026-12-02.json".
 * @param {object} options
 * @param {string} options.member  the member's name.
 * @param {string} options.today  `YYYY-MM-DD`.
 * @param {string} options.word  "data" in the interface's language.
 */
export function personalDataFileName({ member, today, word }) {
  return `${safeFileStem(`${member} ${word}`, word)} ${today}.json`;
}

/**
 * A day as `YYYY-MM-DD` on this computer's calendar (not UTC's: at 01:00 in Moscow the file
 * is named after today, not yesterday).
 * @param {Date} date
 */
export function localIsoDate(date) {
  const pad = (/** @type {number} */ value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Problems that make a file unusable as a whole, whatever its columns: another file is
 * needed. (A missing name column is a problem of the whole file too, but the Columns step
 * mends it.)
 */
const UNUSABLE_FILE = new Set(['too_big', 'too_many_rows', 'binary', 'unknown_encoding', 'empty']);

/**
 * The problem that makes a file unusable as a whole (too big, not text, an unknown
 * encoding, empty), or null: such a file is reported on the File step, where another file is
 * chosen, rather than reviewed row by row.
 * @template {{kind: string}} P
 * @param {P[]} problems
 * @returns {P|null}
 */
export function fileWideProblem(problems) {
  return problems.find((problem) => UNUSABLE_FILE.has(problem.kind)) ?? null;
}

/**
 * Where the wizard goes once core has read a new file: back to File when the file cannot be
 * used at all, to Review for contact cards (they have no columns to map), else to Columns.
 * @param {{format: string, problems: Array<{kind: string}>}} preview
 * @returns {ImportStep}
 */
export function firstStepAfterReading(preview) {
  if (fileWideProblem(preview.problems)) return 'file';
  return preview.format === 'vcard' ? 'review' : 'columns';
}

/** The member fields a sample of the file may show, in the member dialog's order. */
const SAMPLE_FIELDS = Object.freeze([
  'name',
  'email',
  'phone',
  'company',
  'position',
  'city',
  'telegram',
  'linkedin',
  'github',
  'otherHandle',
  'level',
  'roles',
  'tags',
  'joinedOn',
  'leftOn',
  'source',
]);

/**
 * The columns of the review's sample table: the name, then the fields that any of the first
 * members has, in the profile's order, at most `max` (a narrow window shows a few well
 * rather than many cut off).
 * @param {Array<Record<string, any>>} members  the first rows as core read them.
 * @param {number} max
 * @returns {string[]}
 */
export function sampleFields(members, max) {
  const filled = (/** @type {any} */ value) =>
    value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  return SAMPLE_FIELDS.filter((field) => field === 'name' || members.some((member) => filled(member[field]))).slice(0, max);
}
