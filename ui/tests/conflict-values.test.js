import { test } from 'node:test';
import assert from 'node:assert/strict';

import { setLanguage } from '../js/i18n/index.js';
import { camelCase, conflictValue } from '../js/views/sharing/conflict-values.js';

/** A conflict as core lists it (commands/sharing.rs SharingConflict). */
function conflict(table, field, values, names = values.map(() => null), labelPrefix = null) {
  return { table, uid: '0190-a', label: null, field, values, names, labelPrefix };
}

test('a column is found under the name the views give its field', () => {
  assert.equal(camelCase('expected_results'), 'expectedResults');
  assert.equal(camelCase('name'), 'name');
});

test('a reference reads as the record it names, not its uid', () => {
  setLanguage('en');
  const owner = conflict('plan_tasks', 'owner_member_id', ['0190-b', '0190-c'], ['Anna Petrova', 'Boris Ivanov']);
  assert.equal(conflictValue(owner, 0), 'Anna Petrova');
  assert.equal(conflictValue(owner, 1), 'Boris Ivanov');
});

test('a closed value reads as its label in the interface language, under the prefix core gives', () => {
  const status = conflict('plan_tasks', 'status', ['done', 'todo'], undefined, 'plan.status');
  setLanguage('en');
  assert.equal(conflictValue(status, 0), 'Done');
  setLanguage('ru');
  assert.notEqual(conflictValue(status, 0), 'done');
  assert.equal(conflictValue(conflict('events', 'kind', ['meetup', 'webinar'], undefined, 'events.kind'), 1), 'Вебинар');
  // Prefixes that are not the table's name: a goal's direction, the charter's language.
  setLanguage('en');
  assert.equal(conflictValue(conflict('goals', 'direction', ['at_least', 'at_most'], undefined, 'metrics.direction'), 0), 'at least');
  assert.equal(conflictValue(conflict('community', 'locale', ['ru', 'en'], undefined, 'language'), 0), 'Русский');
  // A free text that happens to spell a closed value stays as it was typed.
  assert.equal(conflictValue(conflict('plan_tasks', 'title', ['done', 'todo']), 0), 'done');
});

test('none reads as empty, a day as a date, a long text cut', () => {
  setLanguage('ru');
  const notes = conflict('members', 'notes', [null, '', 'x'.repeat(200)]);
  assert.equal(conflictValue(notes, 0), 'пусто');
  assert.equal(conflictValue(notes, 1), 'пусто');
  assert.equal(conflictValue(notes, 2).length, 60);
  assert.ok(conflictValue(notes, 2).endsWith('…'));
  assert.equal(conflictValue(conflict('plan_tasks', 'due', ['2027-03-01', null]), 0), '01.03.2027');
  setLanguage('en');
  assert.equal(conflictValue(conflict('metric_points', 'value', [12.5, 13]), 0), '12.5');
});
