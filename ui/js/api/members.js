/**
 * The member roster of a community (commands/members.rs).
 *
 * @module api/members
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Member} Member */
/** @typedef {import('../contract/types.js').MemberInput} MemberInput */

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
