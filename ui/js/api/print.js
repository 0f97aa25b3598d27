/**
 * Printable documents, shown in a preview window with Print and Close (commands/print.rs).
 *
 * @module api/print
 */

import { call } from './call.js';

/**
 * Opens the printable plan in a preview window with a Print button.
 * @param {number} communityId
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function printPlanPreview(communityId) {
  return call('print_plan_preview', { communityId });
}

/**
 * Opens an event's meetup plan in a preview window, whose toolbar switches between the
 * full plan, the one-page agenda and the check-in sheet.
 * @param {number} eventId
 * @param {'full'|'agenda'|'checkin'} [variant]
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function printMeetupPreview(eventId, variant = 'full') {
  return call('print_meetup_preview', { eventId, variant });
}
