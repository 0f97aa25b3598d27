/**
 * Quiet feedback at the bottom of the window, the way GNOME shows toasts, with one optional
 * action (Undo).
 *
 *   showToast(t('plan.created', { title }));
 *   showToast(errorMessage(error), { kind: 'error' });
 *   const toast = showToast(t('plan.deleted', { title }), {
 *     action: { label: t('plan.undo'), run: undo, keyshortcuts: 'Control+Z', testid: 'toast-undo' },
 *   });
 *   toast.close();   // e.g. when the view goes away; does nothing once another toast replaced it
 *
 * A toast never covers what it reports: while one shows, the window's scrolling area (the
 * section's content, or the welcome screen) ends above it, so nothing can scroll under it,
 * and what was in view at the bottom moves up with the area's end, as does the focused
 * element. The toast sits centred under that area, not over the sidebar.
 *
 * The region itself lives in index.html and is never re-rendered: a live region has to
 * exist before its text changes for screen readers to announce it.
 */

import { h, icon } from '../dom.js';
import { ICONS } from './icons.js';
import { t } from '../i18n/index.js';

const TOAST_DURATION_MS = 5000;
/** Long enough to find and press the action. */
const ACTION_DURATION_MS = 8000;
const ERROR_DURATION_MS = 9000;
/** Between the toast and the window's bottom edge, and between the toast and the content. */
const GAP_PX = 12;
/** The scrolling areas a toast may stand under: the shell's content and the welcome screen. */
const SCROLL_AREAS = '.content > .scroller, .welcome';

/**
 * @typedef {object} ToastAction
 * @property {string} label  a verb: "Undo".
 * @property {() => void} run  called once when the action is pressed; the toast closes first.
 * @property {string} [keyshortcuts]  the view's own key for the same thing, announced with
 *   the button (aria-keyshortcuts, e.g. "Control+Z"); the view handles the key itself.
 * @property {string} [testid]  of the action button; "toast-action" by default.
 */

/**
 * @typedef {object} ToastHandle
 * @property {HTMLElement} element
 * @property {() => void} close  closes this toast if it is still the one shown.
 */

/** @type {HTMLElement|null} */
let region = null;
let hideTimer = 0;
/** @type {HTMLElement|null} */
let current = null;
/** The area made shorter for the toast, and by how much. */
let cleared = /** @type {{area: HTMLElement, px: number, shift: number, scrollTop: number}|null} */ (null);
/**
 * While a toast shows: a new screen or section brings a new scrolling area to shorten.
 * @type {MutationObserver|null}
 */
let areaWatch = null;

/**
 * @param {HTMLElement} element  the role=status region.
 */
export function attachToastRegion(element) {
  region = element;
  window.addEventListener('resize', () => current && place());
}

/**
 * Shows one message, replacing the previous one.
 * @param {string} message
 * @param {object} [options]
 * @param {'info'|'error'} [options.kind]  an error is marked and stays longer.
 * @param {ToastAction} [options.action]  one button beside the message.
 * @param {number} [options.timeout]  ms until it goes; the pointer on it or the focus in it
 *   holds it for as long as they stay.
 * @returns {ToastHandle}
 */
export function showToast(message, { kind = 'info', action, timeout } = {}) {
  const duration = timeout ?? (kind === 'error' ? ERROR_DURATION_MS : action ? ACTION_DURATION_MS : TOAST_DURATION_MS);
  const toast = h(
    'div',
    { class: `toast${kind === 'error' ? ' toast-error' : ''}`, testid: 'toast-message' },
    h('span', { class: 'toast-text' }, message),
    action &&
      h(
        'button',
        {
          type: 'button',
          class: 'toast-action',
          testid: action.testid ?? 'toast-action',
          'aria-keyshortcuts': action.keyshortcuts ?? null,
          onclick: () => {
            close();
            action.run();
          },
        },
        action.label,
      ),
    h('button', { type: 'button', class: 'flat circular', 'aria-label': t('toast.close'), onclick: () => close() }, icon(ICONS.close)),
  );
  const close = () => {
    if (current === toast) hideToast();
  };
  if (!region) return { element: toast, close };

  clearTimeout(hideTimer);
  current = toast;
  region.replaceChildren(toast);
  place();
  areaWatch ??= new MutationObserver(() => {
    if (current && document.querySelector(SCROLL_AREAS) !== (cleared?.area ?? null)) place();
  });
  areaWatch.observe(document.body, { childList: true, subtree: true });

  // Held while the person is reading it with the pointer or about to press its button.
  const restart = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(close, duration);
  };
  const hold = () => clearTimeout(hideTimer);
  toast.addEventListener('pointerenter', hold);
  toast.addEventListener('pointerleave', () => !toast.contains(document.activeElement) && restart());
  toast.addEventListener('focusin', hold);
  toast.addEventListener('focusout', (event) => !toast.contains(/** @type {Node|null} */ (event.relatedTarget)) && restart());
  restart();
  return { element: toast, close };
}

