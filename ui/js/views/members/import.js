/**
 * The import wizard: members from a CSV table or a vCard file, in three steps a person can
 * go back through (the file, which column is which field, a review), then a progress bar
 * that can be cancelled and a report.
 *
 * Core does the work and the checking: it reads the file, detects its encoding, separator
 * and columns, names every problem by row and column, finds duplicates inside the file and
 * against the roster, and writes all of it in one transaction or nothing. The wizard sends
 * what the person chose (the columns, the US-dates switch, what to do with each duplicate)
 * and draws core's answers; nothing is written before the person presses Import, and a
 * file with a problem cannot be imported at all.
 *
 * A file can also be dropped on the window while the Members section is open
 * ({@link listenForFileDrops}): it opens the wizard with that file, or replaces the file of
 * a wizard that is open and not importing.
 */

import './strings.js';
import {
  memberImportCancel,
  memberImportChooseFile,
  memberImportCommit,
  memberImportPreview,
  onFilesDropped,
} from '../../api/members.js';
import { h, icon, replaceChildren } from '../../dom.js';
import { normaliseError } from '../../errors.js';
import { errorMessage, hasKey, t } from '../../i18n/index.js';
import { ICONS } from '../../components/icons.js';
import { DUPLICATE_ACTIONS, IMPORT_FIELDS } from '../../contract/values.js';
import {
  canImport,
  changedColumns,
  duplicateDecisions,
  fileNameOf,
  fileWideProblem,
  firstOf,
  firstStepAfterReading,
  importableFile,
  importCounts,
  isCancelled,
  progressPercent,
  remap,
  sampleFields,
  visibleSteps,
} from './import-model.js';

/** @typedef {import('../../errors.js').HearthError} HearthError */
/** @typedef {import('../../contract/types.js').ImportPreview} ImportPreview */
/** @typedef {import('../../contract/types.js').ImportReport} ImportReport */
/** @typedef {import('../../contract/types.js').ImportProblem} Problem */
/** @typedef {import('../../contract/types.js').ImportField} ImportField */
/** @typedef {import('./import-model.js').ImportStep} ImportStep */
/** @typedef {import('./import-model.js').DuplicateAction} DuplicateAction */

/** Problems and duplicates drawn at once; the rest are counted ("…and 240 more"). */
const LIST_LIMIT = 100;
/** Fields of the review's sample beside the row number: what fits the wizard's width. */
const SAMPLE_COLUMNS = 4;

const FILE_ICON = ['M3.5 1.5h6l3 3v10h-9z', 'M9.5 1.5v3h3', 'M8 7v5', 'M5.8 9.8L8 12l2.2-2.2'];

/**
 * The wizard on screen, if any: a file dropped on the window goes to it.
 * @type {null|{takeFile: (path: string) => void, busy: () => boolean}}
 */
let openWizard = null;

/**
 * Opens the import wizard.
 * @param {object} options
 * @param {number} options.communityId
 * @param {string|null} [options.path]  a file already chosen (dropped): it is read at once.
 * @param {(report: ImportReport) => void} options.onImported  after a successful import.
 * @returns {Promise<void>} settles when the wizard closes.
 */
