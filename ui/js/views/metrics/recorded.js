/**
 * Recorded metrics on the Metrics screen: what Hearth cannot count for itself, typed in as
 * dated values (the members of the Telegram chat, a survey's result, people hired through
 * the community). Each series has its chart and its values; each platform's member count in
 * the charter is one of them, recorded every time the charter's count is saved. Values are
 * kept by core (metrics/series.rs), which reads "4,5" and "1 200" as people type them and
 * refuses what is not a number under the field.
 */

import { metricPointRecord, metricPointRemove, metricSeriesCreate, metricSeriesDelete, metricSeriesUpdate } from '../../api/metrics.js';
import { h, placeChildren } from '../../dom.js';
import { confirmDialog } from '../../components/dialog.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { showToast } from '../../components/toast.js';
import { LIMITS, METRIC_CATEGORIES } from '../../contract/values.js';
import { normaliseError } from '../../errors.js';
import { formatDate, localToday } from '../../format.js';
import { getLanguage, t } from '../../i18n/index.js';
import { createSeriesChart, formatRecorded } from './chart.js';

/** @typedef {import('../../contract/types.js').MetricSeries} MetricSeries */
/** @typedef {import('../../contract/types.js').MetricPoint} MetricPoint */

/**
 * The recorded metrics section; `show` draws the series given, keeping each series' chart
 * (keyed by its id) where it was.
 * @param {object} options
 * @param {number} options.communityId
 * @param {() => void} options.changed  after a series or a value is saved or removed.
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError
 */
