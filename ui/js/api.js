/**
 * The bridge to the Rust side: the only module that calls `invoke`.
 *
 * One async function per Tauri command, named after it in camelCase. Arguments are passed
 * in camelCase; Tauri converts them to the snake_case parameters of the Rust command.
 * Every function rejects with a {@link HearthError}, whatever went wrong, so callers can
 * hand the error straight to `errorMessage()` from i18n.
 *
 * @module api
 */

import { makeError, normaliseError } from './errors.js';

/** @typedef {import('./errors.js').HearthError} HearthError */

/**
 * @typedef {object} BackupInfo
 * @property {string} fileName
 * @property {string} createdAt  RFC 3339, UTC.
 * @property {number} sizeBytes
 * @property {number} revision
 * @property {boolean} beforeRestore  taken just before a restore replaced the data.
 */

/**
 * @typedef {object} AppStatus
 * @property {string} dataDir
 * @property {string} dbPath
 * @property {number} schemaVersion
 * @property {'en'|'ru'|null} language  null until the person chooses one.
 * @property {null|{damagedPath: string, backups: BackupInfo[]}} recovery
 *   Set when the database failed its start-up check and was put aside.
 */

/**
 * @typedef {object} CommunitySummary
 * @property {number} id
 * @property {string} uid
 * @property {string} name
 * @property {string|null} kind
 * @property {'en'|'ru'} locale
 * @property {string} updatedAt  RFC 3339, UTC.
 */

/**
 * @typedef {object} Charter
 * @property {string} name
 * @property {string} mission
 * @property {null|'technology'|'industry'|'functional'|'geographic'} kind
 * @property {Array<'newcomers'|'mid_level'|'experienced'|'leaders'>} audiences
 * @property {Array<'online_groups'|'offline_events'|'webinars_conferences'|'joint_projects'>} formats
 * @property {string} uniqueValue
 * @property {string} expectedResults
 * @property {string} rules
 * @property {string} timeZone  IANA name, e.g. "Europe/Moscow".
 * @property {'en'|'ru'} locale  language of the plan template.
 */

/**
 * @typedef {Charter & {id: number, uid: string, createdAt: string, updatedAt: string}} Community
 */

/**
 * @typedef {object} CheckReport
 * @property {boolean} ok
 * @property {number} schemaVersion
 * @property {number} expectedSchemaVersion
 * @property {boolean} needsUpgrade  an older schema, upgraded the next time Hearth opens the file.
 * @property {boolean} schemaMatches  the tables, indexes and triggers are exactly Hearth's.
 * @property {string} quickCheck
 * @property {string[]} integrityCheck
 * @property {number} foreignKeyViolations
 */

/**
 * @typedef {object} PlanSummary
 * @property {number} total
 * @property {number} done
 * @property {number} overdue  open tasks past their due date.
 * @property {Array<{stage: 1|2|3|4, total: number, done: number}>} stages
 */

/**
 * Calls one command and normalises any rejection.
 * @param {string} command
 * @param {object} [args]
 * @returns {Promise<any>}
 * @throws {HearthError}
 */
async function call(command, args) {
  const invoke = globalThis.window?.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw makeError('internal', 'The Tauri runtime is not available');
  }
  try {
    return await invoke(command, args);
  } catch (raw) {
    throw normaliseError(raw);
  }
}

/**
 * Where the data lives, which language was chosen, and whether start-up found a damaged database.
 * @returns {Promise<AppStatus>}
 * @throws {HearthError}
 */
export function appStatus() {
  return call('app_status');
}

const FIRST_SCREEN_TAKEN = 'hearth.firstScreenTaken';

/**
 * The first screen's data, embedded by the shell when it created the window, so start-up
 * draws without waiting for a round trip. Given out on the first load of the window only:
 * any later load (the reload after a restore) must ask the commands for fresh data.
 * @returns {{status: AppStatus, communities: CommunitySummary[]}|null}
 */
