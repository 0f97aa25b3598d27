/**
 * Metrics (commands/metrics.rs): a community's dashboard over a range of days, the same
 * figures saved as CSV or JSON, and the printable report in a preview window; recorded
 * series and their values, goals with their progress, and members' impact logs.
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
 * Members by engagement level at the end of each month of the range, up to today: slower
 * than the dashboard, so asked for after it.
 * @param {number} communityId
 * @param {string|null} [from]
 * @param {string|null} [to]
 * @returns {Promise<import('../contract/types.js').LevelMonth[]>}
 * @throws {HearthError}
 */
export function metricsLevels(communityId, from = null, to = null) {
  return call('metrics_levels', { communityId, from, to });
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

/** @typedef {import('../contract/types.js').MetricSeries} MetricSeries */
/** @typedef {import('../contract/types.js').MetricSeriesInput} MetricSeriesInput */
/** @typedef {import('../contract/types.js').MetricPointInput} MetricPointInput */
/** @typedef {import('../contract/types.js').Goal} Goal */
/** @typedef {import('../contract/types.js').GoalInput} GoalInput */
/** @typedef {import('../contract/types.js').Impact} Impact */
/** @typedef {import('../contract/types.js').ImpactInput} ImpactInput */

/**
 * The community's recorded series, each with its values oldest first; platforms' member
 * counts first.
 * @param {number} communityId
 * @returns {Promise<MetricSeries[]>}
 * @throws {HearthError}
 */
export function metricSeriesList(communityId) {
  return call('metric_series_list', { communityId });
}

/**
 * @param {number} communityId
 * @param {MetricSeriesInput} input
 * @returns {Promise<MetricSeries>}
 * @throws {HearthError} `invalid_input` on `name` (empty, too long or taken), `category`, `unit`.
 */
export function metricSeriesCreate(communityId, input) {
  return call('metric_series_create', { communityId, input });
}

/**
 * Renames a series or changes its category or unit (a platform's keeps the platform's name).
 * @param {number} id
 * @param {MetricSeriesInput} input
 * @returns {Promise<MetricSeries>}
 * @throws {HearthError}
 */
export function metricSeriesUpdate(id, input) {
  return call('metric_series_update', { id, input });
}

/**
 * Removes a series with its values and the goals on it.
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError} `conflict` for a platform's member count.
 */
export function metricSeriesDelete(id) {
  return call('metric_series_delete', { id });
}

/**
 * Records a value on a day (replacing that day's); the series as it now is.
 * @param {number} seriesId
 * @param {MetricPointInput} input
 * @returns {Promise<MetricSeries>}
 * @throws {HearthError} `invalid_input` on `value` (not a number) or `onDay` (unreadable or
 *   in the future).
 */
export function metricPointRecord(seriesId, input) {
  return call('metric_point_record', { seriesId, input });
}

/**
 * @param {number} id  the value's.
 * @returns {Promise<MetricSeries>}
 * @throws {HearthError}
 */
export function metricPointRemove(id) {
  return call('metric_point_remove', { id });
}

/**
 * The community's goals with their progress today, soonest due first.
 * @param {number} communityId
 * @returns {Promise<Goal[]>}
 * @throws {HearthError}
 */
export function goalList(communityId) {
  return call('goal_list', { communityId });
}

/**
 * @param {number} communityId
 * @param {GoalInput} input
 * @returns {Promise<Goal>}
 * @throws {HearthError} `invalid_input` on `metric` (none or unknown), `target` (not a
 *   number, or outside what the metric can be), `dueOn` (missing or passed).
 */
export function goalCreate(communityId, input) {
  return call('goal_create', { communityId, input });
}

/**
 * @param {number} id
 * @param {GoalInput} input
 * @returns {Promise<Goal>}
 * @throws {HearthError}
 */
export function goalUpdate(id, input) {
  return call('goal_update', { id, input });
}

/**
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function goalDelete(id) {
  return call('goal_delete', { id });
}

/**
 * A member's impact log, newest first.
 * @param {number} memberId
 * @returns {Promise<Impact[]>}
 * @throws {HearthError}
 */
export function impactList(memberId) {
  return call('impact_list', { memberId });
}

/**
 * Adds to a member's impact log.
 * @param {number} memberId
 * @param {ImpactInput} input
 * @returns {Promise<Impact>}
 * @throws {HearthError} `invalid_input` on `consent` when the member has not given it, on
 *   `kind`, `occurredOn` (unreadable or in the future) or `note`.
 */
export function impactRecord(memberId, input) {
  return call('impact_record', { memberId, input });
}

/**
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function impactRemove(id) {
  return call('impact_remove', { id });
}