export function openImportWizard({ communityId, path = null, onImported }) {
  if (openWizard) {
    if (path) openWizard.takeFile(path);
    return Promise.resolve();
  }
  if (document.querySelector('dialog[open]')) return Promise.resolve();

  /** Everything the wizard shows is drawn from this. */
  const state = {
    /** @type {ImportStep} */
    step: 'file',
    /** @type {string|null} */
    path: null,
    /** Reading the file or checking it again: the answer to this request is the one drawn. */
    request: 0,
    reading: false,
    /** @type {HearthError|null} a file core could not open at all. */
    fileError: null,
    /** @type {Problem|null} what makes the file unusable as a whole (not text, too big). */
    fileProblem: null,
    /** @type {ImportPreview|null} */
    preview: null,
    /** @type {(string|null)[]} */
    mapping: [],
    usDates: false,
    /** @type {Map<number, DuplicateAction>} */
    decisions: new Map(),
    /** A note after the person's last choice of a column's field. */
    mappingNote: '',
    /** @type {string} a status line on the review step (a cancelled or failed import). */
    reviewNote: '',
    /** @type {{done: number, total: number}|null} null until core reports the first members written. */
    progress: null,
    cancelling: false,
    /** @type {ImportReport|null} */
    report: null,
  };

  const titleId = 'import-dialog-title';
  const stepsList = h('ol', { class: 'import-steps', 'aria-label': t('members.import.stepsLabel'), testid: 'import-steps' });
  const body = h('div', { class: 'import-body', testid: 'import-body' });
  const buttons = h('div', { class: 'dialog-buttons' });
  const dialog = h(
    'dialog',
    { class: 'dialog import-dialog', testid: 'import-dialog', 'aria-labelledby': titleId },
    h('div', { class: 'import-head' }, h('h2', { class: 'dialog-title', id: titleId }, t('members.import.title')), stepsList),
    body,
    buttons,
  );
  const previouslyFocused = document.activeElement;
  document.body.append(dialog);

  return new Promise((resolve) => {
    let closed = false;
    const close = () => {
      if (closed || state.step === 'importing') return;
      closed = true;
      openWizard = null;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (previouslyFocused instanceof HTMLElement && previouslyFocused.isConnected) previouslyFocused.focus();
      resolve();
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      // Escape while importing asks core to stop; the wizard stays until core has rolled back.
      if (state.step === 'importing') cancelImport();
      else close();
    });
    dialog.addEventListener('close', () => close());
    openWizard = {
      // A file dropped while one is being written waits for the person; after, it is read.
      takeFile: (file) => {
        if (state.step !== 'importing') readFile(file);
      },
      busy: () => state.step === 'importing',
    };

    // -------------------------------------------------------------------------------------
    // Reading and checking

    async function chooseFile() {
      let chosen;
      try {
        chosen = await memberImportChooseFile();
      } catch (error) {
        state.fileError = normaliseError(error);
        draw();
        return;
      }
      if (chosen) readFile(chosen);
    }

    /** @param {string} file */
    function readFile(file) {
      state.path = file;
      state.preview = null;
      state.mapping = [];
      state.decisions = new Map();
      state.mappingNote = '';
      state.reviewNote = '';
      state.fileError = null;
      state.fileProblem = null;
      state.step = 'file';
      check({ mapping: null, next: null });
    }

    /**
     * The person's choices as core takes them: the columns (none on the first reading: core
     * detects them), the US-dates switch, and what to do with each duplicate.
     * @param {(string|null)[]|null} [mapping]
     * @returns {import('../../contract/types.js').ImportOptions}
     */
    function options(mapping = state.mapping) {
      return {
        mapping: /** @type {(ImportField|null)[]|undefined} */ (mapping ?? undefined),
        usDates: state.usDates,
        decisions: [...state.decisions].map(([row, action]) => ({ row, action })),
      };
    }

    /**
     * Asks core to read the file with the person's choices, then goes to `next` (or, on the
     * first reading, to the step the file needs).
     * @param {{mapping: (string|null)[]|null, next: ImportStep|null}} request
     */
    async function check({ mapping, next }) {
      const ticket = ++state.request;
      state.reading = true;
      draw();
      let preview;
      try {
        preview = await memberImportPreview(communityId, { path: state.path }, options(mapping));
      } catch (raw) {
        if (ticket !== state.request || closed) return;
        state.reading = false;
        state.fileError = normaliseError(raw);
        state.step = 'file';
        draw();
        return;
      }
      if (ticket !== state.request || closed) return;
      state.reading = false;
      state.step = next ?? firstStepAfterReading(preview);
      if (state.step === 'file') {
        state.fileProblem = fileWideProblem(preview.problems);
        draw({ focusStep: true });
        return;
      }
      state.preview = preview;
      state.mapping = preview.columns.map((column) => column.field ?? null);
      state.decisions = duplicateDecisions(preview.duplicates, state.decisions);
      draw({ focusStep: true });
    }

    // -------------------------------------------------------------------------------------
    // Importing

    async function runImport() {
      if (!state.preview) return;
      state.step = 'importing';
      state.cancelling = false;
      state.progress = null;
      draw({ focusStep: true });
      try {
        state.report = await memberImportCommit(communityId, { path: state.path }, options(), (progress) => {
          state.progress = progress;
          drawProgress();
        });
      } catch (raw) {
        const error = normaliseError(raw);
        state.step = 'review';
        state.reviewNote = isCancelled(error) ? t('members.import.cancelled') : `${t('members.import.failed')} ${errorMessage(error)}`;
        draw({ focusStep: true });
        return;
      }
      state.step = 'done';
      draw({ focusStep: true });
      onImported(state.report);
    }

    async function cancelImport() {
      if (state.cancelling) return;
      state.cancelling = true;
      drawProgress();
      try {
        await memberImportCancel();
      } catch {
        // Nothing to stop any more: the import ended meanwhile, and its answer is drawn.
      }
    }

    // -------------------------------------------------------------------------------------
    // Drawing

    /** @param {{focusStep?: boolean}} [options] */
    function draw({ focusStep = false } = {}) {
      drawSteps();
      const step = state.step;
      if (step === 'file') drawFile();
      else if (step === 'columns') drawColumns();
      else if (step === 'review') drawReview();
      else if (step === 'importing') drawImporting();
      else drawDone();
      dialog.dataset.step = step;
      if (focusStep) {
        body.scrollTop = 0;
        const target = /** @type {HTMLElement|null} */ (
          dialog.querySelector('[data-autofocus]') ?? buttons.querySelector('button.suggested') ?? buttons.querySelector('button')
        );
        target?.focus();
      }
    }

    function drawSteps() {
      const steps = visibleSteps(state.preview?.format);
      const current = state.step === 'importing' || state.step === 'done' ? 'review' : state.step;
      const reached = steps.indexOf(current);
      replaceChildren(
        stepsList,
        steps.map((step, index) =>
          h(
            'li',
            {
              class: index < reached ? 'is-done' : index === reached ? 'is-current' : null,
              'aria-current': index === reached ? 'step' : null,
              testid: `import-step-${step}`,
            },
            h('span', { class: 'import-step-number', 'aria-hidden': 'true' }, String(index + 1)),
            h('span', {}, t(`members.import.step.${step}`)),
          ),
        ),
      );
    }

    const cancelButton = () => h('button', { type: 'button', testid: 'import-cancel', onclick: close }, t('dialog.cancel'));

    function drawFile() {
      const name = state.path ? fileNameOf(state.path) : '';
      const refusal = state.fileError ? errorMessage(state.fileError) : state.fileProblem ? problemText(state.fileProblem) : '';
      const chooseButton = h(
        'button',
        { type: 'button', class: 'suggested', testid: 'import-choose', 'data-autofocus': true, onclick: chooseFile, disabled: state.reading },
        state.path ? t('members.import.chooseAnother') : t('members.import.choose'),
      );
      replaceChildren(
        body,
        h(
          'div',
          { class: 'import-drop', testid: 'import-drop' },
          icon(FILE_ICON, 'icon import-drop-icon'),
          h('p', { class: 'import-drop-title' }, t('members.import.drop')),
          h('p', { class: 'dim' }, t('members.import.dropOr')),
          chooseButton,
        ),
        h('p', { class: 'import-hint dim' }, t('members.import.fileHint')),
        state.reading &&
          h('p', { class: 'import-status', role: 'status', testid: 'import-reading' }, t('members.import.reading', { file: name })),
        h(
          'div',
          { class: 'import-file-error', role: 'alert', testid: 'import-file-error', hidden: !refusal },
          refusal && [h('p', { class: 'import-file-error-title' }, t('members.import.unreadable', { file: name })), h('p', {}, refusal)],
        ),
      );
      replaceChildren(buttons, cancelButton());
    }

    function drawColumns() {
      const preview = /** @type {ImportPreview} */ (state.preview);
      const rows = preview.columns.map((column, index) => {
        const header = columnName(index);
        const select = h(
          'select',
          {
            testid: `import-column-${index}`,
            'aria-label': t('members.import.column.fieldLabel', { column: header }),
            onchange: () => {
              const before = state.mapping;
              const field = select.value || null;
              state.mapping = remap(before, index, field);
              const moved = changedColumns(before, state.mapping).find((other) => other !== index);
              state.mappingNote =
                moved === undefined || field === null
                  ? ''
                  : t('members.import.fieldTaken', { field: fieldLabel(field), column: header, previous: columnName(moved) });
              drawColumns();
              /** @type {HTMLElement|null} */ (body.querySelector(`[data-testid="import-column-${index}"]`))?.focus();
            },
          },
          h('option', { value: '', selected: state.mapping[index] === null }, t('members.import.notImported')),
          IMPORT_FIELDS.map((field) => h('option', { value: field, selected: state.mapping[index] === field }, fieldLabel(field))),
        );
        const samples = column.samples.filter((sample) => sample.trim() !== '');
        return h(
          'tr',
          { class: state.mapping[index] === null ? 'is-skipped' : null, testid: 'import-column-row' },
          h('th', { scope: 'row', class: 'import-column-name' }, header),
          h(
            'td',
            { class: 'import-samples' },
            samples.length ? samples.slice(0, 3).map((sample) => h('span', { class: 'import-sample' }, sample)) : h('span', { class: 'dim' }, t('members.import.column.noSamples')),
          ),
          h('td', { class: 'import-field' }, select),
        );
      });
      const usDates = h('input', {
        type: 'checkbox',
        id: 'import-us-dates',
        testid: 'import-us-dates',
        checked: state.usDates,
        'aria-describedby': 'import-us-dates-hint',
        onchange: () => {
          state.usDates = usDates.checked;
        },
      });
      replaceChildren(
        body,
        h('p', { class: 'import-file-summary', testid: 'import-file-summary' }, fileSummary(preview)),
        h(
          'div',
          { class: 'import-switch' },
          h('label', { class: 'check', for: 'import-us-dates' }, usDates, t('members.import.usDates')),
          h('p', { class: 'field-hint', id: 'import-us-dates-hint' }, t('members.import.usDatesHint')),
          preview.usDatesSuggested &&
            !state.usDates &&
            h('p', { class: 'import-warning', testid: 'import-us-dates-suggested' }, icon(ICONS.info), t('members.import.usDatesSuggested')),
        ),
        h('p', { class: 'dim' }, t('members.import.columnsIntro')),
        h(
          'table',
          { class: 'import-columns', testid: 'import-columns' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('members.import.column.header')),
              h('th', { scope: 'col' }, t('members.import.column.samples')),
              h('th', { scope: 'col' }, t('members.import.column.field')),
            ),
          ),
          h('tbody', {}, rows),
        ),
        h('p', { class: 'import-note', role: 'status', testid: 'import-mapping-note' }, state.mappingNote),
        // Core found no column of names with these columns; a change of columns may mend it.
        noNameColumn(preview) &&
          h('p', { class: 'import-warning', testid: 'import-no-name' }, icon(ICONS.warning), t('members.import.noName')),
        state.reading && h('p', { class: 'import-status', role: 'status' }, t('members.import.rereading')),
      );
      replaceChildren(
        buttons,
        h('button', { type: 'button', testid: 'import-back', onclick: () => goTo('file') }, t('members.import.back')),
        h('span', { class: 'spacer' }),
        cancelButton(),
        h(
          'button',
          {
            type: 'button',
            class: 'suggested',
            testid: 'import-next',
            disabled: state.reading,
            onclick: () => check({ mapping: state.mapping, next: 'review' }),
          },
          t('members.import.next'),
        ),
      );
    }

    function drawReview() {
      const preview = /** @type {ImportPreview} */ (state.preview);
      const counts = importCounts(preview, state.decisions);
      const ready = canImport(counts);
      // Core lists the first problems and duplicates and counts them all.
      const problems = firstOf(preview.problems, LIST_LIMIT);
      const duplicates = firstOf(preview.duplicates, LIST_LIMIT);
      const problemsNotShown = preview.problemCount - problems.shown.length;
      const duplicatesNotShown = preview.duplicateCount - duplicates.shown.length;
      const summaryItem = (key, count, testid, className = '') =>
        h('li', { class: `import-count ${className}`.trim(), testid }, h('strong', {}, t(key, { count })));
      replaceChildren(
        body,
        h('p', { class: 'import-file-summary', testid: 'import-file-summary' }, fileSummary(preview)),
        h(
          'ul',
          { class: 'import-counts', 'aria-label': t('members.import.summaryLabel'), testid: 'import-counts' },
          // With a problem nothing will be written: the counts of what would be are left out.
          counts.problems > 0
            ? summaryItem('members.import.summary.problems', counts.problems, 'import-count-problems', 'is-problem')
            : [
                summaryItem('members.import.summary.add', counts.add, 'import-count-add'),
                counts.merge > 0 && summaryItem('members.import.summary.merge', counts.merge, 'import-count-merge'),
                counts.skip > 0 && summaryItem('members.import.summary.skip', counts.skip, 'import-count-skip'),
              ],
        ),
        state.reviewNote && h('p', { class: 'import-note is-strong', role: 'status', testid: 'import-review-note' }, state.reviewNote),
        preview.problemCount > 0 &&
          h(
            'section',
            { class: 'import-section', 'aria-labelledby': 'import-problems-title', testid: 'import-problems' },
            h('h3', { class: 'import-section-title', id: 'import-problems-title' }, t('members.import.problems.title')),
            h('p', { class: 'dim' }, t(cards() ? 'members.import.problems.introCards' : 'members.import.problems.intro')),
            h(
              'ul',
              { class: 'import-list card' },
              problems.shown.map((problem) =>
                h(
                  'li',
                  { class: 'import-problem', testid: 'import-problem' },
                  h('span', { class: 'import-where' }, problemPlace(problem)),
                  h('span', {}, problemText(problem)),
                ),
              ),
            ),
            problemsNotShown > 0 && h('p', { class: 'dim' }, t('members.import.problems.more', { count: problemsNotShown })),
          ),
        preview.problemCount === 0 && preview.sample.length > 0 && sampleTable(preview),
        preview.problemCount === 0 &&
          preview.duplicateCount > 0 &&
          h(
            'section',
            { class: 'import-section', 'aria-labelledby': 'import-duplicates-title', testid: 'import-duplicates' },
            h('h3', { class: 'import-section-title', id: 'import-duplicates-title' }, t('members.import.duplicates.title')),
            h('p', { class: 'dim' }, t('members.import.duplicates.intro')),
            h('ul', { class: 'import-list card' }, duplicates.shown.map(duplicateRow)),
            duplicatesNotShown > 0 && h('p', { class: 'dim' }, t('members.import.duplicates.more', { count: duplicatesNotShown })),
          ),
        preview.problemCount === 0 &&
          h(
            'p',
            { class: ready ? 'import-ready' : 'import-warning', testid: 'import-ready' },
            ready ? icon(ICONS.check) : icon(ICONS.warning),
            ready ? t('members.import.ready') : t('members.import.nothingToImport'),
          ),
        h('p', { class: 'import-nothing-written dim', testid: 'import-nothing-written' }, t('members.import.nothingWritten')),
        state.reading && h('p', { class: 'import-status', role: 'status' }, t('members.import.rereading')),
      );
      const back = preview.format === 'vcard' ? 'file' : 'columns';
      replaceChildren(
        buttons,
        h('button', { type: 'button', testid: 'import-back', onclick: () => goTo(back) }, t('members.import.back')),
        h('span', { class: 'spacer' }),
        cancelButton(),
        preview.problemCount > 0
          ? h(
              'button',
              { type: 'button', class: 'suggested', testid: 'import-recheck', disabled: state.reading, onclick: () => check({ mapping: state.mapping, next: 'review' }) },
              t('members.import.checkAgain'),
            )
          : h(
              'button',
              { type: 'button', class: 'suggested', testid: 'import-confirm', disabled: !ready || state.reading, onclick: runImport },
              counts.merge > 0 || counts.add === 0 ? t('members.import.confirmMerge') : t('members.import.confirm', { count: counts.add }),
            ),
      );
    }

    /**
     * The first rows as core read them, under the fields they fill: a wrong column shows
     * here before anything is written.
     * @param {ImportPreview} preview
     */
    function sampleTable(preview) {
      const fields = sampleFields(
        preview.sample.map((row) => row.member),
        SAMPLE_COLUMNS,
      );
      return h(
        'section',
        { class: 'import-section', 'aria-labelledby': 'import-sample-title', testid: 'import-sample' },
        h('h3', { class: 'import-section-title', id: 'import-sample-title' }, t(cards() ? 'members.import.sample.titleCards' : 'members.import.sample.title')),
        h(
          'div',
          { class: 'import-sample-scroll' },
          h(
            'table',
            { class: 'import-sample-table' },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col', class: 'import-sample-row' }, t(cards() ? 'members.import.sample.card' : 'members.import.sample.row')), fields.map((field) => h('th', { scope: 'col' }, fieldLabel(field)))),
            ),
            h(
              'tbody',
              {},
              preview.sample.map((row) =>
                h(
                  'tr',
                  { testid: 'import-sample-member' },
                  h('td', { class: 'import-sample-row' }, String(row.row)),
                  fields.map((field) => {
                    const value = sampleValue(field, row.member[field]);
                    // A value cut to fit is whole under the pointer.
                    return h('td', { title: value || null }, value);
                  }),
                ),
              ),
            ),
          ),
        ),
      );
    }

    /** @param {import('../../contract/types.js').ImportDuplicate} duplicate */
    function duplicateRow(duplicate) {
      const of = duplicate.duplicates;
      const other =
        of.memberId !== null
          ? t('members.import.duplicate.ofMember', { name: of.name })
          : t(cards() ? 'members.import.duplicate.ofCard' : 'members.import.duplicate.ofRow', { row: of.row ?? 0, name: of.name });
      const select = h(
        'select',
        {
          testid: `import-duplicate-${duplicate.row}`,
          'aria-label': t('members.import.duplicate.action', { place: place(duplicate.row) }),
          onchange: () => {
            state.decisions.set(duplicate.row, /** @type {DuplicateAction} */ (select.value));
            const focused = select.dataset.testid;
            drawReview();
            /** @type {HTMLElement|null} */ (body.querySelector(`[data-testid="${focused}"]`))?.focus();
          },
        },
        DUPLICATE_ACTIONS.map((action) =>
          h('option', { value: action, selected: state.decisions.get(duplicate.row) === action }, t(`members.import.action.${action}`)),
        ),
      );
      return h(
        'li',
        { class: 'import-duplicate', testid: 'import-duplicate' },
        h(
          'div',
          { class: 'import-duplicate-text' },
          h('span', { class: 'import-where' }, t('members.import.duplicate.row', { place: place(duplicate.row), name: duplicate.name })),
          h(
            'span',
            { class: 'dim' },
            t(`members.import.duplicate.reason.${duplicate.reason}`, { other }),
          ),
        ),
        select,
      );
    }

    function drawImporting() {
      const bar = h('div', { class: 'progress-fill', testid: 'import-progress-fill' });
      replaceChildren(
        body,
        h('p', { class: 'import-progress-title' }, t('members.import.importing')),
        h(
          'div',
          {
            class: 'progress import-progress',
            role: 'progressbar',
            'aria-label': t('members.import.progressLabel'),
            'aria-valuemin': '0',
            'aria-valuemax': '100',
            testid: 'import-progress',
          },
          bar,
        ),
        h('p', { class: 'import-progress-text dim', testid: 'import-progress-text' }),
      );
      replaceChildren(
        buttons,
        h('button', { type: 'button', class: 'destructive', testid: 'import-cancel-import', 'data-autofocus': true, onclick: cancelImport }, t('members.import.cancelImport')),
      );
      drawProgress();
    }

    /** Progress arrives often: the bar and its words change in place, once a frame. */
    let progressFrame = 0;
    function drawProgress() {
      if (progressFrame) return;
      progressFrame = requestAnimationFrame(() => {
        progressFrame = 0;
        if (state.step !== 'importing') return;
        const { done, total } = state.progress ?? { done: 0, total: 0 };
        const percent = progressPercent(done, total);
        const bar = /** @type {HTMLElement|null} */ (body.querySelector('.progress-fill'));
        if (bar && state.progress) bar.style.width = `${percent}%`;
        const meter = body.querySelector('[role="progressbar"]');
        meter?.classList.toggle('is-waiting', !state.progress);
        if (state.progress) meter?.setAttribute('aria-valuenow', String(percent));
        else meter?.removeAttribute('aria-valuenow');
        const text = body.querySelector('.import-progress-text');
        if (text) {
          // Core reads and checks the file once more before the first member is written.
          text.textContent = state.cancelling
            ? t('members.import.cancelling')
            : state.progress
              ? t('members.import.progress', { done, total })
              : t('members.import.preparing');
        }
        const cancel = /** @type {HTMLButtonElement|null} */ (buttons.querySelector('[data-testid="import-cancel-import"]'));
        if (cancel) cancel.disabled = state.cancelling;
      });
    }

    function drawDone() {
      const report = /** @type {ImportReport} */ (state.report);
      replaceChildren(
        body,
        h(
          'div',
          { class: 'import-done', role: 'status', testid: 'import-report' },
          icon(ICONS.check, 'icon import-done-icon'),
          h('h3', { class: 'import-section-title' }, t('members.import.done.title')),
          h('p', {}, t('members.import.done.add', { count: report.added })),
          report.merged > 0 && h('p', {}, t('members.import.done.merge', { count: report.merged })),
          report.skipped > 0 && h('p', {}, t('members.import.done.skip', { count: report.skipped })),
        ),
      );
      replaceChildren(
        buttons,
        h('button', { type: 'button', class: 'suggested', testid: 'import-close', 'data-autofocus': true, onclick: close }, t('members.import.close')),
      );
    }

    /** @param {ImportStep} step */
    function goTo(step) {
      state.step = step;
      state.reviewNote = '';
      draw({ focusStep: true });
    }

    dialog.showModal();
    draw({ focusStep: true });
    if (path) readFile(path);

    // -------------------------------------------------------------------------------------
    // Words

    /** @param {number} index */
    function columnName(index) {
      const header = state.preview?.columns[index]?.header.trim();
      return header || t('members.import.column.untitled', { number: index + 1 });
    }

    /**
     * How core read the file: "members.csv: 152 rows, Windows-1251, columns separated by
     * semicolons".
     * @param {ImportPreview} preview
     */
    function fileSummary(preview) {
      const file = preview.fileName;
      if (preview.format === 'vcard') {
        return t('members.import.fileSummary.vcard', { file, rows: t('members.import.cards', { count: preview.rowCount }) });
      }
      return t('members.import.fileSummary.csv', {
        file,
        rows: t('members.import.rows', { count: preview.rowCount }),
        encoding: preview.encoding ? t(`members.import.encoding.${preview.encoding}`) : '',
        delimiter: delimiterName(preview.delimiter),
      });
    }

    /**
     * Whether core, reading the file with the columns chosen now, found none that holds names.
     * @param {ImportPreview} preview
     */
    function noNameColumn(preview) {
      const readWith = preview.columns.map((column) => column.field ?? null);
      const unchanged = readWith.every((field, index) => field === state.mapping[index]);
      return unchanged && preview.problems.some((problem) => problem.kind === 'no_name_column');
    }

    /** "Row 12" of a table, "Contact 12" of a vCard file. @param {number} row */
    function place(row) {
      return t(cards() ? 'members.import.place.card' : 'members.import.place.row', { row });
    }

    function cards() {
      return state.preview?.format === 'vcard';
    }

    /** @param {Problem} problem */
    function problemPlace(problem) {
      if (problem.row === null) return t('members.import.problem.file');
      const column = problem.header?.trim() || (problem.column !== null ? columnName(problem.column) : '');
      if (!column) return place(problem.row);
      return t(cards() ? 'members.import.problem.cardProperty' : 'members.import.problem.rowColumn', { place: place(problem.row), column });
    }
  });
}

