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
