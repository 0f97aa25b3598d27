/**
 * The member roster of a community (commands/members.rs).
 *
 * @module api/members
 */

import { makeError, normaliseError } from '../errors.js';
import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Member} Member */
/** @typedef {import('../contract/types.js').MemberInput} MemberInput */
/** @typedef {import('../contract/types.js').RosterQuery} RosterQuery */
/** @typedef {import('../contract/types.js').RosterPage} RosterPage */
/** @typedef {import('../contract/types.js').TagCount} TagCount */
/** @typedef {import('../contract/types.js').PersonalData} PersonalData */

/**
 * Adds a member; a field left out is empty.
 * @param {number} communityId
 * @param {MemberInput} member
 * @returns {Promise<Member>}
 * @throws {HearthError} `invalid_input` with `field`, `rule`, `limit`; `not_found`.
 */
export function memberCreate(communityId, member) {
  return call('member_create', { communityId, member });
}

/**
 * Changes only the fields `member` holds.
 * @param {number} id
 * @param {MemberInput} member
 * @returns {Promise<Member>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function memberUpdate(id, member) {
  return call('member_update', { id, member });
}

/**
 * @param {number} id
 * @returns {Promise<Member>}
 * @throws {HearthError} `not_found`.
 */
export function memberGet(id) {
  return call('member_get', { id });
}

/**
 * One page of the members that match `query` (search text and filters), in its order,
 * with how many match in all. Scrolling through the same query is cheap: core keeps the
 * list of matches until the next change.
 * @param {number} communityId
 * @param {RosterQuery} query
 * @param {number} offset the first row wanted, from 0
 * @param {number} limit at most 1000
 * @returns {Promise<RosterPage>}
 * @throws {HearthError} `invalid_input` with `field` (search, levels, roles, engagement,
 *   joinedFrom, joinedTo, sort, limit); `not_found`.
 */
export function memberPage(communityId, query, offset, limit) {
  return call('member_page', { communityId, query, offset, limit });
}

/**
 * The id of every member that matches `query`, in its order: what "select all" selects.
 * @param {number} communityId
 * @param {RosterQuery} query
 * @returns {Promise<number[]>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function memberIds(communityId, query) {
  return call('member_ids', { communityId, query });
}

/**
 * The tags the community's members carry, most used first: the choices of the tag filter.
 * @param {number} communityId
 * @returns {Promise<TagCount[]>}
 * @throws {HearthError} `not_found`.
 */
export function memberTags(communityId) {
  return call('member_tags', { communityId });
}

/**
 * Adds `tags` to each member in `ids` (or takes them away when `remove`), in one change.
 * @param {number[]} ids
 * @param {string[]} tags
 * @param {boolean} remove
 * @returns {Promise<number>} how many members changed
 * @throws {HearthError} `invalid_input` (`tag`, `tags`, `ids`); `not_found` (nothing changed).
 */
export function memberBulkTags(ids, tags, remove) {
  return call('member_bulk_tags', { ids, tags, remove });
}

/**
 * Gives `role` to each member in `ids` (or takes it away when `remove`), in one change.
 * @param {number[]} ids
 * @param {import('../contract/types.js').Role} role
 * @param {boolean} remove
 * @returns {Promise<number>} how many members changed
 * @throws {HearthError} `invalid_input` (`role`, `ids`); `not_found` (nothing changed).
 */
export function memberBulkRole(ids, role, remove) {
  return call('member_bulk_role', { ids, role, remove });
}

/**
 * Merges member `otherId` into member `keepId`: every activity, kudos given, owned task and
 * "Mine" move to the kept member, its empty fields are filled from the other, roles and tags
 * united, notes joined; the other member is gone.
 * @param {number} keepId
 * @param {number} otherId
 * @returns {Promise<Member>} the kept member as stored
 * @throws {HearthError} `invalid_input` (`otherId`: the same member); `conflict` (two
 *   communities); `not_found`.
 */
export function memberMerge(keepId, otherId) {
  return call('member_merge', { keepId, otherId });
}

/**
 * Forgets a member: their record, the notes of their activities and their name on plan
 * tasks are deleted; their activities stay counted, owned by no one.
 * @param {number} id
 * @returns {Promise<void>}
 * @throws {HearthError} `not_found`.
 */
export function memberForget(id) {
  return call('member_forget', { id });
}

/**
 * Everything Hearth holds about one member; with `path`, also written there as JSON.
 * @param {number} id
 * @param {string | null} [path] from {@link memberPersonalDataChooseFile}
 * @returns {Promise<PersonalData>}
 * @throws {HearthError} `not_found`; `invalid_input` (`out`: the database or a backup);
 *   `io`.
 */
