/**
 * The event calendar (commands/events.rs): events of a range of days, one event's panel,
 * changes to events and series (a drag is an update), venues, answers and check-in, the
 * agenda, roles and checklist, and calendar files in and out.
 *
 * @module api/events
 */

import { call } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').Event} CalendarEvent */
/** @typedef {import('../contract/types.js').EventInput} EventInput */
/** @typedef {import('../contract/types.js').EventPage} EventPage */
/** @typedef {import('../contract/types.js').Series} Series */
/** @typedef {import('../contract/types.js').Scope} Scope */
/** @typedef {import('../contract/types.js').RecurrenceInput} RecurrenceInput */
/** @typedef {import('../contract/types.js').Venue} Venue */
/** @typedef {import('../contract/types.js').VenueInput} VenueInput */
/** @typedef {import('../contract/types.js').Attendance} Attendance */
/** @typedef {import('../contract/types.js').FeedbackInput} FeedbackInput */
/** @typedef {import('../contract/types.js').AgendaItem} AgendaItem */
/** @typedef {import('../contract/types.js').AgendaItemInput} AgendaItemInput */
/** @typedef {import('../contract/types.js').EventRole} EventRole */
/** @typedef {import('../contract/types.js').EventRoleInput} EventRoleInput */
/** @typedef {import('../contract/types.js').EventTask} EventTask */
/** @typedef {import('../contract/types.js').EventTaskInput} EventTaskInput */
/** @typedef {import('../contract/types.js').IcsImport} IcsImport */
/** @typedef {import('../contract/types.js').IcsExport} IcsExport */

/**
 * The events overlapping the days `from` to `to`, both included, in the community's zone.
 * @param {number} communityId
 * @param {string} from "2027-03-01"
 * @param {string} to "2027-03-31"
 * @returns {Promise<CalendarEvent[]>}
 * @throws {HearthError} `invalid_input` (a day that is not one, or `to` before `from`), `not_found`.
 */
export function eventList(communityId, from, to) {
  return call('event_list', { communityId, from, to });
}

/**
 * Everything the event panel shows, in one read.
 * @param {number} id
 * @returns {Promise<EventPage>}
 * @throws {HearthError} `not_found`.
 */
export function eventPage(id) {
  return call('event_page', { id });
}

/**
 * @param {number} communityId
 * @param {EventInput} event
 * @returns {Promise<CalendarEvent>}
 * @throws {HearthError} `invalid_input` with `field`, `rule`, `limit`.
 */
export function eventCreate(communityId, event) {
  return call('event_create', { communityId, event });
}

/**
 * Changes one event; an occurrence of a series changes alone.
 * @param {number} id
 * @param {EventInput} event
 * @returns {Promise<CalendarEvent>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function eventUpdate(id, event) {
  return call('event_update', { id, event });
}

/**
 * @param {number} id
 * @returns {Promise<void>}
 * @throws {HearthError} `not_found`.
 */
export function eventDelete(id) {
  return call('event_delete', { id });
}

/**
 * @param {number} communityId
 * @param {EventInput} event the first occurrence
 * @param {RecurrenceInput} recurrence
 * @returns {Promise<Series>}
 * @throws {HearthError} `invalid_input`.
 */
export function seriesCreate(communityId, event, recurrence) {
  return call('series_create', { communityId, event, recurrence });
}

/**
 * Changes occurrence `id` and, as `scope` says, the following ones or all.
 * @param {number} id
 * @param {EventInput} event
 * @param {Scope} scope
 * @returns {Promise<Series>}
 * @throws {HearthError} `invalid_input` (e.g. moving a whole series to other days), `not_found`.
 */
export function seriesUpdate(id, event, scope) {
  return call('series_update', { id, event, scope });
}

/**
 * @param {number} id
 * @returns {Promise<void>}
 * @throws {HearthError} `not_found`.
 */
export function seriesDelete(id) {
  return call('series_delete', { id });
}

/**
 * @param {number} communityId
 * @returns {Promise<Venue[]>}
 */
export function venueList(communityId) {
  return call('venue_list', { communityId });
}

/**
 * @param {number} communityId
 * @param {VenueInput} venue
 * @returns {Promise<Venue>}
 * @throws {HearthError} `invalid_input`.
 */
export function venueCreate(communityId, venue) {
  return call('venue_create', { communityId, venue });
}

/**
 * @param {number} id
 * @param {VenueInput} venue
 * @returns {Promise<Venue>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function venueUpdate(id, venue) {
  return call('venue_update', { id, venue });
}

/**
 * @param {number} id
 * @returns {Promise<void>}
 */
export function venueDelete(id) {
  return call('venue_delete', { id });
}

/**
 * A member's answer; the list after it (the waitlist moved as capacity says).
 * @param {number} eventId
 * @param {number} memberId
 * @param {'going' | 'maybe' | 'declined'} answer
 * @returns {Promise<Attendance[]>}
 * @throws {HearthError} `invalid_input`, `not_found`.
 */
