/**
 * The first screen: what Hearth is, and the ways in (create a community from the plan
 * template, open the sample one, or join one a co-organizer shares). The same screen, with a
 * Cancel button, creates further communities later ("New community…" in the switcher).
 */

import './strings.js';
import { communityCreate, demoCreate } from '../../api/community.js';
import { sharingJoin } from '../../api/sharing.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { h, useStylesheet } from '../../dom.js';
import { dateInput } from '../../components/date-input.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { normaliseError } from '../../errors.js';
import { LIMITS } from '../../contract/values.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet('js/views/welcome/welcome.css');

/** Typed but not yet created: survives a language switch, which re-renders the screen. */
const draft = { name: '', template: /** @type {'en'|'ru'|null} */ (null), launchDate: '' };

/** The zone of this computer, which new communities start in; the charter can change it. */
function systemTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * @typedef {object} WelcomeContext
 * @property {HTMLElement} root
 * @property {'first-run'|'create'} mode
 * @property {object} app
 * @property {(community: import('../../api/community.js').Community) => void} app.communityCreated
 * @property {() => void} app.cancelCreate
 * @property {(language: import('../../contract/types.js').Locale|null) => Promise<void>} app.changeLanguage
 * @property {() => import('../../main.js').LanguageChoice[]} app.languageChoices
 * @property {(message: string, options?: object) => void} app.toast
 */

