/**
 * What the calendar changes in core: an event dragged, stretched or moved with the keyboard,
 * an event made by dragging over empty time, an event deleted; and Undo (Ctrl+Z, or the
 * toast's button) of the last change, which is saved like any other.
 *
 * Every change is saved at once. The grid shows the hand's result while core saves it; then
 * the range is fetched again, so what is drawn is what core stored. A change core refuses
 * goes back on the grid, with core's reason.
 *
 * An occurrence of a series asks which occurrences the change is for: this one, this and
 * the following ones, or all. Moved to another day, "following" and "all" move the series'
 * days too: its rule follows the occurrence ("the second Friday", docs/events.md).
 */

import { eventCreate, eventDelete, eventUpdate, seriesDelete, seriesUpdate } from '../../api/events.js';
import { choiceDialog, confirmDialog } from '../../components/dialog.js';
import { showToast } from '../../components/toast.js';
import { errorMessage, t } from '../../i18n/index.js';
import { DAY, inputOf, movedInput, onCalendar, wallText } from './time.js';

/** @typedef {import('../../contract/types.js').Event} CalendarEvent */
/** @typedef {import('../../contract/types.js').EventInput} EventInput */
/** @typedef {import('../../contract/types.js').Scope} Scope */

/**
 * One change that Undo takes back.
 * @typedef {{kind: 'update', id: number, title: string, before: EventInput, scope: Scope|null}
 *   | {kind: 'create', id: number, title: string}} Undo
 */

/**
 * @param {object} options
 * @param {import('../../main.js').ViewContext} options.ctx
 * @param {number} options.communityId
 * @param {string} options.zone
 * @param {() => void} options.redraw  fetch the shown range again.
 * @param {(event: CalendarEvent) => void} options.put  draw one event as core saved it.
 * @param {(id: number) => void} options.changed  an event changed (the panel shows it again).
 * @param {(id: number|null) => void} options.removed  an event is gone.
 * @param {(event: CalendarEvent) => void} options.created
 */
