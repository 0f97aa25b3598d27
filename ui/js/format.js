/**
 * Dates, times, numbers and sizes for people to read. Pure: no DOM, no global state;
 * every function takes the interface language explicitly so node tests can pin it.
 *
 * Russian is written the Russian way whatever the system says (25.11.2026, 19:00).
 * English follows the system locale: an American sees 11/25/2026, 7:00 PM, a Briton
 * 25/11/2026, 19:00. Names of months and weekdays, when needed, come from Intl too.
 */

/** The locale the operating system asked for, e.g. "en-GB". */
export function systemLocale() {
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The BCP 47 locale to format with: Russian as Russia writes it; English in the system's
 * region ("en-DE" on a German system), which is also how core prints dates, so a date reads
 * the same on screen and on paper.
 * @param {'en'|'ru'} language  interface language.
 * @param {string} [system]  the system locale; defaults to {@link systemLocale}.
 * @returns {string}
 */
export function formattingLocale(language, system = systemLocale()) {
  if (language === 'ru') return 'ru-RU';
  let region;
  try {
    region = system ? new Intl.Locale(system).region : undefined;
  } catch {
    // A locale Intl cannot read says nothing of a region.
  }
  return region ? `en-${region}` : 'en';
}

/**
 * @typedef {object} FormatOptions
 * @property {string} [timeZone]  IANA zone to show the instant in; the system's by default.
 * @property {string} [systemLocale]  overrides the detected system locale (tests).
 * @property {boolean} [seconds]  show seconds too, where moments minutes apart must be told apart.
 */

/**
 * @param {string|number|Date} value  an RFC 3339 string, milliseconds or a Date.
 * @returns {Date|null} null when the value is not a date.
 */
function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  // A bare day ("2026-03-01") is a day on the calendar, not midnight in Greenwich: read as
  // one, it would show as the day before anywhere west of it.
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12);
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Building an Intl.DateTimeFormat costs far more than using one: a board of 500 dated tasks
 * spent most of its drawing time building them. Each distinct setting is built once. */
const formatters = new Map();

function dateTimeFormat(language, options, fields) {
  const key = JSON.stringify([language, options.systemLocale, options.timeZone, options.seconds, fields]);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = buildDateTimeFormat(language, options, fields);
    formatters.set(key, formatter);
  }
  return formatter;
}

function buildDateTimeFormat(language, options, fields) {
  const locale = formattingLocale(language, options.systemLocale);
  const russian = language === 'ru';
  /** @type {Intl.DateTimeFormatOptions} */
  const date = { year: 'numeric', month: russian ? '2-digit' : 'numeric', day: russian ? '2-digit' : 'numeric' };
  // Russian is always 24-hour; English keeps whatever cycle its locale uses.
  /** @type {Intl.DateTimeFormatOptions} */
  const time = russian ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, {
    ...(fields.includes('date') ? date : {}),
    ...(fields.includes('time') ? time : {}),
    ...(fields.includes('time') && options.seconds ? { second: '2-digit' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}

function formatWith(value, language, options, fields) {
  const date = toDate(value);
  if (!date) return String(value ?? '');
  return dateTimeFormat(language, options, fields).format(date);
}

/**
 * A calendar date: "25.11.2026" in Russian.
 * @param {string|number|Date} value
 * @param {'en'|'ru'} language
 * @param {FormatOptions} [options]
 * @returns {string} the input unchanged when it is not a date.
 */
export function formatDate(value, language, options = {}) {
  return formatWith(value, language, options, ['date']);
}

/**
 * A time of day: "19:00" in Russian.
 * @param {string|number|Date} value
 * @param {'en'|'ru'} language
 * @param {FormatOptions} [options]
 * @returns {string}
 */
export function formatTime(value, language, options = {}) {
  return formatWith(value, language, options, ['time']);
}

/**
 * Date and time together: "25.11.2026, 19:00" in Russian.
 * @param {string|number|Date} value
 * @param {'en'|'ru'} language
 * @param {FormatOptions} [options]
 * @returns {string}
 */
export function formatDateTime(value, language, options = {}) {
  return formatWith(value, language, options, ['date', 'time']);
}

/**
 * @param {number} value
 * @param {'en'|'ru'} language
 * @returns {string} "12 000" in Russian, "12,000" in English.
 */
export function formatNumber(value, language) {
  // Below a thousand, a whole number is written alike in both languages, and written without
  // Intl: a page's first Intl object costs milliseconds (ICU's locale data), at start-up too.
  if (Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
  return numberFormat(language).format(value);
}

/** One per language: cheap to use, costly to build. */
const numberFormats = new Map();

/** @param {string} language */
function numberFormat(language) {
  if (!numberFormats.has(language)) numberFormats.set(language, new Intl.NumberFormat(language));
  return numberFormats.get(language);
}

const SIZE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'];

/**
 * A file size in decimal units, as GNOME Files shows them: "512 bytes", "1.5 MB", "1,5 МБ".
 * @param {number} bytes
 * @param {'en'|'ru'} language
 * @returns {string}
 */
export function formatFileSize(bytes, language) {
  const size = Math.max(0, Number(bytes) || 0);
  if (size < 1000) {
    // The long form pluralises ("1 byte", "5 байт"); the short English one does not.
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(size);
  }
  let value = size / 1000;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/**
 * A day on this computer's calendar (today by default), as `YYYY-MM-DD`: what a date field
 * holds.
 * @param {Date} [now]
 */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
