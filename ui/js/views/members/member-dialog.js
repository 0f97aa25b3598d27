/**
 * The dialog that adds a member or edits one: every field of the profile.
 *
 * Core is the one validator: the dialog sends what was typed, and a field core refuses
 * shows core's message under it while the dialog stays open. An edit sends only the fields
 * the person changed, so it never writes back a whole record read earlier (another window,
 * an import or a merge may have changed the rest meanwhile).
 */

import { memberCreate, memberUpdate } from '../../api/members.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { ICONS } from '../../components/icons.js';
import { LEVELS, LIMITS, ROLES } from '../../contract/values.js';
import { addTags, changedFields } from './model.js';

/** @typedef {import('../../api/members.js').Member} Member */
/** @typedef {import('../../api/members.js').MemberInput} MemberInput */

/** The one-line text fields, in the order of the form, with the core's name for each. */
const TEXT_FIELDS = /** @type {const} */ ([
  'name',
  'email',
  'phone',
  'telegram',
  'github',
  'linkedin',
  'otherHandle',
  'company',
  'position',
  'city',
  'source',
]);

/** The keyboard an on-screen keyboard shows for each (the inputs stay plain text: the
 * app's look is for text inputs, and core checks the format). */
const INPUT_MODES = { email: 'email', phone: 'tel' };

/**
 * A member's fields as the form holds them, comparable with {@link changedFields}.
 * @param {Member|null} member
 * @returns {Required<MemberInput>}
 */
export function formInput(member) {
  return {
    name: member?.name ?? '',
    email: member?.email ?? '',
    phone: member?.phone ?? '',
    telegram: member?.telegram ?? '',
    linkedin: member?.linkedin ?? '',
    github: member?.github ?? '',
    otherHandle: member?.otherHandle ?? '',
    company: member?.company ?? '',
    position: member?.position ?? '',
    city: member?.city ?? '',
    level: member?.level ?? '',
    roles: [...(member?.roles ?? [])],
    tags: [...(member?.tags ?? [])],
    joinedOn: member?.joinedOn ?? '',
    leftOn: member?.leftOn ?? '',
    source: member?.source ?? '',
    consent: member?.consent ?? false,
    notes: member?.notes ?? '',
  };
}

/**
 * Opens the dialog; resolves with the saved member, or null when it was closed unsaved.
 * @param {object} options
 * @param {number} options.communityId
 * @param {Member|null} options.member  null for a new member.
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError  an error of no field.
 * @returns {Promise<Member|null>}
 */
