/**
 * Settings › Engagement: the numbers the engagement model scores members with (the weight
 * of each kind of activity, how fast activities fade and for how long they count, where each
 * level starts, how long a level is held, when an engaged member is "losing touch").
 *
 * One form saved as a whole: what was typed goes to core as typed (core is the one
 * validator, and saving rescores every member of every community), and core's refusal is
 * shown under the field it names, in words that say what it accepts. "Restore defaults"
 * fills in the settings Hearth starts with; like any edit, they are stored by Save. What is
 * typed and not saved stays until it is saved, as a charter's edits do.
 */

import { engagementSettingsGet, engagementSettingsSet } from '../../api/members.js';
import { h, replaceChildren } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { ACTIVITY_KINDS, ENGAGEMENT_DEFAULTS, ENGAGEMENT_SETTING_RANGES } from '../../contract/values.js';

/** @typedef {import('../../contract/types.js').EngagementSettings} EngagementSettings */
/** @typedef {import('../../contract/types.js').EngagementSettingsInput} EngagementSettingsInput */

/** The three thresholds, lowest first: each must be above the one before. */
const THRESHOLDS = /** @type {const} */ (['participant', 'contributor', 'advocate']);

/** The days settings, in the order the form shows them, each with its range's name in core. */
const DAYS = /** @type {const} */ ({ halfLifeDays: 'halfLifeDays', windowDays: 'windowDays', graceDays: 'graceDays', losingTouchDays: 'losingTouchDays' });

/**
 * The settings as the form shows them: every number as text.
 * @param {Readonly<EngagementSettings>} settings
 * @returns {EngagementSettingsInput}
 */
function asTyped(settings) {
  return {
    weights: settings.weights.map(({ kind, weight }) => ({ kind, weight: String(weight) })),
    halfLifeDays: String(settings.halfLifeDays),
    windowDays: String(settings.windowDays),
    participant: String(settings.thresholds.participant),
    contributor: String(settings.thresholds.contributor),
    advocate: String(settings.thresholds.advocate),
    graceDays: String(settings.graceDays),
    losingTouchDays: String(settings.losingTouchDays),
  };
}

