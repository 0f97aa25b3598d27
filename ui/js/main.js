/**
 * The shell: boots the app, chooses the screen (welcome or the sections of a community),
 * owns the sidebar, the header bar and the window-wide keyboard shortcuts, mounts one
 * section view at a time, and answers when the person asks to close the window.
 */

import { appClose, appCloseAsking, appListensForClose, appQuit, appReady, appStatus, desktopFontInstalled, onCloseRequested, settingsSetLanguage, settingsSetSelectedCommunity, takeFirst, takeFirstScreen } from './api/app.js';
import { communityList } from './api/community.js';
import { backupRestore } from './api/db.js';
import { planSummary } from './api/plan.js';
import { onSharing, sharingConflicts, sharingStatus, syncState } from './api/sharing.js';
import { h, icon, replaceChildren } from './dom.js';
import { detectLanguage, errorMessage, getLanguage, LANGUAGES, setLanguage, t } from './i18n/index.js';
import { formatDateTime, formatNumber, formatTime } from './format.js';
import { attachToastRegion, showToast } from './components/toast.js';
import { closeRequestHandler, saveChangesDialog } from './components/dialog.js';
import { openFormChanges } from './components/form-dialog.js';
import { ICONS } from './components/icons.js';
import * as charterView from './views/community/index.js';

/**
 * What a section view receives.
 * @typedef {object} ViewContext
 * @property {HTMLElement} body  the content area below the header bar.
 * @property {HTMLElement} actions  the right side of the header bar, for the primary action.
 * @property {AbortSignal} signal  aborted when the view is replaced; check it after each await.
 * @property {import('./api/community.js').CommunitySummary} community  the selected community.
 * @property {import('./api/app.js').AppStatus} status
 * @property {AppCallbacks} app
 */

/**
 * What a section view returns.
 * @typedef {object} ViewController
 * @property {() => void} [save]  Ctrl+S.
 * @property {() => void} [dispose]  called before the view is replaced.
 * @property {Promise<void>} [ready]  settles once the view's first data (or why it has none)
 *   is drawn: start-up is measured to that moment.
 * @property {() => void} [refresh]  draws again what another copy changed (team sharing), in
 *   place: a view without it is mounted again, from its first screen.
 */

/**
 * @typedef {object} AppCallbacks
 * @property {(message: string, options?: {kind?: 'info'|'error'}) => void} toast
 * @property {(community: import('./api/community.js').Community) => void} communitySaved
 * @property {(id: number, name: string) => void} communityDeleted
 * @property {(community: import('./api/community.js').Community) => void} communityCreated
 * @property {() => void} cancelCreate
 * @property {(language: import('./contract/types.js').Locale|null) => Promise<void>} changeLanguage
 *   null follows the system's language again.
 * @property {() => LanguageChoice[]} languageChoices  what a language menu offers, the current one selected.
 * @property {() => void} reload
 */

/**
 * One entry of a language menu: following the system (value '') or a language of its own.
 * @typedef {object} LanguageChoice
 * @property {string} value
 * @property {string} label
 * @property {boolean} selected
 */

/**
 * The views, one folder per domain, each loaded the first time it is opened: start-up
 * fetches and parses only the shell and the first screen, however many domains there are.
 * A view module brings its texts and its stylesheet with it.
 *
 * The Charter, the first screen of every start-up, comes with the shell: loaded later, it
 * would let the window be laid out and painted once without it and once again with it.
 */
const VIEWS = Object.freeze({
  welcome: () => import('./views/welcome/index.js'),
  charter: () => charterView,
  plan: () => import('./views/plan/index.js'),
  members: () => import('./views/members/index.js'),
  calendar: () => import('./views/calendar/index.js'),
  metrics: () => import('./views/metrics/index.js'),
  settings: () => import('./views/settings/index.js'),
});

/** Sidebar order is part of the contract. */
const SECTIONS = Object.freeze(['charter', 'plan', 'members', 'calendar', 'metrics', 'settings'].map((id) => ({ id })));

/** View modules that have finished loading, by id, for what must be answered at once (closing). */
const loadedViews = new Map();

/**
 * The module of a view, loaded on first use.
 * @param {keyof typeof VIEWS} id
 */
async function loadView(id) {
  if (!loadedViews.has(id)) loadedViews.set(id, await VIEWS[id]());
  return loadedViews.get(id);
}

const NEW_COMMUNITY = '__new__';

