/**
 * The Metrics section: how the community is doing, the way the source note measures it, and
 * against what it aims for. Its goals with their progress (goals.js); a card per metric over
 * a range of days, grouped quantitative, qualitative and impact, with its change against the
 * range just before (as long); any metric month by month and members by engagement level
 * month by month (chart.js); what Hearth cannot
 * count, recorded by hand (recorded.js); who came back after their first event, by month (a
 * heat map); and each event's first-timers and regulars. The range is picked with two dates
 * or a preset; the figures go out as CSV or JSON, or as the printable report.
 *
 * Every figure is core's (commands/metrics.rs): this view only lays them out. A value core
 * cannot compute is "—", and one resting on few observations is marked, with why in its
 * tooltip, so that "NPS 100" from two answers is not read as a verdict.
 */

import './strings.js';
import { goalList, metricSeriesList, metricsDashboard, metricsLevels, metricsExport, metricsExportChooseFile, metricsReportPreview } from '../../api/metrics.js';
import { append, h, icon, replaceChildren, useStylesheet } from '../../dom.js';
import { formatDate, localToday } from '../../format.js';
import { PRESETS, presetRange } from './ranges.js';
import { errorMessage, getLanguage, t } from '../../i18n/index.js';
import { createLevelsChart, createMonthChart } from './chart.js';
import { goalsSection } from './goals.js';
import { recordedSection } from './recorded.js';
import { formatChange, formatValue, isNothing } from './numbers.js';
import { ICONS } from '../../components/icons.js';

await useStylesheet('js/views/metrics/metrics.css');


/** @typedef {import('../../contract/types.js').Dashboard} Dashboard */
/** @typedef {import('../../contract/types.js').Metric} Metric */
/** @typedef {import('../../contract/types.js').Measure} Measure */

/** Events listed before "Show all". */
const EVENTS_SHOWN = 12;


