/**
 * What the Plan view changes in core: ticks, deletes, moves, adding and editing a task,
 * putting back template tasks, and undoing the last delete or move.
 *
 * A tick or a move is drawn at once as a guess and then replaced by core's answer, so the
 * board keeps up with the hand; whatever core says (an overdue flag, an order) wins.
 */

import { planGet, planRestoreTemplate, planTaskDelete, planTaskMove, planTaskRestore, planTaskSetStatus } from '../../api/plan.js';
import { errorMessage, t } from '../../i18n/index.js';
import { showToast } from '../../components/toast.js';
import { taskDialog } from './task-dialog.js';
import { applyMove, dropPosition, locate } from './model.js';
import { announcePlanChanged, taskIn } from './state.js';
import { SHORTCUTS } from './keyboard.js';

/** @typedef {import('./state.js').PlanTask} PlanTask */

/**
 * @param {import('./state.js').PlanState} state
 * @param {ReturnType<typeof import('./board.js').createBoard>} board
 */
export function createChanges(state, board) {
  const { ctx, communityId } = state;
  /** @type {import('../../components/toast.js').ToastHandle|null} the toast that offers Undo. */
  let undoToast = null;

  /** @param {unknown} error */
  const toastError = (error) => ctx.app.toast(errorMessage(error), { kind: 'error' });

  /** Fetches the plan again after a change and redraws. */
  async function refresh() {
    try {
      const fresh = await planGet(communityId);
      if (ctx.signal.aborted) return;
      state.plan = fresh;
      board.draw();
    } catch (error) {
      if (!ctx.signal.aborted) toastError(error);
    }
  }

  /**
   * Ticks or clears a task.
   * @param {PlanTask} task
   * @param {boolean} done
   */
  async function setDone(task, done) {
    const status = done ? 'done' : task.status === 'done' ? 'todo' : task.status;
    const local = state.plan && taskIn(state.plan, task.id);
    if (local) {
      local.status = status;
      // A done task is never overdue; whether a reopened one is, core says in a moment.
      local.overdue = local.overdue && status !== 'done';
    }
    board.draw();
    try {
      await planTaskSetStatus(task.id, status);
    } catch (error) {
      toastError(error);
    }
    await refresh();
    announcePlanChanged(state.plan?.overdue);
  }

  /** @param {PlanTask} task */
  async function deleteTask(task) {
    const before = locate(state.plan.stages, task.id);
    let deleted;
    try {
      deleted = await planTaskDelete(task.id);
    } catch (error) {
      toastError(error);
      return;
    }
    const undo = { kind: /** @type {const} */ ('delete'), task: deleted ?? task, position: before?.position ?? null };
    state.lastUndo = undo;
    await refresh();
    announcePlanChanged(state.plan?.overdue);
    offerUndo(t('plan.deleted', { title: task.title }), undo);
    // Keep the keyboard near where it was.
    board.focusNear(before?.stage, before?.position ?? 0);
  }

  /**
   * Moves a task and redraws at once; core's answer then replaces the guess.
   * @param {number} id
   * @param {number} stage
   * @param {number} position
   * @param {{undoable?: boolean}} [options]
   * @returns {Promise<boolean>} whether it moved.
   */
  async function moveTask(id, stage, position, { undoable = true } = {}) {
    const from = locate(state.plan.stages, id);
    if (!from || (from.stage === stage && from.position === position)) return false;
    state.plan = { ...state.plan, stages: applyMove(state.plan.stages, id, stage, position) };
    board.draw({ focusTaskId: id });
    try {
      const fresh = await planTaskMove(id, stage, position);
      if (ctx.signal.aborted) return false;
      if (fresh && Array.isArray(fresh.stages)) {
        state.plan = fresh;
        board.draw({ focusTaskId: document.activeElement?.closest?.('[data-task-id]') ? id : undefined });
      }
    } catch (error) {
      toastError(error);
      await refresh();
      return false;
    }
    const title = taskIn(state.plan, id)?.title ?? '';
    if (undoable) {
      const undo = { kind: /** @type {const} */ ('move'), id, title, stage: from.stage, position: from.position };
      state.lastUndo = undo;
      // Says where the task went (the toast region is a live region) and offers the way back.
      offerUndo(movedMessage(id), undo);
    } else {
      ctx.app.toast(t('plan.movedBack', { title }));
    }
    announcePlanChanged(state.plan.overdue);
    return true;
  }

  /**
   * "Task “…” is now 3 of 5 in Stage 2, “Planning”."
   * @param {number} id
   */
  function movedMessage(id) {
    const where = locate(state.plan.stages, id);
    const stage = state.plan.stages.find((item) => item.stage === where?.stage);
    if (!where || !stage) return '';
    return t('plan.moved', {
      title: stage.tasks[where.position].title,
      position: where.position + 1,
      count: stage.tasks.length,
      number: stage.stage,
      stage: stage.title,
    });
  }

  /**
   * A row dragged with the pointer was released.
   * @param {{task: PlanTask, stage: number|null, beforeId: number|null, afterId: number|null}} drop
   */
  function drop({ task, stage, beforeId, afterId }) {
    if (!stage) {
      board.draw();
      return;
    }
    const stageIds = state.plan.stages
      .find((item) => item.stage === stage)
      .tasks.map((item) => item.id)
      .filter((id) => id !== task.id);
    moveTask(task.id, stage, dropPosition(stageIds, beforeId, afterId)).then((moved) => {
      if (!moved) board.draw({ focusTaskId: task.id });
    });
  }

  /**
   * Takes back a delete or a move: the last one, or the one a toast offered.
   * @param {import('./state.js').Undo|null} [undo]
   */
  async function runUndo(undo = state.lastUndo) {
    if (!undo) return;
    if (undo === state.lastUndo) state.lastUndo = null;
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
          ownerMemberId: task.ownerMemberId ?? null,
          ownerName: task.ownerName ?? null,
        },
        position,
      );
      await refresh();
      announcePlanChanged(state.plan?.overdue);
      ctx.app.toast(t('plan.restored', { title: task.title }));
      board.focusTask(restored?.id);
    } catch (error) {
      toastError(error);
    }
  }

  /** @param {HTMLButtonElement} button  disabled while core works. */
  async function restoreTemplate(button) {
    button.disabled = true;
    try {
      const { added } = await planRestoreTemplate(communityId);
      if (ctx.signal.aborted) return;
      ctx.app.toast(added > 0 ? t('plan.templateRestored', { count: added }) : t('plan.templateComplete'));
      if (added > 0) {
        await refresh();
        announcePlanChanged(state.plan?.overdue);
      }
    } catch (error) {
      toastError(error);
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Adds (task null) or edits a task in the dialog, then shows the result.
   * @param {PlanTask|null} task
   * @param {number} [stage]  the stage of a new task.
   */
  async function openTask(task, stage = 1) {
    const saved = await taskDialog({
      communityId,
      plan: state.plan,
      task,
      stage,
      onDelete: deleteTask,
      onError: toastError,
    });
    if (!saved || ctx.signal.aborted) return;
    await refresh();
    announcePlanChanged(state.plan?.overdue);
    ctx.app.toast(task ? t('plan.saved') : t('plan.created', { title: saved.title }));
    board.focusTask(saved.id);
  }

  /**
   * Says what was done in a toast whose action takes it back (as Ctrl+Z does).
   * @param {string} message
   * @param {import('./state.js').Undo} undo
   */
  function offerUndo(message, undo) {
    undoToast = showToast(message, {
      action: { label: t('plan.undo'), run: () => runUndo(undo), keyshortcuts: SHORTCUTS.undo.keys, testid: 'toast-undo' },
    });
  }

  function closeUndoToast() {
    undoToast?.close();
    undoToast = null;
  }

  return {
    refresh,
    setDone,
    deleteTask,
    moveTask,
    drop,
    runUndo,
    restoreTemplate,
    openTask,
    /** Takes down what the view put on screen outside its body. */
    dispose: closeUndoToast,
  };
}
