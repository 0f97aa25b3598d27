/**
 * The arithmetic of the plan screen: filters, progress and where a moved task lands. Pure:
 * no DOM, no i18n; node tests import it directly. The rules of a task (its limits, its
 * statuses, when it is overdue) are core's and reach the screen through the contract.
 */

/**
 * The filters of the plan screen, in the order they are offered.
 * @type {readonly ('all'|'open'|'overdue'|'mine')[]}
 */
export const FILTERS = Object.freeze(['all', 'open', 'overdue', 'mine']);

/**
 * Whether a filter shows a task. Overdue is core's word on each task (`task.overdue`), never
 * worked out here; "mine" is the tasks owned by the organizer's own member record (core's
 * `plan.ownMember`), never a name compared as text.
 * @param {{status: string, ownerMemberId?: number|null, overdue: boolean}} task
 * @param {'all'|'open'|'overdue'|'mine'} filter
 * @param {{ownMemberId?: number|null}} [context]
 * @returns {boolean}
 */
export function matchesFilter(task, filter, { ownMemberId = null } = {}) {
  switch (filter) {
    case 'open':
      return task.status !== 'done';
    case 'overdue':
      return Boolean(task.overdue);
    case 'mine':
      return ownMemberId !== null && task.ownerMemberId === ownMemberId;
    default:
      return true;
  }
}

/**
 * Progress as a whole percentage, 0 for an empty stage.
 * @param {number} done
 * @param {number} total
 * @returns {number}
 */
export function percent(done, total) {
  if (!total || total <= 0) return 0;
  return Math.round((Math.min(done, total) / total) * 100);
}

/**
 * Where a task lands in the full list of a stage when it is dropped among the tasks that
 * are visible (a filter may hide some).
 * @param {number[]} stageIds  ids of the target stage in order, the moved task excluded.
 * @param {number|null} beforeId  the visible task it is dropped before, null for after the last.
 * @param {number|null} afterId  the visible task it is dropped after, null for before the first.
 * @returns {number} 0-based position in the target stage after the move.
 */
export function dropPosition(stageIds, beforeId, afterId) {
  if (beforeId !== null && beforeId !== undefined) {
    const index = stageIds.indexOf(beforeId);
    if (index !== -1) return index;
  }
  if (afterId !== null && afterId !== undefined) {
    const index = stageIds.indexOf(afterId);
    if (index !== -1) return index + 1;
  }
  return stageIds.length;
}

/**
 * The index among `centres` (vertical middles of the other rows, top to bottom) that a
 * pointer at `y` would drop before; `centres.length` means after the last.
 * @param {number[]} centres
 * @param {number} y
 * @returns {number}
 */
export function indexAtPointer(centres, y) {
  const index = centres.findIndex((centre) => y < centre);
  return index === -1 ? centres.length : index;
}

/**
 * Where Alt+Arrow moves a task.
 * Up/Down: past the previous/next visible task of its stage. Left/Right: to the end of the
 * previous/next stage.
 * @param {Array<{stage: number, tasks: Array<{id: number}>}>} stages  full lists.
 * @param {number} id
 * @param {'ArrowUp'|'ArrowDown'|'ArrowLeft'|'ArrowRight'} key
 * @param {(task: any) => boolean} [visible]  the current filter.
 * @returns {{stage: number, position: number}|null} null when it cannot move that way.
 */
export function keyboardMove(stages, id, key, visible = () => true) {
  const from = stages.find((stage) => stage.tasks.some((task) => task.id === id));
  if (!from) return null;
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const target = stages.find((stage) => stage.stage === from.stage + (key === 'ArrowLeft' ? -1 : 1));
    if (!target) return null;
    return { stage: target.stage, position: target.tasks.length };
  }
  const others = from.tasks.filter((task) => task.id !== id);
  const index = from.tasks.findIndex((task) => task.id === id);
  const step = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
  if (step === 0) return null;
  // The nearest visible neighbour in that direction.
  let neighbour = index + step;
  while (neighbour >= 0 && neighbour < from.tasks.length && !visible(from.tasks[neighbour])) neighbour += step;
  if (neighbour < 0 || neighbour >= from.tasks.length) return null;
  const neighbourId = from.tasks[neighbour].id;
  const neighbourIndex = others.findIndex((task) => task.id === neighbourId);
  return { stage: from.stage, position: step < 0 ? neighbourIndex : neighbourIndex + 1 };
}

/**
 * Where a task is now, to move it back (Undo).
 * @param {Array<{stage: number, tasks: Array<{id: number}>}>} stages
 * @param {number} id
 * @returns {{stage: number, position: number}|null}
 */
export function locate(stages, id) {
  for (const stage of stages) {
    const position = stage.tasks.findIndex((task) => task.id === id);
    if (position !== -1) return { stage: stage.stage, position };
  }
  return null;
}

/**
 * The plan as it will be after a move, so the screen can redraw at once while the core
 * stores it. Totals per stage are recounted.
 * @template {{stage: number, tasks: Array<{id: number, status: string}>, total: number, done: number}} S
 * @param {S[]} stages
 * @param {number} id
 * @param {number} stage
 * @param {number} position
 * @returns {S[]}
 */
export function applyMove(stages, id, stage, position) {
  const from = locate(stages, id);
  if (!from) return stages;
  const task = stages.find((item) => item.stage === from.stage).tasks[from.position];
  const moved = { ...task, stage };
  const next = stages.map((item) => ({ ...item, tasks: item.tasks.filter((other) => other.id !== id) }));
  const target = next.find((item) => item.stage === stage);
  if (!target) return stages;
  target.tasks.splice(Math.max(0, Math.min(position, target.tasks.length)), 0, moved);
  for (const item of next) {
    item.total = item.tasks.length;
    item.done = item.tasks.filter((other) => other.status === 'done').length;
  }
  return next;
}

/**
 * A "YYYY-MM-DD" date as a Date at UTC midnight, for format.js with timeZone "UTC"
 * (formatting it in the system zone could show the day before).
 * @param {string|null} value
 * @returns {Date|null}
 */
export function calendarDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? date : null;
}
