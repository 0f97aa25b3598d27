/**
 * The one error shape the interface understands.
 *
 * Every command rejects with `{code, message, field, rule, limit}` (see api/call.js). Anything
 * else that reaches the UI (a string from Tauri itself, a JavaScript exception, a missing
 * runtime) is turned into the same shape with code "internal", so views never have to ask
 * what kind of thing they caught. Pure: no DOM, importable from node tests.
 */

/** Codes the core can send; anything else is treated as "internal". */
export const ERROR_CODES = Object.freeze([
  'not_found',
  'invalid_input',
  'conflict',
  'corrupt',
  'io',
  'internal',
]);

/** Validation rules attached to a field error. */
export const ERROR_RULES = Object.freeze([
  'required',
  'too_long',
  'unknown_value',
  'invalid_format',
  'control_character',
]);

/**
 * @typedef {object} HearthError
 * @property {'not_found'|'invalid_input'|'conflict'|'corrupt'|'io'|'internal'} code
 * @property {string} message  English text, meant for logs rather than people.
 * @property {string|null} field  camelCase name of the offending field, e.g. "name".
 * @property {'required'|'too_long'|'unknown_value'|'invalid_format'|'control_character'|null} rule
 * @property {number|null} limit  e.g. 200 for a name that is too long.
 */

/**
 * Turns whatever a rejected promise carried into a {@link HearthError}.
 * @param {unknown} raw
 * @returns {HearthError}
 */
export function normaliseError(raw) {
  if (raw instanceof Error) {
    return makeError('internal', raw.message || String(raw));
  }
  if (raw === null || typeof raw !== 'object') {
    return makeError('internal', raw === undefined || raw === null ? 'Unknown error' : String(raw));
  }
  const code = ERROR_CODES.includes(raw.code) ? raw.code : 'internal';
  const message = typeof raw.message === 'string' ? raw.message : JSON.stringify(raw);
  return {
    code,
    message,
    field: typeof raw.field === 'string' && raw.field !== '' ? raw.field : null,
    rule: ERROR_RULES.includes(raw.rule) ? raw.rule : null,
    limit: Number.isFinite(raw.limit) ? raw.limit : null,
  };
}

/**
 * @param {HearthError['code']} code
 * @param {string} message
 * @returns {HearthError}
 */
export function makeError(code, message) {
  return { code, message, field: null, rule: null, limit: null };
}
