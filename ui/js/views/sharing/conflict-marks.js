/**
 * Conflicts marked where their fields are. When two co-organizers set one field differently
 * while apart, every copy shows one of the values until a person chooses (see
 * docs/sharing.md); wherever a view shows that field (the charter, a member's page, a task's
 * or an event's dialog) a mark sits under it with every value and a button to keep each.
 * A record shown only as a row or a card (the roster, the board, the calendar, an event's
 * agenda, roles and checklist) is marked as a whole.
 *
 * Views only say what they show: an element holding a record carries
 * `data-record="<table>:<uid>"` (core's table and the record's uid), and each field in it the
 * `data-field` its form already has (camelCase), with `data-columns` naming core's columns
 * where that name is not theirs (a task's owner, an event's start). The marks follow the
 * page: an observer places them as views draw, connected only while the open community has
 * conflicts, so an unshared community costs nothing. The shell loads this module the first
 * time a shared community has a conflict (main.js), never at start-up.
 */

import { h, useStylesheet } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { sharingSettle } from '../../api/sharing.js';
import { camelCase, conflictValue } from './conflict-values.js';

/** @typedef {import('../../api/sharing.js').SharingConflict} SharingConflict */

/** Settles once the marks' stylesheet applies. */
export const ready = useStylesheet('js/views/sharing/sharing.css');

/** @type {{communityId: number, byRecord: Map<string, SharingConflict[]>}|null} */
let shown = null;
/** @type {(message: string, options?: {kind?: 'info'|'error'}) => void} */
let toast = () => {};
let scheduled = false;
const observer = new MutationObserver(schedule);
/** What it watches: views drawing, and rows a list reuses for other records (the roster). */
const WATCH = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-record'] };

/**
 * Marks `conflicts` of the community on screen, now and as views draw; none removes every mark.
 * @param {number} communityId
 * @param {SharingConflict[]} conflicts
 * @param {{toast: typeof toast}} options
 */
export function showConflicts(communityId, conflicts, options) {
  toast = options.toast;
  shown = { communityId, byRecord: new Map() };
  for (const conflict of conflicts) {
    const key = `${conflict.table}:${conflict.uid}`;
    shown.byRecord.set(key, [...(shown.byRecord.get(key) ?? []), conflict]);
  }
  observer.disconnect();
  place();
  if (conflicts.length > 0) observer.observe(document.body, WATCH);
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    place();
  });
}

/** Brings every mark on the page in line with the conflicts: new ones placed, settled ones gone. */
function place() {
  observer.disconnect();
  for (const mark of document.querySelectorAll('.conflict-mark')) {
    if (!wanted(mark.getAttribute('data-conflict'))) mark.remove();
  }
  for (const record of document.querySelectorAll('.has-conflict')) {
    if (!shown?.byRecord.has(record.getAttribute('data-record') ?? '')) unmarkRecord(record);
  }
  if (!shown || shown.byRecord.size === 0) return;
  for (const record of document.querySelectorAll('[data-record]')) {
    const key = record.getAttribute('data-record') ?? '';
    const conflicts = shown.byRecord.get(key);
    if (!conflicts) continue;
    let unplaced = 0;
    for (const conflict of conflicts) {
      // A field is named as core names its column, camelCased, or lists the column itself.
      const field = record.querySelector(`[data-field="${camelCase(conflict.field)}"], [data-columns~="${conflict.field}"]`);
      if (!field) {
        unplaced++;
        continue;
      }
      const id = conflictId(conflict);
      if (!field.querySelector(`.conflict-mark[data-conflict="${CSS.escape(id)}"]`)) {
        (field.querySelector('dd') ?? field).append(mark(conflict, field));
      }
    }
    // A row or a card shows only some fields: the record is marked as a whole.
    const whole = unplaced > 0 && !record.matches('dialog, form, article');
    if (whole === record.classList.contains('has-conflict')) continue;
    record.classList.toggle('has-conflict', whole);
    if (whole) record.setAttribute('title', t('conflicts.markRecord'));
    else unmarkRecord(record);
  }
  observer.observe(document.body, WATCH);
}

/** @param {Element} record */
function unmarkRecord(record) {
  record.classList.remove('has-conflict');
  if (record.getAttribute('title') === t('conflicts.markRecord')) record.removeAttribute('title');
}

/** @param {SharingConflict} conflict */
function conflictId(conflict) {
  return `${conflict.table}:${conflict.uid}:${conflict.field}`;
}

/** @param {string|null} id */
function wanted(id) {
  if (!shown || !id) return false;
  const [table, uid] = id.split(':');
  return (shown.byRecord.get(`${table}:${uid}`) ?? []).some((conflict) => conflictId(conflict) === id);
}

/**
 * The mark under a field: what happened, and a button per value.
 * @param {SharingConflict} conflict
 * @param {Element} field
 */
function mark(conflict, field) {
  const textId = `conflict-${conflictId(conflict).replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return h(
    'div',
    { class: 'conflict-mark', role: 'group', 'aria-labelledby': textId, testid: 'conflict-mark', 'data-conflict': conflictId(conflict) },
    h('p', { class: 'conflict-mark-text', id: textId }, t('conflicts.mark')),
    h(
      'div',
      { class: 'conflict-mark-values' },
      conflict.values.map((_, index) =>
        h(
          'button',
          {
            type: 'button',
            class: index === 0 ? 'conflict-shown' : null,
            testid: 'conflict-mark-keep',
            title: index === 0 ? t('conflicts.shownNow') : null,
            onclick: (event) => keep(conflict, index, field, /** @type {HTMLButtonElement} */ (event.currentTarget)),
          },
          t('conflicts.keep', { value: conflictValue(conflict, index) }),
        ),
      ),
    ),
  );
}

/**
 * Keeps one value on every copy. The shell hears the community changed and draws the view
 * again (a dialog waits until it is closed); the control under the mark shows the kept
 * value at once, where it is a plain one.
 * @param {SharingConflict} conflict
 * @param {number} choice
 * @param {Element} field
 * @param {HTMLButtonElement} button
 */
async function keep(conflict, choice, field, button) {
  if (!shown) return;
  const communityId = shown.communityId;
  for (const other of button.parentElement?.querySelectorAll('button') ?? []) other.disabled = true;
  let left;
  try {
    left = await sharingSettle(communityId, conflict, choice);
  } catch (error) {
    toast(errorMessage(error), { kind: 'error' });
    for (const other of button.parentElement?.querySelectorAll('button') ?? []) other.disabled = false;
    return;
  }
  showKept(field, conflict, choice);
  if (shown?.communityId === communityId) showConflicts(communityId, left, { toast });
  toast(t('conflicts.kept'));
}

/**
 * @param {Element} field
 * @param {SharingConflict} conflict
 * @param {number} choice
 */
function showKept(field, conflict, choice) {
  const value = conflict.values[choice];
  // A reference (an owner, a venue) or a date reads differently in its control than stored.
  if (conflict.names?.[choice] || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value))) return;
  const control = field.querySelector('input:not([type="checkbox"]):not([type="radio"]), textarea, select');
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)) return;
  const text = value === null ? '' : String(value);
  if (control instanceof HTMLSelectElement && ![...control.options].some((option) => option.value === text)) return;
  if (control instanceof HTMLInputElement && control.type !== 'text') return;
  control.value = text;
}
