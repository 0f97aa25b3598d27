/**
 * Metrics (commands/metrics.rs): a community's dashboard over a range of days, the same
 * figures saved as CSV or JSON, and the printable report in a preview window.
 *
 * @module api/metrics
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Dashboard} Dashboard */
/** @typedef {import('../contract/types.js').MetricsExport} MetricsExport */

/**
 * Every metric from `from` to `to` (both "YYYY-MM-DD", both included), beside the range
 * before it, and month by month; the twelve months up to today when neither is given.
 * @param {number} communityId
 * @param {string|null} [from]
 * @param {string|null} [to]
 * @returns {Promise<Dashboard>}
 * @throws {HearthError} `invalid_input` on `from` or `to` for a date that cannot be read or
 *   a range that ends before it starts.
 */
export function metricsDashboard(communityId, from = null, to = null) {
  return call('metrics_dashboard', { communityId, from, to });
}

/**
 * The system's save dialog for an export; the path chosen, or null.
 * @param {string} fileName  offered.
 * @param {'csv'|'json'} format
 * @returns {Promise<string|null>}
 * @throws {HearthError}
 */
export function metricsExportChooseFile(fileName, format) {
  return call('metrics_export_choose_file', { fileName, format });
}

/**
 * Writes the dashboard of the range at `path` (from the save dialog) as CSV or JSON.
 * @param {number} communityId
 * @param {string} from
 * @param {string} to
 * @param {'csv'|'json'} format
 * @param {string} path
 * @returns {Promise<MetricsExport>}
 * @throws {HearthError}
 */
export function metricsExport(communityId, from, to, format, path) {
  return call('metrics_export', { communityId, from, to, format, path });
}

/**
 * Opens the printable report of the range in a preview window.
 * @param {number} communityId
 * @param {string} from
 * @param {string} to
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function metricsReportPreview(communityId, from, to) {
  return call('metrics_report_preview', { communityId, from, to });
}
