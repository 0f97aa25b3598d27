/**
 * A person's rights over what Hearth holds about them: forgetting a member (their personal
 * data deleted for good, while the activities they took part in keep counting without their
 * name) and saving one member's data as a JSON file to hand to a person who asks for it.
 * Both are on the member's page; core does the deleting and writes the file.
 */

import './strings.js';
import { memberForget, memberPersonalData, memberPersonalDataChooseFile } from '../../api/members.js';
import { sharingStatus } from '../../api/sharing.js';
import { formDialog } from '../../components/form-dialog.js';
import { h } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { fileNameOf, localIsoDate, personalDataFileName } from './import-model.js';

/** @typedef {import('../../contract/types.js').Member} Member */

/**
 * Asks once, saying what is deleted and what stays counted, then forgets the member.
 * @param {object} options
 * @param {Member} options.member
 * @param {() => void} options.onForgotten  the member is gone: the page goes back to the roster.
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {Promise<boolean>} true once forgotten.
 */
export function forgetMember({ member, onForgotten, toast }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(false);
  return new Promise((resolve) => {
    const error = h('p', { class: 'field-error', role: 'alert', testid: 'forget-error', hidden: true });
    const forgetButton = h('button', { type: 'submit', class: 'destructive', testid: 'forget-confirm' }, t('members.forget.confirm'));
    const cancelButton = h('button', { type: 'button', testid: 'forget-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel'));
    // Said only of a shared community: what its co-organizers' copies keep (docs/sharing.md).
    const shared = h('p', { class: 'dialog-body', testid: 'forget-shared', hidden: true }, t('members.forget.shared'));
    sharingStatus(member.communityId)
      .then((status) => {
        shared.hidden = !status.shared;
        shared.dataset.shared = String(status.shared);
      })
      .catch(() => {});
    const dialog = formDialog({
      testid: 'forget-dialog',
      title: t('members.forget.title', { name: member.name }),
      body: h(
        'div',
        { class: 'forget-body', id: 'forget-body' },
        h('p', { class: 'dialog-body', testid: 'forget-deleted' }, t('members.forget.deleted')),
        h('p', { class: 'dialog-body', testid: 'forget-kept' }, t('members.forget.kept')),
        shared,
        h('p', { class: 'dialog-body forget-undo' }, t('members.forget.undo')),
        error,
      ),
      buttons: [cancelButton, forgetButton],
      onsubmit: forget,
      onclose: (value) => resolve(value !== null),
    });
    dialog.element.setAttribute('aria-describedby', 'forget-body');
    // A question that deletes for good starts on Cancel, as every destructive question does.
    cancelButton.focus();

    async function forget() {
      error.hidden = true;
      forgetButton.disabled = true;
      try {
        await memberForget(member.id);
      } catch (raw) {
        error.textContent = errorMessage(raw);
        error.hidden = false;
        forgetButton.disabled = false;
        return;
      }
      dialog.finish(true);
      toast(t('members.forget.done', { name: member.name }));
      onForgotten();
    }
  });
}

/**
 * Asks where to save, then has core write everything it holds about the member there as JSON.
 * @param {object} options
 * @param {Member} options.member
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {Promise<void>}
 */
export async function savePersonalData({ member, toast }) {
  try {
    const path = await memberPersonalDataChooseFile(
      personalDataFileName({ member: member.name, today: localIsoDate(new Date()), word: t('members.personalData.fileWord') }),
    );
    if (!path) return;
    await memberPersonalData(member.id, path);
    toast(t('members.personalData.done', { name: member.name, file: fileNameOf(path) }));
  } catch (error) {
    toast(errorMessage(error), { kind: 'error' });
  }
}

/**
 * The member page's buttons for a person's data: Export data… and Forget….
 * @param {Member} member
 * @param {object} options
 * @param {() => void} options.onForgotten
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {HTMLButtonElement[]}
 */
export function personalDataActions(member, { onForgotten, toast }) {
  return [
    h(
      'button',
      { type: 'button', testid: 'member-export-data', title: t('members.personalData.openLabel'), onclick: () => savePersonalData({ member, toast }) },
      t('members.personalData.open'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'member-forget',
        testid: 'member-forget',
        title: t('members.forget.openLabel'),
        onclick: () => forgetMember({ member, onForgotten, toast }),
      },
      t('members.forget.open'),
    ),
  ];
}
