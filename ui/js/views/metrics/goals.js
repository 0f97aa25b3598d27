/**
 * Goals on the Metrics screen: a target on any metric, computed or recorded, with a due
 * date, tied to a line of the charter's expected results. Each goal shows how far it has
 * come from where it stood when it was set, where the pace to its due date puts it today,
 * and whether it is on track or behind. Core measures every goal (metrics/goals.rs); this
 * file lays them out and edits them in a form dialog, where core's refusals show under the
 * field concerned.
 */

import { communityGet } from '../../api/community.js';
import { goalCreate, goalDelete, goalUpdate } from '../../api/metrics.js';
import { h, replaceChildren } from '../../dom.js';
import { confirmDialog } from '../../components/dialog.js';
import { editButtons, formDialog, formFields } from '../../components/form-dialog.js';
import { METRIC_KEYS, METRIC_UNITS } from '../../contract/values.js';
import { normaliseError } from '../../errors.js';
import { formatDate } from '../../format.js';
import { getLanguage, t } from '../../i18n/index.js';
import { formatRecorded } from './chart.js';
import { formatValue } from './numbers.js';

/** @typedef {import('../../contract/types.js').Goal} Goal */
/** @typedef {import('../../contract/types.js').MetricSeries} MetricSeries */
/** @typedef {import('../../contract/types.js').MetricKey} MetricKey */

/**
 * The goals section; `show` draws the goals given.
 * @param {object} options
 * @param {number} options.communityId
 * @param {() => MetricSeries[]} options.series  the recorded series a goal can be set on.
 * @param {AbortSignal} options.signal  the view's: no dialog opens once it has gone.
 * @param {() => void} options.changed  after a goal is saved or deleted.
 * @param {(error: import('../../errors.js').HearthError) => void} options.onError
 */
