/**
 * Settings: the interface language, how engagement is scored, where the data lives, backups
 * and the database check. These are about the app rather than one community (the engagement
 * model scores the members of every community alike), so nothing here depends on the switcher.
 */

import './strings.js';
import { backupList, backupNow, backupRestore, dbCheck } from '../../api/db.js';
import { h, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { formatDateTime, formatFileSize } from '../../format.js';
import { confirmDialog } from '../../components/dialog.js';
import { engagementGroup } from './engagement.js';

// For the question before closing the window (main.js).
export { saveEngagementDraft, unsavedEngagement } from './engagement.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet('js/views/settings/settings.css');

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const engagement = engagementGroup(ctx);
  ctx.body.append(languageGroup(ctx), engagement.element, dataGroup(ctx), backupsGroup(ctx), checkGroup(ctx));
  // Ctrl+S saves the one form here.
  return { save: () => void engagement.save() };
}

/**
 * A titled group; `action` sits at the right of the title, as a group's suffix in GNOME.
 * @param {{id: string, title: string, description?: string, action?: Node}} header
 * @param {...any} content
 */
function group({ id, title, description, action }, ...content) {
  return h(
    'section',
    { class: 'group', 'aria-labelledby': id },
    h(
      'div',
      { class: 'group-header' },
      h(
        'div',
        { class: 'group-heading' },
        h('h2', { class: 'group-title', id }, title),
        description && h('p', { class: 'group-description' }, description),
      ),
      action,
    ),
    content,
  );
}

function languageGroup(ctx) {
  const select = h(
    'select',
    {
      id: 'settings-language',
      testid: 'settings-language',
      // '' is "as in the system": the language is no longer fixed.
      onchange: () => ctx.app.changeLanguage(/** @type {import('../../contract/types.js').Locale} */ (select.value) || null),
    },
    ctx.app.languageChoices().map(({ value, label, selected }) => h('option', { value, selected }, label)),
  );
  return group(
    { id: 'settings-language-title', title: t('settings.language.title') },
    h('div', { class: 'card row' }, h('label', { class: 'row-text', for: 'settings-language' }, t('settings.language.label')), select),
  );
}

function dataGroup(ctx) {
  return group(
    { id: 'settings-data-title', title: t('settings.data.title'), description: t('settings.data.intro') },
    h(
      'div',
      { class: 'card' },
      h(
        'div',
        { class: 'row row-stacked' },
        h('span', { class: 'row-label' }, t('settings.data.folder')),
        h('code', { class: 'path', testid: 'data-dir' }, ctx.status.dataDir),
      ),
      h(
        'div',
        { class: 'row' },
        details(
          { testid: 'data-details', summary: t('settings.data.details') },
          h('p', {}, t('settings.data.schema', { version: ctx.status.schemaVersion })),
        ),
      ),
    ),
  );
}

/**
 * A disclosure for what only a curious or troubled person needs (versions, sizes, checks):
 * closed unless `open`, reached with Tab, opened with Enter or Space.
 * @param {{testid: string, summary: string, label?: string, open?: boolean}} options
 *   `label` names the summary for a screen reader where "Details" alone says too little.
 * @param {...any} content
 */
function details({ testid, summary, label, open = false }, ...content) {
  return h(
    'details',
    { class: 'details', testid, open },
    h('summary', { 'aria-label': label }, summary),
    h('div', { class: 'details-body dim' }, content),
  );
}

/**
 * What a backup holds, as an organizer would describe it: "2 communities: Rust Meetup,
 * Sample · 54 tasks". Names are given while they fit in a glance.
 * @param {import('../../contract/types.js').BackupContents} contents
 */
function holdings({ communities, taskCount }) {
  const count = communities.length;
  const named =
    count === 0
      ? t('settings.backups.noCommunities')
      : count <= NAMED_COMMUNITIES
        ? t('settings.backups.communitiesNamed', { communities: t('settings.backups.communities', { count }), names: communities.join(', ') })
        : t('settings.backups.communities', { count });
  return `${named} · ${t('settings.backups.tasks', { count: taskCount })}`;
}

/** Up to this many communities a backup names them; past it, a count reads better. */
const NAMED_COMMUNITIES = 3;

