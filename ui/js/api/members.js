/**
 * The member roster of a community (commands/members.rs).
 *
 * @module api/members
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Member} Member */
/** @typedef {import('../contract/types.js').MemberInput} MemberInput */
/** @typedef {import('../contract/types.js').RosterQuery} RosterQuery */
/** @typedef {import('../contract/types.js').RosterPage} RosterPage */
/** @typedef {import('../contract/types.js').TagCount} TagCount */

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