export function memberDialog({ communityId, member, onError }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve(null);
  return new Promise((resolve) => {
    const before = formInput(member);
    const { field, clearError, showError, clearOnInput, clearAll } = formFields();

    /** @type {Record<string, HTMLInputElement>} */
    const text = {};
    for (const name of TEXT_FIELDS) {
      text[name] = h('input', {
        type: 'text',
        inputmode: INPUT_MODES[name] ?? null,
        maxlength: LIMITS.member[name],
        autocomplete: 'off',
        spellcheck: name === 'name' || name === 'company' || name === 'position' || name === 'city' || name === 'source' ? null : 'false',
        value: before[name],
      });
    }
    const level = h(
      'select',
      {},
      h('option', { value: '', selected: !before.level }, t('members.dialog.levelNone')),
      LEVELS.map((value) => h('option', { value, selected: value === before.level }, t(`members.level.${value}`))),
    );
    const roleBoxes = ROLES.map((role) =>
      h('input', { type: 'checkbox', value: role, checked: before.roles.includes(role), testid: `member-role-${role}` }),
    );
    const roles = h(
      'fieldset',
      { class: 'field member-roles', 'data-field': 'roles' },
      h('legend', { class: 'field-label' }, t('members.field.roles')),
      h(
        'div',
        { class: 'checks' },
        roleBoxes.map((box) => h('label', { class: 'check' }, box, t(`members.role.${box.value}`))),
      ),
      h('p', { class: 'field-error', id: 'member-roles-error', testid: 'member-roles-error', hidden: true }),
    );
    const tags = tagInput(before.tags);
    const joinedOn = h('input', { type: 'date', value: before.joinedOn });
    const leftOn = h('input', { type: 'date', value: before.leftOn });
    const consent = h('input', { type: 'checkbox', id: 'member-consent', testid: 'member-consent', checked: before.consent });
    const notes = h('textarea', { rows: 3, maxlength: LIMITS.member.notes }, before.notes);

    // The tag field's chips sit in its box, before the input the field labels.
    const tagsField = field('tags', 'member-tags', t('members.field.tags'), tags.input);
    tags.input.replaceWith(tags.element);
    tags.element.append(tags.input);
    tagsField.insertBefore(h('p', { class: 'field-hint', id: 'member-tags-hint' }, t('members.dialog.tagsHint')), tags.element);
    tags.input.setAttribute('aria-describedby', 'member-tags-hint member-tags-error');

    const textField = (name) => field(name, `member-${kebab(name)}`, t(`members.field.${name}`), text[name]);
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'member-save' }, t('members.dialog.save'));
    const dialog = formDialog({
      testid: 'member-dialog',
      wide: true,
      record: member && `members:${member.uid}`,
      title: member ? t('members.dialog.editTitle') : t('members.dialog.newTitle'),
      body: h(
        'div',
        { class: 'dialog-fields member-form' },
        textField('name'),
        h('h3', { class: 'member-form-heading' }, t('members.dialog.contacts')),
        h('div', { class: 'field-columns' }, textField('email'), textField('phone')),
        h('div', { class: 'field-columns' }, textField('telegram'), textField('github')),
        h('div', { class: 'field-columns' }, textField('linkedin'), textField('otherHandle')),
        h('h3', { class: 'member-form-heading' }, t('members.dialog.work')),
        h('div', { class: 'field-columns' }, textField('company'), textField('position')),
        h('div', { class: 'field-columns' }, textField('city'), textField('source')),
        h('h3', { class: 'member-form-heading' }, t('members.dialog.community')),
        h(
          'div',
          { class: 'field-columns' },
          field('level', 'member-level', t('members.field.level'), level),
          h('span', {}),
        ),
        h(
          'div',
          { class: 'field-columns' },
          field('joinedOn', 'member-joined-on', t('members.field.joinedOn'), joinedOn),
          field('leftOn', 'member-left-on', t('members.field.leftOn'), leftOn),
        ),
        roles,
        tagsField,
        h('div', { class: 'field member-consent' }, h('label', { class: 'check' }, consent, t('members.field.consent'))),
        field('notes', 'member-notes', t('members.field.notes'), notes),
      ),
      buttons: editButtons({ prefix: 'member', save: saveButton, dialog: () => dialog }),
      oninput: (event) => {
        const name = /** @type {Element} */ (event.target).closest('[data-field]')?.getAttribute('data-field');
        if (name) clearError(name);
        if (name === 'roles') hideRolesError();
      },
      onsubmit: save,
      onclose: resolve,
      unsavedLabel: () =>
        text.name.value.trim() ? t('close.item.member', { name: text.name.value.trim() }) : t('close.item.newMember'),
    });
    text.name.focus();

    function hideRolesError() {
      const error = /** @type {HTMLElement} */ (roles.querySelector('.field-error'));
      error.hidden = true;
      error.textContent = '';
    }

    /** @returns {Required<MemberInput>} */
    function typed() {
      tags.commit();
      /** @type {Record<string, any>} */
      const input = {};
      for (const name of TEXT_FIELDS) input[name] = text[name].value;
      return /** @type {Required<MemberInput>} */ ({
        ...input,
        level: level.value,
        roles: roleBoxes.filter((box) => box.checked).map((box) => box.value),
        tags: tags.values(),
        joinedOn: joinedOn.value,
        leftOn: leftOn.value,
        consent: consent.checked,
        notes: notes.value,
      });
    }

    async function save() {
      clearAll();
      hideRolesError();
      const now = typed();
      const input = member ? changedFields(before, now) : now;
      if (member && Object.keys(input).length === 0) {
        dialog.finish(member);
        return;
      }
      saveButton.disabled = true;
      try {
        dialog.finish(member ? await memberUpdate(member.id, input) : await memberCreate(communityId, input));
      } catch (raw) {
        const error = normaliseError(raw);
        saveButton.disabled = false;
        if (!showFieldError(error)) onError(error);
      }
    }

    /**
     * Core names one tag as `tag` and the list as `tags`: both belong under the tag field,
     * each with its own message; roles go under the role boxes.
     * @param {import('../../errors.js').HearthError} error
     */
    function showFieldError(error) {
      if (error.field === 'roles' && error.rule) {
        const line = /** @type {HTMLElement} */ (roles.querySelector('.field-error'));
        line.textContent = t('error.rule.unknown_value', { field: t('members.field.roles') });
        line.hidden = false;
        roleBoxes[0].focus();
        return true;
      }
      if (error.field !== 'tag') return showError(error);
      if (!showError({ ...error, field: 'tags' })) return false;
      const line = document.getElementById('member-tags-error');
      if (line) line.textContent = errorMessageFor(error, t('members.field.tag'));
      return true;
    }
  });
}