export function goalsSection({ communityId, series, signal, changed, onError }) {
  const add = h('button', { type: 'button', testid: 'goal-add', 'aria-keyshortcuts': 'Control+N', title: t('metricsView.goal.addShortcut'), onclick: () => void edit(null) }, t('metricsView.goal.add'));
  const list = h('ul', { class: 'metrics-goals', testid: 'metrics-goals' });
  const empty = h('p', { class: 'metrics-empty', testid: 'metrics-goals-empty', hidden: true }, t('metricsView.goal.empty'));
  const element = h(
    'section',
    { class: 'metrics-group', 'aria-labelledby': 'metrics-goals-heading' },
    h('div', { class: 'metrics-group-head' }, h('h2', { id: 'metrics-goals-heading' }, t('metricsView.goal.heading')), add),
    empty,
    list,
  );

  /** A goal's form is on its way (its charter being read). */
  let opening = false;

  /** @param {Goal[]} goals */
  function show(goals) {
    const language = getLanguage();
    empty.hidden = goals.length > 0;
    replaceChildren(list, goals.map((goal) => row(goal, language)));
  }

  /**
   * @param {Goal} goal
   * @param {'en'|'ru'} language
   */
  function row(goal, language) {
    const { progress } = goal;
    const value = (v) => goalValue(goal, v, language);
    const share = progress.share ?? 0;
    const bar = h('span', { class: 'metrics-goal-bar' }, h('span', { class: 'metrics-goal-fill' }));
    bar.style.setProperty('--share', String(share));
    // The pace says something only once the goal has run a day: on the day it is set, the
    // pace is where it starts.
    const paced = progress.status !== 'met' && progress.expected != null && goal.today > goal.setOn && goal.today <= goal.dueOn;
    // Past its due date a goal was judged on that date, and says so.
    const due = goal.today > goal.dueOn;
    const now =
      progress.current == null
        ? t('metricsView.goal.noValue')
        : t(due ? 'metricsView.goal.atDue' : paced ? 'metricsView.goal.nowAndPace' : 'metricsView.goal.now', {
            value: value(progress.current),
            expected: paced ? value(progress.expected) : '',
            share: new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share),
          });
    return h(
      'li',
      { class: 'metrics-goal', testid: `goal-${goal.id}`, 'data-status': progress.status },
      h(
        'div',
        { class: 'metrics-goal-head' },
        h('span', { class: 'metrics-goal-name' }, goalName(goal)),
        h('span', { class: `metrics-goal-status is-${progress.status}`, testid: `goal-${goal.id}-status` }, t(`metrics.goal.${progress.status}`)),
        h('button', { type: 'button', class: 'flat', testid: `goal-${goal.id}-edit`, 'aria-label': t('metricsView.goal.editNamed', { name: goalName(goal) }), onclick: () => void edit(goal) }, t('metricsView.goal.edit')),
      ),
      h(
        'span',
        { class: 'metrics-goal-target', testid: `goal-${goal.id}-target` },
        t('metricsView.goal.target', { direction: t(`metrics.direction.${goal.direction}`), target: value(goal.target), due: formatDate(`${goal.dueOn}T12:00:00`, language) }),
      ),
      h(
        'span',
        {
          class: 'metrics-goal-progress',
          role: 'progressbar',
          'aria-valuemin': '0',
          'aria-valuemax': '100',
          'aria-valuenow': String(Math.round(share * 100)),
          'aria-label': t('metricsView.goal.progress', { name: goalName(goal) }),
          testid: `goal-${goal.id}-progress`,
          'data-share': String(share),
        },
        bar,
      ),
      h('span', { class: 'metrics-goal-now', testid: `goal-${goal.id}-now` }, now),
      goal.expectedResult ? h('span', { class: 'metrics-goal-result' }, t('metricsView.goal.for', { result: goal.expectedResult })) : null,
    );
  }

  /**
   * The form for a new goal (`goal` null) or for changing one.
   * @param {Goal|null} goal
   */
  async function edit(goal) {
    // The charter is read first: a second press meanwhile (Ctrl+N twice) opens nothing more.
    if (opening || document.querySelector('dialog[open]')) return;
    opening = true;
    let lines = [];
    try {
      const community = await communityGet(communityId);
      lines = community.expectedResults
        .split('\n')
        .map((line) => line.replace(/^\s*(?:[-•*–]|\d+[.)])\s+/, '').trim())
        .filter(Boolean);
    } catch {
      // Without the charter there are no lines to offer; the goal is still a goal.
    } finally {
      opening = false;
    }
    if (signal.aborted || document.querySelector('dialog[open]')) return;
    const { field, showError, clearOnInput, clearAll } = formFields();
    const recorded = series();
    const metric = h(
      'select',
      {},
      h('optgroup', { label: t('metricsView.goal.computed') }, METRIC_KEYS.map((key) => h('option', { value: key }, t(`metrics.key.${key}`)))),
      recorded.length ? h('optgroup', { label: t('metricsView.recorded.heading') }, recorded.map((s) => h('option', { value: `series:${s.id}` }, s.name))) : null,
    );
    metric.value = goal ? (goal.metric ?? `series:${goal.seriesId}`) : 'active_members';
    const direction = h('select', {}, ['at_least', 'at_most'].map((value) => h('option', { value }, t(`metrics.direction.${value}`))));
    /** Whether the direction was picked by hand: the metric's own way otherwise. */
    let directionPicked = Boolean(goal);
    direction.value = goal?.direction ?? 'at_least';
    direction.addEventListener('change', () => {
      directionPicked = true;
    });
    const target = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', value: goal ? typedTarget(goal, getLanguage()) : '' });
    const unitHint = h('p', { class: 'field-hint', id: 'goal-target-hint' });
    const due = h('input', { type: 'date', value: goal?.dueOn ?? '' });
    const result = h('select', {}, h('option', { value: '' }, t('metricsView.goal.noResult')), lines.map((line) => h('option', { value: line }, line)));
    if (goal?.expectedResult && !lines.includes(goal.expectedResult)) result.append(h('option', { value: goal.expectedResult }, goal.expectedResult));
    result.value = goal?.expectedResult ?? '';

    const followMetric = () => {
      const key = metric.value.startsWith('series:') ? null : /** @type {MetricKey} */ (metric.value);
      if (!directionPicked) direction.value = key === 'no_show_rate' ? 'at_most' : 'at_least';
      const picked = recorded.find((s) => `series:${s.id}` === metric.value);
      unitHint.textContent = key ? t(`metricsView.goal.unit.${METRIC_UNITS[key]}`) : picked?.unit ? t('metricsView.goal.unit.series', { unit: picked.unit }) : '';
      unitHint.hidden = !unitHint.textContent;
    };
    metric.addEventListener('change', followMetric);
    followMetric();
    const targetField = field('target', 'goal-target', t('metricsView.goal.targetLabel'), target);
    targetField.insertBefore(unitHint, target);
    target.setAttribute('aria-describedby', `${unitHint.id} goal-target-error`);

    const save = h('button', { type: 'submit', class: 'suggested', testid: 'goal-save' }, goal ? t('metricsView.goal.save') : t('metricsView.goal.create'));
    const dialog = formDialog({
      testid: 'goal-dialog',
      wide: true,
      record: goal && `goals:${goal.uid}`,
      title: goal ? t('metricsView.goal.editTitle') : t('metricsView.goal.addTitle'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        field('metric', 'goal-metric', t('metricsView.goal.metric'), metric),
        h('div', { class: 'field-columns' }, field('direction', 'goal-direction', t('metricsView.goal.direction'), direction), targetField),
        field('dueOn', 'goal-due', t('metricsView.goal.due'), due),
        field('expectedResult', 'goal-result', t('metricsView.goal.result'), result),
      ),
      buttons: editButtons({
        prefix: 'goal',
        save,
        dialog: () => dialog,
        onDelete: goal ? () => void remove(goal) : null,
        deleteLabel: t('metricsView.goal.delete'),
      }),
      oninput: clearOnInput,
      onsubmit: async () => {
        clearAll();
        save.disabled = true;
        const onSeries = metric.value.startsWith('series:');
        const input = {
          metric: onSeries ? '' : metric.value,
          seriesId: onSeries ? Number(metric.value.slice('series:'.length)) : null,
          direction: direction.value,
          target: target.value,
          dueOn: due.value,
          expectedResult: result.value,
        };
        try {
          const saved = goal ? await goalUpdate(goal.id, input) : await goalCreate(communityId, input);
          dialog.finish(saved);
          changed();
        } catch (raw) {
          const error = normaliseError(raw);
          save.disabled = false;
          // A series that went away is the metric field's problem.
          if (!showError(error.field === 'seriesId' ? { ...error, field: 'metric' } : error)) onError(error);
        }
      },
    });
    metric.focus();
  }

  /** @param {Goal} goal */
  async function remove(goal) {
    const sure = await confirmDialog({
      title: t('metricsView.goal.deleteTitle'),
      body: t('metricsView.goal.deleteBody', { name: goalName(goal) }),
      confirmLabel: t('metricsView.goal.delete'),
      destructive: true,
    });
    if (!sure) return;
    try {
      await goalDelete(goal.id);
      changed();
    } catch (error) {
      onError(normaliseError(error));
    }
  }

  return { element, show, add: () => void edit(null) };
}

/** @param {Goal} goal */
function goalName(goal) {
  return goal.metric ? t(`metrics.key.${goal.metric}`) : (goal.seriesName ?? '');
}

/**
 * A goal's value as its metric reads; a series' with its unit.
 * @param {Goal} goal
 * @param {number|null} value
 * @param {'en'|'ru'} language
 */
function goalValue(goal, value, language) {
  if (goal.metric) return formatValue(value, goal.unit, language);
  const text = formatRecorded(value, language);
  return goal.seriesUnit && value != null ? `${text} ${goal.seriesUnit}` : text;
}

/**
 * The target as it is typed back into the form: a share in percent.
 * @param {Goal} goal
 * @param {'en'|'ru'} language
 */
function typedTarget(goal, language) {
  const typed = goal.metric && goal.unit === 'share' ? goal.target * 100 : goal.target;
  return new Intl.NumberFormat(language, { maximumFractionDigits: 4, useGrouping: false }).format(typed);
}
