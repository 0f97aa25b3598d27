/**
 * The Platforms section of the charter: where the community lives (Telegram, Discord, a
 * website…), each with a name, a link and an optional member count.
 *
 * Links are opened by the shell in the system browser (`openLink`), never inside the app
 * window. Added and edited in a dialog; deleting asks once.
 */

import { openLink, platformCreate, platformDelete, platformList, platformUpdate } from '../../api/community.js';
import { takeFirst } from '../../api/app.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { confirmDialog } from '../../components/dialog.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { LIMITS, PLATFORM_KINDS } from '../../contract/values.js';

/** Small symbolic marks per kind; not logos, just enough to tell rows apart at a glance. */
const KIND_ICONS = Object.freeze({
  telegram: ['M1.8 7.4l12-5-2.2 11.2-4-3', 'M5.6 9l6.2-4.8', 'M5.6 9l.6 3.8 1.6-2.2'],
  discord: ['M3.5 4.2c2.9-1.3 6.1-1.3 9 0l1 7c-1.4 1.1-2.7 1.6-3.9 1.8L9 11.5', 'M3.5 4.2l-1 7c1.4 1.1 2.7 1.6 3.9 1.8L7 11.5', 'M6 8.2v0', 'M10 8.2v0'],
  slack: ['M6 2v12', 'M10 2v12', 'M2 6h12', 'M2 10h12'],
  linkedin: ['M2.5 2.5h11v11h-11z', 'M5 7v4', 'M5 5v0', 'M8 11V7', 'M8 8.5c0-1 .8-1.5 1.6-1.5S11 7.5 11 8.5V11'],
  facebook: ['M9.5 14V8.5h2l.3-2.2H9.5V5c0-.6.2-1 1-1h1.3V2.1C11.3 2 10.8 2 10.2 2 8.5 2 7.3 3 7.3 4.9v1.4H5.5v2.2h1.8V14'],
  discourse: ['M8 1.8a6.2 6.2 0 0 1 0 12.4H1.8V8A6.2 6.2 0 0 1 8 1.8z', 'M5.5 7h5', 'M5.5 9.5h3'],
  website: ['M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8z', 'M1.8 8h12.4', 'M8 1.8c-3 3.4-3 9 0 12.4', 'M8 1.8c3 3.4 3 9 0 12.4'],
  other: ['M6.5 9.5l3-3', 'M7.5 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1', 'M8.5 11.5l-1 1A2.5 2.5 0 0 1 4 9l1-1'],
});
const EXTERNAL = ['M9.5 2.5h4v4', 'M13.5 2.5L7.5 8.5', 'M11.5 9.5v4h-9v-9h4'];
const ADD = ['M8 3v10', 'M3 8h10'];

/**
 * The section, filled in when the list arrives.
 * @param {object} options
 * @param {number} options.communityId
 * @param {AbortSignal} options.signal
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {HTMLElement}
 */
