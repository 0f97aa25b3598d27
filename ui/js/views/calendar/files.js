/**
 * Calendar files in and out. Import: the system's file dialog, then a preview of what the
 * file makes (or every problem with its line) before anything is written, then all of it or
 * nothing. Export: the system's save dialog, then the community's events as one .ics file.
 */

import {
  eventExport,
  eventExportChooseFile,
  eventImportChooseFile,
  eventImportCommit,
  eventImportPreview,
} from '../../api/events.js';
import { formDialog } from '../../components/form-dialog.js';
import { h } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';

/** @typedef {import('../../contract/types.js').IcsImport} IcsImport */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} communityId
 * @param {() => void} imported  the calendar fetches its range again.
 */
export async function importCalendar(ctx, communityId, imported) {
  try {
    const path = await eventImportChooseFile();
    if (!path || ctx.signal.aborted) return;
    const preview = await eventImportPreview(communityId, path);
    if (ctx.signal.aborted) return;
    previewDialog(ctx, communityId, path, preview, imported);
  } catch (error) {
    ctx.app.toast(errorMessage(error), { kind: 'error' });
  }
}

/**
 * What the file makes, or what stops it.
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} communityId
 * @param {string} path
 * @param {IcsImport} preview
 * @param {() => void} imported
 */
function previewDialog(ctx, communityId, path, preview, imported) {
  const name = path.split(/[\\/]/).pop() ?? path;
  const clean = preview.problemCount === 0;
  const body = clean
    ? h(
        'div',
        { class: 'ics-preview', testid: 'ics-preview' },
        h('p', {}, t('calendar.import.file', { name })),
        h(
          'ul',
          { class: 'ics-counts' },
          h('li', { testid: 'ics-events' }, t('calendar.import.events', { count: preview.events })),
          h('li', { testid: 'ics-series' }, t('calendar.import.series', { count: preview.series, occurrences: preview.occurrences })),
          preview.changedOccurrences + preview.cancelledOccurrences > 0
            ? h('li', {}, t('calendar.import.changed', { count: preview.changedOccurrences, cancelled: preview.cancelledOccurrences }))
            : null,
          h('li', { testid: 'ics-new' }, t('calendar.import.newAndUpdated', { count: preview.added, updated: preview.updated })),
          preview.venuesAdded > 0 ? h('li', {}, t('calendar.import.venues', { count: preview.venuesAdded })) : null,
          preview.ignored > 0 ? h('li', { class: 'dim' }, t('calendar.import.ignored', { count: preview.ignored })) : null,
        ),
      )
    : h(
        'div',
        { class: 'ics-preview', testid: 'ics-problems' },
        h('p', { role: 'alert' }, t('calendar.import.problems', { name, count: preview.problemCount })),
        h(
          'ul',
          { class: 'ics-problem-list' },
          preview.problems.map((problem) =>
            h(
              'li',
              { testid: 'ics-problem' },
              problem.line != null ? h('strong', {}, t('calendar.import.line', { line: problem.line }), ' ') : null,
              problemText(problem),
            ),
          ),
        ),
        preview.problemCount > preview.problems.length
          ? h('p', { class: 'dim' }, t('calendar.import.more', { count: preview.problemCount - preview.problems.length }))
          : null,
        h('p', { class: 'dim' }, t('calendar.import.nothingWritten')),
      );
  const importButton = h('button', { type: 'submit', class: 'suggested', testid: 'ics-import', disabled: !clean }, t('calendar.import.confirm'));
  const dialog = formDialog({
    testid: 'ics-dialog',
    title: t('calendar.import.title'),
    body,
    wide: true,
    buttons: [
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', testid: 'ics-cancel', onclick: () => dialog.finish(null) }, clean ? t('dialog.cancel') : t('calendar.import.close')),
      clean ? importButton : null,
    ],
    onsubmit: async () => {
      if (!clean) return;
      importButton.disabled = true;
      try {
        const report = await eventImportCommit(communityId, path);
        dialog.finish(report);
        ctx.app.toast(t('calendar.import.done', { count: report.events + report.occurrences }));
        imported();
      } catch (error) {
        importButton.disabled = false;
        ctx.app.toast(errorMessage(error), { kind: 'error' });
      }
    },
  });
}

/**
 * A problem in the person's language where the interface has words for its kind; core's
 * English sentence (which names the property and the value) otherwise.
 * @param {import('../../contract/types.js').IcsProblem} problem
 */
function problemText(problem) {
  const key = `calendar.import.problem.${problem.kind}`;
  const text = t(key);
  const detail = problem.message.replace(/^line \d+: /, '');
  return text === key ? detail : `${text} (${detail})`;
}

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} communityId
 * @param {string} communityName
 */
export async function exportCalendar(ctx, communityId, communityName) {
  await exportTo(ctx, communityId, communityName, null);
}

/**
 * One event as an .ics file, for a person to send or to add to another calendar.
 * @param {import('../../main.js').ViewContext} ctx
 * @param {import('../../contract/types.js').Event} event
 */
export async function exportEvent(ctx, event) {
  await exportTo(ctx, event.communityId, event.title, event.id);
}

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} communityId
 * @param {string} name  the file's offered name, without ".ics".
 * @param {number|null} eventId  that event alone.
 */
async function exportTo(ctx, communityId, name, eventId) {
  try {
    const path = await eventExportChooseFile(`${name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'calendar'}.ics`);
    if (!path || ctx.signal.aborted) return;
    const report = await eventExport(communityId, path, eventId);
    ctx.app.toast(t('calendar.export.done', { count: report.entries, path: report.path }));
  } catch (error) {
    ctx.app.toast(errorMessage(error), { kind: 'error' });
  }
}