export function memberPersonalData(id, path = null) {
  return call('member_personal_data', { id, path });
}

/**
 * Asks where to save a member's data (the system's save dialog, JSON).
 * @param {string} fileName proposed name, e.g. `ana-ribeiro.json`
 * @returns {Promise<string | null>} the chosen path, or null when cancelled
 */
export function memberPersonalDataChooseFile(fileName) {
  return call('member_personal_data_choose_file', { fileName });
}

// Activities and engagement (commands/members.rs).

/** @typedef {import('../contract/types.js').Activity} Activity */
/** @typedef {import('../contract/types.js').ActivityInput} ActivityInput */
/** @typedef {import('../contract/types.js').Explanation} Explanation */
/** @typedef {import('../contract/types.js').EngagementSettings} EngagementSettings */
/** @typedef {import('../contract/types.js').EngagementSettingsInput} EngagementSettingsInput */
/** @typedef {import('../contract/types.js').TopContributors} TopContributors */
/** @typedef {import('../contract/types.js').LosingTouch} LosingTouch */

/**
 * A member's timeline, newest first, each activity with the weight it counts with.
 * @param {number} memberId
 * @returns {Promise<Activity[]>}
 * @throws {HearthError} `not_found`.
 */
export function activityList(memberId) {
  return call('activity_list', { memberId });
}

/**
 * Adds an activity to a member's timeline as typed (a blank date is today, a blank weight
 * is the kind's); the member's engagement is recomputed with it.
 * @param {number} memberId
 * @param {ActivityInput} activity
 * @returns {Promise<Activity>}
 * @throws {HearthError} `invalid_input` with `field` (kind, occurredOn, weight, note);
 *   `not_found`.
 */
export function activityAdd(memberId, activity) {
  return call('activity_add', { memberId, activity });
}

/**
 * Removes an activity; the member's engagement is recomputed.
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError} `not_found`.
 */
export function activityRemove(id) {
  return call('activity_remove', { id });
}

/**
 * Kudos for a member, today, from another member of the community or (null) from the
 * organizer.
 * @param {number} memberId
 * @param {number | null} fromMemberId
 * @param {string} note
 * @returns {Promise<Activity>}
 * @throws {HearthError} `invalid_input` (`note`; `fromMemberId`: the member themselves or
 *   another community's); `not_found`.
 */
export function memberKudos(memberId, fromMemberId, note) {
  return call('member_kudos', { memberId, fromMemberId, note });
}

/**
 * Why a member's engagement is what it is today: each counted activity with its weight,
 * age, factor and contribution; the thresholds; the grace period when it holds the level.
 * @param {number} memberId
 * @returns {Promise<Explanation>}
 * @throws {HearthError} `not_found`.
 */
export function engagementExplain(memberId) {
  return call('engagement_explain', { memberId });
}

/**
 * The members who earned the most weight in a period, most first.
 * @param {number} communityId
 * @param {string | null} from `YYYY-MM-DD`; null: the first day of this month
 * @param {string | null} to `YYYY-MM-DD`; null: today
 * @param {number} limit at most 100
 * @returns {Promise<TopContributors>} with the period used
 * @throws {HearthError} `invalid_input` (`from`, `to`); `not_found`.
 */
export function engagementTop(communityId, from, to, limit) {
  return call('engagement_top', { communityId, from, to, limit });
}

/**
 * Members who were engaged and have had no activity for the losing-touch days of the
 * settings, most engaged first.
 * @param {number} communityId
 * @param {number} limit at most 100
 * @returns {Promise<LosingTouch>} with how many there are in all
 * @throws {HearthError} `not_found`.
 */
export function engagementLosingTouch(communityId, limit) {
  return call('engagement_losing_touch', { communityId, limit });
}

/**
 * The engagement model's settings (weights per kind, half-life, window, thresholds, grace
 * and losing-touch days).
 * @returns {Promise<EngagementSettings>}
 */
export function engagementSettingsGet() {
  return call('engagement_settings_get');
}

/**
 * Stores new settings as typed; every member is rescored with them.
 * @param {EngagementSettingsInput} settings
 * @returns {Promise<EngagementSettings>}
 * @throws {HearthError} `invalid_input` with `field` (`weights.<kind>`, `halfLifeDays`,
 *   `windowDays`, `participant`, `contributor`, `advocate`, `graceDays`,
 *   `losingTouchDays`).
 */
export function engagementSettingsSet(settings) {
  return call('engagement_settings_set', { settings });
}

