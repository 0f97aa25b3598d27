/**
 * One member's page: who they are (the profile), what they have done (the activity
 * timeline, where activities and kudos are added), what the community did for them (the
 * impact log, kept only with their consent), and why their engagement is what it is, as
 * core explains it: each counted activity with its weight, its age and what it still
 * counts after the decay, the thresholds of the levels, and the grace period when it is
 * what holds the level up.
 *
 * The page draws core's answers and nothing it works out itself: after every change it asks
 * core again for the member, the timeline, the impact log and the explanation.
 */

import { activityList, activityRemove, engagementExplain, memberGet } from '../../api/members.js';
import { impactList, impactRemove } from '../../api/metrics.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { formatDate, formatNumber } from '../../format.js';
import { ICONS } from '../../components/icons.js';
import { confirmDialog } from '../../components/dialog.js';
import { memberDialog } from './member-dialog.js';
import { activityDialog, kudosDialog } from './activity-dialogs.js';
import { impactDialog } from './impact-dialog.js';

/** @typedef {import('../../api/members.js').Member} Member */
/** @typedef {import('../../api/metrics.js').Impact} Impact */

const BACK_ICON = ['M10 3L5 8l5 5'];
const EDIT_ICON = ['M10.5 2.5l3 3-8 8h-3v-3z', 'M9 4l3 3'];
const KUDOS_ICON = ['M8 13.5S2 10 2 6a3 3 0 0 1 6-1 3 3 0 0 1 6 1c0 4-6 7.5-6 7.5z'];
const REMOVE_ICON = ['M3 4.5h10', 'M6.5 4.5V3h3v1.5', 'M4.5 4.5l.7 9h5.6l.7-9'];

/**
 * What the page asks of the rest of the view.
 * @typedef {object} PageHandlers
 * @property {() => void} back  to the roster.
 * @property {(member: Member) => void} changed  the member was edited (the roster redraws).
 * @property {(member: Member) => HTMLElement[]} [actions]  more buttons for the page's
 *   header (forget, export the member's data), given the member shown.
 */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} memberId
 * @param {PageHandlers} handlers
 */
