/**
 * The Charter section: what the community is, for whom, and by which rules.
 *
 * One form, saved as a whole with the header's Save button or Ctrl+S. Edits that are not
 * saved yet survive leaving the section, switching the community or the language (they are
 * kept per community for the session), and the header says so; closing the window asks
 * about them ({@link unsavedCharters}, {@link saveCharterDraft}). Errors from the core land
 * next to the field they name. The time zone is found by city or country, in either
 * language ({@link combobox}); the field holds the IANA id the charter stores.
 */

import './strings.js';
import { takeFirst } from '../../api/app.js';
import { communityDelete, communityGet, communityUpdate, timeZoneSearch } from '../../api/community.js';
import { afterPaint, h, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { combobox } from '../../components/combobox.js';
import { confirmDialog } from '../../components/dialog.js';
import { platformsSection } from './platforms.js';
import { sharingSection } from './sharing.js';
import { AUDIENCES, FORMATS, KINDS, LIMITS } from '../../contract/values.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet('js/views/community/community.css');

/** Unsaved edits by community id, for the lifetime of the window. */
const unsavedDrafts = new Map();

/**
 * Saves the core refused while their charter was not on screen (saving before the window
 * closes), by community id: shown under their field when that charter opens.
 */
const refusedSaves = new Map();

/**
 * The charter on screen, once loaded: its own save shows errors under its fields.
 * @type {null|{communityId: number, save: () => Promise<boolean>}}
 */
let onScreen = null;

/**
 * Communities whose charter has edits that are not saved, in the order they were edited.
 * @returns {number[]}
 */
export function unsavedCharters() {
  return [...unsavedDrafts.keys()];
}

/**
 * Saves the unsaved edits of one community's charter, on screen or not.
 * @param {number} communityId
 * @param {(community: import('../../api/community.js').Community) => void} onSaved  when saved off screen.
 * @returns {Promise<boolean>} false when the core refused: under the field on screen, else
 *   kept for when this charter is opened.
 */
export async function saveCharterDraft(communityId, onSaved) {
  if (onScreen?.communityId === communityId) return onScreen.save();
  const draft = unsavedDrafts.get(communityId);
  if (!draft) return true;
  try {
    const updated = await communityUpdate(communityId, draft);
    if (unsavedDrafts.get(communityId) === draft) unsavedDrafts.delete(communityId);
    refusedSaves.delete(communityId);
    onSaved(updated);
    return true;
  } catch (raw) {
    refusedSaves.set(communityId, normaliseError(raw));
    return false;
  }
}

/** "uniqueValue" → "unique-value", the spelling of field names in test ids. */
function kebab(field) {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The editable part of a community, in a canonical order so two charters compare by value.
 * @param {import('../../api/community.js').Charter} source
 * @returns {import('../../api/community.js').Charter}
 */
function toCharter(source) {
  const pick = (list, allowed) => allowed.filter((value) => (list ?? []).includes(value));
  return {
    name: source.name ?? '',
    mission: source.mission ?? '',
    kind: source.kind || null,
    audiences: pick(source.audiences, AUDIENCES),
    formats: pick(source.formats, FORMATS),
    uniqueValue: source.uniqueValue ?? '',
    expectedResults: source.expectedResults ?? '',
    rules: source.rules ?? '',
    timeZone: source.timeZone ?? '',
    locale: source.locale,
  };
}

function sameCharter(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A found zone in words: "Lisbon — Portugal (UTC+0)".
 * @param {import('../../api/community.js').TimeZoneMatch} zone
 */
function zoneLabel(zone) {
  return zone.country ? t('charter.timeZone.option', zone) : t('charter.timeZone.optionNoCountry', zone);
}

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const communityId = ctx.community.id;
  /** @type {import('../../api/community.js').Charter|null} what the core has stored */
  let saved = null;
  /** @type {CharterForm|null} */
  let form = null;
  let saving = false;
  /** @type {Promise<boolean>|null} the save under way, which a second one waits for */
  let inFlight = null;
  let lastSaveFailed = false;
  let justSaved = false;

  const status = h('span', { class: 'save-status', testid: 'charter-status', 'aria-live': 'polite' });
  const saveButton = h(
    'button',
    {
      type: 'button',
      class: 'suggested',
      testid: 'charter-save',
      title: t('charter.saveShortcut'),
      'aria-keyshortcuts': 'Control+S',
      disabled: true,
      onclick: () => save(),
    },
    t('charter.save'),
  );
  ctx.actions.append(status, saveButton);
  ctx.body.append(h('p', { class: 'loading' }, t('app.loading')));
  const ready = load();

  async function load() {
    // At start-up the charter came with the page, and is drawn in the same frame as the shell.
    let community = takeFirst('charter', communityId);
    try {
      community ??= await communityGet(communityId);
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(ctx.body, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (ctx.signal.aborted) return;
    saved = toCharter(community);
    form = buildForm(saved);
    form.fill(unsavedDrafts.get(communityId) ?? saved);
    replaceChildren(ctx.body, form.element);
    form.element.lastElementChild.before(
      platformsSection({ communityId, signal: ctx.signal, toast: ctx.app.toast }),
      sharingSection({ communityId, communityName: () => saved?.name ?? '', signal: ctx.signal, toast: ctx.app.toast }),
    );
    saveButton.disabled = false;
    onScreen = { communityId, save };
    const refused = refusedSaves.get(communityId);
    if (refused) {
      refusedSaves.delete(communityId);
      lastSaveFailed = true;
      if (!form.showError(refused)) ctx.app.toast(errorMessage(refused), { kind: 'error' });
    }
    showStatus();
  }

  function isDirty() {
    return Boolean(form && saved) && !sameCharter(form.read(), saved);
  }

  function showStatus() {
    const dirty = isDirty();
    if (saving) setStatus('saving');
    else if (dirty && lastSaveFailed) setStatus('failed');
    else if (dirty) setStatus('unsaved');
    else if (justSaved) setStatus('saved');
    else setStatus(null);
  }

  /** @param {'saving'|'saved'|'unsaved'|'failed'|null} state */
  function setStatus(state) {
    status.className = `save-status${state ? ` is-${state}` : ''}`;
    status.textContent = state ? t(`charter.status.${state}`) : '';
  }

  function onEdit(event) {
    const field = event.target.closest('[data-field]')?.dataset.field;
    if (field) form.clearError(field);
    justSaved = false;
    lastSaveFailed = false;
    if (isDirty()) unsavedDrafts.set(communityId, form.read());
    else unsavedDrafts.delete(communityId);
    showStatus();
  }

  /** @returns {Promise<boolean>} whether the charter was saved. */
  function save() {
    if (!form) return Promise.resolve(false);
    inFlight ??= store().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function store() {
    const charter = form.read();
    saving = true;
    saveButton.disabled = true;
    form.clearAllErrors();
    showStatus();
    try {
      const updated = await communityUpdate(communityId, charter);
      saved = toCharter(updated);
      // Show what the core stored (it trims the name), unless the person kept typing meanwhile.
      if (sameCharter(form.read(), charter)) form.fill(saved);
      if (!isDirty()) unsavedDrafts.delete(communityId);
      justSaved = true;
      lastSaveFailed = false;
      ctx.app.communitySaved(updated);
      return true;
    } catch (raw) {
      const error = normaliseError(raw);
      lastSaveFailed = true;
      justSaved = false;
      if (!form.showError(error)) ctx.app.toast(errorMessage(error), { kind: 'error' });
      return false;
    } finally {
      saving = false;
      saveButton.disabled = false;
      showStatus();
    }
  }

  async function deleteCommunity() {
    const name = saved.name;
    const confirmed = await confirmDialog({
      title: t('charter.deleteConfirm.title', { name }),
      body: t('charter.deleteConfirm.body'),
      confirmLabel: t('charter.deleteConfirm.confirm'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await communityDelete(communityId);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      return;
    }
    unsavedDrafts.delete(communityId);
    refusedSaves.delete(communityId);
    ctx.app.communityDeleted(communityId, name);
  }

  /**
   * @typedef {object} CharterForm
   * @property {HTMLFormElement} element
   * @property {() => import('../../api/community.js').Charter} read
   * @property {(charter: import('../../api/community.js').Charter) => void} fill
   * @property {(error: import('../../errors.js').HearthError) => boolean} showError  false when no field matches.
   * @property {(field: string) => void} clearError
   * @property {() => void} clearAllErrors
   */

  /** @returns {CharterForm} */
  function buildForm(initial) {
    /** Field name → { controls, error } for errors and focus. */
    const fields = {};

    function fieldParts(field) {
      const id = `charter-${kebab(field)}`;
      const error = h('p', { class: 'field-error', id: `${id}-error`, testid: `${id}-error`, hidden: true });
      return { id, error };
    }

    /**
     * @param {string} field
     * @param {{multiline?: boolean, hint?: string, rows?: number}} [options]
     */
    function textField(field, { multiline = false, hint, rows = 3 } = {}) {
      const { id, error } = fieldParts(field);
      const hintId = hint ? `${id}-hint` : null;
      const attributes = {
        id,
        name: field,
        testid: id,
        // Core's own limit, so the field stops typing where core would refuse.
        maxlength: LIMITS.community[field],
        'aria-describedby': [hintId, error.id].filter(Boolean).join(' '),
      };
      const control = multiline
        ? h('textarea', { ...attributes, rows })
        : h('input', { ...attributes, type: 'text', autocomplete: 'off' });
      fields[field] = { controls: [control], error };
      return h(
        'div',
        { class: 'field', 'data-field': field },
        h('label', { for: id }, t(`field.${field}`)),
        hint && h('p', { class: 'field-hint', id: hintId }, hint),
        control,
        error,
      );
    }

    /**
     * The time zone: typing a city, a country or an id lists the zones the core finds, and
     * picking one writes its IANA id. Under the field, the zone it holds in words.
     */
    function timeZoneField() {
      const { id, error } = fieldParts('timeZone');
      const hintId = `${id}-hint`;
      const nameId = `${id}-name`;
      // Its line is kept while it is empty: the name arrives after the first paint, and
      // must not push down what is below (a button about to be clicked).
      const zoneName = h('p', { class: 'field-value zone-name', id: nameId, testid: nameId });
      let nameShown = false;
      /** @param {string|null} text  null: no name, the line stays empty. */
      function setName(text) {
        nameShown = text !== null;
        zoneName.textContent = text ?? '';
        zoneName.style.visibility = nameShown ? '' : 'hidden';
      }
      setName(null);
      /** The zone `zoneName` describes; a newer description replaces an older one. */
      let described = '';
      let describing = 0;

      function showName(zone) {
        describing++;
        described = zone.zone;
        setName(zoneLabel(zone));
      }

      /** Names the zone the field holds, when the core knows it by that exact id. */
      async function describe(value) {
        const ticket = ++describing;
        if (value !== described) setName(null);
        if (!value) return;
        // A nicety below the first screen: asked for once the form is painted, and after
        // what start-up does once it is (main.js: its listeners, its report), so as not
        // to hold that back.
        await new Promise((resolve) => afterPaint(() => setTimeout(resolve, 0)));
        if (ticket !== describing) return;
        let found = [];
        try {
          found = await timeZoneSearch(value, getLanguage());
        } catch {
          // Only a nicety: the id in the field is what counts.
        }
        if (ticket !== describing) return;
        const zone = found.find((match) => match.zone === value);
        if (zone) showName(zone);
      }

      const box = combobox({
        id,
        name: 'timeZone',
        testid: id,
        describedBy: [hintId, nameId, error.id].join(' '),
        placeholder: t('charter.timeZone.placeholder'),
        listLabel: t('charter.timeZone.list'),
        emptyText: (query) => t('charter.timeZone.none', { query }),
        search: (query) => timeZoneSearch(query, getLanguage()),
        label: zoneLabel,
        detail: (zone) => zone.zone,
        value: (zone) => zone.zone,
        onPick: showName,
      });
      box.input.addEventListener('input', () => {
        if (box.input.value.trim() !== described) setName(null);
      });
      // Typed rather than picked: name it once the person leaves the field.
      box.input.addEventListener('change', () => {
        if (box.input.value.trim() !== described || !nameShown) describe(box.input.value.trim());
      });
      fields.timeZone = { controls: [box.input], error, describe };
      return h(
        'div',
        { class: 'field', 'data-field': 'timeZone' },
        h('label', { for: id }, t('field.timeZone')),
        h('p', { class: 'field-hint', id: hintId }, t('charter.hint.timeZone')),
        box.element,
        zoneName,
        error,
      );
    }

    function kindField() {
      const { id, error } = fieldParts('kind');
      const control = h(
        'select',
        { id, name: 'kind', testid: id, 'aria-describedby': error.id },
        h('option', { value: '' }, t('kind.none')),
        KINDS.map((kind) => h('option', { value: kind }, t(`kind.${kind}`))),
      );
      fields.kind = { controls: [control], error };
      return h('div', { class: 'field', 'data-field': 'kind' }, h('label', { for: id }, t('field.kind')), control, error);
    }

    /**
     * A group of checkboxes; test ids use the singular: charter-audience-newcomers.
     * A div with role=group rather than a fieldset: WebKitGTK draws a fieldset's top edge
     * through its legend, whatever the CSS says.
     */
    function checkboxField(field, singular, values) {
      const { error } = fieldParts(field);
      const labelId = `charter-${field}-label`;
      const controls = values.map((value) =>
        h('input', { type: 'checkbox', name: field, value, id: `charter-${singular}-${value}`, testid: `charter-${singular}-${value}` }),
      );
      fields[field] = { controls, error };
      return h(
        'div',
        { class: 'field', role: 'group', 'data-field': field, 'aria-labelledby': labelId, 'aria-describedby': error.id },
        h('span', { class: 'field-label', id: labelId }, t(`field.${field}`)),
        h(
          'div',
          { class: 'checks' },
          controls.map((control, index) =>
            h('label', { class: 'check', for: control.id }, control, h('span', {}, t(`${singular}.${values[index]}`))),
          ),
        ),
        error,
      );
    }

    function group(titleKey, hintKey, ...children) {
      const titleId = `charter-group-${titleKey.split('.').pop()}`;
      return h(
        'section',
        { class: 'group', 'aria-labelledby': titleId },
        h('h2', { class: 'group-title', id: titleId }, t(titleKey)),
        hintKey && h('p', { class: 'group-description' }, t(hintKey)),
        h('div', { class: 'card' }, children),
      );
    }

    const element = h(
      'form',
      {
        class: 'charter',
        id: 'charter-form',
        testid: 'charter-form',
        'data-record': `community:${ctx.community.uid}`,
        'aria-label': t('charter.formLabel', { name: initial.name }),
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          save();
        },
        oninput: onEdit,
        onchange: onEdit,
      },
      group(
        'charter.group.identity',
        'charter.group.identityHint',
        textField('name'),
        textField('mission', { multiline: true, hint: t('charter.hint.mission'), rows: 3 }),
        kindField(),
      ),
      group(
        'charter.group.people',
        'charter.group.peopleHint',
        checkboxField('audiences', 'audience', AUDIENCES),
        checkboxField('formats', 'format', FORMATS),
      ),
      group(
        'charter.group.value',
        'charter.group.valueHint',
        textField('uniqueValue', { multiline: true, hint: t('charter.hint.uniqueValue'), rows: 3 }),
        textField('expectedResults', { multiline: true, hint: t('charter.hint.expectedResults'), rows: 4 }),
      ),
      group(
        'charter.group.rules',
        'charter.group.rulesHint',
        textField('rules', { multiline: true, hint: t('charter.hint.rules'), rows: 8 }),
      ),
      group(
        'charter.group.time',
        null,
        timeZoneField(),
        h(
          'div',
          { class: 'field field-readonly' },
          h('span', { class: 'field-label' }, t('field.locale')),
          h('p', { class: 'field-value' }, t(`charter.templateNote.${initial.locale === 'ru' ? 'ru' : 'en'}`)),
        ),
      ),
      h(
        'section',
        { class: 'group', 'aria-labelledby': 'charter-group-delete' },
        h('h2', { class: 'group-title', id: 'charter-group-delete' }, t('charter.deleteTitle')),
        h(
          'div',
          { class: 'card row' },
          h('p', { class: 'row-text' }, t('charter.deleteHint')),
          h('button', { type: 'button', class: 'destructive', testid: 'charter-delete', onclick: deleteCommunity }, t('charter.delete')),
        ),
      ),
    );

    const text = (field) => fields[field].controls[0];
    const checked = (field) => fields[field].controls.filter((box) => box.checked).map((box) => box.value);

    return {
      element,
      read: () =>
        toCharter({
          name: text('name').value,
          mission: text('mission').value,
          kind: text('kind').value,
          audiences: checked('audiences'),
          formats: checked('formats'),
          uniqueValue: text('uniqueValue').value,
          expectedResults: text('expectedResults').value,
          rules: text('rules').value,
          timeZone: text('timeZone').value.trim(),
          // Not editable here: the plan was created in this language.
          locale: initial.locale,
        }),
      fill(charter) {
        for (const field of ['name', 'mission', 'uniqueValue', 'expectedResults', 'rules', 'timeZone']) {
          text(field).value = charter[field];
        }
        fields.timeZone.describe(charter.timeZone);
        text('kind').value = charter.kind ?? '';
        for (const field of ['audiences', 'formats']) {
          for (const box of fields[field].controls) box.checked = charter[field].includes(box.value);
        }
      },
      showError(error) {
        const target = error.field && fields[error.field];
        if (!target || !error.rule) return false;
        target.error.textContent = errorMessage(error, t(`field.${error.field}`));
        target.error.hidden = false;
        for (const control of target.controls) control.setAttribute('aria-invalid', 'true');
        target.controls[0].focus();
        return true;
      },
      clearError(field) {
        const target = fields[field];
        if (!target) return;
        target.error.hidden = true;
        target.error.textContent = '';
        for (const control of target.controls) control.removeAttribute('aria-invalid');
      },
      clearAllErrors() {
        for (const field of Object.keys(fields)) this.clearError(field);
      },
    };
  }

  return {
    ready,
    save,
    dispose() {
      // Keep whatever the person typed; the draft map outlives the view.
      if (isDirty()) unsavedDrafts.set(communityId, form.read());
      if (onScreen?.save === save) onScreen = null;
    },
  };
}