/** Hides whatever toast shows, and gives its room back to the content. */
export function hideToast() {
  clearTimeout(hideTimer);
  areaWatch?.disconnect();
  current = null;
  region?.replaceChildren();
  release();
}

// ---------------------------------------------------------------------------------------
// Keeping the content clear of the toast

/**
 * Centres the toast under the scrolling area and ends the area above it.
 */
function place() {
  if (!region || !current) return;
  const area = /** @type {HTMLElement|null} */ (document.querySelector(SCROLL_AREAS));
  if (cleared && cleared.area !== area) release();
  if (!area) {
    region.style.removeProperty('left');
    region.style.removeProperty('max-width');
    return;
  }
  const before = area.getBoundingClientRect();
  const fullBottom = before.bottom + (cleared?.px ?? 0);
  region.style.left = `${before.left + before.width / 2}px`;
  region.style.maxWidth = `min(600px, ${Math.max(0, before.width - 2 * GAP_PX)}px)`;
  const px = clearance({ areaBottom: fullBottom, toastTop: region.getBoundingClientRect().top, gap: GAP_PX });
  if (px === (cleared?.px ?? 0)) return;

  const shift = keepInView({
    viewBottom: before.bottom,
    contentBottom: before.top + area.scrollHeight - area.scrollTop,
    newViewBottom: fullBottom - px,
  });
  area.style.maxHeight = `calc(100% - ${px}px)`;
  area.classList.add('is-above-toast');
  area.scrollTop += shift;
  // Remembered so the page can scroll back when the toast goes, unless the person scrolled.
  cleared = { area, px, shift: (cleared?.shift ?? 0) + shift, scrollTop: area.scrollTop };
  // The element the person is on stays in sight (a row just added and focused).
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && area.contains(focused) && focused !== area) {
    const rect = focused.getBoundingClientRect();
    const visible = area.getBoundingClientRect();
    if (rect.bottom > visible.bottom || rect.top < visible.top) focused.scrollIntoView({ block: 'nearest' });
  }
}

function release() {
  if (!cleared) return;
  const { area, shift, scrollTop } = cleared;
  area.style.removeProperty('max-height');
  area.classList.remove('is-above-toast');
  // What moved up to make room moves back down: a toast leaves the page where it found it.
  if (area.scrollTop === scrollTop) area.scrollTop -= shift;
  cleared = null;
}

/**
 * How far the scrolling area must end above the window's bottom for nothing in it to be
 * under the toast: from the toast's top, less a gap, down to the area's full bottom.
 * @param {{areaBottom: number, toastTop: number, gap: number}} geometry  in the same pixels.
 * @returns {number} whole pixels, 0 when the toast is below the area.
 */
export function clearance({ areaBottom, toastTop, gap }) {
  return Math.max(0, Math.ceil(areaBottom - toastTop + gap));
}

/**
 * How far to scroll when the visible bottom of a scrolling area moves from `viewBottom` up
 * to `newViewBottom`, so that content that was in view there stays in view: as much of the
 * strip as content filled, nothing when the content ended above it (a short page does not
 * move) or when the area grows.
 * @param {{viewBottom: number, contentBottom: number, newViewBottom: number}} edges
 * @returns {number} pixels to add to scrollTop.
 */
export function keepInView({ viewBottom, contentBottom, newViewBottom }) {
  const strip = viewBottom - newViewBottom;
  if (strip <= 0) return 0;
  return Math.min(strip, Math.max(0, Math.min(contentBottom, viewBottom) - newViewBottom));
}
