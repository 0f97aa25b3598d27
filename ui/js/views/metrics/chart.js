/**
 * One metric month by month, as a line over the months of the range, drawn with uPlot
 * (ui/vendor/uplot/, why there). A canvas says nothing to a screen reader, so the same values
 * are in a table beside it, one row a month; a month whose value cannot be computed leaves a
 * gap in the line and "—" in the table, never a zero.
 */

import uPlot from '../../../vendor/uplot/uPlot.min.js';
import { h, replaceChildren, useStylesheet } from '../../dom.js';
import { t } from '../../i18n/index.js';
import { formatValue } from './numbers.js';

await useStylesheet(new URL('../../../vendor/uplot/uPlot.min.css', import.meta.url));

const HEIGHT = 220;

/** @typedef {import('../../contract/types.js').MetricUnit} MetricUnit */

/**
 * @typedef {object} MonthValue
 * @property {string} month  "2027-03".
 * @property {number|null} value
 */

/**
 * A chart in `container`, drawn again by `show` for another metric or range.
 * @param {HTMLElement} container
 */
export function createMonthChart(container) {
  /** @type {uPlot|null} */
  let plot = null;
  const canvas = h('div', { class: 'metrics-chart-canvas', testid: 'metrics-chart', 'aria-hidden': 'true' });
  const empty = h('p', { class: 'metrics-empty', hidden: true });
  const table = h('table', { class: 'metrics-table', testid: 'metrics-chart-table' });
  const details = h('details', { class: 'metrics-chart-details' }, h('summary', {}, t('metricsView.chartAsTable')), table);
  replaceChildren(container, canvas, empty, details);

  const resize = new ResizeObserver(() => {
    if (plot && canvas.clientWidth > 0) plot.setSize({ width: canvas.clientWidth, height: HEIGHT });
  });
  resize.observe(canvas);

  /**
   * @param {MonthValue[]} months
   * @param {{label: string, unit: MetricUnit, language: 'en'|'ru'}} metric
   */
  function show(months, { label, unit, language }) {
    plot?.destroy();
    plot = null;
    const monthName = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const monthOnly = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
    // On the axis, the year only where it starts or changes: twelve "2026"s would crowd it.
    const tick = (seconds, index) => {
      const date = new Date(seconds * 1000);
      return index === 0 || date.getUTCMonth() === 0 ? monthName.format(date) : monthOnly.format(date);
    };
    const starts = months.map(({ month }) => {
      const [year, number] = month.split('-').map(Number);
      return Date.UTC(year, number - 1, 1) / 1000;
    });
    const values = months.map(({ value }) => (value == null || !Number.isFinite(value) ? null : value));

    replaceChildren(
      table,
      h('caption', {}, label),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('report.month')), h('th', { scope: 'col' }, label))),
      h(
        'tbody',
        {},
        months.map(({ month }, i) =>
          h('tr', {}, h('th', { scope: 'row' }, monthName.format(starts[i] * 1000)), h('td', { 'data-month': month }, formatValue(values[i], unit, language))),
        ),
      ),
    );

    const drawable = values.some((value) => value != null);
    empty.hidden = drawable;
    empty.textContent = drawable ? '' : t('metricsView.chartEmpty', { metric: label });
    canvas.hidden = !drawable;
    if (!drawable) return;

    const style = getComputedStyle(container);
    const colour = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const ink = colour('--dim-fg', '#5e5e63');
    const grid = colour('--separator', 'rgba(0,0,6,0.08)');
    const accent = colour('--accent-bg', '#c64600');
    const axis = {
      stroke: ink,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: `12px ${colour('--font-ui', 'sans-serif')}`,
    };
    plot = new uPlot(
      {
        width: Math.max(canvas.clientWidth, 300),
        height: HEIGHT,
        legend: { show: false },
        // Room on the right for the last month's name.
        padding: [8, 28, 0, 0],
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, min, max) => yRange(min, max, unit) } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map(tick) },
          { ...axis, size: 64, values: (_u, splits) => splits.map((s) => formatValue(s, unit, language)) },
        ],
        series: [{}, { label, stroke: accent, width: 2, fill: `${accent}22`, points: { show: true, size: 6, fill: accent }, spanGaps: false }],
      },
      [starts, values],
      canvas,
    );
  }

  return {
    show,
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
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
  const low = unit === 'score' ? Math.min(0, min ?? 0) : 0;
  const high = Math.max(max ?? 1, low + 1e-9);
  if (unit === 'share') return [0, Math.max(1e-3, Math.min(1, high * 1.15))];
  return [low, high * 1.15 || 1];
}