function backupsGroup(ctx) {
  const language = getLanguage();
  // The list is always on screen; with no backups it holds one row that says so.
  const list = h('ul', { class: 'card backup-list', testid: 'backup-list' }, noteRow(t('settings.backups.loading')));
  const backupButton = h('button', { type: 'button', testid: 'backup-now', onclick: backUpNow }, t('settings.backups.now'));

  async function refresh() {
    let backups;
    try {
      backups = await backupList();
    } catch (error) {
      if (!ctx.signal.aborted) show([], errorMessage(error));
      return;
    }
    if (!ctx.signal.aborted) show(backups);
  }

  function show(backups, problem) {
    const newestFirst = [...backups].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    if (problem) replaceChildren(list, noteRow(problem, true));
    else if (newestFirst.length === 0) replaceChildren(list, noteRow(t('settings.backups.empty')));
    else replaceChildren(list, newestFirst.map(backupRow));
  }

  function noteRow(text, isError = false) {
    return h('li', { class: `row empty-row${isError ? ' is-error' : ''}` }, text);
  }

  /** @param {import('../../contract/types.js').BackupInfo} backup */
  function backupRow(backup) {
    const when = formatDateTime(backup.createdAt, language, { seconds: true });
    return h(
      'li',
      { class: 'row backup-row', testid: 'backup-row', 'data-file-name': backup.fileName },
      h(
        'div',
        { class: 'row-text' },
        h(
          'span',
          { class: 'backup-when' },
          h('span', { class: 'backup-date' }, when),
          backup.beforeRestore
            ? h('span', { class: 'backup-kind', testid: 'backup-before-restore' }, t('settings.backups.beforeRestore'))
            : null,
        ),
        backup.contents
          ? h('span', { class: 'backup-contents', testid: 'backup-contents' }, holdings(backup.contents))
          : h('span', { class: 'backup-contents is-error', testid: 'backup-contents' }, t('settings.backups.unreadable')),
        details(
          { testid: 'backup-details', summary: t('settings.backups.details'), label: t('settings.backups.detailsLabel', { date: when }) },
          h('p', {}, t('settings.backups.size', { size: formatFileSize(backup.sizeBytes, language) })),
          h('p', {}, t('settings.backups.file'), ' ', h('code', { class: 'path' }, backup.fileName)),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          testid: 'backup-restore',
          'aria-label': t('settings.backups.restoreLabel', { date: when }),
          onclick: (event) => restore(backup, when, event.currentTarget),
        },
        t('settings.backups.restore'),
      ),
    );
  }

  async function backUpNow() {
    backupButton.disabled = true;
    backupButton.textContent = t('settings.backups.working');
    try {
      await backupNow();
      ctx.app.toast(t('settings.backups.created'));
      await refresh();
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    } finally {
      backupButton.disabled = false;
      backupButton.textContent = t('settings.backups.now');
    }
  }

  async function restore(backup, when, button) {
    const confirmed = await confirmDialog({
      title: t('settings.backups.restoreTitle', { date: when }),
      body: t('settings.backups.restoreBody', { date: when }),
      confirmLabel: t('settings.backups.restoreConfirm'),
      destructive: true,
    });
    if (!confirmed) return;
    button.disabled = true;
    button.textContent = t('settings.backups.restoring');
    try {
      await backupRestore(backup.fileName);
    } catch (error) {
      button.disabled = false;
      button.textContent = t('settings.backups.restore');
      ctx.app.toast(errorMessage(error), { kind: 'error' });
      return;
    }
    // Every list on screen now describes the old database: start over.
    ctx.app.reload();
  }

  refresh();
  return group(
    {
      id: 'settings-backups-title',
      title: t('settings.backups.title'),
      description: t('settings.backups.intro'),
      action: backupButton,
    },
    list,
  );
}

function checkGroup(ctx) {
  const result = h('div', { class: 'check-result', testid: 'check-result', 'aria-live': 'polite', hidden: true });
  const button = h('button', { type: 'button', testid: 'check-now', onclick: runCheck }, t('settings.check.run'));

  async function runCheck() {
    button.disabled = true;
    button.textContent = t('settings.check.running');
    result.hidden = true;
    try {
      const report = await dbCheck();
      if (ctx.signal.aborted) return;
      showReport(report);
    } catch (error) {
      if (ctx.signal.aborted) return;
      result.className = 'check-result is-error';
      replaceChildren(result, h('p', {}, errorMessage(error)));
    } finally {
      button.disabled = false;
      button.textContent = t('settings.check.run');
      result.hidden = false;
    }
  }

  /** @param {import('../../api/db.js').CheckReport} report */
  function showReport(report) {
    const integrity = (report.integrityCheck ?? []).join('; ') || 'ok';
    result.className = `check-result ${report.ok ? 'is-ok' : 'is-error'}`;
    replaceChildren(
      result,
      h('p', { class: 'check-verdict' }, t(report.ok ? 'settings.check.ok' : 'settings.check.problems')),
      // What was checked is there for whoever asks; open when something is wrong.
      details(
        { testid: 'check-details', summary: t('settings.check.details'), open: !report.ok },
        h(
          'ul',
          { class: 'check-details' },
          h('li', {}, t('settings.check.schema', { version: report.schemaVersion, expected: report.expectedSchemaVersion })),
          h('li', {}, t('settings.check.quick', { result: report.quickCheck })),
          h('li', {}, t('settings.check.integrity', { result: integrity })),
          h('li', {}, t('settings.check.foreignKeys', { count: report.foreignKeyViolations })),
          h('li', {}, t(report.schemaMatches ? 'settings.check.structureOk' : 'settings.check.structureDiffers')),
        ),
      ),
    );
  }

  return group(
    {
      id: 'settings-check-title',
      title: t('settings.check.title'),
      description: t('settings.check.intro'),
      action: button,
    },
    result,
  );
}