// ---------------------------------------------------------------------------------------
// Members in and out through files (import and export)

/** @typedef {import('../contract/types.js').ImportSource} ImportSource */
/** @typedef {import('../contract/types.js').ImportOptions} ImportOptions */
/** @typedef {import('../contract/types.js').ImportPreview} ImportPreview */
/** @typedef {import('../contract/types.js').ImportProgress} ImportProgress */
/** @typedef {import('../contract/types.js').ImportReport} ImportReport */
/** @typedef {import('../contract/types.js').ExportFormat} ExportFormat */
/** @typedef {import('../contract/types.js').ExportReport} ExportReport */

/**
 * Opens the system's file dialog for a CSV or vCard file to import.
 * @returns {Promise<string|null>} the chosen file's path; null when the person cancelled.
 * @throws {HearthError}
 */
export function memberImportChooseFile() {
  return call('member_import_choose_file');
}

/**
 * Reads a file (by its path, as chosen or dropped, or its bytes) and tells what importing it
 * into the community would do: how it was read, each column's field, problems by row and
 * column, duplicates with a proposed action, counts. Writes nothing.
 * @param {number} communityId
 * @param {ImportSource} source  `{path}` or `{fileName, bytes}`.
 * @param {ImportOptions} [options]  mapping, usDates, delimiter, encoding, decisions; all optional.
 * @returns {Promise<ImportPreview>}
 * @throws {HearthError} `not_found` (no such community or file), `invalid_input` (a mapping
 *   whose length is not the file's number of columns), `io`.
 */
export function memberImportPreview(communityId, source, options = {}) {
  return call('member_import_preview', { communityId, source, options });
}

/**
 * Imports a file: every member and merge in one transaction, or nothing. Refused while the
 * preview has any problem. Cancel with {@link memberImportCancel}.
 * @param {number} communityId
 * @param {ImportSource} source  the same file as previewed.
 * @param {ImportOptions} options  the same options as the preview, with the person's decisions.
 * @param {(progress: ImportProgress) => void} [onProgress]  `{done, total}` as members are written.
 * @returns {Promise<ImportReport>}
 * @throws {HearthError} `invalid_input` (field `file`: the file has problems; nothing written),
 *   `conflict` ("cancelled": nothing written), `not_found`, `io`.
 */
export function memberImportCommit(communityId, source, options, onProgress = () => {}) {
  const Channel = globalThis.window?.__TAURI__?.core?.Channel;
  if (typeof Channel !== 'function') {
    return call('member_import_commit', { communityId, source, options });
  }
  /** @type {{onmessage: (message: ImportProgress) => void}} */
  const channel = new Channel();
  channel.onmessage = onProgress;
  return call('member_import_commit', { communityId, source, options, onProgress: channel });
}

/**
 * Asks the running import to stop; it then rolls back and rejects with `conflict`.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function memberImportCancel() {
  return call('member_import_cancel');
}

/**
 * Opens the system's save dialog for an export.
 * @param {string} fileName  the name offered.
 * @param {ExportFormat} format
 * @returns {Promise<string|null>} the chosen path; null when the person cancelled.
 * @throws {HearthError}
 */
export function memberExportChooseFile(fileName, format) {
  return call('member_export_choose_file', { fileName, format });
}

/**
 * Writes the community's members to `path`: CSV (with a byte-order mark for Excel when
 * `bom`) or vCard 4.0.
 * @param {number} communityId
 * @param {ExportFormat} format
 * @param {boolean} bom
 * @param {string} path
 * @returns {Promise<ExportReport>}
 * @throws {HearthError} `invalid_input` (field `out`: the database or a backup), `not_found`, `io`.
 */
export function memberExport(communityId, format, bom, path) {
  return call('member_export', { communityId, format, bom, path });
}

/**
 * Calls `handler` with the paths of the files dropped on the window (Tauri's drag-drop
 * event; a drop gives paths, which {@link memberImportPreview} takes as `{path}`).
 * @param {(paths: string[]) => void} handler
 * @returns {Promise<() => void>} stops listening.
 * @throws {HearthError}
 */
export async function onFilesDropped(handler) {
  const listen = globalThis.window?.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') {
    throw makeError('internal', 'The Tauri runtime is not available');
  }
  try {
    return await listen('tauri://drag-drop', (event) => {
      const paths = /** @type {{payload?: {paths?: unknown}}} */ (event).payload?.paths;
      if (Array.isArray(paths)) handler(paths.filter((p) => typeof p === 'string'));
    });
  } catch (raw) {
    throw normaliseError(raw);
  }
}