/**
 * A member field's name as the member dialog shows it; the parts of a name a file may hold
 * apart (first, middle, last) and Hearth's own id have names of their own here.
 * @param {string} field
 */
function fieldLabel(field) {
  return hasKey(`members.import.field.${field}`) ? t(`members.import.field.${field}`) : t(`members.field.${field}`);
}

/**
 * A value of the sample as a person reads it: lists joined, a level or role by its name.
 * @param {string} field
 * @param {any} value
 */
function sampleValue(field, value) {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((item) => (field === 'roles' && hasKey(`members.role.${item}`) ? t(`members.role.${item}`) : item)).join(', ');
  if (field === 'level' && hasKey(`members.level.${value}`)) return t(`members.level.${value}`);
  return String(value);
}

/** @param {string|null} delimiter  core's name of it: comma, semicolon, tab. */
function delimiterName(delimiter) {
  return t(`members.import.delimiter.${delimiter ?? 'comma'}`);
}

/**
 * A problem in the person's language: for a value core refused, its rule under the field's
 * label (as the member dialog says it); otherwise the sentence written for its kind.
 * @param {Problem} problem
 */
function problemText(problem) {
  if (problem.field && problem.rule) {
    const error = { code: 'invalid_input', message: problem.message, field: problem.field, rule: problem.rule, limit: problem.limit };
    return errorMessage(error, fieldLabel(problem.field));
  }
  return t(`members.import.problem.${problem.kind}`);
}

