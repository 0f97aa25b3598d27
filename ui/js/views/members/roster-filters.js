/**
 * The roster's filters (level, role, engagement, tag, joined period) behind one Filters
 * button that counts the filters in force, so a folded panel never hides one. A choice
 * changes the roster's query in place and asks the roster to query again; whether the
 * panel is open survives leaving the section, for the lifetime of the window.
 */

import { memberTags } from '../../api/members.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { dateInput } from '../../components/date-input.js';
import { ENGAGEMENT_LEVELS, LEVELS, ROLES } from '../../contract/values.js';

/** Whether the filters' panel was open when the roster was last left. */
let filtersOpen = false;

const FILTER_ICON = ['M2 3.5h12', 'M4.5 8h7', 'M7 12.5h2'];

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {AbortSignal} options.signal
 * @param {import('../../contract/types.js').RosterQuery} options.query  changed in place.
 * @param {() => void} options.onChange  a filter was chosen: the roster queries again.
 * @param {() => void} options.onClear  Clear filters (the search too).
 */
export function createFilters({ communityId, signal, query, onChange, onClear }) {
  const single = (testid, label, anyLabel, values, labelOf, current, set) => {
    const select = h(
      'select',
      {
        id: testid,
        testid,
        onchange: () => {
          set(select.value ? [select.value] : []);
          onChange();
          showActive();
        },
      },
      h('option', { value: '' }, anyLabel),
      values.map((value) => h('option', { value, selected: current.includes(value) }, labelOf(value))),
    );
    return {
      select,
      element: h('div', { class: 'members-filter' }, h('label', { for: testid, class: 'visually-hidden' }, label), select),
    };
  };
  const level = single('members-filter-level', t('members.filter.level'), t('members.filter.levelAny'), LEVELS, (v) => t(`members.level.${v}`), query.levels, (v) => (query.levels = v));
  const role = single('members-filter-role', t('members.filter.role'), t('members.filter.roleAny'), ROLES, (v) => t(`members.role.${v}`), query.roles, (v) => (query.roles = v));
  const engagement = single(
    'members-filter-engagement',
    t('members.filter.engagement'),
    t('members.filter.engagementAny'),
    ENGAGEMENT_LEVELS,
    (v) => t(`members.engagement.${v}`),
    query.engagement,
    (v) => (query.engagement = v),
  );
  const tag = single('members-filter-tag', t('members.filter.tag'), t('members.filter.tagAny'), query.tags, (v) => v, query.tags, (v) => (query.tags = v));
  const date = (testid, label, value, set) => {
    const input = h('input', {
      type: 'date',
      id: testid,
      testid,
      value: value ?? '',
      onchange: () => {
        set(input.value || null);
        onChange();
        showActive();
      },
    });
    // WebKitGTK draws today's date in an empty date field: the wrapper shows it empty.
    const field = dateInput(input, { label });
    return { input, field, element: h('div', { class: 'members-filter members-filter-date' }, h('label', { for: testid }, label), field.element) };
  };
  const from = date('members-filter-joined-from', t('members.filter.joinedFrom'), query.joinedFrom, (v) => (query.joinedFrom = v));
  const to = date('members-filter-joined-to', t('members.filter.joinedTo'), query.joinedTo, (v) => (query.joinedTo = v));
  const clear = h('button', { type: 'button', class: 'small flat', testid: 'members-filter-clear', onclick: onClear }, t('members.filter.clear'));
  const activeCount = () =>
    [query.levels, query.roles, query.engagement, query.tags].filter((list) => list.length > 0).length +
    (query.joinedFrom ? 1 : 0) +
    (query.joinedTo ? 1 : 0);
  const toggleText = h('span', {});
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'members-filters-toggle',
      testid: 'members-filters-toggle',
      'aria-controls': 'members-filters',
      'aria-expanded': 'false',
      onclick: () => show(panel.hidden === true),
    },
    icon(FILTER_ICON),
    toggleText,
  );
  const panel = h(
    'div',
    { class: 'members-filters', id: 'members-filters', role: 'group', 'aria-label': t('members.filtersLabel'), hidden: true },
    level.element,
    role.element,
    engagement.element,
    tag.element,
    from.element,
    to.element,
    clear,
  );

  /** @param {boolean} open */
  function show(open) {
    panel.hidden = !open;
    filtersOpen = open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) level.select.focus();
  }

  /** The toggle says how many filters apply, so a closed panel never hides one. */
  function showActive() {
    const active = activeCount();
    toggleText.textContent = active > 0 ? t('members.filtersActive', { count: active }) : t('members.filtersLabel');
    toggle.classList.toggle('is-active', active > 0);
  }
  showActive();
  if (filtersOpen || activeCount() > 0) {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
  }

  async function refreshTags() {
    let tags = [];
    try {
      tags = await memberTags(communityId);
    } catch {
      return;
    }
    if (signal.aborted) return;
    const chosen = query.tags[0] ?? '';
    replaceChildren(
      tag.select,
      h('option', { value: '' }, t('members.filter.tagAny')),
      tags.map((item) => h('option', { value: item.tag, selected: item.tag === chosen }, t('members.filter.tagOption', { tag: item.tag, count: item.members }))),
      // A chosen tag nobody carries any more stays choosable, so the filter shows as set.
      chosen && !tags.some((item) => item.tag === chosen) && h('option', { value: chosen, selected: true }, chosen),
    );
  }

  return {
    toggle,
    element: panel,
    reset() {
      for (const select of [level.select, role.select, engagement.select, tag.select]) select.value = '';
      from.field.set('');
      to.field.set('');
      showActive();
    },
    refreshTags,
  };
}
