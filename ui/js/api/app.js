/**
 * The window and the app as a whole: start-up status, the first screen's data, closing the
 * window, and the interface language (commands/settings.rs and commands/window.rs).
 *
 * @module api/app
 */

import { call, listenTo } from './call.js';

/** @typedef {import('../errors.js').HearthError} HearthError */
/** @typedef {import('../contract/types.js').AppStatus} AppStatus */
/** @typedef {import('../contract/types.js').Community} Community */
/** @typedef {import('../contract/types.js').CommunitySummary} CommunitySummary */
/** @typedef {import('../contract/types.js').PlanSummary} PlanSummary */
/** @typedef {import('../contract/types.js').Platform} Platform */
/** @typedef {import('../contract/types.js').Locale} Locale */
/** @typedef {import('../contract/types.js').SharingStatus} SharingStatus */

/**
 * Where the data lives, which language was chosen, and whether start-up found a damaged database.
 * @returns {Promise<AppStatus>}
 * @throws {HearthError}
 */
export function appStatus() {
  return call('app_status');
}

const FIRST_SCREEN_TAKEN = 'hearth.firstScreenTaken';

/**
 * What the first screen shows of the community it opens, embedded beside the rest.
 * @typedef {object} FirstCommunity
 * @property {Community} charter
 * @property {Platform[]|null} platforms
 * @property {PlanSummary|null} planSummary
 * @property {SharingStatus|null} sharing
 */

/** The parts of FirstCommunity not taken yet, from when takeFirstScreen gives the data out. */
let firstCommunity = /** @type {{communityId: number, parts: Partial<FirstCommunity>}|null} */ (null);

/**
 * The first screen's data, embedded by the shell when it created the window, so start-up
 * draws without waiting for a round trip. Given out on the first load of the window only:
 * any later load (the reload after a restore) must ask the commands for fresh data.
 * @returns {{status: AppStatus, communities: CommunitySummary[], first: FirstCommunity|null}|null}
 */
export function takeFirstScreen() {
  const embedded = globalThis.window?.__HEARTH_FIRST_SCREEN__ ?? null;
  try {
    if (sessionStorage.getItem(FIRST_SCREEN_TAKEN)) return null;
    sessionStorage.setItem(FIRST_SCREEN_TAKEN, '1');
  } catch {
    return null;
  }
  firstCommunity = embedded?.first ? { communityId: embedded.first.charter.id, parts: { ...embedded.first } } : null;
  return embedded;
}

/**
 * One part of what came embedded for the community opened first, given out once, and only
 * until another community is opened: its views draw it with the shell instead of asking.
 * @template {keyof FirstCommunity} K
 * @param {K} part
 * @param {number} communityId
 * @returns {FirstCommunity[K]|null}
 */
export function takeFirst(part, communityId) {
  // Another community opened first: what was embedded is stale from now on.
  if (firstCommunity?.communityId !== communityId) firstCommunity = null;
  if (!firstCommunity) return null;
  const value = /** @type {FirstCommunity[K]|undefined} */ (firstCommunity.parts[part]) ?? null;
  delete firstCommunity.parts[part];
  return value;
}

/**
 * False when the desktop's interface font is not installed (the shell then asks for the
 * fallback directly, see src-tauri/src/desktop_font.rs); true when it is, or outside the app.
 * @returns {boolean}
 */
export function desktopFontInstalled() {
  return globalThis.window?.__HEARTH_DESKTOP_FONT__ !== false;
}

/**
 * Tells the shell that the first data is on screen (start-up is measured by it).
 * @returns {Promise<void>}
 * @throws {HearthError}
 */
export function appReady() {
  return call('app_ready', { pageMs: performance.now() });
}

/**
 * Remembers the interface language, or forgets it (null): the interface follows the system's.
 * @param {Locale|null} language
 * @returns {Promise<null>}
 * @throws {HearthError} `invalid_input` with `field` "language".
 */
export function settingsSetLanguage(language) {
  return call('settings_set_language', { language });
}

/**
 * Remembers the community the person opened: the next start-up draws it first.
 * @param {number} id
 * @returns {Promise<null>}
 * @throws {HearthError} `not_found` when there is no such community.
 */
export function settingsSetSelectedCommunity(id) {
  return call('settings_set_selected_community', { id });
}

// ---------------------------------------------------------------------------------------
// Closing the window

/** The shell's event for a close request of the window (commands/window.rs). */
const CLOSE_REQUESTED_EVENT = 'window-close-requested';

/**
 * Calls `handler` each time the person asks to close the window (its close button, Alt+F4).
 * The shell keeps the window open until {@link appClose}; without any answer it closes the
 * window itself after a few seconds, unless {@link appCloseAsking} said a question is on screen.
 * Requests made before {@link appListensForClose} wait for it.
 * @param {() => void} handler
 * @returns {Promise<void>} once the shell will deliver the requests.
 * @throws {HearthError}
 */
export function onCloseRequested(handler) {
  return listenTo(CLOSE_REQUESTED_EVENT, () => handler());
}

/**
 * Tells the shell that close requests are heard from now on (once {@link onCloseRequested}
 * has resolved): one that came before is handed over then.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appListensForClose() {
  return call('app_listens_for_close');
}

/**
 * Closes the window now, without asking again.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appClose() {
  return call('app_close');
}

/**
 * Ends the app, every window with it, without asking again (Ctrl+Q).
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appQuit() {
  return call('app_quit');
}

/**
 * Tells the shell that the question about unsaved changes is on screen, so it waits for the
 * person instead of closing a window whose page seems not to answer.
 * @returns {Promise<null>}
 * @throws {HearthError}
 */
export function appCloseAsking() {
  return call('app_close_asking');
}
