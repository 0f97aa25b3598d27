/**
 * The roster: every member of the community in one table that stays smooth with 100,000 of
 * them, with search as you type, filters, sorting, and a selection for bulk tag and role
 * changes.
 *
 * Only the rows in view (and a margin) exist in the page. Every row is ROW_HEIGHT tall, so
 * a row's place is its index × the height and the table's height is known from the count
 * alone; rows are asked of core a page at a time as the person scrolls, and a row whose
 * page has not come yet is drawn as an empty shape until it does. A redraw keeps every row
 * element that still shows the same member at the same place, and only moves it into
 * order (dom.js placeChildren), so scrolling creates and fills the few rows that came into
 * view and nothing else.
 *
 * Each keystroke in the search asks core at once; an answer to an older query is dropped,
 * and the rows on screen stay until the new answer replaces them, so typing never flashes
 * an empty table.
 *
 * The table is an ARIA grid whose rows are the Tab stop (one at a time, the "active" row):
 * arrows move, Enter opens, Space selects, Shift+arrows extend the selection, Ctrl+A selects
 * every member that matches, Escape clears the selection.
 */

import { memberBulkRole, memberBulkTags, memberIds, memberPage, memberTags } from '../../api/members.js';
import { createFilters } from './roster-filters.js';
import { h, icon, placeChildren, replaceChildren } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { formatDate } from '../../format.js';
import { formDialog } from '../../components/form-dialog.js';
import { LIMITS, ROLES } from '../../contract/values.js';
import { ICONS } from '../../components/icons.js';
import { PAGE_SIZE, ROW_HEIGHT, Selection, narrows, nextSort, pagesFor, rowsInView, scrollToShow } from './model.js';

/** @typedef {import('../../contract/types.js').RosterQuery} RosterQuery */
/** @typedef {import('../../contract/types.js').RosterRow} RosterRow */

/** The columns, in order: the core's sort for each that sorts. */
const COLUMNS = Object.freeze([
  { id: 'name', sort: 'name' },
  { id: 'level', sort: 'level' },
  { id: 'engagement', sort: 'engagement' },
  { id: 'lastActivity', sort: 'lastActivity' },
  { id: 'joined', sort: 'joined' },
]);

/**
 * The query, scroll and selection survive leaving the section (for the lifetime of the
 * window), per community: coming back from a member's page or another section finds the
 * roster as it was left.
 * @type {Map<number, {query: RosterQuery, scrollTop: number}>}
 */
const remembered = new Map();

/** Pages of rows kept in memory around the one in view. */
const KEPT_PAGES = 40;

/** @returns {RosterQuery} */
function emptyQuery() {
  return { search: '', levels: [], roles: [], tags: [], engagement: [], joinedFrom: null, joinedTo: null, sort: 'name', descending: false };
}

/**
 * What the roster asks of the rest of the view.
 * @typedef {object} RosterHandlers
 * @property {(id: number) => void} open  a member was chosen (click, Enter).
 * @property {() => void} add  Add member (the empty state's button).
 * @property {(() => void)|null} [importMembers]  Import (the empty state offers it when set).
 * @property {HTMLElement} [above]  shown above the search (recognition and follow-up).
 * @property {(selected: () => Promise<number[]>, count: number) => HTMLElement[]} [bulkActions]
 *   more buttons for the bulk bar (merge two), given the selected ids on demand.
 */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {RosterHandlers} handlers
 */