export function createMemberPage(ctx, memberId, handlers) {
  const { signal } = ctx;
  /** @type {Member|null} */
  let member = null;
  /** @type {import('../../api/members.js').Activity[]} */
  let activities = [];
  /** @type {Impact[]} */
  let impacts = [];
  /** @type {import('../../api/members.js').Explanation|null} */
  let explanation = null;
  const element = h('article', { class: 'member-page', testid: 'member-page', 'aria-labelledby': 'member-page-name' });
  const back = h(
    'button',
    { type: 'button', class: 'flat member-back', testid: 'member-back', 'aria-label': t('members.backLabel'), onclick: handlers.back },
    icon(BACK_ICON),
    h('span', {}, t('members.back')),
  );
  replaceChildren(element, back, h('p', { class: 'loading' }, t('app.loading')));
  element.addEventListener(
    'keydown',
    (event) => {
      // Escape goes back to the roster, as from a page opened from a list.
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        handlers.back();
      }
    },
    { signal },
  );

  async function load() {
    try {
      [member, activities, impacts, explanation] = await Promise.all([
        memberGet(memberId),
        activityList(memberId),
        impactList(memberId),
        engagementExplain(memberId),
      ]);
    } catch (error) {
      if (!signal.aborted) replaceChildren(element, back, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (signal.aborted) return;
    const firstDraw = !element.querySelector('#member-page-name');
    draw();
    // Opened from the roster, the keyboard waited on Back; the name is where reading starts.
    if (firstDraw && document.activeElement === back) /** @type {HTMLElement} */ (element.querySelector('#member-page-name'))?.focus();
  }

  function draw() {
    if (!member) return;
    element.dataset.record = `members:${member.uid}`;
    const focusedTestId = /** @type {HTMLElement|null} */ (document.activeElement?.closest?.('[data-testid]'))?.dataset.testid;
    const subtitle = [member.position, member.company, member.city].filter(Boolean).join(' · ');
    replaceChildren(
      element,
      back,
      h(
        'header',
        { class: 'member-header' },
        h(
          'div',
          { class: 'member-heading' },
          h('h2', { class: 'member-name', id: 'member-page-name', testid: 'member-page-name', tabindex: '-1' }, member.name),
          subtitle && h('p', { class: 'member-subtitle dim' }, subtitle),
        ),
        h(
          'div',
          { class: 'member-actions' },
          // The everyday actions first; the one that cannot be undone (Forget) comes last.
          h('button', { type: 'button', testid: 'member-edit', onclick: edit }, icon(EDIT_ICON), h('span', {}, t('members.edit'))),
          h('button', { type: 'button', testid: 'member-kudos', onclick: giveKudos }, icon(KUDOS_ICON), h('span', {}, t('members.kudos'))),
          handlers.actions?.(member) ?? [],
        ),
      ),
      h(
        'div',
        { class: 'member-columns' },
        // Who they are, what they did and what the community did for them on one side, why
        // their engagement is what it is on the other.
        h(
          'div',
          { class: 'member-side' },
          profileCard(member),
          timelineCard(activities, { add: addActivity, remove: removeActivity }),
          impactCard(impacts, member.consent, { add: recordImpact, remove: removeImpact }),
        ),
        h('div', { class: 'member-side' }, engagementCard(explanation)),
      ),
    );
    const again = focusedTestId && /** @type {HTMLElement|null} */ (element.querySelector(`[data-testid="${focusedTestId}"]`));
    if (again) again.focus();
  }

  async function edit() {
    if (!member) return;
    const saved = await memberDialog({
      communityId: member.communityId,
      member,
      onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }),
    });
    if (!saved || signal.aborted) return;
    if (saved !== member) ctx.app.toast(t('members.saved'));
    member = saved;
    draw();
    handlers.changed(saved);
  }

  /** After a change to the timeline: the member (their engagement), timeline and why, again. */
  async function changed() {
    await load();
    if (member && !signal.aborted) handlers.changed(member);
  }

  async function addActivity() {
    if (!member) return;
    const added = await activityDialog({ member, onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }) });
    if (!added || signal.aborted) return;
    ctx.app.toast(t('members.activities.added'));
    await changed();
  }

  async function giveKudos() {
    if (!member) return;
    const given = await kudosDialog({ member, onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }) });
    if (!given || signal.aborted) return;
    ctx.app.toast(t('members.kudosGiven', { name: member.name }));
    await changed();
  }

  /** @param {import('../../api/members.js').Activity} activity */
  async function removeActivity(activity) {
    const named = { kind: t(`members.activity.${activity.kind}`), date: formatDate(activity.occurredOn, getLanguage()) };
    const sure = await confirmDialog({
      title: t('members.activities.removeTitle'),
      body: t('members.activities.removeBody', named),
      confirmLabel: t('members.activities.remove'),
      destructive: true,
    });
    if (!sure || signal.aborted) return;
    try {
      await activityRemove(activity.id);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      return;
    }
    ctx.app.toast(t('members.activities.removed'));
    await changed();
  }

  async function recordImpact() {
    if (!member) return;
    const recorded = await impactDialog({
      member,
      onError: (error) => {
        // Consent withdrawn since the page was drawn (in another window, or from the
        // command line): say so in the page's own words, and draw the page as it now is.
        if (error.field === 'consent') {
          ctx.app.toast(t('members.impact.consentNeeded'), { kind: 'error' });
          load();
        } else {
          ctx.app.toast(errorMessage(error), { kind: 'error' });
        }
      },
    });
    if (!recorded || signal.aborted) return;
    ctx.app.toast(t('members.impact.recorded'));
    await load();
  }

  /** As an activity is removed from the timeline: asked once, then gone. @param {Impact} record */
  async function removeImpact(record) {
    const named = { kind: t(`metrics.impact.${record.kind}`), date: formatDate(record.occurredOn, getLanguage()) };
    const sure = await confirmDialog({
      title: t('members.impact.removeTitle'),
      body: t('members.impact.removeBody', named),
      confirmLabel: t('members.impact.remove'),
      destructive: true,
    });
    if (!sure || signal.aborted) return;
    const at = impacts.findIndex((shown) => shown.id === record.id);
    const neighbour = impacts[at + 1] ?? impacts[at - 1];
    try {
      await impactRemove(record.id);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      return;
    }
    ctx.app.toast(t('members.impact.removed'));
    await load();
    // The focused button went with its row: hand the focus to the row that took its place,
    // else to Record impact, else (disabled without consent) to the member's name.
    if (signal.aborted || (document.activeElement && document.activeElement !== document.body)) return;
    const next = /** @type {HTMLElement|null} */ (
      (neighbour && element.querySelector(`[data-testid="impact-remove-${neighbour.id}"]`)) ??
        element.querySelector('[data-testid="impact-add"]:not(:disabled)') ??
        element.querySelector('#member-page-name')
    );
    next?.focus();
  }

  load();
  return {
    element,
    /** The member's name, once the page has it, takes the focus: where a reader starts. */
    focus() {
      const name = /** @type {HTMLElement|null} */ (element.querySelector('#member-page-name'));
      (name ?? back).focus();
    },
    /** Opens the edit dialog (Ctrl+N is the roster's; Enter on a row brings the page). */
    edit,
    reload: load,
  };
}

