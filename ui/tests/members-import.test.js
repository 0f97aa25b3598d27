import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  canImport,
  changedColumns,
  duplicateDecisions,
  exportFileName,
  extensionOf,
  fileWideProblem,
  firstStepAfterReading,
  firstOf,
  importableFile,
  importCounts,
  isCancelled,
  localIsoDate,
  personalDataFileName,
  progressPercent,
  remap,
  safeFileStem,
  sampleFields,
  visibleSteps,
} from '../js/views/members/import-model.js';
import { lostCount, mergeRows } from '../js/views/members/merge-model.js';

test('a drop takes the first file the wizard can read, whatever the case of its ending', () => {
  assert.equal(importableFile(['/home/anna/photo.png', '/home/anna/Участники.CSV', '/home/anna/b.vcf']), '/home/anna/Участники.CSV');
  assert.equal(importableFile(['C:\\Users\\anna\\contacts.VCF']), 'C:\\Users\\anna\\contacts.VCF');
  assert.equal(importableFile(['/tmp/notes.pdf', '/tmp/csv']), null, 'a file named "csv" has no ending');
  assert.equal(importableFile([]), null);
  assert.equal(extensionOf('/a.b/c'), '', 'a dot in a folder is not an ending');
  assert.equal(extensionOf('.csv'), '', 'a hidden file named .csv has no ending');
});

test('a contact file skips the columns step; a table and a file not read yet show it', () => {
  assert.deepEqual(visibleSteps('vcard'), ['file', 'review']);
  assert.deepEqual(visibleSteps('csv'), ['file', 'columns', 'review']);
  assert.deepEqual(visibleSteps(null), ['file', 'columns', 'review']);
});

test('a file unusable as a whole goes back to File; contacts skip Columns; a missing name column is mended on Columns', () => {
  // Core names the line where it found the zero byte: still the whole file is unusable.
  const binary = { row: 1, kind: 'binary' };
  const noName = { row: null, kind: 'no_name_column' };
  const badEmail = { row: 4, kind: 'invalid_value' };
  assert.equal(firstStepAfterReading({ format: 'csv', problems: [badEmail, binary] }), 'file');
  assert.equal(fileWideProblem([badEmail, binary]), binary);
  assert.equal(firstStepAfterReading({ format: 'csv', problems: [noName, badEmail] }), 'columns');
  assert.equal(fileWideProblem([noName]), null);
  assert.equal(firstStepAfterReading({ format: 'vcard', problems: [badEmail] }), 'review');
  assert.equal(firstStepAfterReading({ format: 'vcard', problems: [{ row: null, kind: 'empty' }] }), 'file');
  assert.equal(firstStepAfterReading({ format: 'csv', problems: [] }), 'columns');
});

test('choosing a field for a column takes it from the column that had it; "not imported" clears one column only', () => {
  const mapping = ['name', 'email', null, 'phone'];
  const taken = remap(mapping, 2, 'email');
  assert.deepEqual(taken, ['name', null, 'email', 'phone']);
  assert.deepEqual(changedColumns(mapping, taken), [1, 2]);
  assert.deepEqual(mapping, ['name', 'email', null, 'phone'], 'the old mapping is left as it was');
  assert.deepEqual(remap(mapping, 0, null), [null, 'email', null, 'phone']);
  assert.deepEqual(remap([null, null], 1, null), [null, null], 'two unmapped columns stay unmapped');
  assert.deepEqual(remap(mapping, 3, 'phone'), mapping, 'choosing the same field again changes nothing');
});

test('duplicates start as core counted them and keep the person\'s choice when the preview is read again', () => {
  const first = duplicateDecisions([
    { row: 4, action: 'merge' },
    { row: 9, action: 'skip' },
  ]);
  assert.deepEqual([...first], [[4, 'merge'], [9, 'skip']]);
  first.set(4, 'add');
  // A new mapping finds row 9 no longer a duplicate and row 12 a new one.
  const again = duplicateDecisions(
    [
      { row: 4, action: 'merge' },
      { row: 12, action: 'merge' },
    ],
    first,
  );
  assert.deepEqual([...again], [[4, 'add'], [12, 'merge']]);
});