/**
 * @param {import('../../errors.js').HearthError} error
 * @param {string} label
 */
function errorMessageFor(error, label) {
  const params = { field: label, count: error.limit ?? 0 };
  return error.rule ? t(`error.rule.${error.rule}`, params) : t(`error.code.${error.code}`);
}

/** @param {string} name */
function kebab(name) {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * A field of tags: each one a chip with a button that removes it, and an input where Enter
 * or a comma adds what was typed (Backspace in the empty input takes the last chip back
 * into it). What is typed and not yet added still counts when the form is saved.
 * A hidden input carries the list, so the form's "anything changed?" sees it.
 * @param {string[]} initial
 */
function tagInput(initial) {
  let tags = [...initial];
  const input = h('input', { type: 'text', class: 'tag-input-text', autocomplete: 'off', maxlength: LIMITS.member.tag * 4 });
  const list = h('ul', { class: 'tag-input-chips', role: 'list' });
  const carried = h('input', { type: 'hidden', value: JSON.stringify(tags) });
  const element = h(
    'div',
    {
      class: 'tag-input',
      onclick: (event) => {
        if (event.target === element) input.focus();
      },
    },
    list,
    carried,
  );

  function draw() {
    carried.value = JSON.stringify(tags);
    replaceChildren(
      list,
      tags.map((tag) =>
        h(
          'li',
          { class: 'chip', testid: 'member-tag' },
          h('span', { class: 'chip-text' }, tag),
          h(
            'button',
            {
              type: 'button',
              class: 'chip-remove',
              testid: 'member-tag-remove',
              'aria-label': t('members.dialog.tagRemove', { tag }),
              onclick: () => {
                tags = tags.filter((item) => item !== tag);
                draw();
                changed();
                input.focus();
              },
            },
            icon(ICONS.close),
          ),
        ),
      ),
    );
  }

  /** Tells the form a tag came or went, as typing would. */
  function changed() {
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function commit() {
    if (!input.value.trim()) return;
    tags = addTags(tags, input.value);
    input.value = '';
    draw();
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      // Enter adds the tag rather than submitting the form; with nothing typed it submits.
      if (!input.value.trim()) return;
      event.preventDefault();
      commit();
      changed();
    } else if (event.key === 'Backspace' && !input.value && tags.length) {
      event.preventDefault();
      input.value = tags[tags.length - 1];
      tags = tags.slice(0, -1);
      draw();
      changed();
    }
  });
  input.addEventListener('paste', () => {
    // A pasted "rust, go, sql" becomes three tags once it is in the field.
    setTimeout(() => {
      if (input.value.includes(',')) {
        commit();
        changed();
      }
    }, 0);
  });
  draw();
  return { element, input, commit, values: () => [...tags] };
}