/**
 * The profile: contacts, work, place in the community, notes. Empty fields are left out;
 * a member with nothing but a name says how to add the rest.
 * @param {Member} member
 */
function profileCard(member) {
  const language = getLanguage();
  const rows = [
    ['email', member.email],
    ['phone', member.phone],
    ['telegram', member.telegram && `@${member.telegram}`],
    ['github', member.github],
    ['linkedin', member.linkedin],
    ['otherHandle', member.otherHandle],
    ['company', member.company],
    ['position', member.position],
    ['city', member.city],
    ['level', member.level && t(`members.level.${member.level}`)],
    ['roles', member.roles.length > 0 && member.roles.map((role) => t(`members.role.${role}`)).join(', ')],
    ['tags', member.tags.length > 0 && h('ul', { class: 'member-tags', role: 'list' }, member.tags.map((tag) => h('li', { class: 'chip' }, tag)))],
    ['joinedOn', member.joinedOn && formatDate(member.joinedOn, language)],
    ['leftOn', member.leftOn && formatDate(member.leftOn, language)],
    ['source', member.source],
  ].filter(([, value]) => value);
  return h(
    'section',
    { class: 'member-profile', 'aria-labelledby': 'member-profile-title' },
    h('h3', { class: 'group-title', id: 'member-profile-title' }, t('members.profile')),
    h(
      'dl',
      { class: 'card member-fields', testid: 'member-profile' },
      rows.map(([name, value]) =>
        h('div', { class: 'member-field', 'data-field': name }, h('dt', {}, t(`members.field.${name}`)), h('dd', {}, value)),
      ),
      h(
        'div',
        { class: 'member-field', 'data-field': 'consent' },
        h('dt', {}, t('members.field.consentShort')),
        h('dd', { testid: 'member-consent-shown' }, member.consent ? t('members.consent.yes') : t('members.consent.no')),
      ),
      rows.length === 0 && h('p', { class: 'member-field dim' }, t('members.profile.none')),
    ),
    member.notes && h('p', { class: 'member-notes card', testid: 'member-notes' }, member.notes),
  );
}

/**
 * The member's engagement and why: the level and score, the grace period when it holds the
 * level up, and a table of every activity that counts with its weight, age and what it
 * still counts after the decay, then the model's numbers (half-life, window, thresholds).
 * @param {import('../../api/members.js').Explanation|null} why
 */
