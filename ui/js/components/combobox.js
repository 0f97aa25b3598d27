/**
 * A text field that offers a list to pick from as you type: the ARIA combobox pattern (an
 * input with role=combobox, a listbox of options, the active one named by
 * aria-activedescendant). It exists so a value nobody types from memory (an IANA time zone)
 * can be found by the words a person knows, while what is typed still counts as it is.
 *
 * Keys: ArrowDown and ArrowUp open the list and move through it, Enter picks the active
 * option, Escape closes the list (and only the list). A pointer picks with a click. Picking
 * puts the option's value in the field and sends a bubbling `change`, so a form that tracks
 * its edits sees it like any other.
 *
 * The component knows nothing of what it lists: `search` finds the items, `label`,
 * `detail` and `value` say how each one reads and what picking it writes.
 */

import { h, replaceChildren } from '../dom.js';

/** Typing pauses this long before a search goes out: one per word, not one per key. */
const SEARCH_DELAY_MS = 120;

let counter = 0;

/**
 * @template T
 * @typedef {object} ComboboxOptions
 * @property {string} id  the input's id (a label points at it); the list's id derives from it.
 * @property {string} [name]
 * @property {string} [testid]  the input's; the list gets `${testid}-list`, options `${testid}-option`.
 * @property {string} [describedBy]  ids of hints and errors, for aria-describedby.
 * @property {string} [placeholder]
 * @property {string} listLabel  the list's accessible name.
 * @property {(query: string) => string} emptyText  shown when nothing matches.
 * @property {(query: string) => Promise<T[]>} search
 * @property {(item: T) => string} label  the option's main text.
 * @property {(item: T) => string} [detail]  a quieter second text.
 * @property {(item: T) => string} value  what picking the item writes into the field.
 * @property {(item: T) => void} [onPick]
 */

/**
 * @typedef {object} Combobox
 * @property {HTMLElement} element  the field and its list, to put in the form.
 * @property {HTMLInputElement} input
 * @property {() => void} close
 */

/**
 * @template T
 * @param {ComboboxOptions<T>} options
 * @returns {Combobox}
 */
export function combobox(options) {
  const listId = `${options.id}-list`;
  const instance = ++counter;
  /** @type {T[]} */
  let items = [];
  let active = -1;
  let timer = 0;
  /** Answers to older searches are dropped: only the latest query's list is shown. */
  let latest = 0;

  const input = /** @type {HTMLInputElement} */ (
    h('input', {
      type: 'text',
      id: options.id,
      name: options.name,
      testid: options.testid,
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      'aria-describedby': options.describedBy || null,
      placeholder: options.placeholder,
      autocomplete: 'off',
      spellcheck: 'false',
      oninput: () => scheduleSearch(),
      onkeydown: onKeyDown,
      onblur: () => close(),
    })
  );
  const list = h('ul', {
    id: listId,
    role: 'listbox',
    class: 'combobox-list',
    testid: options.testid && `${options.testid}-list`,
    'aria-label': options.listLabel,
    hidden: true,
    // Keep the focus in the field while an option is pressed.
    onpointerdown: (event) => event.preventDefault(),
    onclick: (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) pick(Number(option.dataset.index));
    },
  });
  const empty = h('p', { class: 'combobox-empty', testid: options.testid && `${options.testid}-empty`, hidden: true });
  const element = h('div', { class: 'combobox' }, input, list, empty);

  function scheduleSearch() {
    clearTimeout(timer);
    timer = window.setTimeout(() => runSearch(input.value), SEARCH_DELAY_MS);
  }

  /** @param {string} query @param {boolean} [selectFirst] */
  async function runSearch(query, selectFirst = false) {
    clearTimeout(timer);
    const ticket = ++latest;
    if (!query.trim()) {
      close();
      return;
    }
    let found;
    try {
      found = await options.search(query);
    } catch {
      found = [];
    }
    // A newer query went out, or the person left the field meanwhile.
    if (ticket !== latest || document.activeElement !== input) return;
    show(found, query, selectFirst ? 0 : -1);
  }

  /** @param {T[]} found @param {string} query @param {number} activeIndex */
  function show(found, query, activeIndex) {
    items = found;
    replaceChildren(
      list,
      found.map((item, index) => {
        const detail = options.detail?.(item);
        return h(
          'li',
          { id: `combobox-${instance}-${index}`, role: 'option', class: 'combobox-option', testid: options.testid && `${options.testid}-option`, 'data-index': index, 'aria-selected': 'false' },
          h('span', { class: 'combobox-label' }, options.label(item)),
          detail && h('span', { class: 'combobox-detail' }, detail),
        );
      }),
    );
    list.hidden = found.length === 0;
    empty.hidden = found.length > 0;
    empty.textContent = found.length ? '' : options.emptyText(query.trim());
    input.setAttribute('aria-expanded', String(found.length > 0));
    setActive(found.length ? activeIndex : -1);
  }

  /** @param {number} index  -1 for none. */
  function setActive(index) {
    const rows = list.children;
    rows[active]?.setAttribute('aria-selected', 'false');
    rows[active]?.classList.remove('is-active');
    active = index;
    const option = rows[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      option.classList.add('is-active');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function isOpen() {
    return !list.hidden;
  }

  function close() {
    clearTimeout(timer);
    latest++;
    items = [];
    active = -1;
    list.hidden = true;
    empty.hidden = true;
    replaceChildren(list);
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  /** @param {number} index */
  function pick(index) {
    const item = items[index];
    if (item === undefined) return;
    input.value = options.value(item);
    close();
    options.onPick?.(item);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** @param {KeyboardEvent} event */
  function onKeyDown(event) {
    if (event.isComposing || event.ctrlKey || event.metaKey) return;
    const count = items.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen()) runSearch(input.value, !event.altKey);
        else setActive((active + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen()) runSearch(input.value, false).then(() => isOpen() && setActive(items.length - 1));
        else setActive(active <= 0 ? count - 1 : active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault();
          pick(active);
        }
        break;
      case 'Escape':
        if (isOpen() || !empty.hidden) {
          // The list closes; a dialog or view around the field does not hear this Escape.
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  }

  return { element, input, close };
}
