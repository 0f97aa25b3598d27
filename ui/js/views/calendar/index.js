/**
 * The Calendar section: the community's season in month, week, day and list views, where
 * events are dragged to another day or time, stretched, and made by dragging over empty
 * time; each saved at once, Ctrl+Z taking the last change back. Clicking an event opens its
 * panel (answers, check-in, agenda, roles, checklist).
 *
 * This module wires the parts together: the toolbar, the grid (widget.js over FullCalendar),
 * the changes to core (changes.js), the event form (event-dialog.js), the panel
 * (event-panel.js) and calendar files (files.js), and the keyboard:
 *
 * - PageUp / PageDown: the previous / next month, week or day; Home: today;
 * - 1, 2, 3, 4: month, week, day, list; N: a new event; Ctrl+Z: undo;
 * - on an event: Enter opens it, Alt+←/→ moves it a day, Alt+↑/↓ a quarter of an hour
 *   (a week in the month view), Delete deletes it.
 */

import './strings.js';
// The member picker of the panel speaks with the plan's words.
import '../plan/strings.js';
import { communityGet } from '../../api/community.js';
import { eventList, venueList } from '../../api/events.js';
import { h, icon, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { createChanges } from './changes.js';
import { eventDialog } from './event-dialog.js';
import { createEventPanel } from './event-panel.js';
import { exportCalendar, importCalendar } from './files.js';
import { venuesDialog } from './venues.js';
import { daysOf, wallClock, wallText } from './time.js';
import { createWidget } from './widget.js';
import { ICONS } from '../../components/icons.js';

await useStylesheet('js/views/calendar/calendar.css');

const PREVIOUS = ['M10 3L5 8l5 5'];
const NEXT = ['M6 3l5 5-5 5'];
const ADD = ['M8 3v10', 'M3 8h10'];
const IMPORT = ['M8 1.5v8', 'M4.8 6.5L8 9.7l3.2-3.2', 'M2.5 10.5v3h11v-3'];

/** @typedef {import('../../contract/types.js').Event} CalendarEvent */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const communityId = ctx.community.id;
  /** @type {ReturnType<typeof createWidget>|null} */
  let widget = null;
  /** @type {ReturnType<typeof createChanges>|null} */
  let changes = null;
  /** @type {ReturnType<typeof createEventPanel>|null} */
  let panel = null;
  let zone = 'UTC';
  let communityName = ctx.community.name;
  /** @type {() => void} */
  let firstDrawn = () => {};
  const ready = new Promise((resolve) => {
    firstDrawn = () => resolve(undefined);
  });

  const title = h('h2', { class: 'calendar-title', testid: 'calendar-title', 'aria-live': 'polite' });
  const viewButtons = Object.fromEntries(
    ['month', 'week', 'day', 'list'].map((name, index) => [
      name,
      h(
        'button',
        {
          type: 'button',
          testid: `calendar-view-${name}`,
          'aria-pressed': 'false',
          'aria-keyshortcuts': String(index + 1),
          onclick: () => widget?.view(/** @type {any} */ (name)),
        },
        t(`calendar.view.${name}`),
      ),
    ]),
  );
  const jump = h('input', {
    type: 'text',
    class: 'calendar-jump',
    testid: 'calendar-jump',
    placeholder: t('calendar.jumpPlaceholder'),
    'aria-label': t('calendar.jump'),
    onkeydown: (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const day = jump.value.trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))) {
        widget?.goTo(day);
        jump.value = '';
        jump.removeAttribute('aria-invalid');
      } else {
        jump.setAttribute('aria-invalid', 'true');
        ctx.app.toast(t('calendar.jumpInvalid'), { kind: 'error' });
      }
    },
  });
  const toolbar = h(
    'div',
    { class: 'calendar-toolbar', role: 'toolbar', 'aria-label': t('calendar.toolbar') },
    h('button', { type: 'button', testid: 'calendar-today', 'aria-keyshortcuts': 'Home', onclick: () => widget?.today() }, t('calendar.today')),
    h(
      'span',
      { class: 'linked' },
      h('button', { type: 'button', class: 'icon-only', testid: 'calendar-previous', 'aria-label': t('calendar.previous'), 'aria-keyshortcuts': 'PageUp', onclick: () => widget?.previous() }, icon(PREVIOUS)),
      h('button', { type: 'button', class: 'icon-only', testid: 'calendar-next', 'aria-label': t('calendar.next'), 'aria-keyshortcuts': 'PageDown', onclick: () => widget?.next() }, icon(NEXT)),
    ),
    title,
    h('span', { class: 'spacer' }),
    h(
      'button',
      {
        type: 'button',
        testid: 'calendar-venues',
        onclick: () =>
          venuesDialog(ctx, communityId, () => {
            widget?.reload();
            panel?.refresh();
          }),
      },
      t('calendar.venues.button'),
    ),
    jump,
    h('span', { class: 'linked', role: 'group', 'aria-label': t('calendar.views') }, Object.values(viewButtons)),
  );

  const grid = h('div', { class: 'calendar-grid', testid: 'calendar-grid' });
  const aside = h('aside', { class: 'calendar-panel', testid: 'calendar-panel', hidden: true });
  const main = h('div', { class: 'calendar-main' }, grid, aside);

  const addButton = h(
    'button',
    { type: 'button', class: 'suggested', testid: 'calendar-add', 'aria-keyshortcuts': 'N', onclick: () => newEvent() },
    icon(ADD),
    h('span', {}, t('calendar.add')),
  );
  // In a small window these two show their icons only; their names stay for the ear.
  const fileButton = (testid, label, paths, onclick) =>
    h('button', { type: 'button', class: 'calendar-file-button', testid, title: label, 'aria-label': label, onclick }, icon(paths), h('span', {}, label));
  const importButton = fileButton('calendar-import', t('calendar.import.button'), IMPORT, () => importCalendar(ctx, communityId, () => widget?.reload()));
  const exportButton = fileButton('calendar-export', t('calendar.export.button'), ICONS.export, () => exportCalendar(ctx, communityId, communityName));

  ctx.body.classList.add('page-wide', 'page-calendar');
  ctx.actions.append(importButton, exportButton, addButton);
  ctx.body.append(h('p', { class: 'loading' }, t('app.loading')));
  start();

  async function start() {
    try {
      const community = await communityGet(communityId);
      if (ctx.signal.aborted) return;
      zone = community.timeZone;
      communityName = community.name;
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(ctx.body, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      firstDrawn();
      return;
    }
    replaceChildren(ctx.body, h('div', { class: 'calendar' }, toolbar, main));
    panel = createEventPanel({
      container: aside,
      ctx,
      communityId,
      onEdit: (event) => editEvent(event),
      onDelete: (event) => changes?.remove(event),
      onClose: () => closePanel(),
    });
    changes = createChanges({
      ctx,
      communityId,
      zone,
      redraw: () => widget?.reload(),
      put: (event) => widget?.put(event),
      changed: (id) => {
        if (panel?.shownId() === id) panel.refresh();
      },
      removed: (id) => {
        if (id == null || panel?.shownId() === id) closePanel();
      },
      created: (event) => openPanel(event.id),
    });
    widget = createWidget(grid, {
      zone,
      language: getLanguage(),
      load: async (from, to) => {
        const { from: first, to: last } = daysOf(from, to);
        const events = await eventList(communityId, first, last);
        firstDrawn();
        return events;
      },
      moved: (moved) => changes?.move(moved),
      selected: (at) => changes?.create(at),
      open: (event) => openPanel(event.id),
      shown: ({ title: text, view }) => {
        // A heading starts with a capital: Russian names a month in lower case ("декабрь 2026 г.").
        title.textContent = text.charAt(0).toLocaleUpperCase(getLanguage()) + text.slice(1);
        for (const [name, button] of Object.entries(viewButtons)) {
          button.setAttribute('aria-pressed', String(widget ? widget.viewName() === name : name === 'month'));
        }
        grid.dataset.view = view;
      },
      failed: (error) => {
        ctx.app.toast(errorMessage(error), { kind: 'error' });
        firstDrawn();
      },
    });
    grid.addEventListener('keydown', onEventKey);
  }

  async function venues() {
    try {
      return await venueList(communityId);
    } catch {
      return [];
    }
  }

  async function newEvent() {
    const today = wallText(wallClock(Date.now(), zone), true);
    const shown = widget ? wallText(widget.start(), true) : today;
    eventDialog({
      communityId,
      zone,
      venues: await venues(),
      event: null,
      day: widget?.viewName() === 'month' && shown.slice(0, 7) !== today.slice(0, 7) ? shown.slice(0, 8) + '01' : today,
      done: (saved) => {
        if (!saved) return;
        widget?.goTo(saved.start.slice(0, 10));
        widget?.reload();
        openPanel(saved.id);
      },
    });
  }

  /** @param {CalendarEvent} event */
  async function editEvent(event) {
    eventDialog({
      communityId,
      zone,
      venues: await venues(),
      event,
      saveEdit: async (before, input) => {
        return Boolean(await changes?.save(before, input));
      },
      onDelete: (e) => changes?.remove(e),
      done: (saved) => {
        if (!saved) return;
        widget?.reload();
        panel?.refresh();
      },
    });
  }

  /** @param {number} id */
  function openPanel(id) {
    // The grid follows its new width by itself (FullCalendar watches its size).
    aside.hidden = false;
    panel?.show(id);
  }

  function closePanel() {
    aside.hidden = true;
    panel?.clear();
  }

  /** The keyboard on an event of the grid. */
  async function onEventKey(/** @type {KeyboardEvent} */ event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const id = target?.dataset?.eventId;
    if (!id || !widget || !changes) return;
    const shown = widget.eventById(id);
    if (!shown) return;
    const month = widget.viewName() === 'month';
    if (event.key === 'Enter') {
      event.preventDefault();
      openPanel(shown.id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      changes.remove(shown);
    } else if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      changes.shift(shown, { days: event.key === 'ArrowLeft' ? -1 : 1 });
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const sign = event.key === 'ArrowUp' ? -1 : 1;
      changes.shift(shown, month || shown.allDay ? { days: 7 * sign } : { minutes: 15 * sign });
    }
  }

  /** The view's own keys, when no field or dialog has them. */
  function onKey(/** @type {KeyboardEvent} */ event) {
    if (!widget || !changes || document.querySelector('dialog[open]')) return;
    const target = /** @type {HTMLElement} */ (event.target);
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target?.isContentEditable;
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
      if (typing) return;
      event.preventDefault();
      changes.runUndo();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const views = { 1: 'month', 2: 'week', 3: 'day', 4: 'list' };
    if (event.key === 'PageUp') widget.previous();
    else if (event.key === 'PageDown') widget.next();
    else if (event.key === 'Home') widget.today();
    else if (views[event.key]) widget.view(views[event.key]);
    else if (event.key === 'n' || event.key === 'N' || event.key === 'т' || event.key === 'Т') newEvent();
    else return;
    event.preventDefault();
  }
  document.addEventListener('keydown', onKey, { signal: ctx.signal });

  return {
    ready,
    // The month (or week) shown and the open event's panel stay.
    refresh() {
      widget?.reload();
      panel?.refresh();
    },
    dispose() {
      changes?.dispose();
      widget?.destroy();
      ctx.body.classList.remove('page-wide', 'page-calendar');
      for (const dialog of document.querySelectorAll('dialog.form-dialog')) dialog.remove();
    },
  };
}