function engagementCard(why) {
  if (!why) return null;
  const language = getLanguage();
  // Scores are never below zero; a rounding's -0 must not show as "-0".
  const number = (value, digits = 1) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(Math.max(0, value));
  const level = (value) => t(`members.engagement.${value}`);
  return h(
    'section',
    { class: 'member-engagement', testid: 'member-engagement', 'aria-labelledby': 'member-engagement-title' },
    h('h3', { class: 'group-title', id: 'member-engagement-title' }, t('members.engagement.title')),
    h(
      'div',
      { class: 'card member-engagement-card' },
      h(
        'p',
        { class: 'member-engagement-summary' },
        h('span', { class: `members-engagement is-${why.level}`, testid: 'member-engagement-level' }, level(why.level)),
        h('span', { class: 'member-score', testid: 'member-engagement-score' }, t('members.engagement.score', { score: number(why.score) })),
      ),
      why.grace &&
        h(
          'p',
          { class: 'member-grace', testid: 'member-engagement-grace' },
          t('members.explain.held', { scoreLevel: level(why.scoreLevel), level: level(why.grace.level), days: why.graceDays }),
          ' ',
          t('members.explain.heldUntil', { date: formatDate(why.grace.until, language) }),
        ),
      h('h4', { class: 'member-why-title' }, t('members.engagement.why')),
      why.counted.length === 0
        ? h('p', { class: 'dim', testid: 'member-why-empty' }, t('members.engagement.nothing'))
        : h(
            'table',
            { class: 'member-why', testid: 'member-why' },
            h('caption', { class: 'visually-hidden' }, t('members.engagement.why')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('members.explain.activity')),
                h('th', { scope: 'col', class: 'num' }, t('members.explain.weight')),
                h('th', { scope: 'col', class: 'num' }, t('members.explain.age')),
                h('th', { scope: 'col', class: 'num' }, t('members.explain.contribution')),
              ),
            ),
            h(
              'tbody',
              {},
              why.counted.map((item) =>
                h(
                  'tr',
                  { testid: 'member-why-row' },
                  h(
                    'th',
                    { scope: 'row' },
                    h('span', { class: 'member-why-kind' }, t(`members.activity.${item.kind}`)),
                    h('span', { class: 'member-why-date dim' }, formatDate(item.occurredOn, language)),
                  ),
                  h('td', { class: 'num' }, formatNumber(item.weight, language)),
                  h('td', { class: 'num' }, t('members.explain.ageDays', { count: item.ageDays })),
                  h('td', { class: 'num' }, number(item.contribution, 2)),
                ),
              ),
            ),
            h(
              'tfoot',
              {},
              h('tr', {}, h('th', { scope: 'row', colspan: 3 }, t('members.explain.total')), h('td', { class: 'num' }, number(why.score, 2))),
            ),
          ),
      why.notCounted > 0 && h('p', { class: 'dim member-why-note' }, t('members.explain.notCounted', { count: why.notCounted })),
      h('p', { class: 'dim member-why-note' }, t('members.explain.formula', { halfLife: why.halfLifeDays, window: why.windowDays })),
      h(
        'p',
        { class: 'dim member-why-note', testid: 'member-thresholds' },
        t('members.explain.thresholds'),
        ': ',
        ['advocate', 'contributor', 'participant']
          .map((value) => t('members.explain.threshold', { level: level(value), score: why.thresholds[value] }))
          .join(' · '),
      ),
    ),
  );
}

/**
 * The timeline, newest first: each activity's kind, day, weight (marked when it has its
 * own), who gave a kudos, the note, and a button that removes it.
 * @param {import('../../api/members.js').Activity[]} activities
 * @param {{add: () => void, remove: (activity: import('../../api/members.js').Activity) => void}} actions
 */
