/**
 * The dialog that adds or edits a plan task. It saves through the core: a field the core
 * refuses shows the core's message under it and the dialog stays open.
 *
 * The owner is a member picked from the roster as you type; a name that is no member's
 * stays as text, and a typed owner from before the roster is offered the member it may be.
 */

import { planOwnerSearch, planTaskCreate, planTaskUpdate } from '../../api/plan.js';
import { h, replaceChildren } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { LIMITS, TASK_STATUSES } from '../../contract/values.js';
import { memberPicker } from './member-picker.js';

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {import('../../api/plan.js').Plan} options.plan  its stages are offered.
 * @param {import('../../api/plan.js').PlanTask|null} options.task  null for a new one.
 * @param {number} [options.stage]  the stage of a new task.
 * @param {(task: import('../../api/plan.js').PlanTask) => void} options.onDelete  Delete was chosen.
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError  an error of no field.
 * @returns {Promise<import('../../api/plan.js').PlanTask|null>} the saved task, or null.
 */
export function taskDialog({ communityId, plan, task, stage = 1, onDelete, onError }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(null);
  return new Promise((resolve) => {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const title = h('input', { type: 'text', maxlength: LIMITS.task.title, autocomplete: 'off', value: task?.title ?? '' });
    const notes = h('textarea', { rows: 4, maxlength: LIMITS.task.notes }, task?.notes ?? '');
    const status = h(
      'select',
      {},
      TASK_STATUSES.map((value) => h('option', { value, selected: value === (task?.status ?? 'todo') }, t(`plan.status.${value}`))),
    );
    const due = h('input', { type: 'date', value: task?.due ?? '' });
    const ownerNote = h('p', { class: 'task-owner-note', id: 'task-owner-note', testid: 'task-owner-note', 'aria-live': 'polite' });
    const owner = memberPicker({
      communityId,
      id: 'task-owner',
      member: task?.ownerMemberId != null ? { id: task.ownerMemberId, name: task.ownerName ?? '' } : null,
      text: task?.ownerName ?? '',
      onChange: () => noteOwner(),
    });
    owner.input.maxLength = LIMITS.task.ownerName;
    owner.input.addEventListener('input', () => noteOwner());
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
    const ownerField = field('ownerName', 'task-owner', t('plan.field.owner'), owner.input, { columns: 'owner_member_id' });
    // The field's input lives in the picker, with its list under it, and the note after.
    owner.input.replaceWith(owner.element);
    owner.element.prepend(owner.input);
    owner.element.after(ownerNote);
    // Read with the field: whether the owner is a member, or the member it may be.
    owner.input.setAttribute('aria-describedby', `${owner.input.getAttribute('aria-describedby')} ${ownerNote.id}`);
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'task-save' }, t('plan.dialog.save'));
    const dialog = formDialog({
      testid: 'task-dialog',
      wide: true,
      record: task && `plan_tasks:${task.uid}`,
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
          ownerField,
          field('stage', 'task-stage', t('plan.field.stage'), stageSelect),
        ),
      ),
      buttons: editButtons({
        prefix: 'task',
        save: saveButton,
        dialog: () => dialog,
        onDelete: task && (() => onDelete(task)),
        deleteLabel: t('plan.dialog.delete'),
      }),
      oninput: clearOnInput,
      onsubmit: save,
      onclose: resolve,
      unsavedLabel: () => (title.value.trim() ? t('close.item.task', { title: title.value.trim() }) : t('close.item.newTask')),
    });
    title.focus();
    noteOwner();
    offerMember();

    /** Says what the owner is: a member, or a name kept as text. */
    function noteOwner() {
      const typed = owner.input.value.trim();
      if (owner.member()) {
        replaceChildren(ownerNote, t('plan.owner.member'));
      } else {
        replaceChildren(ownerNote, typed ? t('plan.owner.typed') : '');
      }
      ownerNote.hidden = !owner.member() && !typed;
    }

    /**
     * A task whose owner was typed before (or is no member's name) is offered the member
     * it most likely is: the first the roster finds by that name.
     */
    async function offerMember() {
      if (!task?.ownerName || task.ownerMemberId != null) return;
      let found = [];
      try {
        found = await planOwnerSearch(communityId, task.ownerName);
      } catch {
        return; // an offer, not a need: the typed name stays as it is.
      }
      const candidate = found[0];
      // Nothing to offer, or the person has changed the owner meanwhile.
      if (!candidate || owner.member() || owner.input.value !== task.ownerName) return;
      const detail = [candidate.company, candidate.email].filter(Boolean).join(' · ');
      replaceChildren(
        ownerNote,
        h('span', {}, t('plan.owner.offer', { name: detail ? `${candidate.name} (${detail})` : candidate.name })),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            testid: 'task-owner-link',
            onclick: () => {
              owner.set({ id: candidate.id, name: candidate.name });
              owner.input.focus();
            },
          },
          t('plan.owner.link'),
        ),
      );
      ownerNote.hidden = false;
    }

    async function save() {
      clearAll();
      // What was typed, as it was typed: core trims, checks and names the field it refuses.
      const input = {
        stage: Number(stageSelect.value),
        title: title.value,
        notes: notes.value,
        status: /** @type {import('../../api/plan.js').TaskStatus} */ (status.value),
        due: due.value || null,
        ownerMemberId: owner.member()?.id ?? null,
        ownerName: owner.input.value,
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