/** @param {WelcomeContext} ctx */
export function mount(ctx) {
  const creating = ctx.mode === 'create';
  // The template follows the interface language until the person picks one.
  const template = draft.template ?? getLanguage();

  const nameInput = h('input', {
    type: 'text',
    id: 'welcome-name',
    testid: 'welcome-name',
    maxlength: LIMITS.community.name,
    autocomplete: 'off',
    placeholder: t('welcome.namePlaceholder'),
    'aria-describedby': 'welcome-name-error',
    value: draft.name,
    oninput: () => {
      draft.name = nameInput.value;
      hideNameError();
    },
  });
  const nameError = h('p', { class: 'field-error', id: 'welcome-name-error', testid: 'welcome-name-error', hidden: true });

  const templateRadio = (language) =>
    h(
      'label',
      { class: 'check', for: `welcome-template-${language}` },
      h('input', {
        type: 'radio',
        name: 'template',
        value: language,
        id: `welcome-template-${language}`,
        testid: `welcome-template-${language}`,
        checked: language === template,
        onchange: () => {
          draft.template = language;
        },
      }),
      h('span', {}, t(`language.${language}`)),
    );

  // Optional: the template's tasks get due dates counted from it (core knows how far each falls).
  const launchInput = h('input', {
    type: 'date',
    id: 'welcome-launch',
    testid: 'welcome-launch',
    'aria-describedby': 'welcome-launch-hint welcome-launch-error',
    value: draft.launchDate,
    oninput: () => {
      draft.launchDate = launchInput.value;
      hideLaunchError();
    },
  });
  const launchError = h('p', { class: 'field-error', id: 'welcome-launch-error', testid: 'welcome-launch-error', hidden: true });

  const createButton = h('button', { type: 'submit', class: 'suggested', testid: 'welcome-create' }, t('welcome.create'));
  const demoButton = h('button', { type: 'button', class: 'wide', testid: 'welcome-demo', onclick: openDemo }, t('welcome.demo'));
  // In the corner, opposite the language: a row more would not fit the default window in
  // Russian, and joining is for the few who were sent a code.
  const joinButton = h(
    'button',
    { type: 'button', class: 'flat welcome-join', testid: 'welcome-join', title: t('welcome.joinHint'), onclick: openJoin },
    t('welcome.join'),
  );

  const form = h(
    'form',
    { class: 'card welcome-form', novalidate: true, onsubmit: create },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'welcome-name' }, t('welcome.nameLabel')),
      nameInput,
      nameError,
    ),
    h(
      'div',
      { class: 'field-pair' },
      h(
        'div',
        { class: 'field', role: 'group', 'aria-labelledby': 'welcome-template-label', 'aria-describedby': 'welcome-template-hint' },
        h('span', { class: 'field-label', id: 'welcome-template-label' }, t('welcome.templateLegend')),
        h('p', { class: 'field-hint', id: 'welcome-template-hint' }, t('welcome.templateHint')),
        h('div', { class: 'checks checks-inline' }, templateRadio('ru'), templateRadio('en')),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'welcome-launch' }, t('welcome.launchLabel')),
        h('p', { class: 'field-hint', id: 'welcome-launch-hint' }, t('welcome.launchHint')),
        dateInput(launchInput, { label: t('welcome.launchLabel') }).element,
        launchError,
      ),
    ),
    h(
      'div',
      { class: 'form-buttons' },
      creating && h('button', { type: 'button', testid: 'welcome-cancel', onclick: () => ctx.app.cancelCreate() }, t('welcome.cancel')),
      createButton,
    ),
  );

  const languageSelect = h(
    'select',
    {
      id: 'welcome-language',
      testid: 'welcome-language',
      // '' follows the system's language, as a first run does until a language is chosen.
      onchange: () => ctx.app.changeLanguage(/** @type {import('../../contract/types.js').Locale} */ (languageSelect.value) || null),
    },
    ctx.app.languageChoices().map(({ value, label, selected }) => h('option', { value, selected }, label)),
  );

  ctx.root.append(
    h(
      'main',
      { class: 'welcome', testid: 'welcome', 'aria-labelledby': 'welcome-title' },
      h(
        'div',
        { class: 'welcome-corner' },
        joinButton,
        !creating &&
          h(
            'div',
            { class: 'welcome-language' },
            h('label', { for: 'welcome-language' }, t('welcome.languageLabel')),
            languageSelect,
          ),
      ),
      h(
        'div',
        { class: 'welcome-column' },
        h('img', { class: 'app-mark', src: 'img/hearth.svg', alt: '', width: 64, height: 64 }),
        h('h1', { id: 'welcome-title', class: 'welcome-title' }, t(creating ? 'welcome.createTitle' : 'welcome.title')),
        creating
          ? h('p', { class: 'welcome-intro' }, t('welcome.createIntro'))
          : [h('p', { class: 'welcome-intro' }, t('welcome.intro')), h('p', { class: 'welcome-intro dim' }, t('welcome.local'))],
        form,
        h('p', { class: 'divider' }, h('span', {}, t('welcome.or'))),
        demoButton,
        h('p', { class: 'welcome-demo-hint dim' }, t('welcome.demoHint')),
      ),
    ),
  );
  nameInput.focus();

  function hideNameError() {
    nameError.hidden = true;
    nameError.textContent = '';
    nameInput.removeAttribute('aria-invalid');
  }

  function hideLaunchError() {
    launchError.hidden = true;
    launchError.textContent = '';
    launchInput.removeAttribute('aria-invalid');
  }

  function setBusy(busy) {
    createButton.disabled = busy;
    demoButton.disabled = busy;
    createButton.textContent = t(busy ? 'welcome.creating' : 'welcome.create');
  }

  async function create(event) {
    event.preventDefault();
    hideNameError();
    hideLaunchError();
    setBusy(true);
    try {
      const locale = /** @type {RadioNodeList} */ (form.elements.namedItem('template')).value || getLanguage();
      const community = await communityCreate({
        name: nameInput.value,
        locale,
        timeZone: systemTimeZone(),
        launchDate: launchInput.value || null,
      });
      resetDraft();
      ctx.app.communityCreated(community);
    } catch (raw) {
      const error = normaliseError(raw);
      setBusy(false);
      if (error.field === 'name' && error.rule) {
        nameError.textContent = errorMessage(error, t('field.name'));
        nameError.hidden = false;
        nameInput.setAttribute('aria-invalid', 'true');
        nameInput.focus();
      } else if (error.field === 'launchDate' && error.rule) {
        launchError.textContent = errorMessage(error, t('welcome.launchLabel'));
        launchError.hidden = false;
        launchInput.setAttribute('aria-invalid', 'true');
        launchInput.focus();
      } else {
        ctx.app.toast(errorMessage(error), { kind: 'error' });
      }
    }
  }

  async function openDemo() {
    setBusy(true);
    try {
      const community = await demoCreate(getLanguage());
      resetDraft();
      ctx.app.communityCreated(community);
    } catch (error) {
      setBusy(false);
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  /** Joining a shared community by the code a co-organizer sent. */
  function openJoin() {
    const { field, showError, clearOnInput, clearAll } = formFields();
    const code = h('input', {
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: t('join.placeholder'),
    });
    const join = h('button', { type: 'submit', class: 'suggested', testid: 'join-submit' }, t('join.join'));
    const dialog = formDialog({
      testid: 'join-dialog',
      wide: true,
      title: t('join.title'),
      body: h('div', { class: 'dialog-fields' }, h('p', { class: 'dialog-body' }, t('join.intro')), field('joinCode', 'join-code', t('join.field.code'), code)),
      buttons: [
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', testid: 'join-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        join,
      ],
      oninput: clearOnInput,
      onsubmit: submit,
    });
    code.focus();

    /** @param {string} message */
    function sayUnderCode(message) {
      const error = /** @type {HTMLElement} */ (dialog.element.querySelector('[data-testid="join-code-error"]'));
      error.textContent = message;
      error.hidden = false;
      code.setAttribute('aria-invalid', 'true');
      code.focus();
    }

    async function submit() {
      clearAll();
      join.disabled = true;
      join.textContent = t('join.joining');
      /** @type {import('../../api/community.js').Community} */
      let community;
      try {
        community = await sharingJoin(code.value);
      } catch (raw) {
        const error = normaliseError(raw);
        join.disabled = false;
        join.textContent = t('join.join');
        if (showError(error)) return;
        // What went wrong with a code that reads well: said under the field too.
        const said = { io: 'join.error.unreachable', not_found: 'join.error.notFound', conflict: 'join.error.here' }[error.code];
        if (said) sayUnderCode(t(said));
        else ctx.app.toast(errorMessage(error), { kind: 'error' });
        return;
      }
      dialog.finish(community);
      resetDraft();
      ctx.app.toast(t('join.joined', { name: community.name }));
      ctx.app.communityCreated(community);
    }
  }

  return {};
}

export function resetDraft() {
  draft.name = '';
  draft.template = null;
  draft.launchDate = '';
}
