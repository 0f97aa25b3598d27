/**
 * The Metrics section, not built yet: it says what it will be for (metric tracking against goals) and nothing more.
 */

import { comingSoon } from '../../components/coming-soon.js';
import { ICONS } from '../../components/icons.js';
import { t } from '../../i18n/index.js';

/** @param {import('../../main.js').ViewContext} ctx */
export function mount(ctx) {
  ctx.body.append(
    comingSoon({ iconPaths: ICONS.metrics, title: t('coming.metrics.title'), description: t('coming.metrics.body') }),
  );
  return {};
}
