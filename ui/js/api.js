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
 * @property {string} quickCheck
 * @property {string[]} integrityCheck
 * @property {number} foreignKeyViolations
 */

/**
 * @typedef {object} PlanSummary
 * @property {number} total
 * @property {number} done
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
