/** Русские тексты приветствия и формы нового сообщества. */
export default {
  'welcome.title': 'Добро пожаловать в Hearth',
  'welcome.intro':
    'Hearth помогает создать и вести профессиональное сообщество: устав, план из четырёх этапов, участники, мероприятия и метрики.',
  'welcome.local': 'Все данные хранятся на этом компьютере, сеть не нужна.',
  'welcome.createTitle': 'Новое сообщество',
  'welcome.createIntro': 'Дайте ему название и выберите шаблон плана; устав можно заполнить сразу после этого.',
  'welcome.nameLabel': 'Название сообщества',
  'welcome.namePlaceholder': 'например, Rust-митап Санкт-Петербург',
  'welcome.templateLegend': 'Язык шаблона плана',
  'welcome.templateHint': 'На этом языке будут созданы четыре этапа плана и их задачи.',
  'welcome.launchLabel': 'Планируемая дата запуска',
  'welcome.launchHint': 'Необязательно. От неё считаются сроки задач; их можно изменить или убрать.',
  'error.field.launchDate.invalid_format': 'Укажите существующую дату',
  'welcome.create': 'Создать сообщество',
  'welcome.creating': 'Создание…',
  'welcome.cancel': 'Отмена',
  'welcome.or': 'или',
  'welcome.demo': 'Открыть пример сообщества',
  'welcome.demoHint': 'Заполненный пример, чтобы осмотреться. Его можно удалить потом.',
  'welcome.languageLabel': 'Язык интерфейса',
};
