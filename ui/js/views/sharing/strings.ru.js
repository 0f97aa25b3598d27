/** Russian texts of conflicts marked at their fields. */
export default {
  'conflicts.mark': 'На двух компьютерах задали по-разному. Выберите, что оставить:',
  'conflicts.markRecord': 'На двух компьютерах задали по-разному: выберите в разделе «Соорганизаторы» устава.',
  'conflicts.keep': 'Оставить «{value}»',
  'conflicts.shownNow': 'Показано сейчас',
  'conflicts.empty': 'пусто',
  'conflicts.kept': 'Оставлено на всех компьютерах.',
};