function timelineCard(activities, actions) {
  const language = getLanguage();
  return h(
    'section',
    { class: 'member-timeline', 'aria-labelledby': 'member-timeline-title' },
    h(
      'div',
      { class: 'group-header' },
      h('h3', { class: 'group-title', id: 'member-timeline-title' }, t('members.activities.title')),
      h('button', { type: 'button', class: 'small', testid: 'activity-add', onclick: actions.add }, icon(ICONS.add), h('span', {}, t('members.activities.add'))),
    ),
    activities.length === 0
      ? h('p', { class: 'card empty-row', testid: 'member-activities-empty' }, t('members.activities.empty'))
      : h(
          'ol',
          { class: 'card member-activities', testid: 'member-activities' },
          activities.map((activity) => {
            const kind = t(`members.activity.${activity.kind}`);
            const date = formatDate(activity.occurredOn, language);
            const from = activity.kind === 'kudos' && activity.fromMemberName ? t('members.activities.from', { name: activity.fromMemberName }) : null;
            return h(
              'li',
              { class: 'row member-activity', testid: 'member-activity', 'data-kind': activity.kind },
              h(
                'div',
                { class: 'row-text' },
                h(
                  'span',
                  { class: 'member-activity-head' },
                  h('span', { class: 'row-label', testid: 'member-activity-kind' }, kind),
                  h('span', { class: 'dim' }, date),
                  h(
                    'span',
                    { class: `chip member-activity-weight${activity.weightOverridden ? ' is-own' : ''}` },
                    t('members.activities.weight', { count: activity.weight }),
                  ),
                ),
                from && h('span', { class: 'dim' }, from),
                activity.note && h('span', { class: 'member-activity-note' }, activity.note),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'flat circular',
                  testid: 'member-activity-remove',
                  title: t('members.activities.remove'),
                  'aria-label': t('members.activities.removeLabel', { kind, date }),
                  onclick: () => actions.remove(activity),
                },
                icon(REMOVE_ICON),
              ),
            );
          }),
        ),
  );
}

/**
 * The impact log, newest first: each record's kind, day and note, and a button that removes
 * it. Impact is about a person's working life, so it is recorded only with their consent:
 * without it the card says so and the add button is disabled, while records made before the
 * consent was withdrawn stay listed (and can be removed).
 * @param {Impact[]} records
 * @param {boolean} consent
 * @param {{add: () => void, remove: (record: Impact) => void}} actions
 */
function impactCard(records, consent, actions) {
  const language = getLanguage();
  return h(
    'section',
    { class: 'member-impact', testid: 'member-impact', 'aria-labelledby': 'member-impact-title' },
    h(
      'div',
      { class: 'group-header' },
      h('h3', { class: 'group-title', id: 'member-impact-title' }, t('members.impact.title')),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          testid: 'impact-add',
          disabled: !consent,
          'aria-describedby': consent ? null : 'member-impact-consent',
          onclick: actions.add,
        },
        icon(ICONS.add),
        h('span', {}, t('members.impact.add')),
      ),
    ),
    !consent &&
      h(
        'p',
        { class: 'dim member-impact-consent', id: 'member-impact-consent', testid: 'member-impact-consent' },
        t('members.impact.noConsent'),
      ),
    records.length === 0
      ? h('p', { class: 'card empty-row', testid: 'member-impact-empty' }, t('members.impact.empty'))
      : h(
          'ol',
          { class: 'card member-impact-records', testid: 'member-impact-records' },
          records.map((record) => {
            const kind = t(`metrics.impact.${record.kind}`);
            const date = formatDate(record.occurredOn, language);
            return h(
              'li',
              { class: 'row member-impact-record', testid: 'member-impact-record', 'data-kind': record.kind },
              h(
                'div',
                { class: 'row-text' },
                h(
                  'span',
                  { class: 'member-activity-head' },
                  h('span', { class: 'row-label', testid: 'member-impact-kind' }, kind),
                  h('span', { class: 'dim' }, date),
                ),
                record.note && h('span', { class: 'member-activity-note', testid: 'member-impact-note' }, record.note),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'flat circular',
                  testid: `impact-remove-${record.id}`,
                  title: t('members.impact.remove'),
                  'aria-label': t('members.impact.removeLabel', { kind, date }),
                  onclick: () => actions.remove(record),
                },
                icon(REMOVE_ICON),
              ),
            );
          }),
        ),
  );
}
