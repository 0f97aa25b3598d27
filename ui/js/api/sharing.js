/**
 * Team sharing (commands/sharing.rs): a community shared through a relay, joined by its
 * code, and the sync that runs behind the window.
 *
 * @module api/sharing
 */

import { call, listenTo } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').SharingStatus} SharingStatus */
/** @typedef {import('../contract/types.js').Community} Community */
/** @typedef {import('../contract/types.js').SharingConflict} SharingConflict */

/** The event the shell sends when sync changed a community or its connection. */
const SHARING_EVENT = 'sharing';

/**
 * How the sync stands, as the indicator and the Co-organizers section both say it:
 * `in_step` once connected and holding what the relay holds, else the connection's state.
 * @param {SharingStatus} status
 * @returns {'in_step'|SharingStatus['connection']}
 */
export function syncState(status) {
  return status.connection === 'connected' && status.inStep ? 'in_step' : status.connection;
}

/**
 * Whether the community is shared, its join code, and how its sync stands.
 * @param {number} communityId
 * @returns {Promise<SharingStatus>}
 * @throws {HearthError}
 */
export function sharingStatus(communityId) {
  return call('sharing_status', { communityId });
}

/**
 * Shares the community through the relay at `relay` (ws://host:port), or moves it there.
 * @param {number} communityId
 * @param {string} relay
 * @returns {Promise<SharingStatus>}
 * @throws {HearthError} `invalid_input` on field `relay` for an address that is not one.
 */
export function sharingShare(communityId, relay) {
  return call('sharing_share', { communityId, relay });
}

/**
 * Joins the community a co-organizer's join code names.
 * @param {string} code
 * @returns {Promise<Community>}
 * @throws {HearthError} `invalid_input` on field `joinCode`; `not_found` when the relay has
 *   no such community; `io` when the relay cannot be reached; `conflict` when it is here.
 */
export function sharingJoin(code) {
  return call('sharing_join', { code });
}

/**
 * Stops sharing the community on this computer; its data stays.
 * @param {number} communityId
 * @returns {Promise<SharingStatus>}
 * @throws {HearthError}
 */
export function sharingStop(communityId) {
  return call('sharing_stop', { communityId });
}

/**
 * Every field of the community two co-organizers set differently while apart.
 * @param {number} communityId
 * @returns {Promise<SharingConflict[]>}
 * @throws {HearthError}
 */
export function sharingConflicts(communityId) {
  return call('sharing_conflicts', { communityId });
}

/**
 * Keeps one of a conflict's values (by its place in `values`) on every copy.
 * @param {number} communityId
 * @param {SharingConflict} conflict
 * @param {number} choice
 * @returns {Promise<SharingConflict[]>} the conflicts left.
 * @throws {HearthError} `not_found` when it was settled already (here or elsewhere).
 */
export function sharingSettle(communityId, conflict, choice) {
  const { table, uid, field } = conflict;
  return call('sharing_settle', { communityId, table, uid, field, choice });
}

/**
 * Calls `handler` each time sync changed a community's data (`received`) or its state
 * (`connected`, `offline`, `in_step`).
 * @param {(change: {kind: 'connected'|'offline'|'received'|'in_step', communityId: number|null}) => void} handler
 * @returns {Promise<void>}
 * @throws {HearthError}
 */
export function onSharing(handler) {
  return listenTo(SHARING_EVENT, handler);
}
