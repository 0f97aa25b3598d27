/**
 * The Plan view's filters (all, open, overdue, mine) and the member "Mine" stands for: the
 * organizer's own member record, kept by core with the community and chosen once here
 * ("Which member are you?").
 *
 * The bar of filters never moves: the line that names whose tasks "Mine" shows sits below
 * it, so choosing "Mine" does not push the buttons aside under the pointer.
 */

import { h, replaceChildren } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { communitySetOwnMember } from '../../api/community.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { FILTERS, matchesFilter } from './model.js';
import { memberPicker } from './member-picker.js';

/**
 * The filter survives leaving the section for the lifetime of the window.
 * @type {import('./state.js').Filter}
 */
let rememberedFilter = 'all';

/** The filter to start with: the one chosen when the view was last open. */
export function startingFilter() {
  return rememberedFilter;
}

/**
 * Whether the current filter shows a task.
 * @param {import('./state.js').PlanState} state
 * @param {import('./state.js').PlanTask} task
 */
export function isShown(state, task) {
  return matchesFilter(task, state.filter, { ownMemberId: state.plan?.ownMember?.id ?? null });
}

/**
 * @param {import('./state.js').PlanState} state
 * @param {{draw: () => void}} board
 * @param {{onError: (error: import('../../errors.js').HearthError) => void}} hooks
 */
export function createFilters(state, board, { onError }) {
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
    h('button', { type: 'button', class: 'small', testid: 'plan-my-name-change', onclick: askWhoIAm }, t('plan.mine.change')),
  );
  const note = h('div', { class: 'plan-filter-note', role: 'status' });
  /** What the note says now, so a redraw that changes nothing leaves its button alone. */
  let noteShows = '';

  /** @param {import('./state.js').Filter} filter */
  async function choose(filter) {
    if (filter === 'mine' && !state.plan?.ownMember) {
      const member = await askWhoIAm();
      if (!member) return;
    }
    state.filter = filter;
    rememberedFilter = filter;
    board.draw();
  }

  /**
   * "Which member are you?": picks the organizer's own member record and has core keep it
   * with the community; resolves to that member, or null.
   * @returns {Promise<import('./member-picker.js').PickedMember|null>}
   */
  function askWhoIAm() {
    return new Promise((resolve) => {
      const { field, showError, clearAll } = formFields();
      const picker = memberPicker({
        communityId: state.communityId,
        id: 'plan-my-name-input',
        member: state.plan?.ownMember ?? null,
        onChange: () => clearAll(),
      });
      const pickerField = field('ownMemberId', 'plan-my-name-input', t('plan.mine.label'), picker.input);
      // The field's input lives in the picker, with its list under it.
      picker.input.replaceWith(picker.element);
      picker.element.prepend(picker.input);
      const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'plan-my-name-save' }, t('plan.mine.save'));
      const dialog = formDialog({
        testid: 'plan-my-name-dialog',
        title: t('plan.mine.title'),
        body: [h('p', { class: 'dialog-body' }, t('plan.mine.body')), pickerField],
        buttons: [h('button', { type: 'button', onclick: () => dialog.finish(null) }, t('dialog.cancel')), saveButton],
        onsubmit: async () => {
          const member = picker.member();
          if (!member) {
            // Only a member of the roster can be "me": a name alone picks nobody, and there
            // is nothing to send until one is picked.
            const error = document.getElementById('plan-my-name-input-error');
            if (error) {
              error.textContent = t('plan.mine.pick');
              error.hidden = false;
            }
            picker.input.setAttribute('aria-invalid', 'true');
            picker.input.focus();
            return;
          }
          saveButton.disabled = true;
          try {
            await communitySetOwnMember(state.communityId, member.id);
          } catch (raw) {
            saveButton.disabled = false;
            const error = normaliseError(raw);
            if (!showError(error)) onError(error);
            return;
          }
          if (state.plan) state.plan.ownMember = { id: member.id, name: member.name };
          dialog.finish(member);
          if (state.filter === 'mine') board.draw();
        },
        onclose: resolve,
      });
      picker.input.focus();
      picker.input.select();
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
    const own = state.plan?.ownMember ?? null;
    ownerLine.hidden = state.filter !== 'mine' || !own;
    ownerText.textContent = own ? t('plan.mine.as', { name: own.name }) : '';

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