export function takeFirstScreen() {
  const embedded = globalThis.window?.__HEARTH_FIRST_SCREEN__ ?? null;
  try {
    if (sessionStorage.getItem(FIRST_SCREEN_TAKEN)) return null;
    sessionStorage.setItem(FIRST_SCREEN_TAKEN, '1');
  } catch {
    return null;
  }
  return embedded;
}

/**
 * Tells the shell that the first data is on screen (start-up is measured by it).
 * @returns {Promise<void>}
 * @throws {HearthError}
 */
export function appReady() {
  return call('app_ready');
}

// ---------------------------------------------------------------------------------------
// Closing the window

/** The shell's event for a close request of the window (commands/window.rs). */
const CLOSE_REQUESTED_EVENT = 'window-close-requested';

/**
 * Calls `handler` each time the person asks to close the window (its close button, Alt+F4).
 * The shell keeps the window open until {@link appClose}; without any answer it closes the
 * window itself after a few seconds, unless {@link appCloseAsking} said a question is on screen.
 * @param {() => void} handler
 * @returns {Promise<void>} once the shell will deliver the requests.
 * @throws {HearthError}
 */
export async function onCloseRequested(handler) {
  const listen = globalThis.window?.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') {
    throw makeError('internal', 'The Tauri runtime is not available');
  }
  try {
    await listen(CLOSE_REQUESTED_EVENT, () => handler());
  } catch (raw) {
    throw normaliseError(raw);
  }
}

/**
 * Closes the window now, without asking again.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appClose() {
  return call('app_close');
}

/**
 * Tells the shell that the question about unsaved changes is on screen, so it waits for the
 * person instead of closing a window whose page seems not to answer.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appCloseAsking() {
  return call('app_close_asking');
}

// ---------------------------------------------------------------------------------------
// Communities

/**
 * All communities on this computer.
 * @returns {Promise<CommunitySummary[]>}
 * @throws {HearthError}
 */
export function communityList() {
  return call('community_list');
}

/**
 * One community with its full charter.
 * @param {number} id
 * @returns {Promise<Community>}
 * @throws {HearthError} `not_found` when it was deleted.
 */
export function communityGet(id) {
  return call('community_get', { id });
}

/**
 * Creates a community and its plan tasks from the built-in template in `locale`.
 * @param {{name: string, locale: 'en'|'ru', timeZone: string}} input
 * @returns {Promise<Community>}
 * @throws {HearthError} `invalid_input` with `field` "name" or "timeZone".
 */
export function communityCreate(input) {
  return call('community_create', { input });
}

/**
 * Replaces the charter of a community.
 * @param {number} id
 * @param {Charter} charter
 * @returns {Promise<Community>}
 * @throws {HearthError} `invalid_input` with `field`, `rule` and `limit`; `not_found`.
 */
export function communityUpdate(id, charter) {
  return call('community_update', { id, charter });
}

/**
 * Deletes a community with everything that belongs to it.
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError} `not_found`.
 */
export function communityDelete(id) {
  return call('community_delete', { id });
}

/**
 * Creates the sample community (always a new one).
 * @returns {Promise<Community>}
 * @throws {HearthError}
 */
export function demoCreate() {
  return call('demo_create');
}

/**
 * Remembers the interface language.
 * @param {'en'|'ru'} language
 * @returns {Promise<null>}
 * @throws {HearthError} `invalid_input` with `field` "language".
 */
export function settingsSetLanguage(language) {
  return call('settings_set_language', { language });
}

/**
 * Backups on disk, newest first.
 * @returns {Promise<BackupInfo[]>}
 * @throws {HearthError} `io`.
 */
export function backupList() {
  return call('backup_list');
}

/**
 * Makes a backup right now.
 * @returns {Promise<BackupInfo>}
 * @throws {HearthError} `io`.
 */
export function backupNow() {
  return call('backup_now');
}