/** @param {EngagementSettingsInput} a @param {EngagementSettingsInput} b */
function sameTyped(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @param {string} name  a range's name in core (`weight`, `threshold`, `halfLifeDays`…).
 * @returns {{low: number, high: number}}
 */
function range(name) {
  const [low, high] = ENGAGEMENT_SETTING_RANGES[name];
  return { low, high };
}

/** The range a field's number must be in, by the field's name in core's errors. */
function rangeOf(field) {
  if (field.startsWith('weights.')) return range('weight');
  if (THRESHOLDS.includes(field)) return range('threshold');
  return range(field);
}

/**
 * What was typed and not saved, kept for the window's lifetime: it survives leaving the
 * section and switching the language (which draws the view again), and the question before
 * closing the window asks about it ({@link unsavedEngagement}).
 * @type {EngagementSettingsInput|null}
 */
let draft = null;

/** Core's refusal of a draft saved from the question before closing, shown when the form is next on screen. */
let refused = /** @type {import('../../errors.js').HearthError|null} */ (null);

/** The form on screen, when it is: its own save, so errors land under its fields. */
let onScreen = /** @type {null|{save: () => Promise<boolean>}} */ (null);

/** @returns {boolean} whether engagement settings were typed and not saved. */
export function unsavedEngagement() {
  return draft !== null;
}

/**
 * Saves the typed settings, on screen or not (the question before closing the window).
 * @returns {Promise<boolean>} false when core refused them: the refusal is shown under its
 *   field on screen, or once the form is shown again.
 */
export async function saveEngagementDraft() {
  if (onScreen) return onScreen.save();
  if (!draft) return true;
  try {
    await engagementSettingsSet(draft);
    draft = null;
    return true;
  } catch (error) {
    refused = normaliseError(error);
    return false;
  }
}

/**
 * The section. Reads the stored settings, then shows the form.
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {{element: HTMLElement, save: () => Promise<boolean>}}
 */
export function engagementGroup(ctx) {
  /** @type {EngagementSettingsInput|null} what core has stored, as the form shows it */
  let stored = null;
  /** @type {ReturnType<typeof buildForm>|null} */
  let form = null;
  /** @type {Promise<boolean>|null} the save under way, which a second one waits for */
  let inFlight = null;
  /** @type {'saving'|'saved'|'failed'|'defaults'|null} what happened last, for the status line */
  let lastEvent = null;

  const content = h('div', { class: 'card engagement-loading' }, h('p', { class: 'row empty-row' }, t('settings.engagement.loading')));
  const element = h(
    'section',
    { class: 'group', 'aria-labelledby': 'settings-engagement-title', testid: 'settings-engagement' },
    h(
      'div',
      { class: 'group-header' },
      h(
        'div',
        { class: 'group-heading' },
        h('h2', { class: 'group-title', id: 'settings-engagement-title' }, t('settings.engagement.title')),
        h('p', { class: 'group-description' }, t('settings.engagement.intro')),
      ),
    ),
    content,
  );

  load();

  async function load() {
    let settings;
    try {
      settings = await engagementSettingsGet();
    } catch (error) {
      if (!ctx.signal.aborted) replaceChildren(content, h('p', { class: 'row empty-row is-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (ctx.signal.aborted) return;
    stored = asTyped(settings);
    form = buildForm({ onEdit, onSave: save, onRestore: restoreDefaults });
    form.fill(draft ?? stored);
    content.replaceWith(form.element);
    onScreen = { save };
    ctx.signal.addEventListener('abort', () => {
      if (onScreen?.save === save) onScreen = null;
    });
    if (refused && draft) {
      lastEvent = 'failed';
      if (!form.showError(refused, draft)) ctx.app.toast(errorMessage(refused), { kind: 'error' });
    }
    refused = null;
    showStatus();
  }

  /** Keeps what is typed for later, or forgets it once it is what core has. */
  function keepDraft() {
    draft = form && isDirty() ? form.read() : null;
  }

  function isDirty() {
    return Boolean(form && stored) && !sameTyped(form.read(), stored);
  }

  function showStatus() {
    if (!form) return;
    const dirty = isDirty();
    /** @type {string|null} */
    let state = null;
    if (lastEvent === 'saving') state = 'saving';
    else if (dirty && lastEvent === 'failed') state = 'failed';
    else if (dirty && lastEvent === 'defaults') state = 'defaults';
    else if (dirty) state = 'unsaved';
    else if (lastEvent === 'saved') state = 'saved';
    form.status.className = `save-status${state ? ` is-${state}` : ''}`;
    form.status.textContent = state ? t(`settings.engagement.status.${state}`) : '';
  }

  /** @param {Event} event */
  function onEdit(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const field = target.closest('[data-field]')?.getAttribute('data-field');
    if (field) form?.clearError(field);
    lastEvent = null;
    keepDraft();
    showStatus();
  }

  function restoreDefaults() {
    if (!form) return;
    form.clearAllErrors();
    form.fill(asTyped(ENGAGEMENT_DEFAULTS));
    lastEvent = 'defaults';
    keepDraft();
    showStatus();
  }

  /** @returns {Promise<boolean>} whether the settings were saved. */
  function save() {
    if (!form) return Promise.resolve(false);
    inFlight ??= store().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function store() {
    if (!form) return false;
    const typed = form.read();
    lastEvent = 'saving';
    form.saveButton.disabled = true;
    form.clearAllErrors();
    showStatus();
    try {
      const settings = await engagementSettingsSet(typed);
      stored = asTyped(settings);
      // Show what core stored ("07" is 7), unless the person kept typing meanwhile.
      if (sameTyped(form.read(), typed)) form.fill(stored);
      lastEvent = 'saved';
      keepDraft();
      return true;
    } catch (raw) {
      const error = normaliseError(raw);
      lastEvent = 'failed';
      if (!form.showError(error, typed)) ctx.app.toast(errorMessage(error), { kind: 'error' });
      return false;
    } finally {
      form.saveButton.disabled = false;
      showStatus();
    }
  }

  return { element, save };
}

/**
 * The form: a number field per setting, each with what it does and where core's refusal goes.
 * @param {{onEdit: (event: Event) => void, onSave: () => void, onRestore: () => void}} handlers
 */
function buildForm({ onEdit, onSave, onRestore }) {
  /** @type {Map<string, {input: HTMLInputElement, error: HTMLElement, label: string}>} by core's field name */
  const fields = new Map();

  /**
   * A labelled number field; `name` is the field as core names it in errors.
   * @param {string} name
   * @param {string} label
   * @param {string|null} hint
   */
  function numberField(name, label, hint) {
    const testid = `engagement-${name.replace('.', '-')}`;
    const error = h('p', { class: 'field-error', id: `${testid}-error`, testid: `${testid}-error`, hidden: true });
    const hintElement = hint && h('p', { class: 'field-hint', id: `${testid}-hint` }, hint);
    const input = /** @type {HTMLInputElement} */ (
      // Text, not type=number: core sees exactly what was typed ("1.5", "-2") and answers it.
      h('input', {
        type: 'text',
        inputmode: 'numeric',
        autocomplete: 'off',
        spellcheck: false,
        id: testid,
        testid,
        class: 'engagement-number',
        'aria-describedby': [hint ? `${testid}-hint` : null, error.id].filter(Boolean).join(' '),
      })
    );
    fields.set(name, { input, error, label });
    return h(
      'div',
      { class: 'field engagement-field', 'data-field': name },
      h('label', { for: testid }, label),
      hintElement,
      input,
      error,
    );
  }

  const weights = range('weight');
  const saveButton = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'suggested', testid: 'engagement-save', title: t('settings.engagement.saveShortcut'), 'aria-keyshortcuts': 'Control+S' }, t('settings.engagement.save'))
  );
  const status = h('span', { class: 'save-status', testid: 'engagement-status', role: 'status', 'aria-live': 'polite' });

  /**
   * A titled part of the form, its fields in a card below what it is about.
   * @param {string} id  the title's id.
   * @param {string} title
   * @param {string|null} hint
   * @param {...any} content
   */
  const part = (id, title, hint, ...content) =>
    h(
      'div',
      { class: 'engagement-part', role: 'group', 'aria-labelledby': id, 'aria-describedby': hint ? `${id}-hint` : null },
      h('h3', { class: 'engagement-part-title', id }, title),
      hint && h('p', { class: 'engagement-part-hint', id: `${id}-hint` }, hint),
      h('div', { class: 'card' }, content),
    );

  const element = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        class: 'engagement-form',
        testid: 'engagement-form',
        novalidate: true,
        onsubmit: (/** @type {Event} */ event) => {
          event.preventDefault();
          onSave();
        },
        oninput: onEdit,
      },
      part(
        'engagement-weights',
        t('settings.engagement.weights'),
        t('settings.engagement.weightsHint', { low: weights.low, high: weights.high }),
        h(
          'div',
          { class: 'engagement-weights' },
          ACTIVITY_KINDS.map((kind) => numberField(`weights.${kind}`, t(`members.activity.${kind}`), null)),
        ),
      ),
      part(
        'engagement-time',
        t('settings.engagement.time'),
        null,
        numberField('halfLifeDays', t('settings.engagement.halfLifeDays'), t('settings.engagement.halfLifeDaysHint')),
        numberField('windowDays', t('settings.engagement.windowDays'), t('settings.engagement.windowDaysHint')),
      ),
      part(
        'engagement-levels',
        t('settings.engagement.levels'),
        t('settings.engagement.levelsHint', { observer: t('members.engagement.observer') }),
        h(
          'div',
          { class: 'engagement-thresholds' },
          THRESHOLDS.map((level) => numberField(level, t(`members.engagement.${level}`), null)),
        ),
        numberField('graceDays', t('settings.engagement.graceDays'), t('settings.engagement.graceDaysHint')),
      ),
      part(
        'engagement-follow-up',
        t('settings.engagement.followUp'),
        null,
        numberField(
          'losingTouchDays',
          t('settings.engagement.losingTouchDays'),
          t('settings.engagement.losingTouchDaysHint', { level: t('members.engagement.participant') }),
        ),
      ),
      h(
        'div',
        { class: 'engagement-buttons' },
        h('button', { type: 'button', testid: 'engagement-restore', onclick: onRestore }, t('settings.engagement.restore')),
        h('span', { class: 'spacer' }),
        status,
        saveButton,
      ),
    )
  );

  /** @param {string} name */
  function value(name) {
    return fields.get(name)?.input.value ?? '';
  }

  /** @param {string} name @param {string} text */
  function setValue(name, text) {
    const field = fields.get(name);
    if (field) field.input.value = text;
  }

  /** @param {string} name */
  function clearError(name) {
    const field = fields.get(name);
    if (!field) return;
    field.error.hidden = true;
    field.error.textContent = '';
    field.input.removeAttribute('aria-invalid');
  }

  /**
   * Core's refusal in words that say what the field takes.
   * @param {import('../../errors.js').HearthError} error
   * @param {EngagementSettingsInput} typed  what was sent.
   * @param {string} label
   */
  function message(error, typed, label) {
    const field = /** @type {string} */ (error.field);
    if (error.rule === 'required') return t('settings.engagement.error.required');
    if (error.rule !== 'invalid_format') return errorMessage(error, label);
    const { low, high } = rangeOf(field);
    const below = THRESHOLDS.indexOf(/** @type {any} */ (field)) - 1;
    const sent = String(/** @type {any} */ (typed)[field] ?? '').trim();
    // A threshold core refused although it is a whole number in range is out of order.
    if (below >= 0 && /^\d+$/.test(sent) && Number(sent) >= low && Number(sent) <= high) {
      const lower = THRESHOLDS[below];
      return t('settings.engagement.error.order', {
        level: t(`members.engagement.${lower}`),
        score: Number(/** @type {any} */ (typed)[lower]),
      });
    }
    return t('settings.engagement.error.range', { low, high });
  }

  return {
    element,
    saveButton,
    status,
    /** @returns {EngagementSettingsInput} */
    read: () => ({
      weights: ACTIVITY_KINDS.map((kind) => ({ kind, weight: value(`weights.${kind}`) })),
      halfLifeDays: value('halfLifeDays'),
      windowDays: value('windowDays'),
      participant: value('participant'),
      contributor: value('contributor'),
      advocate: value('advocate'),
      graceDays: value('graceDays'),
      losingTouchDays: value('losingTouchDays'),
    }),
    /** @param {EngagementSettingsInput} typed */
    fill(typed) {
      for (const { kind, weight } of typed.weights) setValue(`weights.${kind}`, weight);
      for (const name of [...THRESHOLDS, ...Object.keys(DAYS)]) setValue(name, /** @type {any} */ (typed)[name]);
    },
    clearError,
    clearAllErrors: () => [...fields.keys()].forEach(clearError),
    /**
     * Puts core's error under the field it names, and takes the focus there.
     * @param {import('../../errors.js').HearthError} error
     * @param {EngagementSettingsInput} typed
     * @returns {boolean} false when no field matches.
     */
    showError(error, typed) {
      const field = error.field ? fields.get(error.field) : undefined;
      if (!field || !error.rule) return false;
      const weight = error.field?.startsWith('weights.') ? typed.weights.find((w) => `weights.${w.kind}` === error.field)?.weight : undefined;
      const sent = weight === undefined ? typed : { ...typed, [/** @type {string} */ (error.field)]: weight };
      field.error.textContent = message(error, sent, field.label);
      field.error.hidden = false;
      field.input.setAttribute('aria-invalid', 'true');
      field.input.focus();
      return true;
    },
  };
}