export function eventRespond(eventId, memberId, answer) {
  return call('event_respond', { eventId, memberId, answer });
}

/**
 * @param {number} eventId
 * @param {number} memberId
 * @returns {Promise<Attendance>}
 * @throws {HearthError} `invalid_input` (before the event's day), `not_found`.
 */
export function eventCheckIn(eventId, memberId) {
  return call('event_check_in', { eventId, memberId });
}

/**
 * @param {number} eventId
 * @param {number} memberId
 * @returns {Promise<Attendance | null>} null when a walk-in the check-in added is gone.
 */
export function eventUndoCheckIn(eventId, memberId) {
  return call('event_undo_check_in', { eventId, memberId });
}

/**
 * Someone at the door who is not on the roster: added as a member and checked in.
 * @param {number} eventId
 * @param {string} name
 * @param {string} email may be empty
 * @returns {Promise<Attendance>}
 * @throws {HearthError} `invalid_input`.
 */
export function eventWalkIn(eventId, name, email) {
  return call('event_walk_in', { eventId, name, email });
}

/**
 * @param {number} eventId
 * @param {number} memberId
 * @param {FeedbackInput} feedback
 * @returns {Promise<Attendance>}
 * @throws {HearthError} `invalid_input`.
 */
export function eventFeedback(eventId, memberId, feedback) {
  return call('event_feedback', { eventId, memberId, feedback });
}

/**
 * @param {number} eventId
 * @param {AgendaItemInput} item
 * @returns {Promise<AgendaItem[]>}
 */
export function agendaAdd(eventId, item) {
  return call('agenda_add', { eventId, item });
}

/**
 * @param {number} id
 * @param {AgendaItemInput} item
 * @returns {Promise<AgendaItem[]>}
 */
export function agendaUpdate(id, item) {
  return call('agenda_update', { id, item });
}

/**
 * @param {number} id
 * @param {number} position from 0
 * @returns {Promise<AgendaItem[]>}
 */
export function agendaMove(id, position) {
  return call('agenda_move', { id, position });
}

/**
 * @param {number} id
 * @returns {Promise<AgendaItem[]>}
 */
export function agendaRemove(id) {
  return call('agenda_remove', { id });
}

/**
 * @param {number} eventId
 * @param {EventRoleInput} role
 * @returns {Promise<EventRole[]>}
 */
export function roleAssign(eventId, role) {
  return call('role_assign', { eventId, role });
}

/**
 * @param {number} id
 * @returns {Promise<EventRole[]>}
 */
export function roleRemove(id) {
  return call('role_remove', { id });
}

/**
 * @param {number} eventId
 * @returns {Promise<EventTask[]>}
 */
export function checklistAddTemplate(eventId) {
  return call('checklist_add_template', { eventId });
}

/**
 * @param {number} eventId
 * @param {EventTaskInput} task
 * @returns {Promise<EventTask>}
 */
export function checklistAdd(eventId, task) {
  return call('checklist_add', { eventId, task });
}

/**
 * @param {number} id
 * @param {EventTaskInput} task
 * @returns {Promise<EventTask>}
 */
export function checklistUpdate(id, task) {
  return call('checklist_update', { id, task });
}

/**
 * @param {number} id
 * @param {boolean} done
 * @returns {Promise<EventTask>}
 */
export function checklistSetDone(id, done) {
  return call('checklist_set_done', { id, done });
}

/**
 * @param {number} id
 * @returns {Promise<void>}
 */
export function checklistRemove(id) {
  return call('checklist_remove', { id });
}

/**
 * Opens the system's file dialog for a calendar file.
 * @returns {Promise<string | null>} the path, or null when the person cancelled.
 */
export function eventImportChooseFile() {
  return call('event_import_choose_file');
}

/**
 * What importing the chosen file would do, or what stops it (by line); writes nothing.
 * @param {number} communityId
 * @param {string} path
 * @returns {Promise<IcsImport>}
 */
export function eventImportPreview(communityId, path) {
  return call('event_import_preview', { communityId, path });
}

/**
 * Imports the chosen file, all of it or nothing.
 * @param {number} communityId
 * @param {string} path
 * @returns {Promise<IcsImport>}
 * @throws {HearthError} `invalid_input` when the file has problems.
 */
export function eventImportCommit(communityId, path) {
  return call('event_import_commit', { communityId, path });
}

/**
 * Opens the system's save dialog for a calendar file.
 * @param {string} fileName the name it proposes
 * @returns {Promise<string | null>}
 */
export function eventExportChooseFile(fileName) {
  return call('event_export_choose_file', { fileName });
}

/**
 * Writes the community's events, or one of them, as an iCalendar file at the chosen path.
 * @param {number} communityId
 * @param {string} path
 * @param {number|null} [eventId]  that event alone.
 * @returns {Promise<IcsExport>}
 * @throws {HearthError} `io`, `invalid_input` (a path inside the data folder), `not_found`.
 */
export function eventExport(communityId, path, eventId = null) {
  return call('event_export', { communityId, eventId, path });
}
