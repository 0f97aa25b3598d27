/**
 * The one error shape the interface understands.
 *
 * Every command rejects with `{code, message, field, rule, limit}` (see api/call.js). Anything
 * else that reaches the UI (a string from Tauri itself, a JavaScript exception, a missing
 * runtime) is turned into the same shape with code "internal", so views never have to ask
 * what kind of thing they caught. Pure: no DOM, importable from node tests.
 *
 * The codes and rules core can send come from the generated contract; a code outside it is
 * treated as "internal", a rule outside it as none.
 */

import { ERROR_CODES, RULES } from './contract/values.js';

/** @typedef {import('./contract/types.js').HearthError} HearthError */

/**
 * Turns whatever a rejected promise carried into a {@link HearthError}.
 * @param {any} raw  whatever the promise was rejected with.
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
    rule: RULES.includes(raw.rule) ? raw.rule : null,
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