/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const communityId = ctx.community.id;
  /** @type {Dashboard|null} */
  let board = null;
  /** Which answer is the newest asked for: an older one arriving late is dropped. */
  let asked = 0;
  /**
   * The community's today, as core gave it with the default range (the last day of the
   * twelve months): the presets end there too, not on this computer's date, which differs
   * for part of each day when the community lives in another time zone.
   * @type {string|null}
   */
  let communityToday = null;

  // Plain date fields: a range always has both days, so neither is ever empty.
  const fromInput = h('input', { type: 'date', id: 'metrics-from', testid: 'metrics-from', required: true });
  const toInput = h('input', { type: 'date', id: 'metrics-to', testid: 'metrics-to', required: true });
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => {
      if (fromInput.value && toInput.value) void show(fromInput.value, toInput.value);
    });
  }

  const presets = h(
    'span',
    { class: 'linked', role: 'group', 'aria-label': t('metricsView.presets') },
    PRESETS.map((preset) =>
      h('button', { type: 'button', testid: `metrics-preset-${preset}`, onclick: () => void show(...presetRange(preset, communityToday ?? localToday())) }, t(`metricsView.preset.${preset}`)),
    ),
  );
  const exportCsv = h('button', { type: 'button', testid: 'metrics-export-csv', disabled: true, onclick: () => void save('csv') }, icon(ICONS.export), t('metricsView.exportCsv'));
  const exportJson = h('button', { type: 'button', testid: 'metrics-export-json', disabled: true, onclick: () => void save('json') }, icon(ICONS.export), t('metricsView.exportJson'));
  const print = h('button', { type: 'button', testid: 'metrics-print', disabled: true, 'aria-keyshortcuts': 'Control+P', title: t('metricsView.printShortcut'), onclick: () => void printReport() }, icon(ICONS.print), t('metricsView.print'));
  // In the page rather than the header bar: with the period beside them they wrap onto a
  // second row in a narrow window instead of running off its edge.
  const toolbar = h(
    'div',
    { class: 'metrics-toolbar', role: 'toolbar', 'aria-label': t('metricsView.toolbar') },
    h('span', { class: 'metrics-period' }, h('label', { for: 'metrics-from' }, t('metricsView.from')), fromInput, h('label', { for: 'metrics-to' }, t('metricsView.to')), toInput),
    presets,
    h('span', { class: 'metrics-files' }, exportCsv, exportJson, print),
  );
  const problem = h('p', { class: 'metrics-problem', role: 'alert', testid: 'metrics-problem', hidden: true });
  const caption = h('p', { class: 'metrics-caption', testid: 'metrics-caption', 'aria-live': 'polite' });
  const content = h('div', { class: 'metrics-content', testid: 'metrics-content', 'aria-busy': 'true' });
  const cardGroups = h('div', { class: 'metrics-groups' });
  const charted = h('select', { id: 'metrics-chart-metric', testid: 'metrics-chart-metric', onchange: () => board && drawChart(board) });
  const chartBox = h('div', { class: 'metrics-chart' });
  const chart = createMonthChart(chartBox);
  const levelsBox = h('div', { class: 'metrics-chart', 'aria-busy': 'true' });
  const levelsChart = createLevelsChart(levelsBox);
  const tables = h('div', { class: 'metrics-tables' });
  /** @type {import('../../contract/types.js').MetricSeries[]} */
  let recordedSeries = [];
  const onError = (error) => ctx.app.toast(errorMessage(error), { kind: 'error' });
  const goals = goalsSection({
    communityId,
    series: () => recordedSeries,
    signal: ctx.signal,
    changed: () => void showRecords(),
    onError,
  });
  const recorded = recordedSection({ communityId, changed: () => void showRecords(), onError });
  append(content, [
    goals.element,
    cardGroups,
    h(
      'section',
      { class: 'metrics-group', 'aria-labelledby': 'metrics-by-month' },
      h('div', { class: 'metrics-group-head' }, h('h2', { id: 'metrics-by-month' }, t('report.byMonth')), h('label', { for: 'metrics-chart-metric' }, t('metricsView.chartMetric')), charted),
      chartBox,
    ),
    h(
      'section',
      { class: 'metrics-group', 'aria-labelledby': 'metrics-levels' },
      h('h2', { id: 'metrics-levels' }, t('metricsView.levels')),
      h('p', { class: 'metrics-about' }, t('metricsView.levelsAbout')),
      levelsBox,
    ),
    recorded.element,
    tables,
  ]);
  ctx.body.classList.add('page-wide', 'page-metrics');
  replaceChildren(ctx.body, h('div', { class: 'metrics' }, toolbar, problem, caption, content));


  /**
   * Reads and draws the range; the default one (twelve months to today) when not given.
   * @param {string|null} [first]
   * @param {string|null} [last]
   */
  async function show(first = null, last = null) {
    const mine = ++asked;
    content.setAttribute('aria-busy', 'true');
    try {
      const answer = await metricsDashboard(communityId, first, last);
      if (ctx.signal.aborted || mine !== asked) return;
      board = answer;
      if (first === null && last === null) communityToday = answer.range.to;
      problem.hidden = true;
      for (const input of [fromInput, toInput]) input.removeAttribute('aria-invalid');
      fromInput.value = answer.range.from;
      toInput.value = answer.range.to;
      draw(answer);
      void showLevels(answer.range);
    } catch (error) {
      if (ctx.signal.aborted || mine !== asked) return;
      // The figures shown stay those of the last good range; the field at fault says so.
      problem.textContent = errorMessage(error);
      problem.hidden = false;
      const field = /** @type {any} */ (error).field;
      for (const [name, input] of /** @type {const} */ ([['from', fromInput], ['to', toInput]])) {
        if (field === name) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    } finally {
      if (mine === asked) content.removeAttribute('aria-busy');
    }
  }

  /** @param {Dashboard} answer */
  function draw(answer) {
    const language = getLanguage();
    caption.textContent = t('metricsView.caption', {
      range: rangeText(answer.range, language),
      previous: rangeText(answer.previousRange, language),
    });
    const groups = ['quantitative', 'qualitative', 'impact'].map((category) =>
      h(
        'section',
        { class: 'metrics-group', 'aria-labelledby': `metrics-group-${category}` },
        h('h2', { id: `metrics-group-${category}` }, t(`metrics.category.${category}`)),
        h('ul', { class: 'metrics-cards' }, answer.metrics.filter((metric) => metric.category === category).map((metric) => card(metric, language))),
      ),
    );
    replaceChildren(cardGroups, groups);
    const keep = charted.value || 'members_total';
    replaceChildren(
      charted,
      answer.metrics.map((metric) => h('option', { value: metric.key, selected: metric.key === keep }, t(`metrics.key.${metric.key}`))),
    );
    drawChart(answer);
    replaceChildren(tables, cohorts(answer, language), turnout(answer, language));
    for (const button of [exportCsv, exportJson, print]) button.disabled = false;
  }

  /** The chosen metric, month by month. @param {Dashboard} answer */
  function drawChart(answer) {
    const metric = answer.metrics.find((m) => m.key === charted.value) ?? answer.metrics[0];
    if (!metric) return;
    const months = answer.months.map(({ month, values }) => ({ month, value: values.find((v) => v.key === metric.key)?.value ?? null }));
    chart.show(months, { label: t(`metrics.key.${metric.key}`), unit: metric.unit, language: getLanguage() });
  }

  /** @param {'csv'|'json'} format */
  async function save(format) {
    if (!board) return;
    const { from: first, to: last } = board.range;
    const name = `${ctx.community.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'community'} ${first} ${last}.${format}`;
    try {
      const path = await metricsExportChooseFile(name, format);
      if (!path || ctx.signal.aborted) return;
      const written = await metricsExport(communityId, first, last, format, path);
      ctx.app.toast(t('metricsView.exported', { count: written.metrics, path: written.path }));
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  async function printReport() {
    if (!board) return;
    try {
      await metricsReportPreview(communityId, board.range.from, board.range.to);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  /** Which levels answer is the newest asked for, apart from the cards': a refused range
   * asks for none, and must not leave the last good one's levels waiting forever. */
  let levelsAsked = 0;

  /**
   * Reads and draws the engagement levels of the range shown, once its cards are drawn.
   * @param {{from: string, to: string}} range
   */
  async function showLevels(range) {
    const mine = ++levelsAsked;
    levelsBox.setAttribute('aria-busy', 'true');
    try {
      const months = await metricsLevels(communityId, range.from, range.to);
      if (ctx.signal.aborted || mine !== levelsAsked) return;
      levelsChart.show(months, getLanguage());
    } catch (error) {
      if (!ctx.signal.aborted && mine === levelsAsked) onError(error);
    } finally {
      if (mine === levelsAsked) levelsBox.removeAttribute('aria-busy');
    }
  }

  /** Which goals-and-series answer is the newest asked for: one that overtook another
   * (two quick removals) must not be drawn over by the older. */
  let recordsAsked = 0;

  /**
   * Reads and draws the goals and the recorded series: they are about today, whatever the
   * range, and a goal on a series changes with its values.
   */
  async function showRecords() {
    const mine = ++recordsAsked;
    try {
      const [allGoals, allSeries] = await Promise.all([goalList(communityId), metricSeriesList(communityId)]);
      if (ctx.signal.aborted || mine !== recordsAsked) return;
      recordedSeries = allSeries;
      goals.show(allGoals);
      recorded.show(allSeries);
    } catch (error) {
      if (!ctx.signal.aborted && mine === recordsAsked) onError(error);
    }
  }

  // Ctrl+N sets a goal, the section's one new thing; Ctrl+P prints the report of the range.
  // By key position, so a Russian layout's Ctrl+Т and Ctrl+З work too.
  document.addEventListener(
    'keydown',
    (event) => {
      if (document.querySelector('dialog[open]')) return;
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.code === 'KeyN') goals.add();
      else if (event.code === 'KeyP' && !print.disabled) void printReport();
      else return;
      event.preventDefault();
    },
    { signal: ctx.signal },
  );

  const ready = Promise.all([show(), showRecords()]).then(() => undefined);
  return {
    ready,
    dispose: () => {
      chart.destroy();
      levelsChart.destroy();
      recorded.destroy();
      ctx.body.classList.remove('page-wide', 'page-metrics');
    },
  };
}

/**
 * One metric's card: its value over the range, and its change against the range before.
 * @param {Metric} metric
 * @param {'en'|'ru'} language
 */
function card(metric, language) {
  const { current, previous } = metric;
  const change = current.value != null && previous.value != null ? current.value - previous.value : null;
  // Up or down as written: a change that rounds to nothing is no change.
  const direction = change == null || isNothing(change, metric.unit) ? 'same' : change > 0 ? 'up' : 'down';
  // The colour says better or worse: fewer no-shows is better.
  const better = direction === 'same' ? '' : (direction === 'up') !== metric.lowerIsBetter ? 'is-better' : 'is-worse';
  const note = t('metricsView.small', { count: current.sample });
  return h(
    'li',
    { class: 'metrics-card', testid: `metric-${metric.key}`, 'data-value': current.value ?? '' },
    h('span', { class: 'metrics-card-name' }, t(`metrics.key.${metric.key}`)),
    h(
      'span',
      { class: 'metrics-card-value', testid: `metric-${metric.key}-value` },
      formatValue(current.value, metric.unit, language),
      current.small && current.value != null ? h('abbr', { class: 'metrics-small', title: note, 'aria-label': note, testid: `metric-${metric.key}-small` }, '*') : null,
    ),
    h(
      'span',
      { class: `metrics-card-change is-${direction} ${better}`, testid: `metric-${metric.key}-change` },
      change == null ? t('metricsView.noChange') : t('metricsView.change', { change: formatChange(change, metric.unit, language) }),
    ),
  );
}

/**
 * Who came back after their first event: a row per month of first events, the share back
 * within 30, 60 and 90 days as the cells' depth of colour (and as text).
 * @param {Dashboard} answer
 * @param {'en'|'ru'} language
 */
function cohorts(answer, language) {
  const heading = h('h2', { id: 'metrics-cohorts' }, t('report.cohorts'));
  if (answer.cohorts.length === 0) {
    return h('section', { class: 'metrics-group', 'aria-labelledby': 'metrics-cohorts' }, heading, h('p', { class: 'metrics-empty' }, t('metricsView.noCohorts')));
  }
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const cell = (share) => {
    const td = h('td', { class: 'metrics-heat' }, share == null ? '—' : percent.format(share));
    if (share != null) td.style.setProperty('--share', String(share));
    return td;
  };
  return h(
    'section',
    { class: 'metrics-group', 'aria-labelledby': 'metrics-cohorts' },
    heading,
    h('p', { class: 'metrics-about' }, t('report.cohortsAbout')),
    h(
      'table',
      { class: 'metrics-table', testid: 'metrics-cohorts' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t('report.firstEvent')), h('th', { scope: 'col' }, t('report.people')), [30, 60, 90].map((days) => h('th', { scope: 'col' }, t('metricsView.within', { days })))),
      ),
      h(
        'tbody',
        {},
        answer.cohorts.map((cohort) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, monthText(cohort.month, language)),
            h('td', {}, String(cohort.size), cohort.small ? h('abbr', { class: 'metrics-small', title: t('metricsView.small', { count: cohort.size }) }, '*') : null),
            cell(cohort.within30),
            cell(cohort.within60),
            cell(cohort.within90),
          ),
        ),
      ),
    ),
  );
}

