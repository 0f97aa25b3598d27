/**
 * The Plan section: the four stages of the community as living checklists.
 *
 * The board is drawn from one `Plan` as the core returns it; a redraw after a change keeps
 * the rows that look the same (see "Drawing" below). Tasks are ticked in place, edited in a
 * dialog (plan-task-dialog.js), reordered and moved between stages by dragging with the
 * pointer (plan-drag.js) or with Alt+Arrow keys. Deletes and moves can be undone (the
 * toast's Undo button or Ctrl+Z).
 */

import './strings.js';
import { planGet, planRestoreTemplate, planTaskDelete, planTaskMove, planTaskRestore, planTaskSetStatus } from '../../api/plan.js';
import { printPlanPreview } from '../../api/print.js';
import { afterPaint, h, icon, placeChildren, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { formatDate } from '../../format.js';
import { hideToast } from '../../components/toast.js';
import { ICONS } from '../../components/icons.js';
import { formDialog } from '../../components/form-dialog.js';
import { boardDrag } from './drag.js';
import { MAX_LENGTH, taskDialog } from './task-dialog.js';
import {
  FILTERS,
  applyMove,
  calendarDate,
  dropPosition,
  isOverdue,
  keyboardMove,
  locate,
  matchesFilter,
  percent,
} from './model.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet(new URL('./plan.css', import.meta.url));

const MY_NAME_KEY = 'hearth.plan.myName';
const UNDO_TOAST_MS = 8000;
/** The least height of a task row: how many rows the first screen can show. */
const MIN_ROW_PX = 40;
/** Rows added to each stage per frame while a long plan is being drawn. */
const ROWS_PER_STEP = 40;
const ADD = ['M8 3v10', 'M3 8h10'];
const PRINTER = ['M4.5 6V1.5h7V6', 'M4.5 12H2.5V6h11v6h-2', 'M4.5 9.5h7v5h-7z'];

/** The filter survives leaving the section for the lifetime of the window. */
let currentFilter = 'all';

/** Tells the shell that overdue counts may have changed (the sidebar badge). */
function announcePlanChanged(overdue) {
  document.dispatchEvent(new CustomEvent('hearth:plan-changed', { detail: { overdue } }));
}

function readMyName() {
  try {
    return localStorage.getItem(MY_NAME_KEY) || null;
  } catch {
    return null;
  }
}

function storeMyName(name) {
  try {
    localStorage.setItem(MY_NAME_KEY, name);
  } catch {
    // Not remembering it means asking again next time; harmless.
  }
}

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const communityId = ctx.community.id;
  /** @type {import('../../api/plan.js').Plan|null} */
  let plan = null;
  let myName = readMyName();
  /** The last delete or move, for Ctrl+Z. */
  let lastUndo = null;
  /** An Undo toast of ours that is showing. */
  let undoToast = null;
  let undoTimer = 0;

  ctx.body.classList.add('page-wide');

  const printButton = h(
    'button',
    {
      type: 'button',
      testid: 'plan-print',
      title: t('plan.printShortcut'),
      'aria-keyshortcuts': 'Control+P',
      onclick: printPlan,
    },
    icon(PRINTER),
    h('span', {}, t('plan.print')),
  );
  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'suggested',
      testid: 'plan-add',
      title: t('plan.addShortcut'),
      'aria-keyshortcuts': 'Control+N',
      onclick: () => openTaskDialog(null, firstOpenStage()),
    },
    icon(ADD),
    h('span', {}, t('plan.add')),
  );
  ctx.actions.append(printButton, addButton);

  const progressText = h('span', { class: 'plan-progress-text', testid: 'plan-progress' });
  const progressBar = progressBarElement('plan-progress-bar', t('plan.progressLabel'));
  const filterButtons = FILTERS.map((filter) =>
    h(
      'button',
      {
        type: 'button',
        class: 'toggle',
        testid: `plan-filter-${filter}`,
        'aria-pressed': String(filter === currentFilter),
        onclick: () => chooseFilter(filter),
      },
      t(`plan.filter.${filter}`),
    ),
  );
  const myNameButton = h('button', { type: 'button', class: 'flat small', testid: 'plan-my-name', onclick: askMyName });
  const filterNote = h('div', { class: 'plan-filter-note', role: 'status' });
  const board = h('div', { class: 'plan-board', testid: 'plan-board', onkeydown: onBoardKeydown });
  const restoreButton = h(
    'button',
    { type: 'button', class: 'flat', testid: 'plan-restore-template', onclick: restoreTemplate },
    t('plan.restoreTemplate'),
  );

  ctx.body.append(h('p', { class: 'loading' }, t('app.loading')));
  document.addEventListener('keydown', onShortcut, { signal: ctx.signal });
  load();

  async function load() {
    try {
      plan = await planGet(communityId);
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(ctx.body, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (ctx.signal.aborted) return;
    replaceChildren(
      ctx.body,
      h(
        'div',
        { class: 'plan-toolbar' },
        h('div', { class: 'plan-overall' }, progressText, progressBar.element),
        h(
          'div',
          { class: 'plan-filters' },
          h('div', { class: 'segmented', role: 'group', 'aria-label': t('plan.filter.label') }, filterButtons),
          myNameButton,
        ),
      ),
      filterNote,
      board,
      // The rows point here (aria-describedby): what the keyboard can do with a task.
      h('p', { class: 'plan-help dim', id: 'plan-task-help', testid: 'plan-task-help' }, t('plan.taskHelp')),
      h(
        'div',
        { class: 'plan-footer' },
        h('p', { class: 'dim' }, t('plan.restoreTemplateHint')),
        restoreButton,
      ),
    );
    drawInSteps();
  }

  /** Fetches the plan again after a change and redraws. */
  async function refresh() {
    try {
      const fresh = await planGet(communityId);
      if (ctx.signal.aborted) return;
      plan = fresh;
      draw();
    } catch (error) {
      if (!ctx.signal.aborted) ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  // -------------------------------------------------------------------------------------
  // Drawing
  //
  // A redraw keeps every row whose task looks the same and only moves it into place, so a
  // drag or a tick restyles a row or two, not the board. The first draw shows a screenful
  // of rows per stage and adds the rest over the next frames: a plan of 500 tasks is on
  // screen before its last rows exist.

  /** Row elements by task id, each with the state it shows. */
  const rows = new Map();
  /** Stage sections by stage number, updated in place. */
  const stageViews = new Map();
  /** The tasks of the current plan by id, for the board's event handlers. */
  let tasksById = new Map();
  /** False while the first draw is still adding rows below the first screen. */
  let fullyDrawn = false;

  board.addEventListener('click', onBoardClick);
  board.addEventListener('change', onBoardChange);
  board.addEventListener('pointerdown', onPointerDown);
  const dragging = boardDrag(board, { onDrop, onCancel: () => draw() });

  function visible(task) {
    return matchesFilter(task, currentFilter, { today: plan?.today, myName });
  }

  /** Draws the rows in view at once and the others in steps after the first paint. */
  function drawInSteps() {
    let limit = Math.ceil(window.innerHeight / MIN_ROW_PX);
    draw({ limit });
    const step = () => {
      if (fullyDrawn || ctx.signal.aborted) return;
      limit += ROWS_PER_STEP;
      draw({ limit });
      afterPaint(step);
    };
    afterPaint(step);
  }

  /**
   * @param {{focusTaskId?: number, limit?: number}} [options]  limit: most rows per stage.
   */
  function draw({ focusTaskId, limit = Infinity } = {}) {
    // A draw would take the placeholder out from under a drag; the drop draws anyway.
    if (!plan || dragging.active) return;
    const active = document.activeElement;
    const focusedRow = active?.closest?.('[data-task-id]');
    const wantFocus = focusTaskId ?? (focusedRow && board.contains(focusedRow) ? Number(focusedRow.dataset.taskId) : null);
    const focusCheckbox = Boolean(focusedRow) && active?.dataset?.testid === 'plan-task-check' && focusTaskId === undefined;

    const all = plan.stages.flatMap((stage) => stage.tasks);
    tasksById = new Map(all.map((task) => [task.id, task]));
    const done = all.filter((task) => task.status === 'done').length;
    progressText.textContent = t('plan.progress', { done, count: all.length });
    progressBar.set(done, all.length);

    for (const button of filterButtons) {
      button.setAttribute('aria-pressed', String(button.dataset.testid === `plan-filter-${currentFilter}`));
    }
    myNameButton.hidden = currentFilter !== 'mine' || !myName;
    myNameButton.textContent = myName ? t('plan.mine.as', { name: myName }) : '';

    let shown = 0;
    let heldBack = false;
    const sections = [...plan.stages]
      .sort((a, b) => a.stage - b.stage)
      .map((stage) => {
        const tasks = stage.tasks.filter(visible);
        shown += tasks.length;
        heldBack ||= tasks.length > limit;
        return drawStage(stage, tasks.slice(0, limit));
      });
    placeChildren(board, sections);
    fullyDrawn = !heldBack;
    for (const id of rows.keys()) if (!tasksById.has(id)) rows.delete(id);

    if (currentFilter !== 'all' && shown === 0 && all.length > 0) {
      replaceChildren(
        filterNote,
        h(
          'p',
          { class: 'plan-filter-empty', testid: 'plan-filter-empty' },
          t(`plan.filterEmpty.${currentFilter}`),
          ' ',
          h('button', { type: 'button', class: 'flat small', onclick: () => chooseFilter('all') }, t('plan.filter.showAll')),
        ),
      );
    } else {
      replaceChildren(filterNote);
    }

    if (wantFocus !== null && wantFocus !== undefined) {
      const row = rows.get(wantFocus)?.element;
      const target = focusCheckbox ? row?.querySelector('input[type="checkbox"]') : row;
      if (row?.isConnected && document.activeElement !== target) target.focus({ preventScroll: false });
    }
  }

  /** Brings a stage's section up to date and returns it. */
  function drawStage(stage, tasks) {
    let view = stageViews.get(stage.stage);
    if (!view) {
      view = stageView(stage);
      stageViews.set(stage.stage, view);
    }
    const total = stage.tasks.length;
    const done = stage.tasks.filter((task) => task.status === 'done').length;
    view.section.classList.toggle('is-complete', total > 0 && done === total);
    view.count.textContent = `${done}/${total}`;
    view.count.title = t('plan.progress', { done, count: total });
    view.bar.set(done, total);
    let empty = null;
    if (total === 0) empty = view.emptyStage;
    else if (tasks.length === 0) empty = view.emptyFilter;
    placeChildren(view.list, [...tasks.map(rowFor), empty].filter(Boolean));
    return view.section;
  }

  function stageView(stage) {
    const titleId = `plan-stage-title-${stage.stage}`;
    const bar = progressBarElement(`plan-stage-bar-${stage.stage}`, t('plan.stageProgressLabel', { title: stage.title }));
    const count = h('span', { class: 'plan-stage-count', testid: `plan-stage-progress-${stage.stage}` });
    const list = h('ul', { class: 'plan-tasks', role: 'list', 'data-stage': String(stage.stage), 'aria-labelledby': titleId });
    const section = h(
      'section',
      { class: 'plan-stage', testid: `plan-stage-${stage.stage}`, 'data-stage': String(stage.stage), 'aria-labelledby': titleId },
      h(
        'header',
        { class: 'plan-stage-header' },
        h(
          'h2',
          { class: 'plan-stage-title', id: titleId },
          h('span', { class: 'stage-number' }, t('plan.stageLabel', { number: stage.stage })),
          h('span', { class: 'stage-name' }, stage.title),
        ),
        count,
      ),
      bar.element,
      list,
    );
    const emptyStage = h(
      'li',
      { class: 'plan-empty', testid: 'plan-stage-empty' },
      h('p', {}, t('plan.stageEmpty')),
      h(
        'button',
        { type: 'button', class: 'flat small', onclick: () => openTaskDialog(null, stage.stage) },
        icon(ADD),
        h('span', {}, t('plan.addToStage')),
      ),
    );
    const emptyFilter = h('li', { class: 'plan-empty', testid: 'plan-stage-empty' }, h('p', {}, t('plan.stageFiltered')));
    return { section, list, count, bar, emptyStage, emptyFilter };
  }

  /** The row of a task: the one already drawn if the task still looks the same. */
  function rowFor(task) {
    const overdue = task.status !== 'done' && (task.overdue || isOverdue(task, plan.today));
    const look = [task.stage, task.status, overdue, task.due, task.ownerName, task.title].join('\u0000');
    const drawn = rows.get(task.id);
    if (drawn?.look === look) return drawn.element;
    const element = taskRow(task, overdue);
    rows.set(task.id, { look, element });
    return element;
  }

  function taskRow(task, overdue) {
    const titleId = `plan-task-title-${task.id}`;
    const meta = [];
    if (task.status === 'in_progress') {
      meta.push(h('span', { class: 'chip chip-progress', testid: 'plan-task-status' }, t('plan.status.in_progress')));
    }
    if (task.due) {
      const date = formatDate(calendarDate(task.due) ?? task.due, getLanguage(), { timeZone: 'UTC' });
      meta.push(
        overdue
          ? h(
              'span',
              { class: 'task-due is-overdue', testid: 'plan-task-due' },
              icon(ICONS.warning),
              h('span', {}, t('plan.overdueOn', { date })),
            )
          : h('span', { class: 'task-due', testid: 'plan-task-due' }, t('plan.dueOn', { date })),
      );
    }
    if (task.ownerName) meta.push(h('span', { class: 'task-owner', testid: 'plan-task-owner' }, task.ownerName));
    return h(
      'li',
      {
        class: `plan-task${task.status === 'done' ? ' is-done' : ''}${overdue ? ' is-overdue' : ''}`,
        testid: 'plan-task',
        tabindex: '0',
        'data-task-id': String(task.id),
        'data-stage': String(task.stage),
        'aria-describedby': 'plan-task-help',
      },
      h('input', {
        type: 'checkbox',
        class: 'plan-task-check',
        testid: 'plan-task-check',
        checked: task.status === 'done',
        'aria-labelledby': titleId,
      }),
      h(
        'div',
        { class: 'plan-task-body' },
        h('span', { class: 'plan-task-title', id: titleId, testid: 'plan-task-title' }, task.title),
        meta.length > 0 && h('span', { class: 'plan-task-meta' }, meta),
      ),
    );
  }

  /** The task of the row an event happened in, with the row. */
  function taskAt(target) {
    const row = target.closest?.('.plan-task');
    const task = row && tasksById.get(Number(row.dataset.taskId));
    return task ? { row, task } : null;
  }

  function onBoardClick(event) {
    const hit = taskAt(event.target);
    if (!hit || dragging.justDropped || event.target.closest('input, button, a')) return;
    openTaskDialog(hit.task);
  }

  function onBoardChange(event) {
    const hit = event.target.matches('.plan-task-check') && taskAt(event.target);
    if (hit) setDone(hit.task, event.target.checked);
  }

  // -------------------------------------------------------------------------------------
  // Filters

  async function chooseFilter(filter) {
    if (filter === 'mine' && !myName) {
      const name = await askMyName();
      if (!name) return;
    }
    currentFilter = filter;
    draw();
  }

  /** Asks for the name used as owner on "my" tasks; resolves to it, or null. */
  function askMyName() {
    return new Promise((resolve) => {
      const input = h('input', {
        type: 'text',
        id: 'plan-my-name-input',
        testid: 'plan-my-name-input',
        value: myName ?? '',
        maxlength: MAX_LENGTH.ownerName,
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
          const name = input.value.trim().replace(/\s+/g, ' ');
          if (!name) {
            input.setAttribute('aria-invalid', 'true');
            input.focus();
            return;
          }
          myName = name;
          storeMyName(name);
          dialog.finish(name);
          if (currentFilter === 'mine') draw();
        },
        onclose: resolve,
      });
      input.focus();
      input.select();
    });
  }

  // -------------------------------------------------------------------------------------
  // Changes

  async function setDone(task, done) {
    const status = done ? 'done' : task.status === 'done' ? 'todo' : task.status;
    const local = taskIn(plan, task.id);
    if (local) {
      local.status = status;
      local.overdue = local.overdue && status !== 'done';
    }
    draw();
    try {
      await planTaskSetStatus(task.id, status);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
    await refresh();
    announcePlanChanged(plan?.overdue);
  }

  async function deleteTask(task) {
    const before = locate(plan.stages, task.id);
    let deleted;
    try {
      deleted = await planTaskDelete(task.id);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      return;
    }
    lastUndo = { kind: 'delete', task: deleted ?? task, position: before?.position ?? null };
    const undo = lastUndo;
    await refresh();
    announcePlanChanged(plan?.overdue);
    showUndoToast(t('plan.deleted', { title: task.title }), () => runUndo(undo));
    // Keep the keyboard near where it was.
    const stage = board.querySelector(`.plan-tasks[data-stage="${before?.stage}"]`);
    const rows = stage ? [...stage.querySelectorAll('[data-task-id]')] : [];
    (rows[Math.min(before?.position ?? 0, rows.length - 1)] ?? stage?.closest('section'))?.focus?.();
  }

  /**
   * Moves a task and redraws at once; the core's answer then replaces the guess.
   * @returns {Promise<boolean>}
   */
  async function moveTask(id, stage, position, { undoable = true } = {}) {
    const from = locate(plan.stages, id);
    if (!from || (from.stage === stage && from.position === position)) return false;
    plan = { ...plan, stages: applyMove(plan.stages, id, stage, position) };
    draw({ focusTaskId: id });
    try {
      const fresh = await planTaskMove(id, stage, position);
      if (ctx.signal.aborted) return false;
      if (fresh && Array.isArray(fresh.stages)) {
        plan = fresh;
        draw({ focusTaskId: document.activeElement?.closest?.('[data-task-id]') ? id : undefined });
      }
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      await refresh();
      return false;
    }
    const title = taskIn(plan, id)?.title ?? '';
    if (undoable) {
      const undo = { kind: 'move', id, title, stage: from.stage, position: from.position };
      lastUndo = undo;
      // Says where the task went (the toast region is a live region) and offers the way back.
      showUndoToast(movedMessage(id), () => runUndo(undo));
    } else {
      ctx.app.toast(t('plan.movedBack', { title }));
    }
    announcePlanChanged(plan.overdue);
    return true;
  }

  /** "Task “…” is now 3 of 5 in Stage 2, “Planning”." */
  function movedMessage(id) {
    const where = locate(plan.stages, id);
    const stage = plan.stages.find((item) => item.stage === where?.stage);
    if (!where || !stage) return '';
    return t('plan.moved', {
      title: stage.tasks[where.position].title,
      position: where.position + 1,
      count: stage.tasks.length,
      number: stage.stage,
      stage: stage.title,
    });
  }

  async function runUndo(undo = lastUndo) {
    if (!undo) return;
    if (undo === lastUndo) lastUndo = null;
    closeUndoToast();
    if (undo.kind === 'move') {
      await moveTask(undo.id, undo.stage, undo.position, { undoable: false });
      return;
    }
    const { task, position } = undo;
    try {
      const restored = await planTaskRestore(
        communityId,
        task.uid,
        {
          stage: task.stage,
          title: task.title,
          notes: task.notes ?? '',
          status: task.status,
          due: task.due ?? null,
          ownerName: task.ownerName ?? null,
        },
        position,
      );
      await refresh();
      announcePlanChanged(plan?.overdue);
      ctx.app.toast(t('plan.restored', { title: task.title }));
      board.querySelector(`[data-task-id="${restored?.id}"]`)?.focus();
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  async function restoreTemplate() {
    restoreButton.disabled = true;
    try {
      const { added } = await planRestoreTemplate(communityId);
      if (ctx.signal.aborted) return;
      ctx.app.toast(added > 0 ? t('plan.templateRestored', { count: added }) : t('plan.templateComplete'));
      if (added > 0) {
        await refresh();
        announcePlanChanged(plan?.overdue);
      }
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    } finally {
      restoreButton.disabled = false;
    }
  }

  async function printPlan() {
    printButton.disabled = true;
    try {
      await printPlanPreview(communityId);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    } finally {
      printButton.disabled = false;
    }
  }

  function firstOpenStage() {
    const focused = document.activeElement?.closest?.('[data-stage]');
    if (focused && board.contains(focused)) return Number(focused.dataset.stage);
    return plan?.stages.find((stage) => stage.tasks.some((task) => task.status !== 'done'))?.stage ?? 1;
  }

  // -------------------------------------------------------------------------------------
  // Undo toast

  function showUndoToast(message, onUndo) {
    const region = document.getElementById('toast');
    if (!region) return;
    hideToast();
    clearTimeout(undoTimer);
    undoToast = h(
      'div',
      { class: 'toast' },
      h('span', { class: 'toast-text' }, message),
      h(
        'button',
        { type: 'button', class: 'flat toast-action', testid: 'toast-undo', 'aria-keyshortcuts': 'Control+Z', onclick: onUndo },
        t('plan.undo'),
      ),
      h('button', { type: 'button', class: 'flat circular', 'aria-label': t('toast.close'), onclick: closeUndoToast }, icon(ICONS.close)),
    );
    region.replaceChildren(undoToast);
    undoTimer = setTimeout(closeUndoToast, UNDO_TOAST_MS);
  }

  function closeUndoToast() {
    clearTimeout(undoTimer);
    if (undoToast?.isConnected) undoToast.remove();
    undoToast = null;
  }

  // -------------------------------------------------------------------------------------
  // Keyboard

  function onShortcut(event) {
    if (document.querySelector('dialog[open]') || !plan) return;
    const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!command) return;
    if (event.code === 'KeyN') {
      event.preventDefault();
      openTaskDialog(null, firstOpenStage());
    } else if (event.code === 'KeyP') {
      event.preventDefault();
      printPlan();
    } else if (event.code === 'KeyZ') {
      const editing = event.target?.closest?.('input[type="text"], textarea');
      if (editing || !lastUndo) return;
      event.preventDefault();
      runUndo();
    }
  }

  function onBoardKeydown(event) {
    const row = event.target.closest?.('[data-task-id]');
    if (!row || !plan) return;
    const id = Number(row.dataset.taskId);
    const task = tasksById.get(id);
    if (!task) return;
    const onRow = event.target === row;
    if (event.altKey && !event.ctrlKey && !event.shiftKey && event.key.startsWith('Arrow')) {
      event.preventDefault();
      const target = keyboardMove(plan.stages, id, event.key, visible);
      if (target) moveTask(id, target.stage, target.position);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (onRow && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      if (event.key === ' ') setDone(task, task.status !== 'done');
      else openTaskDialog(task);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      deleteTask(task);
    } else if (onRow && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      // Up/Down walk the rows of the board, as in a list.
      const rows = [...board.querySelectorAll('[data-task-id]')];
      const next = rows[rows.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  }

  // -------------------------------------------------------------------------------------
  // Pointer drag and drop (the gesture itself is in plan-drag.js)

  function onPointerDown(event) {
    const hit = taskAt(event.target);
    if (hit && !event.target.closest('input, button, a')) dragging.press(event, hit.row, hit.task);
  }

  function onDrop({ task, stage, beforeId, afterId }) {
    if (!stage) {
      draw();
      return;
    }
    const stageIds = plan.stages.find((item) => item.stage === stage).tasks.map((item) => item.id).filter((id) => id !== task.id);
    moveTask(task.id, stage, dropPosition(stageIds, beforeId, afterId)).then((moved) => {
      if (!moved) draw({ focusTaskId: task.id });
    });
  }

  // -------------------------------------------------------------------------------------
  // The task dialog (plan-task-dialog.js)

  /**
   * Adds (task null) or edits a task in the dialog, then shows the result.
   * @param {import('../../api/plan.js').PlanTask|null} task
   * @param {number} [stage]  the stage of a new task.
   */
  async function openTaskDialog(task, stage = 1) {
    const saved = await taskDialog({
      communityId,
      plan,
      task,
      stage,
      onDelete: deleteTask,
      onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }),
    });
    if (!saved || ctx.signal.aborted) return;
    await refresh();
    announcePlanChanged(plan?.overdue);
    ctx.app.toast(task ? t('plan.saved') : t('plan.created', { title: saved.title }));
    board.querySelector(`[data-task-id="${saved.id}"]`)?.focus();
  }

  return {
    dispose() {
      dragging.cancel();
      closeUndoToast();
      ctx.body.classList.remove('page-wide');
      for (const dialog of document.querySelectorAll('dialog.form-dialog')) dialog.remove();
    },
  };
}

/** The task with this id in a plan, or undefined. */
function taskIn(plan, id) {
  for (const stage of plan.stages) {
    const task = stage.tasks.find((item) => item.id === id);
    if (task) return task;
  }
  return undefined;
}

/**
 * A progress bar people and screen readers can read.
 * @param {string} testid
 * @param {string} label
 */
function progressBarElement(testid, label) {
  const fill = h('div', { class: 'progress-fill' });
  const element = h(
    'div',
    { class: 'progress', role: 'progressbar', testid, 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100' },
    fill,
  );
  return {
    element,
    set(done, total) {
      const value = percent(done, total);
      element.setAttribute('aria-valuenow', String(value));
      element.setAttribute('aria-valuetext', t('plan.progress', { done, count: total }));
      fill.style.width = `${value}%`;
    },
  };
}
