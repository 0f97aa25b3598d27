/**
 * The calendar grid: FullCalendar 7 (ui/vendor/fullcalendar/, why in docs/calendar-widget.md)
 * set up the Hearth way. Hearth draws its own toolbar; the widget draws the month, week, day
 * and list views, and reports what a hand did (dragged, stretched, selected, clicked) as
 * wall-clock times in the community's zone (time.js). It never saves anything: the view
 * does, and redraws from core's answer.
 *
 * Each event is drawn with its kind as a colour and as text (colour alone would leave a
 * black-and-white print or a colour-blind reader without it), a stable `data-testid`
 * (`event-<id>`), and a tab stop, so the keyboard reaches every event.
 *
 * Two things keep it quick with a busy season. It reads ahead: once a range is drawn, the
 * weeks around it are read from core while the person looks, so the next or previous month
 * is drawn from memory in one pass (the grid and its events together) instead of an empty
 * grid first and its events a read later. And a change core saved to one event moves that
 * event alone (`put`), where a change to many (a series, an import) reads the range again
 * (`reload`), which also forgets what was read ahead.
 *
 * And a drop is drawn once, with core's answer: drawing is held from the release until the
 * change is saved (`hold`), so nothing on screen changes in between (docs/calendar-widget.md,
 * "A drop, from release to saved and drawn").
 */

import {
  Calendar,
  classicThemePlugin,
  dayGridPlugin,
  interactionPlugin,
  listPlugin,
  ruLocale,
  timeGridPlugin,
} from '../../../vendor/fullcalendar/fullcalendar.min.js';
import { useStylesheet } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { onCalendar, wallClock } from './time.js';

await useStylesheet('vendor/fullcalendar/fullcalendar.min.css');

/** The views, by the name the toolbar gives them. */
export const VIEWS = Object.freeze({
  month: 'dayGridMonth',
  week: 'timeGridWeek',
  day: 'timeGridDay',
  list: 'listMonth',
});

/** @typedef {import('../../contract/types.js').Event} CalendarEvent */

/** The longest a drop waits for core's answer before it is drawn (see `hold`). */
const HOLD_MS = 120;
/** How far around the shown range events are read ahead: a month view's neighbours. */
const AHEAD_MS = 45 * 86_400_000;
/** How long after a drawing the reading ahead waits, so its answer never lands on a frame
 * being drawn (the next month is rarely asked for sooner). */
const AHEAD_DELAY_MS = 250;

/**
 * Each kind's colour: the event's edge and tint on the grid, and its dot in the list and in
 * the month's timed events. Readable on light and dark backgrounds alike.
 */
export const KIND_COLOURS = Object.freeze({
  meetup: '#c64600',
  webinar: '#3584e4',
  conference: '#9141ac',
  workshop: '#26a269',
  online_discussion: '#1c71d8',
  joint_project_session: '#c88800',
  other: '#77767b',
});

/**
 * A change of time the hand made, in the community's wall clock (fake UTC).
 * @typedef {object} Moved
 * @property {CalendarEvent} event  as it was.
 * @property {{start: number, end: number, allDay: boolean}} at  where it is now.
 * @property {() => void} revert  puts it back on the grid (when saving fails or is declined).
 */

/**
 * @param {HTMLElement} element
 * @param {object} options
 * @param {string} options.zone  the community's zone.
 * @param {string} options.language
 * @param {(from: number, to: number) => Promise<CalendarEvent[]>} options.load  the events of
 *   a range (fake UTC, end exclusive).
 * @param {(moved: Moved) => Promise<void>|void} options.moved  dragged or stretched; settles
 *   once the change is saved (or given up).
 * @param {(at: {start: number, end: number, allDay: boolean}) => void} options.selected  a
 *   stretch of empty time was dragged over.
 * @param {(event: CalendarEvent) => void} options.open  clicked, or Enter on it.
 * @param {(info: {title: string, view: string, start: number, end: number}) => void} options.shown
 *   the range or the view changed.
 * @param {(error: unknown) => void} options.failed  loading the events failed.
 */
