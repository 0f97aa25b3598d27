/**
 * The Calendar section, not built yet: it says what it will be for (the event calendar) and nothing more.
 */

import { comingSoon } from '../../components/coming-soon.js';
import { ICONS } from '../../components/icons.js';
import { t } from '../../i18n/index.js';

/** @param {import('../../main.js').ViewContext} ctx */
export function mount(ctx) {
  ctx.body.append(
    comingSoon({ iconPaths: ICONS.calendar, title: t('coming.calendar.title'), description: t('coming.calendar.body') }),
  );
  return {};
}
