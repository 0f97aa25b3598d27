/**
 * The Metrics section's line charts, drawn with uPlot (ui/vendor/uplot/, why there): a
 * computed metric month by month, members by engagement level month by month, and a
 * recorded series day by day. A canvas says nothing
 * to a screen reader, so the same values are in a table beside each chart, one row a month
 * or a day; a value that cannot be computed leaves a gap in the line and "—" in the table,
 * never a zero.
 */

import uPlot from '../../../vendor/uplot/uPlot.min.js';
import { h, replaceChildren, useStylesheet } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { formatValue } from './numbers.js';

await useStylesheet('vendor/uplot/uPlot.min.css');

/** @typedef {import('../../contract/types.js').MetricUnit} MetricUnit */

/**
 * @typedef {object} MonthValue
 * @property {string} month  "2027-03".
 * @property {number|null} value
 */

/**
 * @typedef {object} DayValue
 * @property {string} day  "2027-03-14".
 * @property {number} value
 */

/**
 * One line of a chart, and its column in the table.
 * @typedef {object} Line
 * @property {string} label
 * @property {(number|null)[]} values
 * @property {string} [colour]  a CSS custom property; the accent by default.
 * @property {boolean} [tableOnly]  in the table, not drawn (a line that would flatten the rest).
 */

