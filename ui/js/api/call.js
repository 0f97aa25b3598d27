/**
 * The one place that calls `invoke`: every api module goes through `call`, so every
 * command rejects with a {@link HearthError}, whatever went wrong, and callers can hand
 * the error straight to `errorMessage()` from i18n.
 *
 * The api layer has one module per domain, as the shell's commands do (`commands/<domain>.rs`):
 * one async function per command, named after it in camelCase. Arguments are passed in
 * camelCase; Tauri converts them to the snake_case parameters of the Rust command.
 *
 * @module api/call
 */

import { makeError, normaliseError } from '../errors.js';

/** @typedef {import('../errors.js').HearthError} HearthError */

/**
 * Calls one command and normalises any rejection.
 * @param {string} command
 * @param {object} [args]
 * @returns {Promise<any>}
 * @throws {HearthError}
 */
export async function call(command, args) {
  const invoke = globalThis.window?.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw makeError('internal', 'The Tauri runtime is not available');
  }
  try {
    return await invoke(command, args);
  } catch (raw) {
    throw normaliseError(raw);
  }
}

/**
 * Calls `handler` with the payload of each `event` the shell sends, from now on. The one
 * place that listens, as `call` is the one that invokes.
 * @param {string} event
 * @param {(payload: any) => void} handler
 * @returns {Promise<void>} once the shell will deliver the events.
 * @throws {HearthError}
 */
export async function listenTo(event, handler) {
  const listen = globalThis.window?.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') {
    throw makeError('internal', 'The Tauri runtime is not available');
  }
  try {
    await listen(event, (/** @type {{payload: any}} */ message) => handler(message.payload));
  } catch (raw) {
    throw normaliseError(raw);
  }
}
