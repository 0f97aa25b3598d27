/**
 * The four-stage plan of a community (commands/plan.rs).
 *
 * @module api/plan
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Plan} Plan */
/** @typedef {import('../contract/types.js').PlanSummary} PlanSummary */
/** @typedef {import('../contract/types.js').Task} PlanTask */
/** @typedef {import('../contract/types.js').TaskInput} PlanTaskInput */
/** @typedef {import('../contract/types.js').TaskStatus} TaskStatus */
/** @typedef {import('../contract/types.js').Restored} Restored */
/** @typedef {import('../contract/types.js').OwnerCandidate} OwnerCandidate */

/**
 * How many plan tasks a community has, in total and per stage.
 * @param {number} communityId
 * @returns {Promise<PlanSummary>}
 * @throws {HearthError} `not_found`.
 */
export function planSummary(communityId) {
  return call('plan_summary', { communityId });
}

/**
 * The whole plan of a community, stage by stage, tasks in order.
 * @param {number} communityId
 * @returns {Promise<Plan>}
 * @throws {HearthError} `not_found`.
 */
export function planGet(communityId) {
  return call('plan_get', { communityId });
}

/**
 * Adds a task at the end of its stage.
 * @param {number} communityId
 * @param {PlanTaskInput} task
 * @returns {Promise<PlanTask>}
 * @throws {HearthError} `invalid_input` with `field`, `rule`, `limit`.
 */
export function planTaskCreate(communityId, task) {
  return call('plan_task_create', { communityId, task });
}

/**
 * @param {number} id
 * @param {PlanTaskInput} task
 * @returns {Promise<PlanTask>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function planTaskUpdate(id, task) {
  return call('plan_task_update', { id, task });
}

/**
 * @param {number} id
 * @param {TaskStatus} status
 * @returns {Promise<PlanTask>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function planTaskSetStatus(id, status) {
  return call('plan_task_set_status', { id, status });
}

/**
 * @param {number} id
 * @returns {Promise<PlanTask>} the deleted task, for Undo.
 * @throws {HearthError} `not_found`.
 */
export function planTaskDelete(id) {
  return call('plan_task_delete', { id });
}

/**
 * Puts a deleted task back (Undo), with its uid, in its stage.
 * @param {number} communityId
 * @param {string} uid  the deleted task's uid.
 * @param {PlanTaskInput} task
 * @param {number|null} position  0-based index in the stage; null for the end.
 * @returns {Promise<PlanTask>}
 * @throws {HearthError}
 */
export function planTaskRestore(communityId, uid, task, position) {
  return call('plan_task_restore', { communityId, uid, task, position });
}

/**
 * Reorders a task within its stage or moves it to another one.
 * @param {number} id
 * @param {number} stage  1..4.
 * @param {number} position  0-based index within the target stage after the move.
 * @returns {Promise<Plan>}
 * @throws {HearthError} `invalid_input` with `field` "stage", `not_found`.
 */
export function planTaskMove(id, stage, position) {
  return call('plan_task_move', { id, stage, position });
}

/**
 * Adds the template tasks the plan is missing, never duplicating one.
 * @param {number} communityId
 * @returns {Promise<Restored>}
 * @throws {HearthError}
 */
export function planRestoreTemplate(communityId) {
  return call('plan_restore_template', { communityId });
}

/**
 * Members to pick as a task's owner or as "Mine": those whose name, email, company, handles
 * or tags contain `query`, the name itself first. Nothing for an empty query.
 * @param {number} communityId
 * @param {string} query
 * @returns {Promise<OwnerCandidate[]>}
 * @throws {HearthError} `not_found`.
 */
export function planOwnerSearch(communityId, query) {
  return call('plan_owner_search', { communityId, query });
}
