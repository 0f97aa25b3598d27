/**
 * Quiet feedback at the bottom of the window, the way GNOME shows toasts.
 *
 * The region itself lives in index.html and is never re-rendered: a live region has to
 * exist before its text changes for screen readers to announce it.
 */

import { h, icon } from '../dom.js';
import { ICONS } from './icons.js';
import { t } from '../i18n/index.js';

const TOAST_DURATION_MS = 5000;
const ERROR_DURATION_MS = 9000;

/** @type {HTMLElement|null} */
let region = null;
let hideTimer = 0;

/**
 * @param {HTMLElement} element  the role=status region.
 */
export function attachToastRegion(element) {
  region = element;
}

/**
 * Shows one message, replacing the previous one.
 * @param {string} message
 * @param {{kind?: 'info'|'error'}} [options]  errors stay longer.
 */
export function showToast(message, { kind = 'info' } = {}) {
  if (!region) return;
  clearTimeout(hideTimer);
  const toast = h(
    'div',
    { class: `toast ${kind === 'error' ? 'toast-error' : ''}` },
    h('span', { class: 'toast-text' }, message),
    h('button', { type: 'button', class: 'flat circular', 'aria-label': t('toast.close'), onclick: hideToast }, icon(ICONS.close)),
  );
  region.replaceChildren(toast);
  hideTimer = setTimeout(hideToast, kind === 'error' ? ERROR_DURATION_MS : TOAST_DURATION_MS);
}

export function hideToast() {
  clearTimeout(hideTimer);
  region?.replaceChildren();
}
