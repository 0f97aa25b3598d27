import { test } from 'node:test';
import assert from 'node:assert/strict';

import { readdirSync, existsSync } from 'node:fs';
import { detectLanguage, dictionaries, hasKey, LANGUAGES, setLanguage, t, translate } from '../js/i18n/index.js';

// Every view's texts, as the app has them once each section has been opened; adding them
// also proves no two modules define one key differently (addStrings throws).
const views = new URL('../js/views/', import.meta.url);
for (const view of readdirSync(views)) {
  const strings = new URL(`${view}/strings.js`, views);
  if (existsSync(strings)) await import(strings.href);
}

const placeholders = (entry) => {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();
};

test('English and Russian have exactly the same keys', () => {
  const english = Object.keys(dictionaries.en).sort();
  const russian = Object.keys(dictionaries.ru).sort();
  assert.deepEqual(
    english.filter((key) => !russian.includes(key)),
    [],
    'keys missing in ru.js',
  );
  assert.deepEqual(
    russian.filter((key) => !english.includes(key)),
    [],
    'keys missing in en.js',
  );
});

test('every text is non-empty and a key is plural in both languages or in neither', () => {
  for (const key of Object.keys(dictionaries.en)) {
    for (const language of LANGUAGES) {
      const entry = dictionaries[language][key];
      assert.ok(typeof entry === 'string' || typeof entry === 'object', `${language}:${key}`);
      for (const text of typeof entry === 'string' ? [entry] : Object.values(entry)) {
        assert.ok(text.trim().length > 0, `${language}:${key} is empty`);
      }
    }
    assert.equal(typeof dictionaries.en[key], typeof dictionaries.ru[key], `${key} plural in one language only`);
  }
});

test('both languages use the same placeholders in each text', () => {
  for (const key of Object.keys(dictionaries.en)) {
    assert.deepEqual(placeholders(dictionaries.ru[key]), placeholders(dictionaries.en[key]), key);
  }
});

test('plural texts have every form the language needs', () => {
  for (const language of LANGUAGES) {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [key, entry] of Object.entries(dictionaries[language])) {
      if (typeof entry === 'string') continue;
      for (const category of categories) assert.ok(entry[category], `${language}:${key} lacks "${category}"`);
      for (const category of Object.keys(entry)) {
        assert.ok(categories.includes(category), `${language}:${key} has stray "${category}"`);
      }
    }
  }
});

test('Russian plurals: 1 задача, 2 задачи, 5 задач, 21 задача, 11 задач', () => {
  const forms = [1, 2, 5, 21, 11, 22, 112].map((count) => translate('ru', 'plan.tasks', { count }));
  assert.deepEqual(forms, ['1 задача', '2 задачи', '5 задач', '21 задача', '11 задач', '22 задачи', '112 задач']);
});

test('English plurals: 1 task, 2 tasks, 0 tasks', () => {
  assert.equal(translate('en', 'plan.tasks', { count: 1 }), '1 task');
  assert.equal(translate('en', 'plan.tasks', { count: 2 }), '2 tasks');
  assert.equal(translate('en', 'plan.tasks', { count: 0 }), '0 tasks');
});

test('parameters are substituted, numbers written the language’s way', () => {
  assert.equal(translate('en', 'charter.deleteConfirm.title', { name: 'Rust Berlin' }), 'Delete “Rust Berlin”?');
  assert.equal(translate('ru', 'charter.deleteConfirm.title', { name: 'Rust Berlin' }), 'Удалить «Rust Berlin»?');
  assert.equal(translate('en', 'plan.templateRestored', { count: 12000 }), '12,000 template tasks were added.');
  assert.equal(translate('ru', 'plan.tasks', { count: 12000 }), '12\u00a0000 задач');
  // A placeholder without a value stays visible rather than turning into "undefined".
  assert.equal(translate('en', 'charter.deleteConfirm.title'), 'Delete “{name}”?');
});

test('t follows the current language and shows the key when a text is missing', () => {
  setLanguage('ru');
  assert.equal(t('section.charter'), 'Устав');
  assert.equal(t('charter.status.saved'), 'Сохранено');
  setLanguage('en');
  assert.equal(t('section.charter'), 'Charter');
  assert.equal(t('charter.status.saved'), 'Saved');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(hasKey('no.such.key'), false);
  assert.equal(setLanguage('de'), 'en', 'unknown languages fall back to English');
});

test('language: the chosen one wins, else the system locale', () => {
  assert.equal(detectLanguage('ru', 'en-US'), 'ru');
  assert.equal(detectLanguage('en', 'ru-RU'), 'en');
  assert.equal(detectLanguage(null, 'ru-RU'), 'ru');
  assert.equal(detectLanguage(null, 'ru'), 'ru');
  assert.equal(detectLanguage(null, 'RU'), 'ru');
  assert.equal(detectLanguage(null, 'de-DE'), 'en');
  assert.equal(detectLanguage(null, undefined), 'en');
  assert.equal(detectLanguage('fr', 'ru-RU'), 'ru');
});

test('sections, kinds, audiences and formats of the contract all have texts', () => {
  const keys = [
    ...['charter', 'plan', 'members', 'calendar', 'metrics', 'settings'].map((id) => `section.${id}`),
    ...['technology', 'industry', 'functional', 'geographic'].map((id) => `kind.${id}`),
    ...['newcomers', 'mid_level', 'experienced', 'leaders'].map((id) => `audience.${id}`),
    ...['online_groups', 'offline_events', 'webinars_conferences', 'joint_projects'].map((id) => `format.${id}`),
    ...['not_found', 'invalid_input', 'conflict', 'corrupt', 'io', 'internal'].map((code) => `error.code.${code}`),
    ...['required', 'too_long', 'unknown_value', 'invalid_format'].map((rule) => `error.rule.${rule}`),
  ];
  for (const language of LANGUAGES) {
    for (const key of keys) assert.ok(hasKey(key, language), `${language}:${key}`);
  }
});

test('plural forms are the ones Intl.PluralRules picks, in both languages', () => {
  for (const language of LANGUAGES) {
    const rules = new Intl.PluralRules(language);
    const numbers = new Intl.NumberFormat(language);
    // A text whose forms all differ, so a wrong pick shows.
    const [key, forms] = Object.entries(dictionaries[language]).find(([, entry]) => typeof entry === 'object' && new Set(Object.values(entry)).size === Object.keys(entry).length && Object.keys(entry).length >= (language === 'ru' ? 3 : 2));
    const expected = (n) => (forms[rules.select(n)] ?? forms.other).replace('{count}', numbers.format(n));
    for (let n = -120; n <= 10_120; n++) assert.equal(translate(language, key, { count: n }), expected(n), `${language} ${key} ${n}`);
    for (const n of [0.5, 1.5, 2.25, 21.1]) assert.equal(translate(language, key, { count: n }), expected(n), `${language} ${key} ${n}`);
  }
});
