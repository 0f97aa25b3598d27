/**
 * The Plan section: the four stages of the community as living checklists.
 *
 * This module only wires the view's parts together: it mounts them into the view's
 * container, declares the view's shortcuts and takes down what it put up when the view
 * goes. The parts share one state (state.js): the board draws it (board.js), the changes
 * write to core and put core's answer back into it (changes.js), the filters choose what
 * the board shows (filters.js), and the keyboard drives all of them (keyboard.js). Tasks are
 * edited in a dialog (task-dialog.js) and dragged with the pointer (drag.js).
 */

import './strings.js';
import { planGet } from '../../api/plan.js';
import { printPlanPreview } from '../../api/print.js';
import { h, icon, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { ADD_ICON, createBoard } from './board.js';
import { createChanges } from './changes.js';
import { createFilters, startingFilter } from './filters.js';
import { SHORTCUTS, listenForShortcuts, listenOnRows } from './keyboard.js';
import { createState } from './state.js';
import { ICONS } from '../../components/icons.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet('js/views/plan/plan.css');


/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const state = createState(ctx, { filter: startingFilter() });
  const board = createBoard(state, {
    openTask: (task) => changes.openTask(task),
    addToStage: (stage) => changes.openTask(null, stage),
    tick: (task, done) => changes.setDone(task, done),
    drop: (drop) => changes.drop(drop),
    drawn: (drawn) => filters.sync(drawn),
  });
  const filters = createFilters(state, board, {
    onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }),
  });
  const changes = createChanges(state, board);

  const addTask = () => changes.openTask(null, board.stageAtHand());
  listenForShortcuts(state, { add: addTask, print: printPlan, undo: () => changes.runUndo() });
  listenOnRows(state, board, {
    open: (task) => changes.openTask(task),
    tick: (task, done) => changes.setDone(task, done),
    remove: (task) => changes.deleteTask(task),
    move: (id, stage, position) => changes.moveTask(id, stage, position),
  });

  const printButton = h(
    'button',
    {
      type: 'button',
      testid: 'plan-print',
      title: t('plan.printShortcut'),
      'aria-keyshortcuts': SHORTCUTS.print.keys,
      onclick: printPlan,
    },
    icon(ICONS.print),
    h('span', {}, t('plan.print')),
  );
  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'suggested',
      testid: 'plan-add',
      title: t('plan.addShortcut'),
      'aria-keyshortcuts': SHORTCUTS.add.keys,
      onclick: addTask,
    },
    icon(ADD_ICON),
    h('span', {}, t('plan.add')),
  );
  const restoreButton = h(
    'button',
    { type: 'button', testid: 'plan-restore-template', onclick: () => changes.restoreTemplate(restoreButton) },
    t('plan.restoreTemplate'),
  );

  ctx.body.classList.add('page-wide');
  ctx.actions.append(printButton, addButton);
  ctx.body.append(h('p', { class: 'loading' }, t('app.loading')));
  load();

  async function load() {
    try {
      state.plan = await planGet(state.communityId);
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(ctx.body, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (ctx.signal.aborted) return;
    replaceChildren(
      ctx.body,
      h('div', { class: 'plan-toolbar' }, board.overall, filters.bar),
      filters.below,
      board.element,
      // The rows point here (aria-describedby): what the keyboard can do with a task.
      h('p', { class: 'plan-help dim', id: 'plan-task-help', testid: 'plan-task-help' }, t('plan.taskHelp')),
      h('div', { class: 'plan-footer' }, h('p', { class: 'dim' }, t('plan.restoreTemplateHint')), restoreButton),
    );
    board.drawInSteps();
  }

  async function printPlan() {
    printButton.disabled = true;
    try {
      await printPlanPreview(state.communityId);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    } finally {
      printButton.disabled = false;
    }
  }

  return {
    // Filters, scroll and focus stay; the board moves only what changed (board.js).
    refresh: () => changes.refresh(),
    dispose() {
      board.cancelDrag();
      changes.dispose();
      ctx.body.classList.remove('page-wide');
      for (const dialog of document.querySelectorAll('dialog.form-dialog')) dialog.remove();
    },
  };
}
