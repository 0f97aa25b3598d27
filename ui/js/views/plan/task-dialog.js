/**
 * The dialog that adds or edits a plan task. It saves through the core: a field the core
 * refuses shows the core's message under it and the dialog stays open.
 */

import { planTaskCreate, planTaskUpdate } from '../../api/plan.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { LIMITS, TASK_STATUSES } from '../../contract/values.js';

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {import('../../api/plan.js').Plan} options.plan  its stages and owner names are offered.
 * @param {import('../../api/plan.js').PlanTask|null} options.task  null for a new one.
 * @param {number} [options.stage]  the stage of a new task.
 * @param {(task: import('../../api/plan.js').PlanTask) => void} options.onDelete  Delete was chosen.
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError  an error of no field.
 * @returns {Promise<import('../../api/plan.js').PlanTask|null>} the saved task, or null.
 */
export function taskDialog({ communityId, plan, task, stage = 1, onDelete, onError }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(null);
  return new Promise((resolve) => {
    const { field, clearError, showError, clearAll } = formFields();
    const title = h('input', { type: 'text', maxlength: LIMITS.task.title, autocomplete: 'off', value: task?.title ?? '' });
    const notes = h('textarea', { rows: 4, maxlength: LIMITS.task.notes }, task?.notes ?? '');
    const status = h(
      'select',
      {},
      TASK_STATUSES.map((value) => h('option', { value, selected: value === (task?.status ?? 'todo') }, t(`plan.status.${value}`))),
    );
    const due = h('input', { type: 'date', value: task?.due ?? '' });
    const owner = h('input', {
      type: 'text',
      maxlength: LIMITS.task.ownerName,
      autocomplete: 'off',
      value: task?.ownerName ?? '',
      list: 'plan-owner-names',
    });
    const owners = [...new Set(plan.stages.flatMap((item) => item.tasks).map((item) => item.ownerName).filter(Boolean))].sort();
    const stageSelect = h(
      'select',
      {},
      plan.stages.map((item) =>
        h(
          'option',
          { value: String(item.stage), selected: item.stage === (task?.stage ?? stage) },
          // The field is labelled "Stage" already; a short option fits the half-width select.
          t('plan.stageOption', { number: item.stage, title: item.title }),
        ),
      ),
    );
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'task-save' }, t('plan.dialog.save'));
    const dialog = formDialog({
      testid: 'task-dialog',
      wide: true,
      title: task ? t('plan.dialog.editTitle') : t('plan.dialog.newTitle'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        field('title', 'task-title', t('plan.field.title'), title),
        field('notes', 'task-notes', t('plan.field.notes'), notes),
        h(
          'div',
          { class: 'field-columns' },
          field('status', 'task-status', t('plan.field.status'), status),
          field('due', 'task-due', t('plan.field.due'), due),
        ),
        h(
          'div',
          { class: 'field-columns' },
          field('ownerName', 'task-owner', t('plan.field.owner'), owner),
          field('stage', 'task-stage', t('plan.field.stage'), stageSelect),
        ),
        h('datalist', { id: 'plan-owner-names' }, owners.map((name) => h('option', { value: name }))),
      ),
      buttons: editButtons({
        prefix: 'task',
        save: saveButton,
        dialog: () => dialog,
        onDelete: task && (() => onDelete(task)),
        deleteLabel: t('plan.dialog.delete'),
      }),
      oninput: (event) => {
        const name = /** @type {Element} */ (event.target).closest('[data-field]')?.getAttribute('data-field');
        if (name) clearError(name);
      },
      onsubmit: save,
      onclose: resolve,
      unsavedLabel: () => (title.value.trim() ? t('close.item.task', { title: title.value.trim() }) : t('close.item.newTask')),
    });
    title.focus();

    async function save() {
      clearAll();
      // What was typed, as it was typed: core trims, checks and names the field it refuses.
      const input = {
        stage: Number(stageSelect.value),
        title: title.value,
        notes: notes.value,
        status: /** @type {import('../../api/plan.js').TaskStatus} */ (status.value),
        due: due.value || null,
        ownerName: owner.value,
      };
      saveButton.disabled = true;
      try {
        dialog.finish(task ? await planTaskUpdate(task.id, input) : await planTaskCreate(communityId, input));
      } catch (raw) {
        const error = normaliseError(raw);
        saveButton.disabled = false;
        if (!showError(error)) onError(error);
      }
    }
  });
}