const state = {
  /** @type {import('./api/app.js').AppStatus|null} */
  status: null,
  /** @type {import('./api/community.js').CommunitySummary[]} */
  communities: [],
  /** @type {number|null} */
  communityId: null,
  /** @type {'welcome'|'create'|'shell'} */
  screen: 'welcome',
  section: 'charter',
  recoveryDismissed: false,
};

/** The mounted section view and the means to stop it. */
let current = { /** @type {ViewController} */ controller: {}, aborter: new AbortController() };

const appRoot = document.getElementById('app');
const bannerSlot = document.getElementById('banner');

/** @type {AppCallbacks} */
const app = {
  toast: showToast,
  communitySaved(community) {
    const summary = state.communities.find((item) => item.id === community.id);
    if (summary) Object.assign(summary, { name: community.name, kind: community.kind, updatedAt: community.updatedAt });
    const option = document.querySelector(`[data-testid="community-switcher"] option[value="${community.id}"]`);
    if (option) option.textContent = community.name;
    showSelectedName();
  },
  async communityDeleted(id, name) {
    showToast(t('charter.deleted', { name }));
    await refreshCommunities();
    const next = state.communities[0];
    if (next) {
      selectCommunity(next.id);
      showScreen('shell', 'charter');
    } else {
      state.communityId = null;
      showScreen('welcome');
    }
  },
  async communityCreated(community) {
    await refreshCommunities();
    selectCommunity(community.id);
    showScreen('shell', 'charter');
  },
  cancelCreate() {
    loadedViews.get('welcome')?.resetDraft();
    showScreen('shell');
  },
  async changeLanguage(language) {
    const status = state.status;
    const previous = status?.language ?? null;
    if (status) status.language = language;
    applyLanguage(detectLanguage(language, navigator.language));
    render();
    try {
      await settingsSetLanguage(language);
    } catch (error) {
      if (status) status.language = previous;
      applyLanguage(detectLanguage(previous, navigator.language));
      render();
      showToast(errorMessage(error), { kind: 'error' });
    }
  },
  languageChoices() {
    const chosen = state.status?.language ?? '';
    const system = detectLanguage(null, navigator.language);
    return [
      // Named in the system's own language, as each language is named in its own.
      { value: '', label: t('language.system', { language: t(`language.${system}`) }) },
      ...LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) })),
    ].map((choice) => ({ ...choice, selected: choice.value === chosen }));
  },
  reload() {
    location.reload();
  },
};

// ---------------------------------------------------------------------------------------
// Boot

async function boot() {
  // Before anything is laid out: each font size asks for the desktop's font first otherwise.
  document.documentElement.classList.toggle('without-desktop-font', !desktopFontInstalled());
  attachToastRegion(document.getElementById('toast'));
  prepareCloseAnswer();
  applyLanguage(detectLanguage(null, navigator.language));
  document.addEventListener('keydown', onShortcut);
  document.addEventListener('hearth:plan-changed', (event) => refreshPlanBadge(/** @type {CustomEvent} */ (event).detail?.overdue));
  replaceChildren(appRoot, h('p', { class: 'boot-message' }, t('app.loading')));
  try {
    const embedded = takeFirstScreen();
    [state.status, state.communities] = embedded
      ? [embedded.status, embedded.communities]
      : await Promise.all([appStatus(), communityList()]);
    applyLanguage(detectLanguage(state.status.language, navigator.language));
  } catch (error) {
    showBootFailure(error);
    listenForClose();
    return;
  }
  appRoot.removeAttribute('aria-busy');
  if (state.communities.length === 0) {
    await showScreen('welcome');
  } else {
    selectCommunity(rememberedCommunityId() ?? state.communities[0].id);
    await showScreen('shell', 'charter');
  }
  await current.controller.ready;
  // After the next paint, so the moment measured is the one a person sees.
  requestAnimationFrame(() =>
    setTimeout(() => {
      appReady().catch(() => {});
      listenToTheShell();
      booted = true;
      refreshConflictMarks();
    }, 0),
  );
}

/**
 * Hears the shell's close requests and sync news, from the first screen on: each listener
 * is a round trip, and one before the first paint holds it back. A close request made
 * meanwhile waits in the shell until the page says it listens (commands/window.rs); what
 * sync said meanwhile is asked for once the listener is in place. Nothing said is missed.
 */
