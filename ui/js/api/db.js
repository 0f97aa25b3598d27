/**
 * The database itself: backups, restore, and the integrity check (commands/db.rs).
 *
 * @module api/db
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').BackupInfo} BackupInfo */
/** @typedef {import('../contract/types.js').CheckReport} CheckReport */

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
