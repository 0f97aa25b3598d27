/**
 * Every visible string goes through `t(key, params)`.
 *
 * Dictionaries are flat maps from dotted keys to text. A text may contain `{name}`
 * placeholders; a plural text is an object keyed by the categories of
 * `Intl.PluralRules` (en: one, other; ru: one, few, many, other) and is chosen by
 * `params.count`. The shell's texts live in `./en.js` and `./ru.js`; each section brings
 * its own (`views/<domain>/strings.*.js`), so start-up does not parse the texts of
 * sections nobody has opened. Pure: the caller sets `<html lang>` and re-renders; node tests import
 * this module directly.
 */

import labels from '../contract/labels.js';
import en from './en.js';
import ru from './ru.js';
import { normaliseError } from '../errors.js';
import { LOCALES } from '../contract/values.js';
import { formatNumber } from '../format.js';

/** @typedef {import('../contract/types.js').Locale} Locale */

/** Interface languages, in the order they are offered: core's locales. */
export const LANGUAGES = LOCALES;

/**
 * @param {unknown} language
 * @returns {language is Locale}
 */
function isLanguage(language) {
  return LANGUAGES.includes(/** @type {Locale} */ (language));
}

/**
 * The dictionaries themselves, exposed for tests: from the start, core's label catalogue
 * (the names of closed values and stages, the same words print uses; generated into
 * contract/labels.js) and the shell's texts; each section's added by `addStrings` when its
 * view is first loaded.
 */
export const dictionaries = Object.freeze({ en: { ...labels.en, ...en }, ru: { ...labels.ru, ...ru } });

/**
 * Adds a section's texts (views/<domain>/strings.<language>.js). A key is owned by one
 * module: adding one twice with another text is a mistake the tests should catch.
 * @param {{en: Record<string, unknown>, ru: Record<string, unknown>}} strings
 */
export function addStrings(strings) {
  for (const language of LANGUAGES) {
    const dictionary = dictionaries[language];
    for (const [key, text] of Object.entries(strings[language])) {
      if (Object.hasOwn(dictionary, key) && dictionary[key] !== text) {
        throw new Error(`i18n: ${key} is defined twice in ${language}`);
      }
      dictionary[key] = text;
    }
  }
}

/** @type {Locale} */
const FALLBACK_LANGUAGE = 'en';

/** @type {Locale} */
let currentLanguage = FALLBACK_LANGUAGE;

/**
 * The language to start in: the one the person chose, else the system's.
 * @param {string|null|undefined} chosen  `AppStatus.language`.
 * @param {string|undefined} systemLocale  e.g. `navigator.language`.
 * @returns {Locale}
 */
export function detectLanguage(chosen, systemLocale) {
  if (isLanguage(chosen)) return chosen;
  return String(systemLocale ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/**
 * @param {string} language
 * @returns {Locale} the language actually set (unknown ones fall back to English).
 */
export function setLanguage(language) {
  currentLanguage = isLanguage(language) ? language : FALLBACK_LANGUAGE;
  return currentLanguage;
}

/** @returns {Locale} */
export function getLanguage() {
  return currentLanguage;
}

/**
 * @param {string} key
 * @param {string} [language]
 * @returns {boolean}
 */
export function hasKey(key, language = currentLanguage) {
  return Object.hasOwn(dictionaries[language] ?? {}, key);
}

/**
 * Translates `key` into the current language.
 * @param {string} key
 * @param {Record<string, string|number>} [params]  `count` selects the plural form.
 * @returns {string} the text, or the key itself when nobody wrote it (visible, not silent).
 */
export function t(key, params = {}) {
  return translate(currentLanguage, key, params);
}

/**
 * Translates `key` into a given language.
 * @param {Locale} language
 * @param {string} key
 * @param {Record<string, string|number>} [params]
 * @returns {string}
 */
export function translate(language, key, params = {}) {
  const entry = dictionaries[language]?.[key] ?? dictionaries[FALLBACK_LANGUAGE][key];
  if (entry === undefined) return key;
  const text = typeof entry === 'string' ? entry : choosePluralForm(entry, language, params.count);
  return substitute(text, params, language);
}

/**
 * @param {Record<string, string>} forms
 * @param {string} language
 * @param {number|string} count
 */
function choosePluralForm(forms, language, count) {
  const n = Number(count) || 0;
  const category = wholeNumberCategory(language, n) ?? cached(pluralRules, language, () => new Intl.PluralRules(language)).select(n);
  return forms[category] ?? forms.other;
}

/**
 * The plural category of a whole number, by CLDR's rules for English and Russian: what
 * `Intl.PluralRules` answers (ui/tests/i18n.test.js holds them to it), without building one,
 * whose first use in a page costs milliseconds at start-up. Null for a fraction, or another
 * language.
 * @param {string} language
 * @param {number} n
 * @returns {Intl.LDMLPluralRule|null}
 */
function wholeNumberCategory(language, n) {
  if (!Number.isInteger(n)) return null;
  const i = Math.abs(n);
  if (language === 'en') return i === 1 ? 'one' : 'other';
  if (language !== 'ru') return null;
  const [last, lastTwo] = [i % 10, i % 100];
  if (last === 1 && lastTwo !== 11) return 'one';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

/**
 * Fills `{name}` placeholders; numbers are written the way the language writes them
 * ("12 000" in Russian, "12,000" in English).
 */
function substitute(text, params, language) {
  return text.replace(/\{(\w+)\}/g, (placeholder, name) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name];
    if (typeof value !== 'number') return String(value);
    return formatNumber(value, language);
  });
}

// Intl objects are costly to build and cheap to use: one per language, built on first use.
const pluralRules = new Map();

function cached(map, language, build) {
  if (!map.has(language)) map.set(language, build());
  return map.get(language);
}

/**
 * A readable, localised sentence for an error from the api layer (api/).
 *
 * Most specific first: a text written for this field and rule ("Unknown time zone"),
 * then the rule with the field's label ("Name is required"), then the code
 * ("Could not read or write a file").
 *
 * @param {unknown} error  usually a HearthError; anything else is normalised.
 * @param {string} [fieldLabel]  the label the person sees next to the field; defaults to `field.<field>`.
 * @returns {string}
 */
export function errorMessage(error, fieldLabel) {
  const { code, field, rule, limit, message } = normaliseError(error);
  if (field && rule) {
    const specificKey = `error.field.${field}.${rule}`;
    const label = fieldLabel ?? (hasKey(`field.${field}`) ? t(`field.${field}`) : t('field.unknown'));
    const params = { field: label, count: limit ?? 0 };
    if (hasKey(specificKey)) return t(specificKey, params);
    if (rule === 'too_long' && limit === null) return t('error.rule.too_long_unspecified', params);
    return t(`error.rule.${rule}`, params);
  }
  const generic = t(`error.code.${code}`);
  // For these two the English detail is often the only clue (a full disk, a permission).
  if ((code === 'io' || code === 'internal') && message) {
    return t('error.withDetail', { message: generic, detail: message });
  }
  return generic;
}
