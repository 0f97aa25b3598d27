/**
 * The Plan view's board: four stages with their progress and task rows, drawn from the
 * plan in the view's state.
 *
 * A redraw keeps every row whose task looks the same and only moves it into place, so a
 * drag or a tick restyles a row or two, not the board. The first draw shows a screenful of
 * rows per stage and adds the rest over the next frames: a plan of 500 tasks is on screen
 * before its last rows exist.
 *
 * A row is one Tab stop named by its title and state; its checkbox is for the pointer (Space
 * on the row ticks it), so Tab goes from task to task.
 */

import { afterPaint, h, icon, placeChildren } from '../../dom.js';
import { getLanguage, t } from '../../i18n/index.js';
import { formatDate } from '../../format.js';
import { ICONS } from '../../components/icons.js';
import { boardDrag } from './drag.js';
import { isShown } from './filters.js';
import { calendarDate, percent } from './model.js';

/** The least height of a task row: how many rows the first screen can show. */
const MIN_ROW_PX = 40;
/** Rows added to each stage per frame while a long plan is being drawn. */
const ROWS_PER_STEP = 40;
export const ADD_ICON = ['M8 3v10', 'M3 8h10'];

/** @typedef {import('./state.js').PlanTask} PlanTask */
/** @typedef {import('./state.js').Plan['stages'][number]} StagePlan */

/**
 * What the board asks of the rest of the view.
 * @typedef {object} BoardHandlers
 * @property {(task: PlanTask) => void} openTask  a row was clicked.
 * @property {(stage: number) => void} addToStage  an empty stage's "Add a task".
 * @property {(task: PlanTask, done: boolean) => void} tick  a checkbox was ticked or cleared.
 * @property {(drop: {task: PlanTask, stage: number|null, beforeId: number|null, afterId: number|null}) => void} drop
 *   a dragged row was released; stage null when it was dropped nowhere.
 * @property {(drawn: {shown: number, total: number}) => void} drawn  after every draw.
 */

/**
 * @param {import('./state.js').PlanState} state
 * @param {BoardHandlers} handlers
 */
