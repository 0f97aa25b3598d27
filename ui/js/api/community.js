/**
 * Communities, their charters and their platforms (commands/community.rs).
 *
 * @module api/community
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').CommunitySummary} CommunitySummary */
/** @typedef {import('../contract/types.js').Community} Community */
/** @typedef {import('../contract/types.js').Charter} Charter */
/** @typedef {import('../contract/types.js').CharterInput} CharterInput */
/** @typedef {import('../contract/types.js').NewCommunity} NewCommunity */
/** @typedef {import('../contract/types.js').Platform} Platform */
/** @typedef {import('../contract/types.js').PlatformInput} PlatformInput */
/** @typedef {import('../contract/types.js').PlatformKind} PlatformKind */

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
 * @param {NewCommunity} input
 * @returns {Promise<Community>}
 * @throws {HearthError} `invalid_input` with `field` "name", "timeZone" or "launchDate".
 */
export function communityCreate(input) {
  return call('community_create', { input });
}

/**
 * Replaces the charter of a community.
 * @param {number} id
 * @param {CharterInput} charter
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
 * "Which member are you?": makes a member the organizer's own record, whose tasks "Mine"
 * shows; null clears it.
 * @param {number} communityId
 * @param {number|null} memberId
 * @returns {Promise<Community>}
 * @throws {HearthError} `invalid_input` with `field` "ownMemberId" for a member of another
 *   community; `not_found`.
 */
export function communitySetOwnMember(communityId, memberId) {
  return call('community_set_own_member', { communityId, memberId });
}

/**
 * Creates the sample community (always a new one).
 * @param {import('../contract/types.js').Locale} locale  the interface's language, which the sample is written in.
 * @returns {Promise<Community>}
 * @throws {HearthError}
 */
export function demoCreate(locale) {
  return call('demo_create', { locale });
}

/** @typedef {import('../contract/types.js').TimeZoneMatch} TimeZoneMatch */

/**
 * Time zones whose city, country or id matches what was typed, in English or Russian,
 * best first (at most 30); an empty query finds none.
 * @param {string} query
 * @param {import('../contract/types.js').Locale} language  the language to name them in.
 * @returns {Promise<TimeZoneMatch[]>}
 * @throws {HearthError}
 */
export function timeZoneSearch(query, language) {
  return call('time_zone_search', { query, language });
}

// ---------------------------------------------------------------------------------------
// Platforms

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
