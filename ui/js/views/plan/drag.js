/**
 * Dragging a task row across the plan board with the pointer. The row follows the pointer
 * over a shield (which shows the grabbing cursor and takes the wheel), a placeholder shows
 * where it would land, the wheel and the window's edges scroll the board, and Escape puts
 * the row back. Pointer events rather than HTML drag and drop, so WebDriver can drive it as
 * a person's mouse would.
 */

import { h } from '../../dom.js';
import { indexAtPointer } from './model.js';

const DRAG_THRESHOLD_PX = 5;
/** How far one wheel "line" scrolls, for mice that report lines rather than pixels. */
const WHEEL_LINE_PX = 40;
/** How near the scroller's edge the pointer scrolls it, and by how much per move. */
const EDGE_PX = 40;
const EDGE_STEP_PX = 12;

/**
 * @param {HTMLElement} board  holds `.plan-stage` sections with `.plan-tasks[data-stage]` lists.
 * @param {object} handlers
 * @param {(drop: {task: any, row: HTMLElement, stage: number|null, beforeId: number|null, afterId: number|null}) => void} handlers.onDrop
 *   the pointer was released; `stage` is null when the row was dropped nowhere.
 * @param {() => void} handlers.onCancel  the drag was cancelled (the row is back in place).
 */
export function boardDrag(board, { onDrop, onCancel }) {
  /** Set from the press until the release; `started` once the pointer has moved far enough. */
  let drag = null;
  /** True just after a drop, to swallow the click that follows the release. */
  let justDropped = false;

  /** Call from the row's pointerdown: a drag starts if the pointer then moves far enough. */
  function press(event, row, task) {
    if (event.button !== 0) return;
    drag = { task, row, startX: event.clientX, startY: event.clientY, started: false };
    document.addEventListener('pointermove', onPointerMove);
    document.addEventListener('pointerup', onPointerUp);
    document.addEventListener('pointercancel', cancel);
  }

  function start() {
    const { row } = drag;
    const rect = row.getBoundingClientRect();
    drag.started = true;
    drag.offsetX = drag.startX - rect.left;
    drag.offsetY = drag.startY - rect.top;
    drag.placeholder = h('li', { class: 'plan-placeholder', testid: 'plan-placeholder', 'aria-hidden': 'true' });
    drag.placeholder.style.height = `${rect.height}px`;
    row.after(drag.placeholder);
    row.classList.add('is-dragging');
    row.style.width = `${rect.width}px`;
    row.style.left = `${rect.left}px`;
    row.style.top = `${rect.top}px`;
    drag.shield = h('div', { class: 'drag-shield', 'aria-hidden': 'true', onwheel: onWheel });
    document.body.append(drag.shield);
    document.addEventListener('keydown', onKeyDown, true);
  }

  /** Escape puts the row back where it was; the button's release later is not a click. */
  function onKeyDown(event) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
    document.addEventListener('pointerup', swallowClick, { once: true, capture: true });
  }

  function swallowClick() {
    justDropped = true;
    setTimeout(() => {
      justDropped = false;
    }, 0);
  }

  function onPointerMove(event) {
    if (!drag) return;
    if (!drag.started) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_THRESHOLD_PX) return;
      start();
    }
    event.preventDefault();
    drag.x = event.clientX;
    drag.y = event.clientY;
    drag.row.style.left = `${event.clientX - drag.offsetX}px`;
    drag.row.style.top = `${event.clientY - drag.offsetY}px`;
    placePlaceholder(event.clientX, event.clientY);
    scrollAtEdge(event.clientY);
  }

  function onWheel(event) {
    const scroller = board.closest('.scroller');
    if (!drag || !scroller) return;
    event.preventDefault();
    const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? WHEEL_LINE_PX : 1;
    scroller.scrollTop += event.deltaY * unit;
    placePlaceholder(drag.x, drag.y);
  }

  /** Puts the placeholder where the dragged row would land if dropped at (x, y). */
  function placePlaceholder(x, y) {
    const list = listNearest(x, y);
    if (!list) return;
    const rows = [...list.querySelectorAll('.plan-task')].filter((item) => item !== drag.row);
    const centres = rows.map((item) => {
      const rect = item.getBoundingClientRect();
      return rect.top + rect.height / 2;
    });
    const before = rows[indexAtPointer(centres, y)] ?? list.querySelector('.plan-empty');
    if (before) before.before(drag.placeholder);
    else list.append(drag.placeholder);
  }

  /** The stage list under the point, or the nearest one. */
  function listNearest(x, y) {
    let best = null;
    let bestDistance = Infinity;
    for (const list of board.querySelectorAll('.plan-tasks')) {
      const rect = list.closest('.plan-stage').getBoundingClientRect();
      const dx = x < rect.left ? rect.left - x : x > rect.right ? x - rect.right : 0;
      const dy = y < rect.top ? rect.top - y : y > rect.bottom ? y - rect.bottom : 0;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        best = list;
        bestDistance = distance;
      }
    }
    return best;
  }

  function scrollAtEdge(y) {
    const scroller = board.closest('.scroller');
    if (!scroller) return;
    const rect = scroller.getBoundingClientRect();
    if (y < rect.top + EDGE_PX) scroller.scrollTop -= EDGE_STEP_PX;
    else if (y > rect.bottom - EDGE_PX) scroller.scrollTop += EDGE_STEP_PX;
  }

  /** Ends the drag and puts the row back as it was; returns the drag, or null. */
  function finish() {
    document.removeEventListener('pointermove', onPointerMove);
    document.removeEventListener('pointerup', onPointerUp);
    document.removeEventListener('pointercancel', cancel);
    document.removeEventListener('keydown', onKeyDown, true);
    const current = drag;
    drag = null;
    if (current?.started) {
      current.shield.remove();
      current.placeholder.remove();
      current.row.classList.remove('is-dragging');
      current.row.style.cssText = '';
    }
    return current;
  }

  function onPointerUp() {
    const placeholder = drag?.placeholder;
    const list = placeholder?.parentElement;
    // Where the placeholder is, among the rows of its list other than the dragged one.
    const rows = list ? [...list.children].filter((item) => item === placeholder || (item.matches('.plan-task') && item !== drag.row)) : [];
    const index = rows.indexOf(placeholder);
    const current = finish();
    if (!current?.started) return;
    swallowClick();
    const idAt = (i) => (rows[i] ? Number(rows[i].dataset.taskId) : null);
    onDrop({
      task: current.task,
      row: current.row,
      stage: index === -1 ? null : Number(list.dataset.stage),
      beforeId: index === -1 ? null : idAt(index + 1),
      afterId: index > 0 ? idAt(index - 1) : null,
    });
  }

  function cancel() {
    if (finish()?.started) onCancel();
  }

  return {
    press,
    cancel,
    /** A row is being dragged (the board must not be redrawn under it). */
    get active() {
      return Boolean(drag?.started);
    },
    /** The pointer was just released from a drag: the click it makes is not a click. */
    get justDropped() {
      return justDropped;
    },
  };
}