/**
 * Replaces the database with a backup. Reload the interface afterwards: every list is stale.
 * @param {string} fileName  as listed by {@link backupList}.
 * @returns {Promise<null>}
 * @throws {HearthError} `not_found`, `corrupt`, `io`.
 */
export function backupRestore(fileName) {
  return call('backup_restore', { fileName });
}

/**
 * Runs the schema, integrity and foreign-key checks.
 * @returns {Promise<CheckReport>}
 * @throws {HearthError}
 */
export function dbCheck() {
  return call('db_check');
}

/**
 * How many plan tasks a community has, in total and per stage.
 * @param {number} communityId
 * @returns {Promise<PlanSummary>}
 * @throws {HearthError} `not_found`.
 */
export function planSummary(communityId) {
  return call('plan_summary', { communityId });
}

// ---------------------------------------------------------------------------------------
// The plan

/**
 * @typedef {object} PlanTask
 * @property {number} id
 * @property {string} uid
 * @property {1|2|3|4} stage
 * @property {string} title
 * @property {string} notes
 * @property {'todo'|'in_progress'|'done'} status
 * @property {string|null} due  "YYYY-MM-DD".
 * @property {string|null} ownerName
 * @property {boolean} overdue
 */

/**
 * @typedef {object} PlanTaskInput
 * @property {number} stage
 * @property {string} title
 * @property {string} notes
 * @property {'todo'|'in_progress'|'done'} status
 * @property {string|null} due  "" or null for none.
 * @property {string|null} ownerName
 */

/**
 * @typedef {object} Plan
 * @property {number} communityId
 * @property {'en'|'ru'} locale
 * @property {string} today  the community's local date, "YYYY-MM-DD".
 * @property {Array<{stage: 1|2|3|4, title: string, total: number, done: number, tasks: PlanTask[]}>} stages
 * @property {number} total
 * @property {number} done
 * @property {number} overdue
 */

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
 * @param {'todo'|'in_progress'|'done'} status
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
 * @returns {Promise<{added: number}>}
 * @throws {HearthError}
 */
export function planRestoreTemplate(communityId) {
  return call('plan_restore_template', { communityId });
}

/**
 * Opens the printable plan in a preview window with a Print button.
 * @param {number} communityId
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function printPlanPreview(communityId) {
  return call('print_plan_preview', { communityId });
}

// ---------------------------------------------------------------------------------------
// Platforms

/**
 * @typedef {'telegram'|'discord'|'slack'|'linkedin'|'facebook'|'discourse'|'website'|'other'} PlatformKind
 */

/**
 * @typedef {object} PlatformInput
 * @property {PlatformKind} kind
 * @property {string} name
 * @property {string} url  http:// or https:// only.
 * @property {number|null} memberCount
 */

/**
 * @typedef {PlatformInput & {id: number, uid: string}} Platform
 */

/**
 * @param {number} communityId
 * @returns {Promise<Platform[]>}
 * @throws {HearthError}
 */
export function platformList(communityId) {
  return call('platform_list', { communityId });
}

/**
 * @param {number} communityId
 * @param {PlatformInput} platform
 * @returns {Promise<Platform>}
 * @throws {HearthError} `invalid_input` with `field` "name", "url", "memberCount" or "kind".
 */
export function platformCreate(communityId, platform) {
  return call('platform_create', { communityId, platform });
}

/**
 * @param {number} id
 * @param {PlatformInput} platform
 * @returns {Promise<Platform>}
 * @throws {HearthError}
 */
export function platformUpdate(id, platform) {
  return call('platform_update', { id, platform });
}

/**
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError} `not_found`.
 */
export function platformDelete(id) {
  return call('platform_delete', { id });
}

/**
 * Opens an http(s) link in the system browser; the core refuses anything else.
 * @param {string} url
 * @returns {Promise<null>}
 * @throws {HearthError} `invalid_input` with `field` "url".
 */
export function openLink(url) {
  return call('open_link', { url });
}
