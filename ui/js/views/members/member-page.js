/**
 * One member's page: who they are (the profile), what they have done (the activity
 * timeline, where activities and kudos are added), and why their engagement is what it is,
 * as core explains it: each counted activity with its weight, its age and what it still
 * counts after the decay, the thresholds of the levels, and the grace period when it is
 * what holds the level up.
 *
 * The page draws core's answers and nothing it works out itself: after every change it asks
 * core again for the member, the timeline and the explanation.
 */

import { memberGet } from '../../api/members.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { formatDate } from '../../format.js';
import { ICONS } from '../../components/icons.js';
import { memberDialog } from './member-dialog.js';

/** @typedef {import('../../api/members.js').Member} Member */

const BACK_ICON = ['M10 3L5 8l5 5'];
const EDIT_ICON = ['M10.5 2.5l3 3-8 8h-3v-3z', 'M9 4l3 3'];

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
      member = await memberGet(memberId);
    } catch (error) {
      if (!signal.aborted) replaceChildren(element, back, h('p', { class: 'page-error', role: 'alert' }, errorMessage(error)));
      return;
    }
    if (signal.aborted) return;
    draw();
  }

  function draw() {
    if (!member) return;
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
          handlers.actions?.(member) ?? [],
          h('button', { type: 'button', testid: 'member-edit', onclick: edit }, icon(EDIT_ICON), h('span', {}, t('members.edit'))),
        ),
      ),
      h('div', { class: 'member-columns' }, profileCard(member)),
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
