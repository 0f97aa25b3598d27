/**
 * The Members view's arithmetic, apart from the page so it can be tested in node: which
 * rows of a long roster are in view and which pages of it to ask core for, how a selection
 * of thousands of members is held, how a column's header sorts, and which fields of a
 * member an edit actually changed (an edit sends those and no others).
 */

/** Every row of the roster is this tall (members.css sets the same height), so the
 * place of row i is i × ROW_HEIGHT and no row needs measuring. */
export const ROW_HEIGHT = 44;
/** Rows asked of core at once: a screenful or two, few calls while scrolling. */
export const PAGE_SIZE = 100;
/** Rows kept in the page above and below the window: a flick shows drawn rows. */
export const OVERSCAN = 12;

/**
 * The rows to have in the page for a scroll position: those in view and a margin.
 * @param {number} scrollTop  of the rows' own area (0 at the first row).
 * @param {number} height  of the visible part.
 * @param {number} total  rows in the roster.
 * @param {number} [rowHeight]
 * @param {number} [overscan]
 * @returns {{first: number, last: number}}  inclusive; last < first when there are none.
 */
export function rowsInView(scrollTop, height, total, rowHeight = ROW_HEIGHT, overscan = OVERSCAN) {
  if (total <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / rowHeight) - 1;
  return { first: Math.max(0, top - overscan), last: Math.min(total - 1, bottom + overscan) };
}

/**
 * The pages (of `pageSize` rows) that hold rows first..last.
 * @param {number} first
 * @param {number} last
 * @param {number} [pageSize]
 * @returns {number[]}
 */
export function pagesFor(first, last, pageSize = PAGE_SIZE) {
  const pages = [];
  for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize) && last >= first; page += 1) pages.push(page);
  return pages;
}

/**
 * The scroll position that brings row `index` wholly into view, or null when it already is.
 * @param {number} index
 * @param {number} scrollTop
 * @param {number} height  of the visible part of the rows.
 * @param {number} [rowHeight]
 */
export function scrollToShow(index, scrollTop, height, rowHeight = ROW_HEIGHT) {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return null;
}

/**
 * Which members are selected. "All" is held as all-but-some, so Ctrl+A over 100,000
 * members is instant and needs no ids until a bulk change asks for them.
 */
export class Selection {
  constructor() {
    /** When true, every member matching the query is selected except `ids`. */
    this.all = false;
    /** @type {Set<number>} */
    this.ids = new Set();
  }

  /** @param {number} id */
  has(id) {
    return this.all !== this.ids.has(id);
  }

  /**
   * @param {number} id
   * @param {boolean} [on]  the new state; the opposite of the current one when left out.
   */
  set(id, on = !this.has(id)) {
    if (on !== this.all) this.ids.add(id);
    else this.ids.delete(id);
  }

  selectAll() {
    this.all = true;
    this.ids.clear();
  }

  clear() {
    this.all = false;
    this.ids.clear();
  }

  /**
   * How many are selected out of `total` matching members.
   * @param {number} total
   */
  count(total) {
    return this.all ? Math.max(0, total - this.ids.size) : this.ids.size;
  }

  /** @param {number} total */
  isEmpty(total) {
    return this.count(total) === 0;
  }
}

/**
 * The sort after a click on a column's header: the same column turns around, another one
 * starts in the direction a person expects of it (names A to Z, the rest newest or highest
 * first).
 * @param {{sort: string, descending: boolean}} current
 * @param {string} column
 * @returns {{sort: string, descending: boolean}}
 */
export function nextSort(current, column) {
  if (current.sort === column) return { sort: column, descending: !current.descending };
  return { sort: column, descending: column !== 'name' };
}

/**
 * Whether a roster query narrows the list (a search or a filter), as opposed to the whole
 * roster in some order: an empty answer then means "no match", not "no members yet".
 * @param {{search?: string, levels?: string[], roles?: string[], tags?: string[], engagement?: string[], joinedFrom?: string|null, joinedTo?: string|null}} query
 */
export function narrows(query) {
  return Boolean(
    (query.search ?? '').trim() ||
      query.levels?.length ||
      query.roles?.length ||
      query.tags?.length ||
      query.engagement?.length ||
      query.joinedFrom ||
      query.joinedTo,
  );
}

/**
 * The fields of a member form that differ from the member as it was loaded: what an edit
 * sends, so it changes what the person changed and nothing read earlier. Lists compare by
 * their items in order; text as typed (core trims).
 * @param {Record<string, any>} before
 * @param {Record<string, any>} after
 * @returns {Record<string, any>}
 */
export function changedFields(before, after) {
  /** @type {Record<string, any>} */
  const changed = {};
  for (const [name, value] of Object.entries(after)) {
    const was = before[name];
    const same = Array.isArray(value) ? Array.isArray(was) && was.length === value.length && value.every((item, i) => item === was[i]) : value === was;
    if (!same) changed[name] = value;
  }
  return changed;
}

/**
 * Tags typed into a tag field: split at commas, trimmed, empty ones dropped, and the ones
 * already there (compared as search compares: case and "ё" aside) not added twice.
 * @param {string[]} existing
 * @param {string} typed
 * @returns {string[]}
 */
export function addTags(existing, typed) {
  const key = (tag) => tag.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
  const seen = new Set(existing.map(key));
  const result = [...existing];
  for (const part of typed.split(',')) {
    const tag = part.trim().replace(/\s+/g, ' ');
    if (!tag || seen.has(key(tag))) continue;
    seen.add(key(tag));
    result.push(tag);
  }
  return result;
}

export { localToday } from '../../format.js';