test('the counts start from core\'s and follow each choice made since; a problem or nothing to write keeps Import off', () => {
  const preview = {
    add: 7,
    merge: 2,
    skip: 1,
    problemCount: 0,
    duplicates: [
      { row: 3, action: /** @type {const} */ ('merge') },
      { row: 5, action: /** @type {const} */ ('skip') },
      { row: 8, action: /** @type {const} */ ('merge') },
    ],
  };
  const asCounted = new Map([[3, 'merge'], [5, 'skip'], [8, 'merge']]);
  assert.deepEqual(importCounts(preview, asCounted), { add: 7, merge: 2, skip: 1, problems: 0 });
  const changed = new Map([[3, 'add'], [5, 'merge'], [8, 'merge']]);
  assert.deepEqual(importCounts(preview, changed), { add: 8, merge: 2, skip: 0, problems: 0 }, 'one merge became new, one skip became a merge');
  assert.equal(canImport(importCounts(preview, changed)), true);
  assert.deepEqual(preview.add, 7, 'core\'s answer is left as it was');
  assert.equal(canImport(importCounts({ ...preview, problemCount: 2 }, asCounted)), false);
  const allSkipped = importCounts({ add: 0, merge: 1, skip: 1, problemCount: 0, duplicates: [{ row: 2, action: 'merge' }] }, new Map([[2, 'skip']]));
  assert.deepEqual(allSkipped, { add: 0, merge: 0, skip: 2, problems: 0 });
  assert.equal(canImport(allSkipped), false);
  assert.equal(canImport(importCounts({ add: 0, merge: 0, skip: 0, problemCount: 0, duplicates: [] }, new Map())), false, 'an empty file imports nothing');
});

test('the sample shows the name and the fields the first rows fill, in the profile\'s order, a few at most', () => {
  const members = [
    { name: 'Anna', email: 'anna@example.org', tags: [], joinedOn: '01.03.2025' },
    { name: 'Ivan', company: 'Yandex', tags: ['rust'], notes: 'long text' },
  ];
  assert.deepEqual(sampleFields(members, 10), ['name', 'email', 'company', 'tags', 'joinedOn'], 'notes are left out; empty lists count as empty');
  assert.deepEqual(sampleFields(members, 3), ['name', 'email', 'company']);
  assert.deepEqual(sampleFields([{ email: 'x@example.org' }], 5), ['name', 'email'], 'the name column is there even when empty');
  assert.deepEqual(sampleFields([], 5), ['name']);
});

test('a long list of problems shows its first ones and how many more', () => {
  const problems = Array.from({ length: 250 }, (_, index) => index);
  const { shown, hidden } = firstOf(problems, 100);
  assert.equal(shown.length, 100);
  assert.equal(shown[99], 99);
  assert.equal(hidden, 150);
  assert.deepEqual(firstOf([1, 2], 100), { shown: [1, 2], hidden: 0 });
});

test('progress is whole percent, reaches 100 only when done, and survives an unknown total', () => {
  assert.equal(progressPercent(0, 100_000), 0);
  assert.equal(progressPercent(33_333, 100_000), 33);
  assert.equal(progressPercent(99_999, 100_000), 99, 'not 100 until the last row');
  assert.equal(progressPercent(100_000, 100_000), 100);
  assert.equal(progressPercent(5, 0), 0);
  assert.equal(progressPercent(5, Number.NaN), 0);
});

test('a cancelled import is told apart from a failed one', () => {
  assert.equal(isCancelled({ code: 'conflict', message: 'cancelled' }), true);
  assert.equal(isCancelled({ code: 'conflict', message: 'The import was cancelled' }), true);
  assert.equal(isCancelled({ code: 'conflict', message: 'The community changed' }), false);
  assert.equal(isCancelled({ code: 'io', message: 'cancelled' }), false);
});

