/**
 * The Plan view from the keyboard: its shortcuts (Ctrl+N, Ctrl+P, Ctrl+Z), and the keys on
 * a focused task row (arrows walk the board, Enter opens, Space ticks, Delete deletes,
 * Alt+arrows move).
 *
 * Shortcuts are matched by the key's physical position (`code`), so Ctrl+N works on a
 * Russian layout too, where the same key types "т".
 */

import { keyboardMove } from './model.js';
import { isShown } from './filters.js';

/**
 * The view's shortcuts, declared once: the buttons that do the same say so in
 * `aria-keyshortcuts` from here.
 */
export const SHORTCUTS = Object.freeze({
  add: Object.freeze({ code: 'KeyN', keys: 'Control+N' }),
  print: Object.freeze({ code: 'KeyP', keys: 'Control+P' }),
  undo: Object.freeze({ code: 'KeyZ', keys: 'Control+Z' }),
});

/**
 * @typedef {object} KeyActions
 * @property {() => void} add
 * @property {() => void} print
 * @property {() => void} undo
 */

/**
 * Listens for the view's shortcuts until the view goes (its signal aborts).
 * @param {import('./state.js').PlanState} state
 * @param {KeyActions} actions
 */
export function listenForShortcuts(state, actions) {
  /** @param {KeyboardEvent} event */
  function onShortcut(event) {
    if (document.querySelector('dialog[open]') || !state.plan) return;
    const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!command) return;
    if (event.code === SHORTCUTS.add.code) {
      event.preventDefault();
      actions.add();
    } else if (event.code === SHORTCUTS.print.code) {
      event.preventDefault();
      actions.print();
    } else if (event.code === SHORTCUTS.undo.code) {
      // Ctrl+Z in a text field undoes typing, not a task.
      const editing = /** @type {HTMLElement|null} */ (event.target)?.closest?.('input[type="text"], textarea');
      if (editing || !state.lastUndo) return;
      event.preventDefault();
      actions.undo();
    }
  }
  document.addEventListener('keydown', onShortcut, { signal: state.ctx.signal });
}

/**
 * @typedef {object} RowActions
 * @property {(task: import('./state.js').PlanTask) => void} open
 * @property {(task: import('./state.js').PlanTask, done: boolean) => void} tick
 * @property {(task: import('./state.js').PlanTask) => void} remove
 * @property {(id: number, stage: number, position: number) => void} move
 */

/**
 * The keys on a focused task row.
 * @param {import('./state.js').PlanState} state
 * @param {ReturnType<typeof import('./board.js').createBoard>} board
 * @param {RowActions} actions
 */
export function listenOnRows(state, board, actions) {
  /** @param {KeyboardEvent} event */
  function onKeydown(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const row = /** @type {HTMLElement|null} */ (target.closest?.('[data-task-id]'));
    if (!row || !state.plan) return;
    const id = Number(row.dataset.taskId);
    const task = board.task(id);
    if (!task) return;
    const onRow = target === row;
    if (event.altKey && !event.ctrlKey && !event.shiftKey && event.key.startsWith('Arrow')) {
      event.preventDefault();
      const key = /** @type {'ArrowUp'|'ArrowDown'|'ArrowLeft'|'ArrowRight'} */ (event.key);
      const to = keyboardMove(state.plan.stages, id, key, (item) => isShown(state, item));
      if (to) actions.move(id, to.stage, to.position);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (onRow && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      if (event.key === ' ') actions.tick(task, task.status !== 'done');
      else actions.open(task);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      actions.remove(task);
    } else if (onRow && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      // Up/Down walk the rows of the board, as in a list.
      const rows = board.rowsInOrder();
      const next = rows[rows.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  }
  board.element.addEventListener('keydown', onKeydown, { signal: state.ctx.signal });
}