export function recordedSection({ communityId, changed, onError }) {
  const add = h('button', { type: 'button', testid: 'series-add', onclick: () => void editSeries(null) }, t('metricsView.recorded.add'));
  const list = h('div', { class: 'metrics-recorded', testid: 'metrics-recorded' });
  const empty = h('p', { class: 'metrics-empty', testid: 'metrics-recorded-empty', hidden: true }, t('metricsView.recorded.empty'));
  const element = h(
    'section',
    { class: 'metrics-group', 'aria-labelledby': 'metrics-recorded-heading' },
    h('div', { class: 'metrics-group-head' }, h('h2', { id: 'metrics-recorded-heading' }, t('metricsView.recorded.heading')), add),
    h('p', { class: 'metrics-about' }, t('metricsView.recorded.about')),
    empty,
    list,
  );
  /** Each series' card and chart, by id, so a redraw moves only what changed. */
  const cards = new Map();

  /** @param {MetricSeries[]} all */
  function show(all) {
    empty.hidden = all.length > 0;
    const language = getLanguage();
    for (const [id, card] of cards) {
      if (!all.some((s) => s.id === id)) {
        card.chart.destroy();
        cards.delete(id);
      }
    }
    const nodes = all.map((series) => {
      let card = cards.get(series.id);
      if (!card) {
        card = seriesCard(series.id);
        cards.set(series.id, card);
      }
      card.draw(series, language);
      return card.element;
    });
    placeChildren(list, nodes);
  }

  /** @param {number} id */
  function seriesCard(id) {
    /** @type {MetricSeries|null} */
    let current = null;
    const name = h('h3', { class: 'metrics-series-name' });
    const about = h('span', { class: 'metrics-series-about' });
    const latest = h('span', { class: 'metrics-series-latest', testid: `series-${id}-latest` });
    const record = h('button', { type: 'button', testid: `series-${id}-record`, onclick: () => current && void recordValue(current) }, t('metricsView.recorded.record'));
    const edit = h('button', { type: 'button', class: 'flat', testid: `series-${id}-edit`, onclick: () => current && void editSeries(current) }, t('metricsView.recorded.edit'));
    /** Each card's buttons named with their series, for a screen reader's list of them. */
    const nameButtons = (/** @type {string} */ name) => {
      record.setAttribute('aria-label', t('metricsView.recorded.recordNamed', { name }));
      edit.setAttribute('aria-label', t('metricsView.recorded.editNamed', { name }));
    };
    const chartBox = h('div', { class: 'metrics-series-chart' });
    const chart = createSeriesChart(chartBox, `series-${id}-chart`);
    const values = h('ul', { class: 'metrics-series-values', testid: `series-${id}-values` });
    const details = h('details', { class: 'metrics-series-details' }, h('summary', { testid: `series-${id}-values-toggle` }, t('metricsView.recorded.values')), values);
    const element = h(
      'article',
      { class: 'metrics-series', testid: `series-${id}`, 'aria-labelledby': `series-${id}-name` },
      h('div', { class: 'metrics-series-head' }, h('div', { class: 'metrics-series-title' }, name, about), h('div', { class: 'metrics-series-actions' }, record, edit)),
      latest,
      chartBox,
      details,
    );
    name.id = `series-${id}-name`;

    /**
     * @param {MetricSeries} series
     * @param {'en'|'ru'} language
     */
    function draw(series, language) {
      current = series;
      name.textContent = series.name;
      nameButtons(series.name);
      about.textContent = [t(`metrics.category.${series.category}`), series.platformId != null ? t('metricsView.recorded.platform') : null, series.unit || null]
        .filter(Boolean)
        .join(' · ');
      const last = series.points.at(-1);
      latest.textContent = last ? t('metricsView.recorded.latest', { value: withUnit(last.value, series.unit, language), day: formatDate(`${last.onDay}T12:00:00`, language) }) : t('metricsView.recorded.none');
      latest.dataset.value = last ? String(last.value) : '';
      chart.show(
        series.points.map((p) => ({ day: p.onDay, value: p.value })),
        { label: series.name, unit: series.unit, language },
      );
      placeChildren(
        values,
        [...series.points].reverse().map((point) =>
          h(
            'li',
            { testid: `point-${point.id}` },
            h('span', {}, formatDate(`${point.onDay}T12:00:00`, language)),
            h('span', { class: 'metrics-series-value' }, withUnit(point.value, series.unit, language)),
            h('span', { class: 'metrics-series-note' }, point.note),
            h(
              'button',
              { type: 'button', class: 'flat', testid: `point-${point.id}-remove`, 'aria-label': t('metricsView.recorded.removeValue', { day: formatDate(`${point.onDay}T12:00:00`, language) }), onclick: () => void removeValue(series, point) },
              t('metricsView.recorded.remove'),
            ),
          ),
        ),
      );
    }

    return { element, draw, chart };
  }

  /**
   * The form for a new series (`series` null) or for changing one.
   * @param {MetricSeries|null} series
   */
  async function editSeries(series) {
    if (document.querySelector('dialog[open]')) return;
    const { field, showError, clearOnInput, clearAll } = formFields();
    const onPlatform = series?.platformId != null;
    const name = h('input', { type: 'text', maxlength: LIMITS.series.name, value: series?.name ?? '', disabled: onPlatform, autocomplete: 'off' });
    const category = h('select', {}, METRIC_CATEGORIES.map((value) => h('option', { value }, t(`metrics.category.${value}`))));
    category.value = series?.category ?? 'quantitative';
    const unit = h('input', { type: 'text', maxlength: LIMITS.series.unit, value: series?.unit ?? '', placeholder: t('metricsView.recorded.unitPlaceholder'), autocomplete: 'off' });
    const save = h('button', { type: 'submit', class: 'suggested', testid: 'series-save' }, series ? t('metricsView.recorded.save') : t('metricsView.recorded.create'));
    const dialog = formDialog({
      testid: 'series-dialog',
      record: series && `metric_series:${series.uid}`,
      title: series ? t('metricsView.recorded.editTitle') : t('metricsView.recorded.addTitle'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        onPlatform ? h('p', { class: 'dialog-body' }, t('metricsView.recorded.platformNamed')) : null,
        field('name', 'series-name', t('metricsView.recorded.name'), name),
        h('div', { class: 'field-columns' }, field('category', 'series-category', t('metricsView.recorded.category'), category), field('unit', 'series-unit', t('metricsView.recorded.unit'), unit)),
      ),
      buttons: editButtons({
        prefix: 'series',
        save,
        dialog: () => dialog,
        onDelete: series && !onPlatform ? () => void removeSeries(series) : null,
        deleteLabel: t('metricsView.recorded.delete'),
      }),
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        save.disabled = true;
        const input = { name: name.value, category: category.value, unit: unit.value };
        try {
          const saved = series ? await metricSeriesUpdate(series.id, input) : await metricSeriesCreate(communityId, input);
          dialog.finish(saved);
          changed();
        } catch (raw) {
          const error = normaliseError(raw);
          save.disabled = false;
          if (!showError(error)) onError(error);
        }
      },
    });
    (onPlatform ? category : name).focus();
  }

  /** @param {MetricSeries} series */
  async function removeSeries(series) {
    const sure = await confirmDialog({
      title: t('metricsView.recorded.deleteTitle'),
      body: t('metricsView.recorded.deleteBody', { name: series.name, count: series.points.length }),
      confirmLabel: t('metricsView.recorded.delete'),
      destructive: true,
    });
    if (!sure) return;
    try {
      await metricSeriesDelete(series.id);
      changed();
    } catch (error) {
      onError(normaliseError(error));
    }
  }

  /**
   * The form for a value of `series`: its day (today unless changed), the value and a note.
   * @param {MetricSeries} series
   */
  function recordValue(series) {
    if (document.querySelector('dialog[open]')) return;
    const { field, showError, clearOnInput, clearAll } = formFields();
    const offered = localToday();
    const day = h('input', { type: 'date', value: offered });
    const value = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
    const note = h('textarea', { rows: 2, maxlength: LIMITS.series.note });
    const save = h('button', { type: 'submit', class: 'suggested', testid: 'point-save' }, t('metricsView.recorded.saveValue'));
    const dialog = formDialog({
      testid: 'point-dialog',
      title: t('metricsView.recorded.recordTitle', { name: series.name }),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h('p', { class: 'dialog-body' }, t('metricsView.recorded.oneADay')),
        h('div', { class: 'field-columns' }, field('onDay', 'point-day', t('metricsView.recorded.day'), day), field('value', 'point-value', series.unit ? t('metricsView.recorded.valueIn', { unit: series.unit }) : t('metricsView.recorded.value'), value)),
        field('note', 'point-note', t('metricsView.recorded.note'), note),
      ),
      buttons: [h('span', { class: 'spacer' }), h('button', { type: 'button', testid: 'point-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')), save],
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        save.disabled = true;
        try {
          // The day left as offered is "today", which core reads in the community's time
          // zone: this computer's date can be a day ahead of it.
          const onDay = day.value === offered ? '' : day.value;
          dialog.finish(await metricPointRecord(series.id, { onDay, value: value.value, note: note.value }));
          changed();
        } catch (raw) {
          const error = normaliseError(raw);
          save.disabled = false;
          if (!showError(error)) onError(error);
        }
      },
    });
    value.focus();
  }

  /**
   * Removes a value at once, with Undo: recording it again puts back the same day, value
   * and note.
   * @param {MetricSeries} series
   * @param {MetricPoint} point
   */
  async function removeValue(series, point) {
    try {
      await metricPointRemove(point.id);
      changed();
    } catch (error) {
      onError(normaliseError(error));
      return;
    }
    showToast(t('metricsView.recorded.removed', { day: formatDate(`${point.onDay}T12:00:00`, getLanguage()) }), {
      action: {
        label: t('metricsView.undo'),
        testid: 'toast-undo',
        keyshortcuts: 'Control+Z',
        run: async () => {
          try {
            // Written out in full ("0.0000001", never "1e-7"), as core reads a typed number.
            const value = point.value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
            await metricPointRecord(series.id, { onDay: point.onDay, value, note: point.note });
            changed();
          } catch (error) {
            onError(normaliseError(error));
          }
        },
      },
    });
  }

  return {
    element,
    show,
    destroy() {
      for (const card of cards.values()) card.chart.destroy();
      cards.clear();
    },
  };
}

/**
 * A recorded value with its unit.
 * @param {number} value
 * @param {string} unit
 * @param {'en'|'ru'} language
 */
function withUnit(value, unit, language) {
  const text = formatRecorded(value, language);
  return unit ? `${text} ${unit}` : text;
}