export function createWidget(element, { zone, language, load, moved, selected, open, shown, failed }) {
  /** @type {Map<string, CalendarEvent>} the events drawn, by id. */
  const drawn = new Map();
  /**
   * Events read ahead: every event core has between `from` and `to`, as it had them when
   * `reload` was last called (`generation`).
   * @type {{from: number, to: number, events: CalendarEvent[]}|null}
   */
  let ahead = null;
  let generation = 0;

  /**
   * Gives the widget the events of a range and counts the drawing.
   * @param {CalendarEvent[]} events
   * @param {(events: object[]) => void} success
   */
  function show(events, success) {
    drawn.clear();
    for (const event of events) drawn.set(String(event.id), event);
    success(events.map((event) => asWidgetEvent(event, zone)));
    countDrawing();
  }

  /**
   * How many times core's events were drawn: a change is on screen as core stored it once
   * this counts past the change (the benchmark waits on it).
   */
  function countDrawing() {
    element.dataset.loads = String(Number(element.dataset.loads ?? 0) + 1);
  }

  /** Fetches the shown range again, and forgets what was read ahead. */
  function refetch() {
    generation += 1;
    ahead = null;
    calendar.refetchEvents();
  }

  /** The events read ahead that a range needs, or null when they do not cover it. */
  function fromAhead(from, to) {
    if (!ahead || from < ahead.from || to > ahead.to) return null;
    return ahead.events.filter((event) => {
      const at = onCalendar(event, zone);
      return at.start < to && (at.end > from || (at.end === at.start && at.start >= from));
    });
  }

  /** Reads the weeks around a drawn range, once the drawing has been painted. */
  function readAhead(from, to) {
    const mine = generation;
    setTimeout(() => {
      if (mine !== generation) return;
      const wider = { from: from - AHEAD_MS, to: to + AHEAD_MS };
      load(wider.from, wider.to).then(
        (events) => {
          if (mine === generation) ahead = { ...wider, events };
        },
        // Only a head start: the range is read when it is shown, as without it.
        () => {},
      );
    }, AHEAD_DELAY_MS);
  }

  const calendar = new Calendar(element, {
    plugins: [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicThemePlugin],
    locales: [ruLocale],
    locale: language === 'ru' ? 'ru' : 'en-gb',
    // Wall clocks of the community's zone, written as UTC: see time.js.
    timeZone: 'UTC',
    now: () => new Date(wallClock(Date.now(), zone)),
    firstDay: 1,
    initialView: VIEWS.month,
    headerToolbar: false,
    height: '100%',
    editable: true,
    selectable: true,
    selectMirror: true,
    // A month with many events shows three a day and "+4 more": quick to draw, easy to read.
    // (A number, not `true`: fitting to the cell's height measured it before the grid had
    // its final size and hid events in cells with room for them.)
    dayMaxEvents: 3,
    // The month's own weeks, five or six, rather than six always: a day more to read in each
    // row, and a fifth less to draw.
    fixedWeekCount: false,
    nowIndicator: true,
    // Hour rows, dragged in quarters: a working day and its evening fit in one screen.
    slotDuration: '01:00:00',
    snapDuration: '00:15:00',
    scrollTime: '08:00:00',
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    allDayText: t('calendar.allDay'),
    events: (range, success, failure) => {
      const from = range.start.getTime();
      const to = range.end.getTime();
      const ready = fromAhead(from, to);
      if (ready) {
        show(ready, success);
        // Near the edge of what was read: read on around the new range.
        if (from - AHEAD_MS / 2 < /** @type {{from: number}} */ (ahead).from || to + AHEAD_MS / 2 > /** @type {{to: number}} */ (ahead).to) readAhead(from, to);
        return;
      }
      const mine = generation;
      load(from, to).then(
        (events) => {
          show(events, success);
          if (mine === generation) readAhead(from, to);
        },
        (error) => {
          failed(error);
          failure(error);
        },
      );
    },
    eventClass: (info) => {
      const event = drawn.get(info.event.id);
      return event ? `hearth-event kind-${event.kind} status-${event.status}` : 'hearth-event';
    },
    // Markup rather than nodes: the widget compares it with what is drawn and leaves an
    // unchanged event alone, where new nodes would be put in again for every event on every
    // redraw (a drag redraws the month twice).
    eventContent: (info) => {
      const event = drawn.get(info.event.id);
      if (!event) return true;
      const part = (name, text) => `<span class="hearth-event-${name}">${escapeHtml(text)}</span>`;
      // Two lines, which the month shows as such (one height for every event there, see
      // calendar.css) and the other views run together.
      return {
        html: `<span class="hearth-event-body"><span class="hearth-event-line">${
          (info.timeText ? part('time', info.timeText) : '') + part('title', event.title)
        }</span><span class="hearth-event-line">${
          part('kind', t(`events.kind.${event.kind}`)) + (event.status === 'cancelled' ? part('status', t('events.status.cancelled')) : '')
        }</span></span>`,
      };
    },
    eventDidMount: (info) => {
      const event = drawn.get(info.event.id);
      info.el.dataset.testid = `event-${info.event.id}`;
      info.el.dataset.eventId = info.event.id;
      info.el.tabIndex = 0;
      if (event) {
        info.el.dataset.record = `events:${event.uid}`;
        info.el.style.setProperty('--kind', KIND_COLOURS[event.kind] ?? KIND_COLOURS.other);
        info.el.setAttribute('aria-label', `${event.title}, ${t(`events.kind.${event.kind}`)}, ${info.timeText || t('calendar.allDay')}`);
        info.el.setAttribute('aria-keyshortcuts', 'Enter Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown Delete');
      }
    },
    // A column's heading is read out by its label and shown as its text; the text must not
    // be hidden from screen readers, or the heading is an empty one to them.
    dayHeaderDidMount: (info) => {
      for (const hidden of info.el.querySelectorAll('[aria-hidden="true"]')) hidden.removeAttribute('aria-hidden');
    },
    eventClick: (info) => {
      info.jsEvent.preventDefault();
      const event = drawn.get(info.event.id);
      if (event) open(event);
    },
    eventDragStart: () => holdAtRelease(),
    eventResizeStart: () => holdAtRelease(),
    eventDragStop: () => ended(),
    eventResizeStop: () => ended(),
    eventDrop: (info) => report(info),
    eventResize: (info) => report(info),
    select: (info) => {
      calendar.unselect();
      selected({ start: info.start.getTime(), end: info.end.getTime(), allDay: info.allDay });
    },
    datesSet: (info) => {
      shown({ title: info.view.title, view: info.view.type, start: info.start.getTime(), end: info.end.getTime() });
    },
  });

  /*
   * Drawing is held from the release of a drag or a stretch until core has saved the change.
   * A drop ends in two full redraws inside the widget (the drag taken away, then the event put
   * where it fell) before `eventDrop` tells the view of it; held, they become one, drawn with
   * core's answer, which comes within a few milliseconds when the page is not busy drawing
   * (and waits for the drawing when it is). A save that asks first (which occurrences of a
   * series) or takes long is not waited for beyond HOLD_MS.
   */
  let holding = false;
  let holdTimer = 0;
  /** @type {Promise<void>|null} */
  let saving = null;
  /** The copy of the event that followed the pointer, kept on screen while drawing is held,
   * and whether the widget has asked for it to go. */
  /** @type {HTMLElement|null} */
  let follower = null;
  let followerDone = false;
  function hold() {
    window.removeEventListener('mouseup', hold, true);
    window.removeEventListener('touchend', hold, true);
    if (holding) return;
    holding = true;
    calendar.pauseRendering();
    holdTimer = setTimeout(letGo, HOLD_MS);
    // Any change on screen costs a frame, and core's answer waits for it: the copy goes when
    // the event is drawn where it fell, in the same frame.
    const copy = [...document.body.children].find((el) => el.classList.contains('hearth-event'));
    if (copy instanceof HTMLElement) {
      follower = copy;
      followerDone = false;
      Object.defineProperty(copy, 'remove', {
        value: () => {
          followerDone = true;
        },
        configurable: true,
      });
    }
  }
  function letGo() {
    if (!holding) return;
    holding = false;
    clearTimeout(holdTimer);
    calendar.resumeRendering();
    if (follower) {
      // Still wanted when the widget is animating it back (a drop where nothing can go).
      delete (/** @type {any} */ (follower)).remove;
      if (followerDone) follower.remove();
      follower = null;
    }
  }
  function holdAtRelease() {
    window.addEventListener('mouseup', hold, true);
    window.addEventListener('touchend', hold, true);
  }
  /** A drag or stretch has ended: with nothing to save, drawing goes on at once. */
  function ended() {
    queueMicrotask(() => {
      if (!saving) letGo();
    });
  }

  /** @param {any} info */
  function report(info) {
    const event = drawn.get(info.event.id);
    if (!event) {
      info.revert();
      return;
    }
    const start = info.event.start.getTime();
    const end = info.event.end?.getTime() ?? start + (info.event.allDay ? 86_400_000 : 3_600_000);
    const saved = (saving = Promise.resolve(moved({ event, at: { start, end, allDay: info.event.allDay }, revert: info.revert })));
    // moved() reports its own failures; here a failure only ends the hold.
    const settled = () => {
      if (saving === saved) saving = null;
      letGo();
    };
    saved.then(settled, settled);
  }

  calendar.render();

  return {
    calendar,
    /** @param {string} id */
    eventById: (id) => drawn.get(String(id)) ?? null,
    reload: refetch,
    /**
     * Draws one event as core saved it (after a drag, a stretch, a keyboard move), where it
     * is now; the rest stays as it is.
     * @param {CalendarEvent} event
     */
    put(event) {
      const id = String(event.id);
      drawn.set(id, event);
      if (ahead) ahead.events = [...ahead.events.filter((other) => other.id !== event.id), event];
      const next = asWidgetEvent(event, zone);
      const shown = calendar.getEventById(id);
      if (shown) {
        // What the hand left is usually what core stored: then nothing is drawn again.
        if (shown.title !== next.title) shown.setProp('title', next.title);
        if (shown.color !== next.color) shown.setProp('color', next.color);
        if (shown.allDay !== next.allDay || shown.start?.getTime() !== next.start.getTime() || shown.end?.getTime() !== next.end.getTime()) {
          shown.setDates(next.start, next.end, { allDay: next.allDay });
        }
      } else {
        // Not drawn (it was out of the range): the range as core has it now.
        refetch();
      }
      // Core's answer to a drop is in: drawn now, before whatever the view does next (its
      // Undo toast measures the page, which would lay out the grid as it was before).
      letGo();
      if (shown) countDrawing();
    },
    today: () => calendar.today(),
    previous: () => calendar.prev(),
    next: () => calendar.next(),
    /** @param {string} day "2027-03-11" */
    goTo: (day) => calendar.gotoDate(day),
    /** @param {keyof typeof VIEWS} name */
    view: (name) => calendar.changeView(VIEWS[name]),
    viewName: () => Object.entries(VIEWS).find(([, type]) => type === calendar.view.type)?.[0] ?? 'month',
    /** The shown range's first day (fake UTC). */
    start: () => calendar.view.activeStart.getTime(),
    destroy: () => calendar.destroy(),
  };
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An event as the widget takes it.
 * @param {CalendarEvent} event
 * @param {string} zone
 */
function asWidgetEvent(event, zone) {
  const { start, end } = onCalendar(event, zone);
  return {
    id: String(event.id),
    title: event.title,
    start: new Date(start),
    end: new Date(end),
    allDay: event.allDay,
    color: KIND_COLOURS[event.kind] ?? KIND_COLOURS.other,
  };
}
