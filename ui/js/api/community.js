/**
 * Communities, their charters and their platforms (commands/community.rs).
 *
 * @module api/community
 */

import { call } from './call.js';

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