/** Steps between a count axis' marks: 1, 2, 5, 10, 20, 50… */
const WHOLE_STEPS = Array.from({ length: 13 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();

/**
 * What one drawing of a chart shows.
 * @typedef {object} Drawing
 * @property {number[]} times  each row's moment, in seconds since 1970 (UTC).
 * @property {string[]} rowNames  each row's name in the table.
 * @property {Record<string, string>[]} rowData  each row's value cell's data attributes.
 * @property {string} timeHeading  the table's first column.
 * @property {string} label  the table's caption.
 * @property {Line[]} lines  each a column of the table, in order.
 * @property {(value: number|null) => string} format  a value as the table and axis write it.
 * @property {(seconds: number, index: number) => string} tick  the time axis' labels.
 * @property {(min: number|null, max: number|null) => [number, number]} yRange
 * @property {boolean} [whole]  the values are counts: the value axis is marked at whole
 *   numbers only (else a count axis from 0 to 2 reads "0, 0, 1, 1, 2").
 * @property {string} emptyText  shown instead of a chart with no value to draw.
 */

/**
 * A line chart with its table in `container`, drawn again by `draw`.
 * @param {HTMLElement} container
 * @param {{testid: string, height: number}} options  the chart's testid; its table's is
 *   `<testid>-table`.
 */
function lineChart(container, { testid, height }) {
  /** @type {uPlot|null} */
  let plot = null;
  const canvas = h('div', { class: 'metrics-chart-canvas', testid, 'aria-hidden': 'true' });
  const empty = h('p', { class: 'metrics-empty', hidden: true });
  const table = h('table', { class: 'metrics-table', testid: `${testid}-table` });
  const details = h('details', { class: 'metrics-chart-details' }, h('summary', {}, t('metricsView.chartAsTable')), table);
  replaceChildren(container, canvas, empty, details);

  const resize = new ResizeObserver(() => {
    if (plot && canvas.clientWidth > 0) plot.setSize({ width: canvas.clientWidth, height });
  });
  resize.observe(canvas);

  /** @param {Drawing} d */
  function draw(d) {
    plot?.destroy();
    plot = null;
    const lines = d.lines.map((line) => ({ ...line, values: line.values.map((value) => (value == null || !Number.isFinite(value) ? null : value)) }));
    replaceChildren(
      table,
      h('caption', {}, d.label),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, d.timeHeading), lines.map((line) => h('th', { scope: 'col' }, line.label)))),
      h(
        'tbody',
        {},
        d.rowNames.map((name, i) => h('tr', {}, h('th', { scope: 'row' }, name), lines.map((line) => h('td', d.rowData[i], d.format(line.values[i]))))),
      ),
    );

    const drawn = lines.filter((line) => !line.tableOnly);
    const drawable = drawn.some((line) => line.values.some((value) => value != null));
    empty.hidden = drawable;
    empty.textContent = drawable ? '' : d.emptyText;
    canvas.hidden = !drawable;
    if (!drawable) return;

    const style = getComputedStyle(container);
    const colour = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const ink = colour('--dim-fg', '#5e5e63');
    const grid = colour('--separator', 'rgba(0,0,6,0.08)');
    const accent = colour('--accent-bg', '#c64600');
    const many = drawn.length > 1;
    const axis = {
      stroke: ink,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: `12px ${colour('--font-ui', 'sans-serif')}`,
    };
    plot = new uPlot(
      {
        width: Math.max(canvas.clientWidth, 300),
        height,
        // Several lines need their names beside them; one is named by the heading above.
        legend: { show: many, live: false },
        // Room on the right for the last label.
        padding: [8, 28, 0, 0],
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, min, max) => d.yRange(min, max) } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map(d.tick) },
          { ...axis, size: 64, values: (_u, splits) => splits.map((s) => d.format(s)), ...(d.whole ? { incrs: WHOLE_STEPS } : {}) },
        ],
        series: [
          {},
          ...drawn.map((line) => {
            const stroke = line.colour ? colour(line.colour, accent) : accent;
            // One line is filled beneath; several would hide each other.
            return { label: line.label, stroke, width: 2, fill: many ? undefined : `${stroke}22`, points: { show: true, size: 6, fill: stroke }, spanGaps: false };
          }),
        ],
      },
      [d.times, ...drawn.map((line) => line.values)],
      canvas,
    );
  }

  return {
    draw,
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

/**
 * One computed metric month by month, in `container`.
 * @param {HTMLElement} container
 */
export function createMonthChart(container) {
  const chart = lineChart(container, { testid: 'metrics-chart', height: 220 });
  return {
    /**
     * @param {MonthValue[]} months
     * @param {{label: string, unit: MetricUnit, language: 'en'|'ru'}} metric
     */
    show(months, { label, unit, language }) {
      const monthName = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
      const times = months.map(({ month }) => {
        const [year, number] = month.split('-').map(Number);
        return Date.UTC(year, number - 1, 1) / 1000;
      });
      chart.draw({
        times,
        rowNames: times.map((seconds) => monthName.format(seconds * 1000)),
        rowData: months.map(({ month }) => ({ 'data-month': month })),
        timeHeading: t('report.month'),
        label,
        lines: [{ label, values: months.map(({ value }) => value) }],
        format: (value) => formatValue(value, unit, language),
        tick: monthTick(language),
        yRange: (min, max) => yRange(min, max, unit),
        // Written without decimals, as formatValue writes them.
        whole: unit !== 'share' && unit !== 'mean',
        emptyText: t('metricsView.chartEmpty', { metric: label }),
      });
    },
    destroy: chart.destroy,
  };
}

/**
 * A recorded series day by day, in `container`; its chart's testid is `testid`.
 * @param {HTMLElement} container
 * @param {string} testid
 */
export function createSeriesChart(container, testid) {
  const chart = lineChart(container, { testid, height: 160 });
  return {
    /**
     * @param {DayValue[]} points  oldest first.
     * @param {{label: string, unit: string, language: 'en'|'ru'}} series
     */
    show(points, { label, unit, language }) {
      const dayName = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      const times = points.map(({ day }) => Date.parse(`${day}T00:00:00Z`) / 1000);
      chart.draw({
        times,
        rowNames: times.map((seconds) => dayName.format(seconds * 1000)),
        rowData: points.map(({ day }) => ({ 'data-day': day })),
        timeHeading: t('metricsView.day'),
        label: unit ? `${label} (${unit})` : label,
        lines: [{ label: unit ? `${label} (${unit})` : label, values: points.map(({ value }) => value) }],
        format: (value) => formatRecorded(value, language),
        tick: times.length > 1 && times[times.length - 1] - times[0] <= SHORT_SPAN ? dayTick(language) : monthTick(language),
        // A recorded series can be anything (a temperature, a loss): from zero only when it
        // never goes below.
        yRange: (min, max) => signedRange(min, max),
        emptyText: t('metricsView.seriesEmpty'),
      });
    },
    destroy: chart.destroy,
  };
}

/**
 * Members by engagement level at the end of each month, in `container`: a line for each
 * engaged level; observers, usually most of a roster, only in the table, where they would
 * flatten the other lines to the floor.
 * @param {HTMLElement} container
 */
export function createLevelsChart(container) {
  const chart = lineChart(container, { testid: 'metrics-levels-chart', height: 220 });
  return {
    /**
     * @param {import('../../contract/types.js').LevelMonth[]} months
     * @param {'en'|'ru'} language
     */
    show(months, language) {
      const monthName = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
      const times = months.map(({ month }) => {
        const [year, number] = month.split('-').map(Number);
        return Date.UTC(year, number - 1, 1) / 1000;
      });
      /** @type {Array<['advocate'|'contributor'|'participant'|'observer', string]>} */
      const levels = [
        ['advocate', '--level-advocate'],
        ['contributor', '--level-contributor'],
        ['participant', '--level-participant'],
        ['observer', '--dim-fg'],
      ];
      chart.draw({
        times,
        rowNames: times.map((seconds) => monthName.format(seconds * 1000)),
        rowData: months.map(({ month }) => ({ 'data-month': month })),
        timeHeading: t('report.month'),
        label: t('metricsView.levels'),
        lines: levels.map(([level, colour]) => ({
          label: t(`members.engagement.${level}`),
          values: months.map((m) => m[level]),
          colour,
          tableOnly: level === 'observer',
        })),
        format: (value) => formatValue(value, 'count', language),
        tick: monthTick(language),
        yRange: (min, max) => yRange(min, max, 'count'),
        whole: true,
        emptyText: t('metricsView.levelsEmpty'),
      });
    },
    destroy: chart.destroy,
  };
}

/**
 * A recorded value: as typed, to at most two decimals.
 * @param {number|null} value
 * @param {'en'|'ru'} language
 */
export function formatRecorded(value, language) {
  if (value == null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** Up to about three months, a recorded series' axis names days rather than months. */
const SHORT_SPAN = 92 * 86_400;

/**
 * The time axis' labels over a short span: day and month.
 * @param {'en'|'ru'} language
 */
function dayTick(language) {
  const dayName = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (seconds) => dayName.format(new Date(seconds * 1000));
}

/**
 * The time axis' labels: months, with the year only where it starts or changes (twelve
 * "2026"s would crowd it).
 * @param {'en'|'ru'} language
 */
function monthTick(language) {
  const monthName = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthOnly = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  return (seconds, index) => {
    const date = new Date(seconds * 1000);
    return index === 0 || date.getUTCMonth() === 0 ? monthName.format(date) : monthOnly.format(date);
  };
}

/**
 * The y axis: from zero for counts, shares and means (a trend drawn from an arbitrary floor
 * looks steeper than it is), with a little room above; NPS keeps its sign.
 * @param {number|null} min
 * @param {number|null} max
 * @param {MetricUnit} unit
 * @returns {[number, number]}
 */
function yRange(min, max, unit) {
  if (unit === 'score') return signedRange(min, max);
  const high = Math.max(max ?? 1, 1e-9);
  if (unit === 'share') return [0, Math.max(1e-3, Math.min(1, high * 1.15))];
  return [0, high * 1.15 || 1];
}

/**
 * An axis for values of either sign: zero always in view, and a little room beyond the
 * farthest value on each side that has one.
 * @param {number|null} min
 * @param {number|null} max
 * @returns {[number, number]}
 */
function signedRange(min, max) {
  const low = Math.min(0, min ?? 0);
  const high = Math.max(0, max ?? 0);
  const room = (high - low || 1) * 0.15;
  return [low < 0 ? low - room : 0, high > 0 || low === 0 ? high + room : 0];
}