export function createBoard(state, handlers) {
  const { signal } = state.ctx;
  const element = h('div', { class: 'plan-board', testid: 'plan-board' });
  const progressText = h('span', { class: 'plan-progress-text', testid: 'plan-progress' });
  const progressBar = progressBarElement('plan-progress-bar', t('plan.progressLabel'));
  const overall = h('div', { class: 'plan-overall' }, progressText, progressBar.element);

  /** @type {Map<number, {look: string, element: HTMLElement}>} row elements by task id, each with the state it shows. */
  const rows = new Map();
  /** @type {Map<number, ReturnType<typeof stageView>>} stage sections by stage number, updated in place. */
  const stageViews = new Map();
  /** @type {Map<number, PlanTask>} the tasks of the current plan by id, for the event handlers. */
  let tasksById = new Map();
  /** False while the first draw is still adding rows below the first screen. */
  let fullyDrawn = false;

  const dragging = boardDrag(element, { onDrop: handlers.drop, onCancel: () => draw() });
  element.addEventListener('click', onClick);
  element.addEventListener('change', onChange);
  element.addEventListener('pointerdown', onPointerDown);

  /** Draws the rows in view at once and the others in steps after the first paint. */
  function drawInSteps() {
    let limit = Math.ceil(window.innerHeight / MIN_ROW_PX);
    draw({ limit });
    const step = () => {
      if (fullyDrawn || signal.aborted) return;
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
    const { plan } = state;
    // A draw would take the placeholder out from under a drag; the drop draws anyway.
    if (!plan || dragging.active) return;
    const active = /** @type {HTMLElement|null} */ (document.activeElement);
    const focusedRow = /** @type {HTMLElement|null|undefined} */ (active?.closest?.('[data-task-id]'));
    const wantFocus = focusTaskId ?? (focusedRow && element.contains(focusedRow) ? Number(focusedRow.dataset.taskId) : null);

    const all = plan.stages.flatMap((stage) => stage.tasks);
    tasksById = new Map(all.map((task) => [task.id, task]));
    const done = all.filter((task) => task.status === 'done').length;
    progressText.textContent = t('plan.progress', { done, count: all.length });
    progressBar.set(done, all.length);

    let shown = 0;
    let heldBack = false;
    const sections = [...plan.stages]
      .sort((a, b) => a.stage - b.stage)
      .map((stage) => {
        const tasks = stage.tasks.filter((task) => isShown(state, task));
        shown += tasks.length;
        heldBack ||= tasks.length > limit;
        return drawStage(stage, tasks.slice(0, limit));
      });
    placeChildren(element, sections);
    fullyDrawn = !heldBack;
    for (const id of rows.keys()) if (!tasksById.has(id)) rows.delete(id);
    handlers.drawn({ shown, total: all.length });

    if (wantFocus !== null && wantFocus !== undefined) {
      const row = rows.get(wantFocus)?.element;
      if (row?.isConnected && document.activeElement !== row) row.focus({ preventScroll: false });
    }
  }

  /**
   * Brings a stage's section up to date and returns it.
   * @param {StagePlan} stage
   * @param {PlanTask[]} tasks  the ones to show.
   */
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

  /** @param {StagePlan} stage */
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
        { type: 'button', class: 'small', onclick: () => handlers.addToStage(stage.stage) },
        icon(ADD_ICON),
        h('span', {}, t('plan.addToStage')),
      ),
    );
    const emptyFilter = h('li', { class: 'plan-empty', testid: 'plan-stage-empty' }, h('p', {}, t('plan.stageFiltered')));
    return { section, list, count, bar, emptyStage, emptyFilter };
  }

  /**
   * The row of a task: the one already drawn if the task still looks the same.
   * @param {PlanTask} task
   */
  function rowFor(task) {
    const look = [task.stage, task.status, task.overdue, task.due, task.ownerMemberId, task.ownerName, task.title].join('\u0000');
    const drawn = rows.get(task.id);
    if (drawn?.look === look) return drawn.element;
    const row = taskRow(task);
    rows.set(task.id, { look, element: row });
    return row;
  }

  /** The task of the row an event happened in, with the row. */
  function taskAt(target) {
    const row = /** @type {HTMLElement|null} */ (target.closest?.('.plan-task'));
    const task = row && tasksById.get(Number(row.dataset.taskId));
    return task ? { row, task } : null;
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const hit = taskAt(target);
    if (!hit || dragging.justDropped || target.closest('input, button, a')) return;
    handlers.openTask(hit.task);
  }

  /** @param {Event} event */
  function onChange(event) {
    const target = /** @type {HTMLInputElement} */ (event.target);
    const hit = target.matches('.plan-task-check') && taskAt(target);
    if (!hit) return;
    // The checkbox is the pointer's way to tick; the keyboard goes on from the row.
    if (document.activeElement === target) hit.row.focus({ preventScroll: true });
    handlers.tick(hit.task, target.checked);
  }

  /** @param {PointerEvent} event */
  function onPointerDown(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const hit = taskAt(target);
    if (hit && !target.closest('input, button, a')) dragging.press(event, hit.row, hit.task);
  }

  /**
   * The stage a new task goes to: the focused row's, or the first with open tasks.
   * @returns {number}
   */
  function stageAtHand() {
    const focused = /** @type {HTMLElement|null|undefined} */ (document.activeElement?.closest?.('[data-stage]'));
    if (focused && element.contains(focused)) return Number(focused.dataset.stage);
    return state.plan?.stages.find((stage) => stage.tasks.some((task) => task.status !== 'done'))?.stage ?? 1;
  }

  /**
   * Focuses the row of a task, if it is drawn.
   * @param {number|undefined} id
   */
  function focusTask(id) {
    /** @type {HTMLElement|null} */ (element.querySelector(`[data-task-id="${id}"]`))?.focus();
  }

  /**
   * Focuses the row now at `position` in a stage (or the last, or the stage), to keep the
   * keyboard near a row that went away.
   * @param {number|undefined} stage
   * @param {number} position
   */
  function focusNear(stage, position) {
    const list = element.querySelector(`.plan-tasks[data-stage="${stage}"]`);
    const stageRows = list ? [.../** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('[data-task-id]'))] : [];
    (stageRows[Math.min(position, stageRows.length - 1)] ?? /** @type {HTMLElement|null} */ (list?.closest('section')))?.focus?.();
  }

  /**
   * The rows shown, top to bottom and stage after stage, as the arrows walk them.
   * @returns {HTMLElement[]}
   */
  function rowsInOrder() {
    return [.../** @type {NodeListOf<HTMLElement>} */ (element.querySelectorAll('[data-task-id]'))];
  }

  return {
    element,
    /** The whole plan's progress, for the toolbar. */
    overall,
    draw,
    drawInSteps,
    stageAtHand,
    focusTask,
    focusNear,
    rowsInOrder,
    /** @param {number} id */
    task: (id) => tasksById.get(id),
    cancelDrag: () => dragging.cancel(),
  };
}