function listenToTheShell() {
  listenForClose();
  onSharing(onSyncChange)
    .catch(() => {})
    .then(() => {
      document.dispatchEvent(new CustomEvent('hearth:sharing', { detail: { kind: 'listening', communityId: null } }));
      refreshSyncIndicator();
    });
}

function showBootFailure(error) {
  appRoot.removeAttribute('aria-busy');
  replaceChildren(
    appRoot,
    h(
      'main',
      { class: 'boot-failure', role: 'alert' },
      h('h1', {}, t('app.bootFailed')),
      h('p', {}, errorMessage(error)),
      h('button', { type: 'button', class: 'suggested', onclick: () => location.reload() }, t('app.retry')),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Language, community selection

function applyLanguage(language) {
  document.documentElement.lang = setLanguage(language);
}

async function refreshCommunities() {
  try {
    state.communities = await communityList();
  } catch (error) {
    showToast(errorMessage(error), { kind: 'error' });
  }
}

/** The community opened last (kept in the database, so each data folder has its own). */
function rememberedCommunityId() {
  const stored = state.status?.selectedCommunity ?? null;
  return state.communities.some((community) => community.id === stored) ? stored : null;
}

function selectCommunity(id) {
  const changed = state.communityId !== id;
  state.communityId = id;
  if (changed && state.screen === 'shell') refreshSyncIndicator();
  if (!state.status || state.status.selectedCommunity === id) return;
  state.status.selectedCommunity = id;
  // Not remembering the choice is harmless: the next start opens the first community.
  settingsSetSelectedCommunity(id).catch(() => {});
}

function currentCommunity() {
  return state.communities.find((community) => community.id === state.communityId) ?? null;
}

// ---------------------------------------------------------------------------------------
// Rendering

/**
 * @param {'welcome'|'create'|'shell'} screen
 * @param {string} [section]
 * @returns {Promise<void>} once the screen is drawn (a view's data may still be coming)
 */
function showScreen(screen, section) {
  state.screen = screen === 'shell' && !currentCommunity() ? 'welcome' : screen;
  if (section) state.section = section;
  return render();
}

/**
 * Draws the whole window for the current state, keeping keyboard focus where it was once
 * the view is in (a view not opened before first loads its module).
 */
let renders = 0;

async function render() {
  const focusedTestId = /** @type {HTMLElement|null|undefined} */ (document.activeElement?.closest?.('[data-testid]'))?.dataset.testid;
  unmountSection();
  renderRecoveryBanner();
  const thisRender = ++renders;
  if (state.screen === 'shell') {
    await renderShell();
  } else {
    replaceChildren(appRoot);
    await mountWelcome(state.screen === 'create' ? 'create' : 'first-run');
  }
  // A newer render owns the focus now.
  if (thisRender !== renders) return;
  const stillThere = focusedTestId && /** @type {HTMLElement|null} */ (document.querySelector(`[data-testid="${focusedTestId}"]`));
  if (stillThere) stillThere.focus();
  else if (state.screen === 'shell') document.getElementById('section-title')?.focus();
}

function renderShell() {
  const title = h('h1', { class: 'headerbar-title', id: 'section-title', testid: 'section-title', tabindex: '-1' });
  const actions = h('div', { class: 'headerbar-actions' });
  const body = h('div', { class: 'page' });
  replaceChildren(
    appRoot,
    h(
      'div',
      { class: 'shell', testid: 'app-shell' },
      renderSidebar(),
      h(
        'main',
        { class: 'content', 'aria-labelledby': 'section-title' },
        h('header', { class: 'headerbar' }, title, actions),
        h('div', { class: 'content-banner' }),
        h('div', { class: 'scroller' }, body),
      ),
    ),
  );
  renderSampleBanner();
  refreshPlanBadge();
  // At start-up it waits for the first screen to be shown (boot).
  if (booted) {
    refreshSyncIndicator();
    refreshConflictMarks();
  }
  return mountSection({ title, actions, body });
}

/**
 * Above the content of a sample community: what it is for, and the way to one's own. The
 * sample is for looking around; without this, people start their real work in it.
 */
function renderSampleBanner() {
  const slot = appRoot.querySelector('.content-banner');
  if (!slot) return;
  if (!currentCommunity()?.sample) {
    replaceChildren(slot);
    return;
  }
  replaceChildren(
    slot,
    h(
      'section',
      { class: 'sample-banner', testid: 'sample-banner', 'aria-label': t('sample.label') },
      icon(ICONS.info, 'icon sample-banner-icon'),
      h('p', { class: 'sample-banner-text' }, t('sample.text')),
      h('button', { type: 'button', testid: 'sample-banner-new', onclick: openNewCommunity }, t('sample.new')),
    ),
  );
}

/**
 * The number of overdue tasks next to "Plan", hidden when there are none.
 * @param {number} [known]  the count, when the plan view already has it.
 */
async function refreshPlanBadge(known) {
  const communityId = state.communityId;
  let overdue = known ?? takeFirst('planSummary', communityId)?.overdue;
  if (!Number.isFinite(overdue)) {
    try {
      overdue = (await planSummary(communityId)).overdue ?? 0;
    } catch {
      // A badge is a courtesy; without the count it stays as it was.
      return;
    }
  }
  const badge = /** @type {HTMLElement|null} */ (document.querySelector('[data-testid="nav-plan-badge"]'));
  if (!badge || communityId !== state.communityId) return;
  badge.hidden = !(overdue > 0);
  badge.textContent = overdue > 0 ? formatNumber(overdue, getLanguage()) : '';
  if (overdue > 0) badge.setAttribute('aria-label', t('nav.overdueBadge', { count: overdue }));
  else badge.removeAttribute('aria-label');
}

function renderSidebar() {
  const switcher = h(
    'select',
    // The closed select ends a long name with an ellipsis; its title shows the whole name.
    { id: 'community-switcher', testid: 'community-switcher', title: currentCommunity()?.name, onchange: onSwitcherChange },
    state.communities.map((community) =>
      h('option', { value: String(community.id), selected: community.id === state.communityId }, community.name),
    ),
    h('option', { value: NEW_COMMUNITY }, t('switcher.new')),
  );
  const links = SECTIONS.map(({ id }) =>
    h(
      'li',
      {},
      h(
        'a',
        {
          href: `#${id}`,
          class: 'nav-link',
          testid: `nav-${id}`,
          'data-section': id,
          'aria-current': id === state.section ? 'page' : null,
          onclick: (event) => {
            event.preventDefault();
            goToSection(id);
          },
        },
        icon(ICONS[id]),
        h('span', { class: 'nav-text' }, t(`section.${id}`)),
        id === 'plan' && h('span', { class: 'nav-badge', testid: 'nav-plan-badge', role: 'img', hidden: true }),
      ),
    ),
  );
  return h(
    'aside',
    { class: 'sidebar' },
    h(
      'div',
      { class: 'switcher' },
      h('label', { for: 'community-switcher', class: 'visually-hidden' }, t('switcher.label')),
      switcher,
      // WebKitGTK cuts a closed select's text short without an ellipsis: this shows the name
      // instead, ending with one, over the select's own (transparent) text.
      h('span', { class: 'switcher-name', testid: 'community-switcher-name', 'aria-hidden': 'true' }, currentCommunity()?.name),
    ),
    h('nav', { 'aria-label': t('nav.label'), onkeydown: onNavArrowKeys }, h('ul', { class: 'nav-list', role: 'list' }, links)),
    h(
      'button',
      {
        type: 'button',
        class: 'flat sync-indicator',
        testid: 'sync-indicator',
        hidden: true,
        onclick: () => showSharing(),
      },
      h('span', { class: 'sync-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'sync-text' }),
    ),
    // In sight, not only as the switcher's last option, where few look for an action.
    h(
      'button',
      { type: 'button', class: 'flat sidebar-new', testid: 'sidebar-new-community', onclick: openNewCommunity },
      icon(ICONS.add),
      h('span', {}, t('sidebar.newCommunity')),
    ),
  );
}

/** The switcher's name and tooltip follow the chosen community, whose name may be cut short. */
function showSelectedName() {
  const switcher = /** @type {HTMLSelectElement|null} */ (document.getElementById('community-switcher'));
  const shownName = appRoot.querySelector('.switcher-name');
  const name = currentCommunity()?.name ?? '';
  if (shownName) shownName.textContent = name;
  if (!switcher) return;
  if (name) switcher.title = name;
  else switcher.removeAttribute('title');
}

function onSwitcherChange(event) {
  const value = event.target.value;
  if (value === NEW_COMMUNITY) {
    // Put the select back: "New community…" is an action, not a selection.
    event.target.value = String(state.communityId);
    openNewCommunity();
    return;
  }
  selectCommunity(Number(value));
  showSelectedName();
  renderSampleBanner();
  goToSection(state.section);
  refreshPlanBadge();
}

/** Up/Down/Home/End move between sidebar links, as in a native sidebar list. */
function onNavArrowKeys(event) {
  const links = [...event.currentTarget.querySelectorAll('.nav-link')];
  const index = links.indexOf(document.activeElement);
  if (index === -1) return;
  const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: links.length - 1 }[event.key];
  if (target === undefined) return;
  event.preventDefault();
  links[(target + links.length) % links.length].focus();
}

function goToSection(id) {
  state.section = id;
  for (const link of /** @type {NodeListOf<HTMLElement>} */ (appRoot.querySelectorAll('.nav-link'))) {
    if (link.dataset.section === id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const title = document.getElementById('section-title');
  const actions = appRoot.querySelector('.headerbar-actions');
  const body = appRoot.querySelector('.page');
  unmountSection();
  replaceChildren(actions);
  replaceChildren(body);
  appRoot.querySelector('.scroller').scrollTop = 0;
  mountSection({ title, actions, body });
}

async function mountSection({ title, actions, body }) {
  const section = SECTIONS.find(({ id }) => id === state.section) ?? SECTIONS[0];
  title.textContent = t(`section.${section.id}`);
  const aborter = new AbortController();
  current = { controller: {}, aborter };
  const view = await loadSectionView(/** @type {keyof typeof VIEWS} */ (section.id), body);
  // Another section (or screen) may have been chosen while this one was loading.
  if (!view || aborter.signal.aborted) return;
  const controller = view.mount({
    body,
    actions,
    signal: aborter.signal,
    community: currentCommunity(),
    status: state.status,
    app,
  });
  current.controller = controller ?? {};
}

/**
 * A view's module, or null after showing why it could not load in `body`.
 * @param {keyof typeof VIEWS} id
 * @param {HTMLElement} body
 */
async function loadSectionView(id, body) {
  try {
    return await loadView(id);
  } catch (error) {
    replaceChildren(body, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
    return null;
  }
}

/** @param {'create'|'first-run'} mode */
async function mountWelcome(mode) {
  const aborter = new AbortController();
  current = { controller: {}, aborter };
  const view = await loadSectionView('welcome', appRoot);
  if (view && !aborter.signal.aborted) view.mount({ root: appRoot, mode, app });
}

function unmountSection() {
  current.aborter.abort();
  current.controller.dispose?.();
  current = { controller: {}, aborter: new AbortController() };
}

function openNewCommunity() {
  showScreen('create');
}

// ---------------------------------------------------------------------------------------
// Closing the window

/**
 * Answers one request to close: the shell's (the close button), or Ctrl+W and Ctrl+Q.
 * @type {ReturnType<typeof closeRequestHandler>|null}
 */
let answerCloseRequest = null;

/**
 * Asks before the window closes when something typed is not saved: the open form dialog
 * first (it is in front, and its errors show in it), then every charter with a draft, then
 * the engagement settings. Ready from the start, for Ctrl+W and Ctrl+Q.
 */
function prepareCloseAnswer() {
  answerCloseRequest = closeRequestHandler({
    unsaved: () => [openFormChanges(), ...state.communities.flatMap(charterChange), ...engagementChange()].filter(Boolean),
    ask: saveChangesDialog,
    close: () => appClose().catch((error) => showToast(errorMessage(error), { kind: 'error' })),
    hold: appCloseAsking,
  });
}

/** Hears the shell's close requests (the close button, Alt+F4) and answers them. */
function listenForClose() {
  onCloseRequested(() => answerCloseRequest?.())
    .then(appListensForClose)
    .catch((error) => showToast(errorMessage(error), { kind: 'error' }));
}

/**
 * The unsaved charter of one community, if it has one.
 * @param {import('./api/community.js').CommunitySummary} community
 * @returns {import('./components/dialog.js').UnsavedChange[]}
 */
function charterChange(community) {
  // No charter has a draft before its view was first opened.
  const charterView = loadedViews.get('charter');
  if (!charterView?.unsavedCharters().includes(community.id)) return [];
  return [
    {
      label: t('close.item.charter', { name: community.name }),
      save: () => charterView.saveCharterDraft(community.id, app.communitySaved),
      reveal: () => {
        if (state.screen === 'shell' && state.section === 'charter' && state.communityId === community.id) return;
        selectCommunity(community.id);
        showScreen('shell', 'charter');
      },
    },
  ];
}

/**
 * The engagement settings typed in Settings and not saved, if there are any.
 * @returns {import('./components/dialog.js').UnsavedChange[]}
 */
function engagementChange() {
  const settingsView = loadedViews.get('settings');
  if (!settingsView?.unsavedEngagement()) return [];
  return [
    {
      label: t('settings.engagement.closeItem'),
      save: () => settingsView.saveEngagementDraft(),
      reveal: () => {
        if (state.screen === 'shell' && state.section === 'settings') return;
        showScreen('shell', 'settings');
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Team sharing: the quiet indicator, and drawing again what another copy changed

/** When each shared community's relay was first found gone, for "Offline since 14:05". */
const offlineSince = new Map();
/** Whether the first screen was shown: until then nothing but it asks the shell anything. */
let booted = false;
let syncRefreshTimer = 0;
/** A button of the pointer is down: a drag may be under way, which a redraw would break. */
let pointerHeld = false;
document.addEventListener('pointerdown', () => (pointerHeld = true), true);
for (const type of ['pointerup', 'pointercancel']) document.addEventListener(type, () => (pointerHeld = false), true);
// Released outside the window, the button's release never reaches the page.
window.addEventListener('blur', () => (pointerHeld = false));

/**
 * What the shell's sync said: views that show sharing hear it (`hearth:sharing`), the
 * indicator follows it, and the open section is drawn again when its community changed.
 * @param {{kind: string, communityId: number|null}} change
 */
function onSyncChange(change) {
  document.dispatchEvent(new CustomEvent('hearth:sharing', { detail: change }));
  refreshSyncIndicator();
  if (change.kind !== 'received') return;
  refreshCommunities().then(() => {
    if (state.screen !== 'shell') return;
    showSelectedName();
    if (change.communityId !== state.communityId) return;
    redrawAfterSync();
    refreshConflictMarks();
  });
}

/**
 * Draws the open section again with what sync wrote, where it was scrolled to; while a
 * dialog is open, a field is being typed in or a drag may be under way, it waits, so
 * nothing typed or dragged is lost.
 */
function redrawAfterSync() {
  clearTimeout(syncRefreshTimer);
  const active = document.activeElement;
  const typing = active instanceof HTMLElement && active.matches('input:not([readonly]), textarea, select, [contenteditable="true"]');
  if (document.querySelector('dialog[open]') || typing || pointerHeld) {
    syncRefreshTimer = setTimeout(redrawAfterSync, 1000);
    return;
  }
  if (current.controller.refresh) {
    current.controller.refresh();
    return;
  }
  const scroller = appRoot.querySelector('.scroller');
  const top = scroller?.scrollTop ?? 0;
  goToSection(state.section);
  Promise.resolve(current.controller.ready).then(() => {
    if (scroller) scroller.scrollTop = top;
  });
}

/** Shows how the selected community's sync stands beside the navigation; hidden when it is not shared. */
async function refreshSyncIndicator() {
  const communityId = state.communityId;
  const indicator = /** @type {HTMLElement|null} */ (appRoot.querySelector('[data-testid="sync-indicator"]'));
  if (!indicator || communityId === null || communityId === undefined) return;
  let status;
  try {
    status = await sharingStatus(communityId);
  } catch {
    // An indicator is a courtesy: without the status it stays as it was.
    return;
  }
  if (communityId !== state.communityId || !indicator.isConnected) return;
  indicator.hidden = !status.joinCode;
  if (!status.joinCode) return;
  const key = syncState(status);
  if (key !== 'offline') offlineSince.delete(communityId);
  else if (!offlineSince.has(communityId)) offlineSince.set(communityId, new Date());
  const text =
    key === 'offline' ? t('sync.offline', { time: formatTime(offlineSince.get(communityId), getLanguage()) }) : t(`sync.${key}`);
  indicator.dataset.state = key;
  indicator.title = status.problem ?? '';
  indicator.setAttribute('aria-label', t('sync.label', { state: text }));
  /** @type {HTMLElement} */ (indicator.querySelector('.sync-dot')).className = `sync-dot is-${key}`;
  /** @type {HTMLElement} */ (indicator.querySelector('.sync-text')).textContent = text;
}

/** The module that marks conflicts at their fields, once a conflict was first seen. */
let conflictMarks = null;

/**
 * Marks the fields of the open community that co-organizers set differently while apart
 * (views/sharing/conflict-marks.js); the module loads the first time there is one.
 */
async function refreshConflictMarks() {
  const communityId = state.communityId;
  let conflicts = [];
  if (state.screen === 'shell' && communityId !== null && communityId !== undefined) {
    try {
      conflicts = await sharingConflicts(communityId);
    } catch {
      // Marks are a help: without the list they stay as they were, and the charter lists them.
      return;
    }
  }
  if (communityId !== state.communityId || (conflicts.length === 0 && !conflictMarks)) return;
  conflictMarks ??= await import('./views/sharing/conflict-marks.js');
  await conflictMarks.ready;
  if (communityId !== state.communityId) return;
  conflictMarks.showConflicts(communityId ?? 0, conflicts, { toast: showToast });
}

/** The charter's Co-organizers section, where sharing is managed. */
async function showSharing() {
  if (state.section !== 'charter') await showScreen('shell', 'charter');
  await current.controller.ready;
  const section = /** @type {HTMLElement|null} */ (appRoot.querySelector('[data-testid="sharing"]'));
  section?.scrollIntoView({ block: 'start' });
  /** @type {HTMLElement|null} */ (section?.querySelector('button'))?.focus();
}

// ---------------------------------------------------------------------------------------
// Recovery after a damaged database

function renderRecoveryBanner() {
  const recovery = state.status?.recovery;
  if (!recovery || state.recoveryDismissed) {
    replaceChildren(bannerSlot);
    return;
  }
  const newest = [...(recovery.backups ?? [])].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0];
  const restoreButton =
    newest &&
    h(
      'button',
      { type: 'button', class: 'suggested', testid: 'recovery-restore', onclick: () => restoreNewest(newest, restoreButton) },
      t('recovery.restore'),
    );
  replaceChildren(
    bannerSlot,
    h(
      'section',
      { class: 'banner', testid: 'recovery', 'aria-labelledby': 'recovery-title' },
      icon(ICONS.warning, 'icon banner-icon'),
      h(
        'div',
        { class: 'banner-text' },
        h('h2', { class: 'banner-title', id: 'recovery-title' }, t('recovery.title')),
        h(
          'p',
          {},
          newest ? t('recovery.body', { date: formatDateTime(newest.createdAt, getLanguage()) }) : t('recovery.noBackups'),
        ),
        h('p', { class: 'banner-path' }, t('recovery.kept', { path: recovery.damagedPath })),
      ),
      h(
        'div',
        { class: 'banner-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'flat',
            onclick: () => {
              state.recoveryDismissed = true;
              renderRecoveryBanner();
            },
          },
          t('recovery.dismiss'),
        ),
        restoreButton,
      ),
    ),
  );
}

async function restoreNewest(backup, button) {
  button.disabled = true;
  button.textContent = t('recovery.restoring');
  try {
    await backupRestore(backup.fileName);
  } catch (error) {
    button.disabled = false;
    button.textContent = t('recovery.restore');
    showToast(errorMessage(error), { kind: 'error' });
    return;
  }
  location.reload();
}

// ---------------------------------------------------------------------------------------
// Keyboard

/**
 * Window-wide shortcuts. Keys are matched by their physical position (`code`), so Ctrl+S
 * works on a Russian layout too, where the same key types "ы".
 */
function onShortcut(event) {
  // An open dialog owns the keyboard; it closes itself on Escape.
  if (document.querySelector('dialog[open]')) return;
  const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;

  if (command && event.code === 'KeyS') {
    // Never let the webview's own "save page" through, even where there is nothing to save.
    event.preventDefault();
    if (state.screen === 'shell') current.controller.save?.();
  } else if (command && event.code === 'KeyN' && state.screen === 'shell' && state.section === 'charter') {
    event.preventDefault();
    openNewCommunity();
  } else if (command && (event.code === 'KeyW' || event.code === 'KeyQ')) {
    // Close the window, or quit, as GNOME apps do: asking first about what is not saved.
    event.preventDefault();
    const finish = event.code === 'KeyQ' ? appQuit : appClose;
    answerCloseRequest?.(() => finish().catch((error) => showToast(errorMessage(error), { kind: 'error' })));
  } else if (event.key === 'Escape' && state.screen === 'create' && !event.defaultPrevented) {
    app.cancelCreate();
  }
}

boot();
