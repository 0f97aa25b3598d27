/**
 * The Plan section, not built yet. It already tells the truth it can: the template's tasks
 * were created with the community, so it shows how many wait in each of the four stages.
 */

import * as api from '../api.js';
import { h } from '../dom.js';
import { comingSoon } from '../components/coming-soon.js';
import { ICONS } from '../components/icons.js';
import { t } from '../i18n/index.js';

/** @param {import('../main.js').ViewContext} ctx */
export function mount(ctx) {
  const summary = h('div', { class: 'plan-summary' });
  ctx.body.append(
    comingSoon({ iconPaths: ICONS.plan, title: t('coming.plan.title'), description: t('coming.plan.body'), details: summary }),
  );
  showTaskCounts(ctx, summary);
  return {};
}

async function showTaskCounts(ctx, container) {
  let plan;
  try {
    plan = await api.planSummary(ctx.community.id);
  } catch (error) {
    // The counts are a courtesy; the section explains itself without them.
    console.warn('plan_summary failed', error);
    return;
  }
  if (ctx.signal.aborted || plan.total === 0) return;
  container.append(
    h('p', { class: 'plan-ready', testid: 'plan-ready' }, t('plan.ready', { count: plan.total })),
    h(
      'ol',
      { class: 'card stage-list' },
      [...plan.stages]
        .sort((a, b) => a.stage - b.stage)
        .map(({ stage, total, done }) =>
          h(
            'li',
            { class: 'row' },
            h(
              'span',
              { class: 'row-text' },
              h('span', { class: 'stage-number' }, t('plan.stageLabel', { number: stage })),
              ' ',
              h('span', { class: 'stage-name' }, t(`plan.stageName.${stage}`)),
            ),
            h(
              'span',
              { class: 'dim' },
              t('plan.tasks', { count: total }),
              done > 0 ? ` · ${t('plan.done', { count: done })}` : '',
            ),
          ),
        ),
    ),
  );
}
