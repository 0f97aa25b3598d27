/**
 * Above the roster, the two lists an organizer acts on: who contributed most this month (to
 * thank them) and who was engaged and has gone quiet (to get in touch before they drift
 * away). Both come from core (engagement_top, engagement_losing_touch); a name opens the
 * member's page. The panel folds away, and remembers it, so a small window keeps its rows.
 */

import { engagementLosingTouch, engagementTop } from '../../api/members.js';
import { h, replaceChildren } from '../../dom.js';
import { getLanguage, t } from '../../i18n/index.js';
import { formatDate } from '../../format.js';

/** How many names each list shows: fewer in a shorter window, where the roster needs the room. */
const shown = () => (window.innerHeight >= 860 ? 5 : 3);

/** Whether the panel is open: for the window's lifetime, first open where there is room. */
let open = null;

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {{open: (id: number) => void}} handlers
 */
export function createInsights(ctx, handlers) {
  const communityId = ctx.community.id;
  const top = h('div', { class: 'members-insight-list', testid: 'members-top' });
  const losing = h('div', { class: 'members-insight-list', testid: 'members-losing' });
  const element = h(
    'details',
    {
      class: 'members-insights',
      testid: 'members-insights',
      open: open ?? window.innerHeight >= 700,
    },
    h(
      'summary',
      {
        class: 'members-insights-summary',
        testid: 'members-insights-toggle',
        // The person's choice, not the first drawing's: a click (or Enter, Space) before it toggles.
        onclick: () => {
          open = !element.open;
        },
      },
      t('members.insights.summary'),
    ),
    h(
      'div',
      { class: 'members-insights-body' },
      h('section', { class: 'card members-insight', 'aria-labelledby': 'members-top-title' }, h('h2', { class: 'members-insight-title', id: 'members-top-title' }, t('members.top.title')), top),
      h('section', { class: 'card members-insight', 'aria-labelledby': 'members-losing-title' }, h('h2', { class: 'members-insight-title', id: 'members-losing-title' }, t('members.losing.title')), losing),
    ),
  );

  // Until the person folds or opens it, the panel follows the window: open where there is
  // room, folded when the window is made short.
  window.addEventListener(
    'resize',
    () => {
      if (open === null) element.open = window.innerHeight >= 700;
    },
    { signal: ctx.signal },
  );

  /**
   * @param {number} id
   * @param {string} name
   * @param {string} detail
   * @param {string} testid
   */
  const entry = (id, name, detail, testid) =>
    h(
      'li',
      { class: 'members-insight-row' },
      h('button', { type: 'button', class: 'members-insight-name', testid, onclick: () => handlers.open(id) }, name),
      h('span', { class: 'dim members-insight-detail' }, detail),
    );

  async function load() {
    let answers;
    try {
      answers = await Promise.all([engagementTop(communityId, null, null, shown()), engagementLosingTouch(communityId, shown())]);
    } catch {
      // The panel helps; the roster works without it. It stays as it was.
      return;
    }
    if (ctx.signal.aborted) return;
    const [best, drifting] = answers;
    const language = getLanguage();
    replaceChildren(
      top,
      best.rows.length === 0
        ? h('p', { class: 'dim members-insight-empty' }, t('members.top.empty'))
        : h(
            'ol',
            { class: 'members-insight-rows' },
            best.rows.map((row) =>
              entry(row.memberId, row.name, t('members.top.weight', { weight: row.points, count: row.points }), 'members-top-name'),
            ),
          ),
    );
    replaceChildren(
      losing,
      drifting.rows.length === 0
        ? h('p', { class: 'dim members-insight-empty' }, t('members.losing.empty'))
        : h(
            'ul',
            { class: 'members-insight-rows' },
            drifting.rows.map((row) =>
              entry(row.memberId, row.name, t('members.losing.since', { date: formatDate(row.lastActivityOn, language) }), 'members-losing-name'),
            ),
          ),
    );
  }

  return {
    element,
    /**
     * Shows the panel with fresh lists, or hides it while the roster is empty.
     * @param {boolean} [visible]
     */
    load(visible = true) {
      element.hidden = !visible;
      return visible ? load() : Promise.resolve();
    },
  };
}