/**
 * One task's row.
 * @param {PlanTask} task
 */
function taskRow(task) {
  const titleId = `plan-task-title-${task.id}`;
  const meta = [];
  if (task.status === 'in_progress') {
    meta.push(h('span', { class: 'chip chip-progress', testid: 'plan-task-status' }, t('plan.status.in_progress')));
  }
  if (task.due) {
    const date = formatDate(calendarDate(task.due) ?? task.due, getLanguage(), { timeZone: 'UTC' });
    meta.push(
      task.overdue
        ? h(
            'span',
            { class: 'task-due is-overdue', testid: 'plan-task-due' },
            icon(ICONS.warning),
            h('span', {}, t('plan.overdueOn', { date })),
          )
        : h('span', { class: 'task-due', testid: 'plan-task-due' }, t('plan.dueOn', { date })),
    );
  }
  if (task.ownerName) {
    // An owner typed as text (not a member of the roster) reads the same, marked as such.
    const typed = task.ownerMemberId == null;
    meta.push(
      h(
        'span',
        { class: `task-owner${typed ? ' is-typed' : ''}`, testid: 'plan-task-owner', title: typed ? t('plan.owner.typedHint') : null },
        task.ownerName,
      ),
    );
  }
  return h(
    'li',
    {
      class: `plan-task${task.status === 'done' ? ' is-done' : ''}${task.overdue ? ' is-overdue' : ''}`,
      testid: 'plan-task',
      tabindex: '0',
      'data-task-id': String(task.id),
      'data-record': `plan_tasks:${task.uid}`,
      'data-stage': String(task.stage),
      // Read out on focus instead of all the row's text: the title and the one state that
      // matters most; the help says what the keys do.
      'aria-label': rowName(task),
      'aria-describedby': 'plan-task-help',
    },
    h('input', {
      type: 'checkbox',
      class: 'plan-task-check',
      testid: 'plan-task-check',
      tabindex: '-1',
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

/**
 * A row's accessible name: "Title, done", "Title, overdue", "Title, in progress", or the title.
 * @param {PlanTask} task
 */
function rowName(task) {
  if (task.status === 'done') return t('plan.row.done', { title: task.title });
  if (task.overdue) return t('plan.row.overdue', { title: task.title });
  if (task.status === 'in_progress') return t('plan.row.inProgress', { title: task.title });
  return task.title;
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
    /**
     * @param {number} done
     * @param {number} total
     */
    set(done, total) {
      const value = percent(done, total);
      element.setAttribute('aria-valuenow', String(value));
      element.setAttribute('aria-valuetext', t('plan.progress', { done, count: total }));
      fill.style.width = `${value}%`;
    },
  };
}
