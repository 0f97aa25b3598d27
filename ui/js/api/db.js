/**
 * The database itself: backups, restore, and the integrity check (commands/db.rs).
 *
 * @module api/db
 */

import { call } from './call.js';

/**
 * @typedef {object} BackupInfo
 * @property {string} fileName
 * @property {string} createdAt  RFC 3339, UTC.
 * @property {number} sizeBytes
 * @property {number} revision
 * @property {boolean} beforeRestore  taken just before a restore replaced the data.
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
