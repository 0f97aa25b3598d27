/**
 * Русские тексты. Ключи те же, что в en.js (это проверяет тест). Формы множественного
 * числа — по категориям Intl.PluralRules('ru'): one, few, many, other (other — для дробей).
 */
export default {
  'app.name': 'Hearth',
  'app.loading': 'Загрузка…',
  'app.bootFailed': 'Hearth не удалось запустить',
  'app.retry': 'Повторить',

  'language.system': 'Как в системе ({language})',

  'nav.label': 'Разделы',
  'section.charter': 'Устав',
  'section.plan': 'План',
  'section.members': 'Участники',
  'section.calendar': 'Календарь',
  'section.metrics': 'Метрики',
  'section.settings': 'Настройки',

  'switcher.label': 'Сообщество',
  'switcher.new': 'Новое сообщество…',
  'sidebar.newCommunity': 'Новое сообщество',
  'sync.in_step': 'Синхронизировано',
  'sync.connected': 'Синхронизация…',
  'sync.connecting': 'Подключение…',
  'sync.offline': 'Нет связи с {time}',
  'sync.label': 'Общее с соорганизаторами: {state}',

  'sample.label': 'Пример сообщества',
  'sample.text': 'Это пример сообщества, чтобы осмотреться. Свою работу ведите в новом сообществе.',
  'sample.new': 'Новое сообщество',

  'field.name': 'Название',
  'field.mission': 'Миссия',
  'field.kind': 'Тип',
  'field.audiences': 'Целевые аудитории',
  'field.formats': 'Форматы взаимодействия',
  'field.uniqueValue': 'Уникальная ценность',
  'field.expectedResults': 'Ожидаемые результаты',
  'field.rules': 'Правила и кодекс поведения',
  'field.timeZone': 'Часовой пояс',
  'field.locale': 'Язык шаблона плана',
  'field.language': 'Язык',
  'field.fileName': 'Файл резервной копии',
  'field.unknown': 'Это поле',

  'dialog.cancel': 'Отмена',
  'toast.close': 'Закрыть',
  'date.none': 'Без даты',
  'date.clear': 'Очистить',
  'date.clearLabel': 'Очистить поле «{label}»',

  'close.title': 'Сохранить изменения перед закрытием?',
  'close.body': {
    one: 'Если закрыть без сохранения, это изменение пропадёт:',
    few: 'Если закрыть без сохранения, эти изменения пропадут:',
    many: 'Если закрыть без сохранения, эти изменения пропадут:',
    other: 'Если закрыть без сохранения, эти изменения пропадут:',
  },
  'close.discard': 'Закрыть без сохранения',
  'close.save': 'Сохранить',
  'close.item.charter': 'Устав сообщества «{name}»',
  'close.item.task': 'Задача «{title}»',
  'close.item.newTask': 'Новая задача',
  'close.item.platform': 'Площадка «{name}»',
  'close.item.newPlatform': 'Новая площадка',

  'coming.notBuilt': 'Этот раздел ещё не сделан: он появится в одной из следующих версий Hearth.',
  'coming.metrics.title': 'Метрики',
  'coming.metrics.body':
    'Как сообщество продвигается к своим целям: участники, вовлечённость, удовлетворённость и импакт, по возможности рассчитанные из ваших данных.',

  'nav.overdueBadge': {
    one: '{count} просроченная задача',
    few: '{count} просроченные задачи',
    many: '{count} просроченных задач',
    other: '{count} просроченной задачи',
  },

  'recovery.title': 'База данных была повреждена',
  'recovery.body':
    'Hearth отложил повреждённый файл и начал работу с пустой базой. Самая новая резервная копия — от {date}.',
  'recovery.noBackups':
    'Hearth отложил повреждённый файл и начал работу с пустой базой. Резервных копий для восстановления нет.',
  'recovery.kept': 'Повреждённый файл сохранён: {path}',
  'recovery.restore': 'Восстановить копию',
  'recovery.restoring': 'Восстановление…',
  'recovery.dismiss': 'Скрыть',

  'error.rule.required': 'Заполните поле «{field}»',
  'error.rule.too_long': {
    one: 'Поле «{field}» должно быть не длиннее {count} символа',
    few: 'Поле «{field}» должно быть не длиннее {count} символов',
    many: 'Поле «{field}» должно быть не длиннее {count} символов',
    other: 'Поле «{field}» должно быть не длиннее {count} символа',
  },
  'error.rule.too_long_unspecified': 'Слишком длинное значение в поле «{field}»',
  'error.rule.unknown_value': 'Недопустимое значение в поле «{field}»',
  'error.rule.invalid_format': 'Неверный формат в поле «{field}»',
  'error.rule.control_character': 'В поле «{field}» есть скрытый управляющий символ (часто из скопированного текста): наберите этот фрагмент заново',
  'error.field.timeZone.unknown_value': 'Неизвестный часовой пояс',
  'error.field.timeZone.required': 'Выберите часовой пояс',
  'error.field.fileName.invalid_format': 'Этот файл не подходит как резервная копия Hearth: он повреждён или записан другой программой.',
  'error.field.due.invalid_format': 'Укажите существующую дату',
  'error.field.url.invalid_format': 'Укажите ссылку, которая начинается с http:// или https://',
  'error.field.url.required': 'Укажите ссылку',
  'error.field.stage.unknown_value': 'Такого этапа нет',
  'error.field.memberCount.invalid_format': 'Укажите целое число, 0 или больше',
  'error.code.not_found': 'Этого больше нет: возможно, его удалили.',
  'error.code.invalid_input': 'Часть данных заполнена неверно.',
  'error.code.conflict': 'Это противоречит тому, что уже существует.',
  'error.code.corrupt': 'Данные повреждены. Может помочь восстановление резервной копии в настройках.',
  'error.code.io': 'Не удалось прочитать или записать файл.',
  'error.code.internal': 'Внутри Hearth что-то пошло не так.',
  'error.withDetail': '{message} ({detail})',
};
