import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  applyMove,
  calendarDate,
  dropPosition,
  indexAtPointer,
  keyboardMove,
  locate,
  matchesFilter,
  percent,
} from '../js/views/plan/model.js';
import { translate } from '../js/i18n/index.js';
import '../js/views/plan/strings.js';
import '../js/views/community/strings.js';

const task = (id, stage, extra = {}) => ({ id, stage, status: 'todo', due: null, ownerName: null, overdue: false, ...extra });
const board = () => [
  { stage: 1, total: 3, done: 0, tasks: [task(1, 1), task(2, 1), task(3, 1)] },
  { stage: 2, total: 1, done: 1, tasks: [task(4, 2, { status: 'done' })] },
  { stage: 3, total: 0, done: 0, tasks: [] },
  { stage: 4, total: 0, done: 0, tasks: [] },
];

test('filters: open, overdue as core says, and mine by the owning member, not by name', () => {
  const late = task(1, 1, { due: '2026-03-01', ownerMemberId: 7, ownerName: 'Anna Petrova', overdue: true });
  const done = task(2, 1, { status: 'done', ownerMemberId: 7, ownerName: 'Anna Petrova' });
  assert.equal(matchesFilter(late, 'all'), true);
  assert.equal(matchesFilter(late, 'open'), true);
  assert.equal(matchesFilter(done, 'open'), false);
  assert.equal(matchesFilter(late, 'overdue'), true);
  assert.equal(matchesFilter(done, 'overdue'), false);
  // A past due date alone is not overdue: only core decides (it knows the community's today).
  assert.equal(matchesFilter(task(3, 1, { due: '2020-01-01' }), 'overdue'), false);
  assert.equal(matchesFilter(late, 'mine', { ownMemberId: 7 }), true);
  assert.equal(matchesFilter(done, 'mine', { ownMemberId: 7 }), true);
  assert.equal(matchesFilter(late, 'mine', { ownMemberId: 8 }), false);
  // The same name typed as text is not the member: only a linked task is theirs.
  assert.equal(matchesFilter(task(4, 1, { ownerName: 'Anna Petrova' }), 'mine', { ownMemberId: 7 }), false);
  assert.equal(matchesFilter(late, 'mine', { ownMemberId: null }), false);
  assert.equal(matchesFilter(late, 'mine'), false);
});

test('progress is a whole percentage, 0 for an empty stage', () => {
  assert.equal(percent(0, 0), 0);
  assert.equal(percent(1, 3), 33);
  assert.equal(percent(4, 4), 100);
  assert.equal(percent(5, 4), 100);
});

test('a drop lands before the visible task under it, or after the last visible one', () => {
  // Stage ids without the moved task; 7 and 9 are hidden by a filter.
  const ids = [5, 7, 8, 9];
  assert.equal(dropPosition(ids, 5, null), 0);
  assert.equal(dropPosition(ids, 8, 5), 2);
  assert.equal(dropPosition(ids, null, 8), 3);
  assert.equal(dropPosition(ids, null, null), 4);
  assert.equal(dropPosition([], null, null), 0);
  assert.equal(indexAtPointer([10, 30, 50], 5), 0);
  assert.equal(indexAtPointer([10, 30, 50], 31), 2);
  assert.equal(indexAtPointer([10, 30, 50], 99), 3);
  assert.equal(indexAtPointer([], 99), 0);
});

test('Alt+arrows: up and down within the stage, left and right to the end of the next stage', () => {
  const stages = board();
  assert.deepEqual(keyboardMove(stages, 2, 'ArrowUp'), { stage: 1, position: 0 });
  assert.deepEqual(keyboardMove(stages, 2, 'ArrowDown'), { stage: 1, position: 2 });
  assert.equal(keyboardMove(stages, 1, 'ArrowUp'), null);
  assert.equal(keyboardMove(stages, 3, 'ArrowDown'), null);
  assert.deepEqual(keyboardMove(stages, 1, 'ArrowRight'), { stage: 2, position: 1 });
  assert.equal(keyboardMove(stages, 1, 'ArrowLeft'), null);
  assert.deepEqual(keyboardMove(stages, 4, 'ArrowLeft'), { stage: 1, position: 3 });
  // Hidden tasks are skipped: 3 moves above 1 when 2 is hidden.
  assert.deepEqual(keyboardMove(stages, 3, 'ArrowUp', (item) => item.id !== 2), { stage: 1, position: 0 });
});

test('a move is applied locally with recounted totals, and locate finds the way back', () => {
  const before = board();
  const after = applyMove(before, 1, 2, 0);
  assert.deepEqual(after[0].tasks.map((item) => item.id), [2, 3]);
  assert.deepEqual(after[1].tasks.map((item) => item.id), [1, 4]);
  assert.equal(after[1].tasks[0].stage, 2);
  assert.equal(after[0].total, 2);
  assert.equal(after[1].total, 2);
  assert.equal(after[1].done, 1);
  // The original is untouched, and undoing puts it back where it was.
  assert.deepEqual(before[0].tasks.map((item) => item.id), [1, 2, 3]);
  const origin = locate(before, 1);
  assert.deepEqual(origin, { stage: 1, position: 0 });
  const undone = applyMove(after, 1, origin.stage, origin.position);
  assert.deepEqual(undone.map((stage) => stage.tasks.map((item) => item.id)), [[1, 2, 3], [4], [], []]);
  // Reorder within a stage: position is the index after the move.
  assert.deepEqual(applyMove(before, 1, 1, 2)[0].tasks.map((item) => item.id), [2, 3, 1]);
  assert.equal(locate(before, 99), null);
});

test('calendar dates are real dates at UTC midnight', () => {
  assert.equal(calendarDate('2026-03-10').toISOString(), '2026-03-10T00:00:00.000Z');
  assert.equal(calendarDate('2026-02-30'), null);
  assert.equal(calendarDate('10.03.2026'), null);
  assert.equal(calendarDate(null), null);
});

test('plan plurals: overdue badge, platform members and restored tasks', () => {
  assert.equal(translate('ru', 'nav.overdueBadge', { count: 1 }), '1 просроченная задача');
  assert.equal(translate('ru', 'nav.overdueBadge', { count: 3 }), '3 просроченные задачи');
  assert.equal(translate('ru', 'nav.overdueBadge', { count: 5 }), '5 просроченных задач');
  assert.equal(translate('en', 'nav.overdueBadge', { count: 1 }), '1 overdue task');
  assert.equal(translate('en', 'nav.overdueBadge', { count: 3 }), '3 overdue tasks');
  assert.equal(translate('ru', 'platforms.members', { count: 21 }), '21 участник');
  assert.equal(translate('ru', 'platforms.members', { count: 1240 }), '1\u00a0240 участников');
  assert.equal(translate('ru', 'plan.templateRestored', { count: 2 }), 'Добавлены 2 задачи шаблона.');
  assert.equal(translate('en', 'plan.progress', { done: 7, count: 16 }), '7 of 16 done');
  assert.equal(translate('ru', 'plan.progress', { done: 7, count: 16 }), 'Выполнено 7 из 16');
});
