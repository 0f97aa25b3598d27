/**
 * The honest state of a section that is not built yet: what it will be for, and that it
 * is not there. No fake buttons, no sample data pretending to be real.
 */

import { h, icon } from '../dom.js';
import { t } from '../i18n/index.js';

/**
 * @param {object} options
 * @param {string[]} options.iconPaths
 * @param {string} options.title
 * @param {string} options.description  what the section will be for.
 * @param {Node} [options.details]  something true to show already (e.g. the plan's task count).
 * @returns {HTMLElement}
 */
export function comingSoon({ iconPaths, title, description, details }) {
  return h(
    'section',
    { class: 'coming-soon', testid: 'coming-soon', 'aria-labelledby': 'coming-soon-title' },
    h('div', { class: 'coming-soon-icon' }, icon(iconPaths)),
    h('h2', { id: 'coming-soon-title', class: 'coming-soon-title' }, title),
    h('p', { class: 'coming-soon-description' }, description),
    h('p', { class: 'coming-soon-note' }, t('coming.notBuilt')),
    details,
  );
}
