/**
 * The Plan view's filters (all, open, overdue, mine) and the name "Mine" stands for.
 *
 * The bar of filters never moves: the line that names whose tasks "Mine" shows sits below
 * it, so choosing "Mine" does not push the buttons aside under the pointer.
 */

import { h, replaceChildren } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { formDialog } from '../../components/form-dialog.js';
import { LIMITS } from '../../contract/values.js';
import { FILTERS, matchesFilter } from './model.js';

const MY_NAME_KEY = 'hearth.plan.myName';

/**
 * The filter survives leaving the section for the lifetime of the window.
 * @type {import('./state.js').Filter}
 */
let rememberedFilter = 'all';

/** The filter to start with: the one chosen when the view was last open. */
export function startingFilter() {
  return rememberedFilter;
}

/** @returns {string|null} */
export function readMyName() {
  try {
    return localStorage.getItem(MY_NAME_KEY) || null;
  } catch {
    return null;
  }
}

/** @param {string} name */
function storeMyName(name) {
  try {
    localStorage.setItem(MY_NAME_KEY, name);
  } catch {
    // Not remembering it means asking again next time; harmless.
  }
}

/**
 * Whether the current filter shows a task.
 * @param {import('./state.js').PlanState} state
 * @param {import('./state.js').PlanTask} task
 */
export function isShown(state, task) {
  return matchesFilter(task, state.filter, { myName: state.myName });
}

/**
 * @param {import('./state.js').PlanState} state
 * @param {{draw: () => void}} board
 */
export function createFilters(state, board) {
  const buttons = FILTERS.map((filter) =>
    h(
      'button',
      {
        type: 'button',
        class: 'toggle',
        testid: `plan-filter-${filter}`,
        'data-label': t(`plan.filter.${filter}`),
        'aria-pressed': String(filter === state.filter),
        onclick: () => choose(filter),
      },
      t(`plan.filter.${filter}`),
    ),
  );
  const bar = h(
    'div',
    { class: 'plan-filters' },
    h('div', { class: 'segmented', role: 'group', 'aria-label': t('plan.filter.label') }, buttons),
  );
  const ownerText = h('span', {});
  const ownerLine = h(
    'p',
    { class: 'plan-owner-line', testid: 'plan-my-name', hidden: true },
    ownerText,
    h('button', { type: 'button', class: 'small', testid: 'plan-my-name-change', onclick: askMyName }, t('plan.mine.change')),
  );
  const note = h('div', { class: 'plan-filter-note', role: 'status' });
  /** What the note says now, so a redraw that changes nothing leaves its button alone. */
  let noteShows = '';

  /** @param {import('./state.js').Filter} filter */
  async function choose(filter) {
    if (filter === 'mine' && !state.myName) {
      const name = await askMyName();
      if (!name) return;
    }
    state.filter = filter;
    rememberedFilter = filter;
    board.draw();
  }

  /**
   * Asks for the name used as owner on "my" tasks; resolves to it, or null.
   * @returns {Promise<string|null>}
   */
  function askMyName() {
    return new Promise((resolve) => {
      const input = h('input', {
        type: 'text',
        id: 'plan-my-name-input',
        testid: 'plan-my-name-input',
        value: state.myName ?? '',
        maxlength: LIMITS.task.ownerName,
        autocomplete: 'off',
      });
      const dialog = formDialog({
        testid: 'plan-my-name-dialog',
        title: t('plan.mine.title'),
        body: [
          h('p', { class: 'dialog-body' }, t('plan.mine.body')),
          h('div', { class: 'field' }, h('label', { for: input.id }, t('plan.mine.label')), input),
        ],
        buttons: [
          h('button', { type: 'button', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
          h('button', { type: 'submit', class: 'suggested' }, t('plan.mine.save')),
        ],
        onsubmit: () => {
          // The name is this computer's setting, never stored in core: an empty one just
          // cannot pick anything.
          const name = input.value.trim().replace(/\s+/g, ' ');
          if (!name) {
            input.setAttribute('aria-invalid', 'true');
            input.focus();
            return;
          }
          state.myName = name;
          storeMyName(name);
          dialog.finish(name);
          if (state.filter === 'mine') board.draw();
        },
        onclose: resolve,
      });
      input.focus();
      input.select();
    });
  }

  /**
   * Shows the filter in force and, when it hides every task, says so.
   * @param {{shown: number, total: number}} drawn  tasks the board shows, and tasks in the plan.
   */
  function sync({ shown, total }) {
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.testid === `plan-filter-${state.filter}`));
    }
    ownerLine.hidden = state.filter !== 'mine' || !state.myName;
    ownerText.textContent = state.myName ? t('plan.mine.as', { name: state.myName }) : '';

    const shows = state.filter !== 'all' && shown === 0 && total > 0 ? state.filter : '';
    if (shows === noteShows) return;
    noteShows = shows;
    if (!shows) {
      replaceChildren(note);
      return;
    }
    replaceChildren(
      note,
      h(
        'p',
        { class: 'plan-filter-empty', testid: 'plan-filter-empty' },
        t(`plan.filterEmpty.${shows}`),
        ' ',
        h('button', { type: 'button', class: 'small', onclick: () => choose('all') }, t('plan.filter.showAll')),
      ),
    );
  }

  return {
    /** The bar of filter buttons, for the toolbar. */
    bar,
    /** The lines under the toolbar: whose tasks "Mine" shows, and a filter that hides all. */
    below: [ownerLine, note],
    sync,
  };
}
