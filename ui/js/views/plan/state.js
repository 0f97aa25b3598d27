/**
 * The one state the Plan view's parts share (board, changes, filters, keyboard): written
 * down in one place, so a reader sees what a part may read or change instead of finding it
 * in a closure's captured variables.
 */

/** @typedef {import('../../api/plan.js').Plan} Plan */
/** @typedef {import('../../api/plan.js').PlanTask} PlanTask */
/** @typedef {'all'|'open'|'overdue'|'mine'} Filter */

/**
 * What Ctrl+Z or the toast's Undo takes back: a move (where the task was) or a delete (the
 * task as it was, and its place).
 * @typedef {{kind: 'move', id: number, title: string, stage: number, position: number}
 *   | {kind: 'delete', task: PlanTask, position: number|null}} Undo
 */

/**
 * @typedef {object} PlanState
 * @property {import('../../main.js').ViewContext} ctx
 * @property {number} communityId
 * @property {Plan|null} plan  core's last answer, or a local guess about a change until core
 *   answers (a moved or ticked task); null until the first answer.
 * @property {Filter} filter  "mine" shows the tasks of `plan.ownMember`, the organizer's own
 *   member record as core keeps it.
 * @property {Undo|null} lastUndo  the last delete or move, for Ctrl+Z.
 */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {{filter: Filter}} start
 * @returns {PlanState}
 */
export function createState(ctx, { filter }) {
  return { ctx, communityId: ctx.community.id, plan: null, filter, lastUndo: null };
}

/**
 * The task with this id in a plan, or undefined.
 * @param {Plan} plan
 * @param {number} id
 */
export function taskIn(plan, id) {
  for (const stage of plan.stages) {
    const task = stage.tasks.find((item) => item.id === id);
    if (task) return task;
  }
  return undefined;
}

/**
 * Tells the shell that overdue counts may have changed (the sidebar badge).
 * @param {number|undefined} overdue
 */
export function announcePlanChanged(overdue) {
  document.dispatchEvent(new CustomEvent('hearth:plan-changed', { detail: { overdue } }));
}