/**
 * Each event of the range with check-ins: how many came, first-timers and regulars.
 * @param {Dashboard} answer
 * @param {'en'|'ru'} language
 */
function turnout(answer, language) {
  const heading = h('h2', { id: 'metrics-events' }, t('report.events'));
  if (answer.events.length === 0) {
    return h('section', { class: 'metrics-group', 'aria-labelledby': 'metrics-events' }, heading, h('p', { class: 'metrics-empty' }, t('report.noEvents')));
  }
  const newest = [...answer.events].reverse();
  const row = (event) =>
    h(
      'tr',
      {},
      h('td', {}, formatDate(`${event.day}T12:00:00`, language)),
      h('th', { scope: 'row' }, event.title),
      h('td', {}, String(event.came)),
      h('td', {}, String(event.new)),
      h('td', {}, String(event.returning)),
    );
  // A network's year holds thousands of events: the newest first, the rest when asked for.
  const body = h('tbody', {}, newest.slice(0, EVENTS_SHOWN).map(row));
  const more =
    newest.length > EVENTS_SHOWN
      ? h(
          'button',
          {
            type: 'button',
            testid: 'metrics-events-all',
            onclick: () => {
              body.append(...newest.slice(EVENTS_SHOWN).map(row));
              more?.remove();
            },
          },
          t('metricsView.allEvents', { count: newest.length }),
        )
      : null;
  return h(
    'section',
    { class: 'metrics-group', 'aria-labelledby': 'metrics-events' },
    heading,
    h(
      'table',
      { class: 'metrics-table', testid: 'metrics-events' },
      h(
        'thead',
        {},
        h('tr', {}, ['report.date', 'report.event', 'report.came', 'report.new', 'metricsView.returning'].map((key) => h('th', { scope: 'col' }, t(key)))),
      ),
      body,
    ),
    more,
  );
}

/**
 * @param {{from: string, to: string}} range
 * @param {'en'|'ru'} language
 */
function rangeText(range, language) {
  return `${formatDate(`${range.from}T12:00:00`, language)} – ${formatDate(`${range.to}T12:00:00`, language)}`;
}

/**
 * "March 2027" from "2027-03".
 * @param {string} month
 * @param {'en'|'ru'} language
 */
function monthText(month, language) {
  const [year, number] = month.split('-').map(Number);
  const text = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, number - 1, 15));
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}
