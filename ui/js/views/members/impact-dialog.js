/**
 * The dialog that adds to a member's impact log: what belonging to the community did for
 * their working life (a career step, a joint project, a recommendation or connection, a new
 * skill), on which day, and a note. It is apart from the activity dialogs because impact is
 * no activity: it does not count towards engagement, it feeds the Metrics section's impact
 * figures, and core records it only with the member's consent. Core checks what was typed;
 * a field it refuses shows its message under that field.
 */

import { impactRecord } from '../../api/metrics.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { IMPACT_KINDS, LIMITS } from '../../contract/values.js';
import { localToday } from './model.js';

/** @typedef {import('../../api/members.js').Member} Member */
/** @typedef {import('../../api/metrics.js').Impact} Impact */

/**
 * @param {object} options
 * @param {Member} options.member
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError  an error of
 *   no field (among them `consent`, when it was withdrawn while the page was open).
 * @returns {Promise<Impact|null>}
 */
export function impactDialog({ member, onError }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(null);
  return new Promise((resolve) => {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const kind = h(
      'select',
      {},
      IMPACT_KINDS.map((value) => h('option', { value }, t(`metrics.impact.${value}`))),
    );
    const offered = localToday();
    const day = h('input', { type: 'date', value: offered });
    const note = h('textarea', { rows: 3, maxlength: LIMITS.impact.note });
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'impact-save' }, t('members.impact.save'));

    const dialog = formDialog({
      testid: 'impact-dialog',
      title: t('members.impact.dialogTitle', { name: member.name }),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h('p', { class: 'dialog-body' }, t('members.impact.dialogBody')),
        h(
          'div',
          { class: 'field-columns' },
          field('kind', 'impact-kind', t('members.impact.kind'), kind),
          field('occurredOn', 'impact-date', t('members.impact.date'), day),
        ),
        field('note', 'impact-note', t('members.impact.note'), note),
      ),
      buttons: [
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', testid: 'impact-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        saveButton,
      ],
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        saveButton.disabled = true;
        try {
          // The day left as offered is "today", which core reads in the community's time
          // zone: this computer's date can be a day ahead of it.
          const occurredOn = day.value === offered ? '' : day.value;
          dialog.finish(await impactRecord(member.id, { kind: kind.value, occurredOn, note: note.value }));
        } catch (raw) {
          const error = normaliseError(raw);
          saveButton.disabled = false;
          if (!showError(error)) {
            onError(error);
            return;
          }
          // A date input holds a real day or nothing, so a day core cannot take is one that
          // has not come yet: say that, rather than the general "not in the expected format".
          if (error.field === 'occurredOn' && error.rule === 'invalid_format' && day.value) {
            const line = document.getElementById('impact-date-error');
            if (line) line.textContent = t('members.impact.future');
          }
        }
      },
      onclose: resolve,
    });
    kind.focus();
  });
}