export function createRoster(ctx, handlers) {
  const communityId = ctx.community.id;
  const { signal } = ctx;
  const saved = remembered.get(communityId);
  /** @type {RosterQuery} */
  const query = saved ? { ...saved.query } : emptyQuery();

  /** Pages of rows as core answered them, by page number, for the query shown. */
  let pages = new Map();
  /** Pages asked for and not answered, for the query shown. */
  const asked = new Set();
  /** Moves on with every new query: answers to an older one are dropped. */
  let generation = 0;
  /** Matching members; null until core first answers. */
  let total = /** @type {number|null} */ (null);
  /** The row with the keyboard's focus (the grid's one Tab stop). */
  let active = 0;
  /** Where a Shift+click or Shift+arrow range starts. */
  let anchor = 0;
  const selection = new Selection();
  /** Row elements on the page, by row index. */
  const rows = new Map();
  let drawQueued = false;
  let failed = false;

  // ---- The parts ---------------------------------------------------------------------
  const search = h('input', {
    type: 'search',
    id: 'members-search',
    testid: 'members-search',
    class: 'members-search',
    placeholder: t('members.searchPlaceholder'),
    title: t('members.searchShortcut'),
    'aria-keyshortcuts': 'Control+F',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: 200,
    value: query.search,
    oninput: searchChanged,
    // Emptied by its clear button, or by a script, a field may say so only by "change".
    onchange: searchChanged,
    onsearch: searchChanged,
    onkeydown: (event) => {
      // Down from the search goes into the results, as in a list with a filter field.
      if (event.key === 'ArrowDown' && total) {
        event.preventDefault();
        focusRow(0);
      }
    },
  });
  function searchChanged() {
    if (search.value === query.search) return;
    query.search = search.value;
    requery();
  }
  const count = h('p', { class: 'members-count', testid: 'members-count', role: 'status' });

  const filters = createFilters({ communityId, signal, query, onChange: requery, onClear: clearQuery });
  const bulk = h('div', { class: 'members-bulk', testid: 'members-bulk', role: 'region', 'aria-label': t('members.bulkLabel'), hidden: true });

  const selectAllBox = h('input', {
    type: 'checkbox',
    testid: 'members-select-all',
    'aria-label': t('members.selectAll'),
    onchange: () => {
      if (selectAllBox.checked) selection.selectAll();
      else selection.clear();
      selectionChanged();
    },
  });
  const sortButtons = new Map();
  const head = h(
    'div',
    { class: 'members-row members-head', role: 'row', 'aria-rowindex': 1 },
    h('div', { class: 'members-cell col-select', role: 'columnheader', 'aria-label': t('members.column.select') }, selectAllBox),
    COLUMNS.map((column) => {
      const label = t(`members.column.${column.id}`);
      if (!column.sort) return h('div', { class: `members-cell col-${column.id}`, role: 'columnheader' }, label);
      const button = h(
        'button',
        {
          type: 'button',
          class: 'members-sort',
          testid: `members-sort-${column.id}`,
          title: t('members.sortBy', { column: label }),
          onclick: () => {
            Object.assign(query, nextSort(query, column.sort));
            showSort();
            requery();
          },
        },
        h('span', {}, label),
        h('span', { class: 'members-sort-mark', 'aria-hidden': 'true' }),
      );
      sortButtons.set(column.sort, button);
      return h('div', { class: `members-cell col-${column.id}`, role: 'columnheader' }, button);
    }),
  );
  const body = h('div', { class: 'members-body', role: 'rowgroup' });
  const grid = h(
    'div',
    {
      class: 'members-grid',
      testid: 'members-grid',
      role: 'grid',
      'aria-label': t('members.tableLabel'),
      'aria-colcount': COLUMNS.length + 1,
      'aria-multiselectable': 'true',
      'aria-describedby': 'members-help',
    },
    h('div', { role: 'rowgroup', class: 'members-head-group' }, head),
    body,
  );
  const help = h('p', { class: 'members-help dim', id: 'members-help' }, t('members.tableHelp'));
  const toolbar = h(
    'div',
    { class: 'members-toolbar' },
    h('label', { for: search.id, class: 'visually-hidden' }, t('members.searchLabel')),
    search,
    filters.toggle,
    count,
  );
  const empty = h('div', { class: 'members-empty-slot' });
  const element = h(
    'section',
    { class: 'members-roster', testid: 'members-roster', 'aria-label': t('members.tableLabel') },
    handlers.above ?? null,
    toolbar,
    filters.element,
    bulk,
    grid,
    empty,
    help,
  );

  grid.addEventListener('scroll', scheduleDraw, { passive: true, signal });
  grid.addEventListener('keydown', onKeydown, { signal });
  grid.addEventListener('click', onClick, { signal });
  grid.addEventListener('dblclick', onDoubleClick, { signal });
  const resizing = new ResizeObserver(scheduleDraw);
  resizing.observe(grid);
  signal.addEventListener('abort', () => {
    resizing.disconnect();
    remember();
  });

  showSort();

  // ---- Asking core -------------------------------------------------------------------

  /**
   * A new query (typed, filtered, sorted): the rows shown stay until core answers it, then
   * the table starts from its first row.
   */
  function requery() {
    selection.clear();
    reload(true);
  }

  /**
   * Asks core again for what is in view (after a change to members), keeping the scroll,
   * or from the top after a new query.
   * @param {boolean} [toTop]
   */
  async function reload(toTop = false) {
    const mine = ++generation;
    asked.clear();
    const range = toTop ? { first: 0, last: PAGE_SIZE - 1 } : currentRange();
    const wanted = pagesFor(range.first, Math.max(range.first, range.last));
    let answers;
    try {
      answers = await Promise.all(wanted.map((page) => memberPage(communityId, query, page * PAGE_SIZE, PAGE_SIZE)));
    } catch (error) {
      if (mine === generation && !signal.aborted) showFailure(error);
      return;
    }
    if (mine !== generation || signal.aborted) return;
    failed = false;
    pages = new Map(wanted.map((page, i) => [page, answers[i].rows]));
    total = answers[0]?.total ?? 0;
    if (toTop) {
      grid.scrollTop = 0;
      active = 0;
      anchor = 0;
    }
    active = Math.min(active, Math.max(0, total - 1));
    // Every row is filled again from the new answers ("-" matches no member and no empty row).
    for (const row of rows.values()) row.dataset.memberId = '-';
    draw();
  }

  /** @param {number} page */
  async function fetchPage(page) {
    if (asked.has(page) || pages.has(page)) return;
    const mine = generation;
    asked.add(page);
    try {
      const answer = await memberPage(communityId, query, page * PAGE_SIZE, PAGE_SIZE);
      if (mine !== generation || signal.aborted) return;
      pages.set(page, answer.rows);
      total = answer.total;
      forgetFarPages(page);
      scheduleDraw();
    } catch (error) {
      if (mine === generation && !signal.aborted) showFailure(error);
    } finally {
      if (mine === generation) asked.delete(page);
    }
  }

  /**
   * Keeps the pages near `page` and lets the rest go, so scrolling through 100,000 members
   * holds a few thousand rows, not all of them; a page scrolled back to is asked for again.
   * @param {number} page
   */
  function forgetFarPages(page) {
    if (pages.size <= KEPT_PAGES) return;
    const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const far of byDistance.slice(0, pages.size - KEPT_PAGES)) pages.delete(far);
  }

  /** @param {number} index */
  function rowAt(index) {
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
  }

  // ---- Drawing -------------------------------------------------------------------------

  function currentRange() {
    const visible = Math.max(0, grid.clientHeight - head.offsetHeight);
    return rowsInView(grid.scrollTop, visible, total ?? 0);
  }

  function scheduleDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      if (!signal.aborted) draw();
    });
  }

  function draw() {
    const shown = total ?? 0;
    body.style.height = `${shown * ROW_HEIGHT}px`;
    grid.setAttribute('aria-rowcount', String(shown + 1));
    drawCount();
    drawEmpty();
    const { first, last } = currentRange();
    for (const page of pagesFor(first, last)) fetchPage(page);

    const wanted = [];
    for (let index = first; index <= last; index += 1) wanted.push(index);
    // The row with the focus stays in the page wherever the scroll went, so Tab finds it.
    if (shown > 0 && (active < first || active > last)) wanted.push(active);
    wanted.sort((a, b) => a - b);

    const hadFocus = body.contains(document.activeElement);
    const keep = new Set(wanted);
    for (const index of [...rows.keys()]) if (!keep.has(index)) rows.delete(index);
    const nodes = wanted.map((index) => {
      let row = rows.get(index);
      if (!row) {
        row = rowElement();
        rows.set(index, row);
      }
      fillRow(row, index, rowAt(index));
      return row;
    });
    placeChildren(body, nodes);
    if (hadFocus && !body.contains(document.activeElement)) rows.get(active)?.focus({ preventScroll: true });
    selectAllBox.checked = selection.all && selection.ids.size === 0 && shown > 0;
    selectAllBox.indeterminate = !selectAllBox.checked && !selection.isEmpty(shown);
  }

  function rowElement() {
    const box = h('input', { type: 'checkbox', tabindex: '-1', class: 'members-check' });
    return h(
      'div',
      { class: 'members-row', role: 'row', tabindex: '-1', testid: 'members-row' },
      h('div', { class: 'members-cell col-select', role: 'gridcell' }, box),
      h(
        'div',
        { class: 'members-cell col-name', role: 'gridcell' },
        h('span', { class: 'members-name', testid: 'members-row-name' }),
        h('span', { class: 'members-detail' }),
      ),
      h('div', { class: 'members-cell col-level', role: 'gridcell' }),
      h('div', { class: 'members-cell col-engagement', role: 'gridcell' }, h('span', { class: 'members-engagement' })),
      h('div', { class: 'members-cell col-lastActivity', role: 'gridcell' }),
      h('div', { class: 'members-cell col-joined', role: 'gridcell' }),
    );
  }

  /**
   * Puts a member (or the shape of one still coming) into a row element, touching only
   * what changed: a row that shows the same member as before costs a few comparisons.
   * @param {HTMLElement} row
   * @param {number} index
   * @param {RosterRow|null} member
   */
  function fillRow(row, index, member) {
    const top = `translateY(${index * ROW_HEIGHT}px)`;
    if (row.style.transform !== top) row.style.transform = top;
    row.setAttribute('aria-rowindex', String(index + 2));
    row.dataset.index = String(index);
    row.tabIndex = index === active ? 0 : -1;
    const selected = member ? selection.has(member.id) : false;
    row.setAttribute('aria-selected', String(selected));
    row.classList.toggle('is-selected', selected);
    const box = /** @type {HTMLInputElement} */ (row.querySelector('.members-check'));
    box.checked = selected;
    const key = member ? `${member.id}:${member.engagementScore}:${member.lastActivityOn}:${member.name}:${member.level}` : '';
    if (row.dataset.memberId === key) return;
    row.dataset.memberId = key;
    if (member) row.dataset.record = `members:${member.uid}`;
    else delete row.dataset.record;
    row.classList.toggle('is-loading', !member);
    const [, nameCell, levelCell, engagementCell, lastCell, joinedCell] = row.children;
    const language = getLanguage();
    nameCell.children[0].textContent = member?.name ?? '';
    nameCell.children[1].textContent = member ? detailOf(member) : '';
    levelCell.textContent = member ? (member.level ? t(`members.level.${member.level}`) : t('members.noLevel')) : '';
    const badge = /** @type {HTMLElement} */ (engagementCell.children[0]);
    badge.textContent = member ? t(`members.engagement.${member.engagementLevel}`) : '';
    badge.className = member ? `members-engagement is-${member.engagementLevel}` : 'members-engagement';
    lastCell.textContent = member ? (member.lastActivityOn ? formatDate(member.lastActivityOn, language) : t('members.never')) : '';
    joinedCell.textContent = member ? (member.joinedOn ? formatDate(member.joinedOn, language) : t('members.never')) : '';
    box.setAttribute('aria-label', member ? t('members.selectRow', { name: member.name }) : t('members.rowLoading'));
    if (member) row.setAttribute('aria-label', member.name);
    else row.setAttribute('aria-label', t('members.rowLoading'));
  }

  function drawCount() {
    if (total === null) return;
    const text = narrows(query) ? t('members.found', { count: total }) : t('members.count', { count: total });
    if (count.textContent !== text) count.textContent = text;
    // "All" counts what matches now: a change to the members changes it.
    if (selection.count(total) !== bulkShows) drawBulk();
  }

  /** What is shown instead of the rows when there are none: why, and what to do. */
  let emptyShows = '';
  function drawEmpty() {
    const shows = failed ? 'failed' : total === 0 ? (narrows(query) ? `none:${query.search}` : 'roster') : '';
    if (shows === emptyShows) return;
    emptyShows = shows;
    // No members at all: nothing to search or filter yet, only the way to the first ones.
    grid.hidden = shows === 'roster';
    toolbar.hidden = shows === 'roster';
    if (shows === 'roster') filters.element.hidden = true;
    help.hidden = total === 0;
    if (!shows) {
      replaceChildren(empty);
      return;
    }
    if (shows === 'roster') {
      replaceChildren(
        empty,
        h(
          'section',
          { class: 'members-empty', testid: 'members-empty', 'aria-labelledby': 'members-empty-title' },
          h('div', { class: 'members-empty-icon' }, icon(ICONS.members)),
          h('h2', { id: 'members-empty-title', class: 'members-empty-title' }, t('members.empty.title')),
          h('p', { class: 'members-empty-body' }, t('members.empty.body')),
          h(
            'div',
            { class: 'members-empty-actions' },
            handlers.importMembers &&
              h('button', { type: 'button', testid: 'members-empty-import', onclick: handlers.importMembers }, t('members.empty.import')),
            h('button', { type: 'button', class: 'suggested', testid: 'members-empty-add', onclick: handlers.add }, icon(ICONS.add), h('span', {}, t('members.add'))),
          ),
        ),
      );
      return;
    }
    if (shows === 'failed') return;
    replaceChildren(
      empty,
      h(
        'p',
        { class: 'members-no-match', testid: 'members-no-match' },
        query.search.trim() ? t('members.noMatchSearch', { search: query.search.trim() }) : t('members.noMatch'),
        ' ',
        h('button', { type: 'button', class: 'small', testid: 'members-clear-search', onclick: clearQuery }, t('members.clearSearch')),
      ),
    );
  }

  /** @param {unknown} error */
  function showFailure(error) {
    failed = true;
    emptyShows = 'failed';
    replaceChildren(
      empty,
      h(
        'p',
        { class: 'page-error', role: 'alert', testid: 'members-failed' },
        t('members.loadFailed'),
        ' ',
        errorMessage(error),
        ' ',
        h('button', { type: 'button', class: 'small', onclick: () => reload(true) }, t('members.retry')),
      ),
    );
  }

  function showSort() {
    for (const column of COLUMNS) {
      if (!column.sort) continue;
      const header = sortButtons.get(column.sort).parentElement;
      const sorted = query.sort === column.sort;
      header.setAttribute('aria-sort', sorted ? (query.descending ? 'descending' : 'ascending') : 'none');
      header.classList.toggle('is-sorted', sorted);
      header.classList.toggle('is-descending', sorted && query.descending);
    }
  }

  function clearQuery() {
    Object.assign(query, emptyQuery(), { sort: query.sort, descending: query.descending });
    search.value = '';
    filters.reset();
    requery();
    search.focus();
  }

  /**
   * The quieter second line of a row: what the person does, else how to reach them.
   * @param {RosterRow} member
   */
  function detailOf(member) {
    const work = [member.position, member.company].filter(Boolean).join(', ');
    return [work, member.city].filter(Boolean).join(' · ') || member.email;
  }

  // ---- Selection and the keyboard --------------------------------------------------------

  function selectionChanged() {
    draw();
    drawBulk();
  }

  /**
   * Moves the keyboard's focus to row `index`, scrolling it into view.
   * @param {number} index
   */
  function focusRow(index) {
    if (!total) return;
    active = Math.max(0, Math.min(total - 1, index));
    const visible = Math.max(0, grid.clientHeight - head.offsetHeight);
    const to = scrollToShow(active, grid.scrollTop, visible);
    if (to !== null) grid.scrollTop = to;
    draw();
    rows.get(active)?.focus({ preventScroll: true });
  }

  /**
   * Selects rows `from`..`to` (either order), asking core for pages not yet loaded.
   * @param {number} from
   * @param {number} to
   */
  async function selectRange(from, to) {
    const [low, high] = from <= to ? [from, to] : [to, from];
    const mine = generation;
    await Promise.all(pagesFor(low, high).map((page) => (pages.has(page) ? null : fetchPage(page))));
    if (mine !== generation) return;
    for (let index = low; index <= high; index += 1) {
      const member = rowAt(index);
      if (member) selection.set(member.id, true);
    }
    selectionChanged();
  }

  /** @param {KeyboardEvent} event */
  function onKeydown(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const row = /** @type {HTMLElement|null} */ (target.closest('.members-row[data-index]'));
    if (!row || !total) return;
    const index = Number(row.dataset.index);
    const command = (event.ctrlKey || event.metaKey) && !event.altKey;
    const page = Math.max(1, Math.floor((grid.clientHeight - head.offsetHeight) / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key in moves && !event.altKey && !command) {
      event.preventDefault();
      const step = moves[event.key];
      const to = step === -Infinity ? 0 : step === Infinity ? total - 1 : index + step;
      if (event.shiftKey) {
        focusRow(to);
        selection.clear();
        selectRange(anchor, active);
      } else {
        anchor = Math.max(0, Math.min(total - 1, to));
        focusRow(to);
      }
    } else if (event.key === 'Enter' && !command && !event.shiftKey) {
      const member = rowAt(index);
      if (member) {
        event.preventDefault();
        handlers.open(member.id);
      }
    } else if (event.key === ' ' && !command) {
      event.preventDefault();
      const member = rowAt(index);
      if (!member) return;
      if (event.shiftKey) {
        selectRange(anchor, index);
        return;
      }
      selection.set(member.id);
      anchor = index;
      selectionChanged();
    } else if (command && event.code === 'KeyA' && !event.shiftKey) {
      event.preventDefault();
      selection.selectAll();
      selectionChanged();
    } else if (event.key === 'Escape' && !selection.isEmpty(total)) {
      event.preventDefault();
      selection.clear();
      selectionChanged();
    }
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const row = /** @type {HTMLElement|null} */ (target.closest('.members-row[data-index]'));
    if (!row) return;
    const index = Number(row.dataset.index);
    const member = rowAt(index);
    if (!member) return;
    active = index;
    const onBox = target.classList.contains('members-check') || target.classList.contains('col-select');
    // A click on the box has ticked it already; one beside it, in its cell, has not.
    const boxState = target.classList.contains('members-check') ? /** @type {HTMLInputElement} */ (target).checked : undefined;
    if (event.shiftKey) {
      event.preventDefault();
      selectRange(anchor, index);
    } else if (onBox || event.ctrlKey || event.metaKey || !selection.isEmpty(total ?? 0)) {
      // Once something is selected a click adds to the selection, as in GNOME's selection
      // mode; the box itself always toggles.
      selection.set(member.id, boxState);
      anchor = index;
      selectionChanged();
    } else {
      anchor = index;
      handlers.open(member.id);
    }
    if (row.isConnected && !onBox) row.focus({ preventScroll: true });
  }

  /** @param {MouseEvent} event */
  function onDoubleClick(event) {
    const row = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (event.target).closest('.members-row[data-index]'));
    const member = row && rowAt(Number(row.dataset.index));
    if (member && !selection.isEmpty(total ?? 0)) handlers.open(member.id);
  }

  // ---- Bulk changes ------------------------------------------------------------------------

  /** The selected ids, asking core for them when "all" was chosen. */
  async function selectedIds() {
    if (!selection.all) return [...selection.ids];
    const all = await memberIds(communityId, query);
    return all.filter((id) => !selection.ids.has(id));
  }

  /** The count the bulk bar shows. */
  let bulkShows = 0;

  function drawBulk() {
    const selected = selection.count(total ?? 0);
    bulkShows = selected;
    bulk.hidden = selected === 0;
    if (selected === 0) {
      replaceChildren(bulk);
      return;
    }
    const button = (testid, label, run) => h('button', { type: 'button', class: 'small', testid, onclick: run }, label);
    replaceChildren(
      bulk,
      h('span', { class: 'members-bulk-count', testid: 'members-selected' }, t('members.selected', { count: selected })),
      h(
        'div',
        { class: 'members-bulk-actions' },
        button('members-bulk-add-tag', t('members.bulk.addTag'), () => bulkTag(false)),
        button('members-bulk-remove-tag', t('members.bulk.removeTag'), () => bulkTag(true)),
        button('members-bulk-add-role', t('members.bulk.addRole'), () => bulkRole(false)),
        button('members-bulk-remove-role', t('members.bulk.removeRole'), () => bulkRole(true)),
        handlers.bulkActions?.(selectedIds, selected) ?? [],
        h(
          'button',
          {
            type: 'button',
            class: 'small flat',
            testid: 'members-bulk-clear',
            onclick: () => {
              selection.clear();
              selectionChanged();
              rows.get(active)?.focus();
            },
          },
          t('members.bulk.clear'),
        ),
      ),
    );
  }

  /** @param {boolean} remove */
  async function bulkTag(remove) {
    const selected = selection.count(total ?? 0);
    let tagsInUse = [];
    try {
      tagsInUse = await memberTags(communityId);
    } catch {
      // The list only offers choices; typing works without it.
    }
    const input = h('input', {
      type: 'text',
      id: 'members-bulk-tag',
      testid: 'members-bulk-tag',
      autocomplete: 'off',
      maxlength: LIMITS.member.tag,
      list: 'members-bulk-tags',
    });
    const error = h('p', { class: 'field-error', id: 'members-bulk-tag-error', hidden: true });
    input.setAttribute('aria-describedby', error.id);
    const apply = h('button', { type: 'submit', class: 'suggested', testid: 'members-bulk-apply' }, t('members.bulk.apply'));
    const dialog = formDialog({
      testid: 'members-bulk-dialog',
      title: t(remove ? 'members.bulk.removeTagTitle' : 'members.bulk.addTagTitle', { count: selected }),
      body: h(
        'div',
        { class: 'field' },
        h('label', { for: input.id }, t('members.bulk.tag')),
        input,
        error,
        h('datalist', { id: 'members-bulk-tags' }, tagsInUse.map((item) => h('option', { value: item.tag }))),
      ),
      buttons: [h('button', { type: 'button', onclick: () => dialog.finish(null) }, t('dialog.cancel')), apply],
      oninput: () => {
        error.hidden = true;
        input.removeAttribute('aria-invalid');
      },
      onsubmit: async () => {
        apply.disabled = true;
        try {
          const changed = await memberBulkTags(await selectedIds(), [input.value], remove);
          dialog.finish(changed);
          bulkDone(changed);
        } catch (raw) {
          apply.disabled = false;
          error.textContent = errorMessage(raw, t('members.bulk.tag'));
          error.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
      },
    });
    input.focus();
  }

  /** @param {boolean} remove */
  function bulkRole(remove) {
    const selected = selection.count(total ?? 0);
    const select = h(
      'select',
      { id: 'members-bulk-role', testid: 'members-bulk-role' },
      ROLES.map((role) => h('option', { value: role }, t(`members.role.${role}`))),
    );
    const error = h('p', { class: 'field-error', id: 'members-bulk-role-error', hidden: true });
    const apply = h('button', { type: 'submit', class: 'suggested', testid: 'members-bulk-apply' }, t('members.bulk.apply'));
    const dialog = formDialog({
      testid: 'members-bulk-dialog',
      title: t(remove ? 'members.bulk.removeRoleTitle' : 'members.bulk.addRoleTitle', { count: selected }),
      body: h('div', { class: 'field' }, h('label', { for: select.id }, t('members.bulk.role')), select, error),
      buttons: [h('button', { type: 'button', onclick: () => dialog.finish(null) }, t('dialog.cancel')), apply],
      onsubmit: async () => {
        apply.disabled = true;
        try {
          const role = /** @type {import('../../contract/types.js').Role} */ (select.value);
          const changed = await memberBulkRole(await selectedIds(), role, remove);
          dialog.finish(changed);
          bulkDone(changed);
        } catch (raw) {
          apply.disabled = false;
          error.textContent = errorMessage(raw, t('members.bulk.role'));
          error.hidden = false;
        }
      },
    });
    select.focus();
  }

  /** @param {number} changed */
  function bulkDone(changed) {
    ctx.app.toast(t('members.bulk.done', { count: changed }));
    filters.refreshTags();
    reload();
  }

  // ---- What the view asks of the roster ----------------------------------------------------

  function remember() {
    remembered.set(communityId, { query: { ...query }, scrollTop: grid.scrollTop });
  }

  /**
   * Draws the roster once its element is in the page: at the scroll it was left at (coming
   * back from a member's page, or to the section), with the rows there fresh from core.
   */
  async function start() {
    const scrollTop = remembered.get(communityId)?.scrollTop ?? 0;
    await reload(false);
    if (signal.aborted) return;
    if (scrollTop) {
      grid.scrollTop = scrollTop;
      draw();
    }
    // The tag filter's choices after the rows: the first rows are what a person waits for.
    await filters.refreshTags();
  }

  return {
    element,
    start,
    /** After a member changed (saved, added): the rows in view again from core. */
    refresh: () => {
      filters.refreshTags();
      reload(false);
    },
    focusSearch() {
      search.focus();
      search.select();
    },
    /** Where the keyboard was, when coming back from a member's page. */
    restoreFocus() {
      if (!total) return;
      focusRow(active);
    },
    remember,
    /** Selects no one (after a merge took away one of the members selected). */
    clearSelection() {
      selection.clear();
      selectionChanged();
    },
    /** @returns {number|null} */
    total: () => total,
  };
}