test('file names offered keep the community\'s and member\'s names, Cyrillic too, without what file systems refuse', () => {
  assert.equal(
    exportFileName({ community: 'Rust Moscow', format: 'csv', today: '2026-12-02', word: 'members' }),
    'Rust Moscow members 2026-12-02.csv',
  );
  assert.equal(
    exportFileName({ community: 'Клуб: "Питон"/СПб', format: 'vcf', today: '2026-12-02', word: 'участники' }),
    'Клуб Питон СПб участники 2026-12-02.vcf',
  );
  assert.equal(
    personalDataFileName({ member: 'Анна Петрова', today: '2026-12-02', word: 'данные' }),
    'Анна Петрова данные 2026-12-02.json',
  );
  assert.equal(safeFileStem('../..', 'members'), 'members', 'nothing but dots and slashes leaves the fallback');
  assert.equal(safeFileStem('a\u0000b\tc', 'x'), 'a b c');
  assert.equal(safeFileStem('x'.repeat(200), 'y').length, 80);
});

test('the date in a file name is the local calendar day', () => {
  assert.equal(localIsoDate(new Date(2026, 0, 5, 0, 30)), '2026-01-05');
  assert.equal(localIsoDate(new Date(2026, 11, 31, 23, 59)), '2026-12-31');
});

const anna = {
  name: 'Anna Petrova',
  email: 'anna@example.org',
  phone: '',
  company: 'Yandex',
  level: 'experienced',
  roles: ['member', 'speaker'],
  tags: ['rust'],
  joinedOn: '2025-03-01',
  leftOn: '2026-01-10',
  notes: 'Gave the async talk.',
};
const annaAgain = {
  name: 'Anna Petrova',
  email: 'a.petrova@example.com',
  phone: '+7 900 000-00-00',
  company: '',
  level: null,
  roles: ['member'],
  tags: ['Rust', 'wasm'],
  joinedOn: '2024-11-20',
  leftOn: null,
  notes: 'Met at the meetup.',
};

test('merging shows what the kept member holds after: its own values, the other\'s to fill gaps, both lists, the earlier date', () => {
  const rows = mergeRows(anna, annaAgain);
  const byField = Object.fromEntries(rows.map((row) => [row.field, row]));
  assert.deepEqual(
    rows.map((row) => row.field),
    ['name', 'email', 'phone', 'company', 'level', 'roles', 'tags', 'joinedOn', 'leftOn', 'notes'],
    'fields empty on both sides are left out; the order is the profile\'s',
  );
  assert.equal(byField.name.outcome, 'kept');
  assert.equal(byField.name.lost, false, 'the same value on both sides loses nothing');
  assert.equal(byField.email.outcome, 'kept');
  assert.equal(byField.email.lost, true, 'the other email does not survive');
  assert.equal(byField.phone.outcome, 'filled');
  assert.equal(byField.company.outcome, 'kept');
  assert.equal(byField.level.outcome, 'kept');
  assert.equal(byField.roles.outcome, 'kept', 'the other adds no role');
  assert.equal(byField.tags.outcome, 'joined');
  assert.equal(byField.joinedOn.outcome, 'earlier');
  assert.equal(byField.leftOn.outcome, 'cleared', 'the other record is still a member: no left date');
  assert.equal(byField.notes.outcome, 'joined');
  assert.equal(lostCount(rows), 1);
  assert.equal(mergeRows({ tags: ['ёлка'] }, { tags: ['Елка'] })[0].outcome, 'kept', 'one tag as core counts them: case and ё aside');
  const bothLeft = mergeRows({ leftOn: '2025-01-01' }, { leftOn: '2025-06-01' })[0];
  assert.equal(bothLeft.outcome, 'later', 'both left: the later date');
  assert.equal(mergeRows({ leftOn: '2025-06-01' }, { leftOn: '2025-01-01' })[0].outcome, 'kept');

  // Keeping the other one instead: Anna's company and level fill its gaps, its email stays.
  const swapped = Object.fromEntries(mergeRows(annaAgain, anna).map((row) => [row.field, row]));
  assert.equal(swapped.company.outcome, 'filled');
  assert.equal(swapped.level.outcome, 'filled');
  assert.equal(swapped.roles.outcome, 'joined', 'speaker comes with Anna');
  assert.equal(swapped.joinedOn.outcome, 'kept', 'its own date is the earlier one');
  assert.equal(swapped.joinedOn.lost, false, 'a later joining date is not a loss');
  assert.equal(swapped.email.lost, true);
});