/**
 * Files dropped on the window while the Members section is open: the wizard opens with the
 * file, or takes it when it is open and not importing. Of several files, the first that looks
 * like members is taken; core says what is wrong with any other.
 * @param {object} options
 * @param {AbortSignal} options.signal  the view's: the listening ends with it.
 * @param {(path: string) => void} options.open  opens the wizard with a dropped file.
 */
export async function listenForFileDrops({ signal, open }) {
  const stop = await onFilesDropped((paths) => {
    if (signal.aborted) return;
    const file = importableFile(paths) ?? paths[0];
    if (!file) return;
    if (openWizard) {
      if (!openWizard.busy()) openWizard.takeFile(file);
      return;
    }
    // Another dialog (a member being edited) is not interrupted.
    if (!document.querySelector('dialog[open]')) open(file);
  });
  if (signal.aborted) stop();
  else signal.addEventListener('abort', () => stop(), { once: true });
}

const IMPORT_ICON = ['M8 1.5v8', 'M4.8 6.5L8 9.7l3.2-3.2', 'M2.5 10.5v3h11v-3'];

/**
 * The header bar's Import button.
 * @param {() => void} open  opens the wizard (the view knows the community and what to redraw).
 * @returns {HTMLButtonElement}
 */
export function importButton(open) {
  return h(
    'button',
    { type: 'button', testid: 'members-import', title: t('members.import.openLabel'), onclick: open },
    icon(IMPORT_ICON),
    h('span', {}, t('members.import.open')),
  );
}