export function createChanges({ ctx, communityId, zone, redraw, put, changed, removed, created }) {
  /** @type {Undo[]} */
  const undos = [];
  /** @type {import('../../components/toast.js').ToastHandle|null} */
  let undoToast = null;

  const toastError = (error) => ctx.app.toast(errorMessage(error), { kind: 'error' });

  /**
   * Which occurrences a change of one is for; null when the person cancelled.
   * @param {CalendarEvent} event
   * @param {boolean} sameDay  a change that keeps the occurrence's day.
   * @returns {Promise<Scope|null>}
   */
  function askScope(event, sameDay) {
    return choiceDialog({
      testid: 'scope-dialog',
      title: t('calendar.scope.title', { title: event.title }),
      body: sameDay ? t('calendar.scope.body') : t('calendar.scope.bodyOtherDay'),
      choices: [
        { label: t('calendar.scope.all'), value: /** @type {Scope} */ ('all'), testid: 'scope-all' },
        { label: t('calendar.scope.following'), value: /** @type {Scope} */ ('following'), testid: 'scope-following' },
        { label: t('calendar.scope.this'), value: /** @type {Scope} */ ('this'), testid: 'scope-this' },
      ],
    });
  }

  /**
   * Saves `input` for `event`, asking the scope for an occurrence, and remembers it for Undo;
   * gives the scope used and, when the event alone changed, the event as core saved it; null
   * when nothing was saved.
   * @param {CalendarEvent} event
   * @param {EventInput} input
   * @returns {Promise<{scope: Scope|null, saved: CalendarEvent|null}|null>}
   */
  async function save(event, input) {
    let scope = null;
    if (event.seriesId != null) {
      scope = await askScope(event, input.start.slice(0, 10) === event.start.slice(0, 10));
      if (!scope) return null;
    }
    /** @type {CalendarEvent|null} */
    let saved = null;
    if (scope && scope !== 'this') await seriesUpdate(event.id, input, scope);
    else saved = await eventUpdate(event.id, input);
    remember({ kind: 'update', id: event.id, title: event.title, before: inputOf(event), scope });
    return { scope, saved };
  }

  /**
   * An event dragged or stretched on the grid (or moved with the keyboard).
   * @param {import('./widget.js').Moved} moved
   */
  async function move({ event, at, revert }) {
    const input = movedInput(event, at, zone);
    let saved = null;
    try {
      saved = await save(event, input);
      if (!saved) {
        revert();
        return;
      }
    } catch (error) {
      revert();
      toastError(error);
      redraw();
      return;
    }
    // One event changed: it alone is drawn again, as core saved it; a series is read again.
    if (saved.saved) put(saved.saved);
    else redraw();
    offerUndo(t('calendar.moved', { title: event.title, when: whenText(input) }));
    changed(event.id);
  }

  /**
   * The keyboard's move: by `days` and `minutes`, keeping the length.
   * @param {CalendarEvent} event
   * @param {{days?: number, minutes?: number}} by
   */
  function shift(event, { days = 0, minutes = 0 }) {
    const { start, end } = onCalendar(event, zone);
    const delta = days * DAY + (event.allDay ? 0 : minutes * 60_000);
    if (delta === 0) return;
    move({ event, at: { start: start + delta, end: end + delta, allDay: event.allDay }, revert: () => {} });
  }

  /**
   * A stretch of empty time dragged over: a new event there, saved at once, titled for the
   * person to rename in the panel.
   * @param {{start: number, end: number, allDay: boolean}} at
   */
  async function create(at) {
    const input = {
      title: t('calendar.newEventTitle'),
      kind: 'meetup',
      format: 'offline',
      start: wallText(at.start, at.allDay),
      end: at.allDay ? wallText(Math.max(at.start, at.end - DAY), true) : wallText(at.end),
      timeZone: zone,
      allDay: at.allDay,
      venueId: null,
      onlineUrl: '',
      capacity: null,
      status: 'planned',
      description: '',
    };
    try {
      const event = await eventCreate(communityId, input);
      remember({ kind: 'create', id: event.id, title: event.title });
      offerUndo(t('calendar.created', { title: event.title, when: whenText(input) }));
      redraw();
      created(event);
    } catch (error) {
      toastError(error);
    }
  }

  /**
   * Deletes an event after asking; an occurrence asks whether the whole series goes.
   * @param {CalendarEvent} event
   */
  async function remove(event) {
    try {
      if (event.seriesId != null) {
        const which = await choiceDialog({
          testid: 'delete-dialog',
          title: t('calendar.delete.title', { title: event.title }),
          body: t('calendar.delete.seriesBody'),
          choices: [
            { label: t('calendar.delete.series'), value: 'series', testid: 'delete-series' },
            { label: t('calendar.delete.occurrence'), value: 'this', testid: 'delete-this' },
          ],
        });
        if (!which) return;
        if (which === 'series') await seriesDelete(event.seriesId);
        else await eventDelete(event.id);
      } else {
        const sure = await confirmDialog({
          title: t('calendar.delete.title', { title: event.title }),
          body: t('calendar.delete.body'),
          confirmLabel: t('calendar.delete.confirm'),
          destructive: true,
        });
        if (!sure) return;
        await eventDelete(event.id);
      }
      // Undo cannot bring back answers and agendas: forget what pointed at the event.
      undos.length = 0;
      undoToast?.close();
      removed(event.id);
      ctx.app.toast(t('calendar.deleted', { title: event.title }));
      redraw();
    } catch (error) {
      toastError(error);
    }
  }

  /** @param {Undo} undo */
  function remember(undo) {
    undos.push(undo);
    if (undos.length > 50) undos.shift();
  }

  /** @param {string} message */
  function offerUndo(message) {
    undoToast?.close();
    undoToast = showToast(message, {
      action: { label: t('calendar.undo'), testid: 'calendar-undo', keyshortcuts: 'Control+Z', run: () => runUndo() },
    });
  }

  /** Takes back the last change, and saves that. */
  async function runUndo() {
    const undo = undos.pop();
    undoToast?.close();
    undoToast = null;
    if (!undo) {
      ctx.app.toast(t('calendar.nothingToUndo'));
      return;
    }
    try {
      if (undo.kind === 'create') {
        await eventDelete(undo.id);
        removed(undo.id);
      } else {
        if (undo.scope && undo.scope !== 'this') await seriesUpdate(undo.id, undo.before, undo.scope);
        else await eventUpdate(undo.id, undo.before);
        changed(undo.id);
      }
      ctx.app.toast(t('calendar.undone', { title: undo.title }));
    } catch (error) {
      toastError(error);
    }
    redraw();
  }

  return {
    move,
    shift,
    create,
    remove,
    save,
    runUndo,
    dispose: () => undoToast?.close(),
  };
}

/**
 * "11 Mar 19:00" or "11 Mar" for a toast, from an input's start.
 * @param {EventInput} input
 */
function whenText(input) {
  return input.allDay ? input.start : input.start.replace('T', ' ');
}