export function platformsSection({ communityId, signal, toast }) {
  /** @type {import('../../api/community.js').Platform[]} */
  let platforms = [];
  const list = h('ul', { class: 'card platform-list', role: 'list' }, h('li', { class: 'row empty-row' }, t('app.loading')));
  const addButton = h(
    'button',
    { type: 'button', testid: 'platform-add', onclick: () => openDialog(null) },
    icon(ADD),
    h('span', {}, t('platforms.add')),
  );
  const section = h(
    'section',
    { class: 'group platforms', testid: 'platforms', 'aria-labelledby': 'charter-group-platforms' },
    h(
      'div',
      { class: 'group-header' },
      h(
        'div',
        {},
        h('h2', { class: 'group-title', id: 'charter-group-platforms' }, t('platforms.title')),
        h('p', { class: 'group-description' }, t('platforms.hint')),
      ),
      addButton,
    ),
    list,
  );
  load();

  async function load() {
    const embedded = takeFirst('platforms', communityId);
    try {
      platforms = embedded ?? (await platformList(communityId));
    } catch (error) {
      if (!signal.aborted) replaceChildren(list, h('li', { class: 'row empty-row is-error' }, errorMessage(error)));
      return;
    }
    if (!signal.aborted) draw();
  }

  function draw(focusId) {
    if (platforms.length === 0) {
      replaceChildren(
        list,
        h(
          'li',
          { class: 'row empty-row platform-empty', testid: 'platforms-empty' },
          h('p', {}, t('platforms.empty')),
        ),
      );
      return;
    }
    replaceChildren(list, platforms.map(row));
    if (focusId) /** @type {HTMLElement|null} */ (list.querySelector(`[data-platform-id="${focusId}"] .platform-edit`))?.focus();
  }

  function row(platform) {
    return h(
      'li',
      { class: 'row platform-row', testid: 'platform-row', 'data-platform-id': String(platform.id), 'data-record': `platforms:${platform.uid}` },
      h('span', { class: 'platform-icon', 'aria-hidden': 'true' }, icon(KIND_ICONS[platform.kind] ?? KIND_ICONS.other)),
      h(
        'div',
        { class: 'row-text' },
        h('span', { class: 'row-label platform-name', testid: 'platform-name-text' }, platform.name),
        h(
          'span',
          { class: 'dim' },
          t(`platforms.kind.${platform.kind}`),
          platform.memberCount !== null && platform.memberCount !== undefined
            ? ` · ${t('platforms.members', { count: platform.memberCount })}`
            : '',
        ),
      ),
      h(
        'div',
        { class: 'platform-actions' },
        h(
          'a',
          {
            href: platform.url,
            class: 'button-link',
            testid: 'platform-link',
            title: platform.url,
            'aria-label': t('platforms.openLabel', { name: platform.name }),
            onclick: (event) => {
              // Never navigate the app window: the system browser opens it.
              event.preventDefault();
              open(platform.url);
            },
          },
          icon(EXTERNAL),
          h('span', {}, t('platforms.open')),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'flat platform-edit',
            testid: 'platform-edit',
            'aria-label': t('platforms.editLabel', { name: platform.name }),
            onclick: () => openDialog(platform),
          },
          t('platforms.edit'),
        ),
      ),
    );
  }

  async function open(url) {
    try {
      await openLink(url);
    } catch (error) {
      toast(errorMessage(error), { kind: 'error' });
    }
  }

  async function remove(platform) {
    const confirmed = await confirmDialog({
      title: t('platforms.deleteConfirm.title', { name: platform.name }),
      body: t('platforms.deleteConfirm.body'),
      confirmLabel: t('platforms.deleteConfirm.confirm'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await platformDelete(platform.id);
    } catch (error) {
      toast(errorMessage(error), { kind: 'error' });
      return;
    }
    platforms = platforms.filter((item) => item.id !== platform.id);
    draw();
    toast(t('platforms.deleted', { name: platform.name }));
    addButton.focus();
  }

  /** @param {import('../../api/community.js').Platform|null} platform  null for a new one. */
  function openDialog(platform) {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const kind = h(
      'select',
      {},
      PLATFORM_KINDS.map((value) => h('option', { value, selected: value === (platform?.kind ?? PLATFORM_KINDS[0]) }, t(`platforms.kind.${value}`))),
    );
    const name = h('input', { type: 'text', maxlength: LIMITS.platform.name, autocomplete: 'off', value: platform?.name ?? '' });
    const url = h('input', {
      type: 'url',
      maxlength: LIMITS.platform.url,
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'https://',
      value: platform?.url ?? '',
    });
    // Text, not a number field: a number field hands over nothing for "1.5k", so core could
    // not say what is wrong with it.
    const members = h('input', {
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      value: platform?.memberCount ?? '',
    });
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'platform-save' }, t('platforms.save'));
    const dialog = formDialog({
      testid: 'platform-dialog',
      wide: true,
      record: platform && `platforms:${platform.uid}`,
      title: platform ? t('platforms.editTitle') : t('platforms.newTitle'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        field('kind', 'platform-kind', t('platforms.field.kind'), kind),
        field('name', 'platform-name', t('platforms.field.name'), name),
        field('url', 'platform-url', t('platforms.field.url'), url),
        field('memberCount', 'platform-members', t('platforms.field.members'), members),
      ),
      buttons: editButtons({
        prefix: 'platform',
        save: saveButton,
        dialog: () => dialog,
        onDelete: platform && (() => remove(platform)),
        deleteLabel: t('platforms.delete'),
      }),
      oninput: clearOnInput,
      onsubmit: save,
      unsavedLabel: () =>
        name.value.trim() ? t('close.item.platform', { name: name.value.trim() }) : t('close.item.newPlatform'),
    });
    (platform ? name : kind).focus();

    async function save() {
      clearAll();
      // What was typed, as it was typed: core is the one validator, and its refusal shows
      // under the field it names.
      const input = { kind: kind.value, name: name.value, url: url.value, memberCount: members.value };
      saveButton.disabled = true;
      let saved;
      try {
        saved = platform ? await platformUpdate(platform.id, input) : await platformCreate(communityId, input);
      } catch (raw) {
        const error = normaliseError(raw);
        saveButton.disabled = false;
        if (!showError(error)) toast(errorMessage(error), { kind: 'error' });
        return;
      }
      dialog.finish(saved);
      platforms = platform ? platforms.map((item) => (item.id === saved.id ? saved : item)) : [...platforms, saved];
      draw(saved.id);
      toast(platform ? t('platforms.saved') : t('platforms.added', { name: saved.name }));
    }
  }

  return section;
}
