import { test } from 'node:test';
import assert from 'node:assert/strict';

import { errorMessage, setLanguage } from '../js/i18n/index.js';
import { normaliseError } from '../js/errors.js';

const fieldError = (field, rule, limit = null) => ({ code: 'invalid_input', message: 'x', field, rule, limit });

test('anything a promise rejects with becomes the contract’s error shape', () => {
  const empty = { field: null, rule: null, limit: null };
  assert.deepEqual(normaliseError('command community_get not found'), {
    code: 'internal',
    message: 'command community_get not found',
    ...empty,
  });
  assert.deepEqual(normaliseError(new TypeError('boom')), { code: 'internal', message: 'boom', ...empty });
  assert.deepEqual(normaliseError(undefined), { code: 'internal', message: 'Unknown error', ...empty });
  assert.deepEqual(normaliseError({ code: 'weird', message: 'm' }), { code: 'internal', message: 'm', ...empty });
  assert.deepEqual(normaliseError(fieldError('name', 'too_long', 200)), fieldError('name', 'too_long', 200));
  assert.equal(normaliseError({ code: 'io', message: 'm', rule: 'nonsense' }).rule, null);
});

test('English messages from code, field, rule and limit', () => {
  setLanguage('en');
  assert.equal(errorMessage(fieldError('name', 'required')), 'Name is required');
  assert.equal(errorMessage(fieldError('name', 'too_long', 200)), 'Name must be at most 200 characters');
  assert.equal(errorMessage(fieldError('name', 'too_long', 1)), 'Name must be at most 1 character');
  assert.equal(errorMessage(fieldError('rules', 'too_long', 20000)), 'Rules and code of conduct must be at most 20,000 characters');
  assert.equal(errorMessage(fieldError('timeZone', 'unknown_value')), 'Unknown time zone');
  assert.equal(errorMessage(fieldError('kind', 'unknown_value')), 'Kind has a value Hearth does not know');
  assert.equal(errorMessage(fieldError('name', 'required'), 'Community name'), 'Community name is required');
  assert.equal(errorMessage(fieldError('somethingNew', 'required')), 'This field is required');
});

test('Russian messages, with the limit in the right plural form', () => {
  setLanguage('ru');
  assert.equal(errorMessage(fieldError('name', 'required')), 'Заполните поле «Название»');
  assert.equal(errorMessage(fieldError('name', 'too_long', 200)), 'Поле «Название» должно быть не длиннее 200 символов');
  assert.equal(errorMessage(fieldError('name', 'too_long', 21)), 'Поле «Название» должно быть не длиннее 21 символа');
  assert.equal(errorMessage(fieldError('timeZone', 'unknown_value')), 'Неизвестный часовой пояс');
  assert.equal(errorMessage(fieldError('mission', 'invalid_format')), 'Неверный формат в поле «Миссия»');
  setLanguage('en');
});

test('a refused control character is explained under its field in both languages', () => {
  const control = {
    code: 'invalid_input',
    message: 'name must not contain control characters such as line breaks: found a line break (U+000A) at character 2',
    field: 'name',
    rule: 'control_character',
    limit: null,
  };
  assert.equal(normaliseError(control).rule, 'control_character', 'the rule survives normalising');
  setLanguage('en');
  assert.equal(errorMessage(control), 'Name contains a hidden control character (often from copied text): type that part again');
  assert.equal(
    errorMessage(fieldError('notes', 'control_character'), 'Notes'),
    'Notes contains a hidden control character (often from copied text): type that part again',
  );
  setLanguage('ru');
  assert.equal(errorMessage(control), 'В поле «Название» есть скрытый управляющий символ (часто из скопированного текста): наберите этот фрагмент заново');
  assert.equal(
    errorMessage(fieldError('mission', 'control_character')),
    'В поле «Миссия» есть скрытый управляющий символ (часто из скопированного текста): наберите этот фрагмент заново',
  );
  setLanguage('en');
});

test('errors without a field rule fall back to a message per code', () => {
  setLanguage('en');
  assert.equal(errorMessage({ code: 'not_found', message: 'community 7' }), 'It is no longer there: it may have been deleted.');
  assert.equal(errorMessage({ code: 'conflict', message: 'x', field: 'name', rule: null }), 'This conflicts with something that already exists.');
  // For files and internal failures the English detail is the only clue, so it is kept.
  assert.equal(errorMessage({ code: 'io', message: 'No space left on device' }), 'Could not read or write a file. (No space left on device)');
  assert.equal(errorMessage('panic'), 'Something went wrong inside Hearth. (panic)');
  setLanguage('ru');
  assert.equal(errorMessage({ code: 'corrupt', message: 'x' }), 'Данные повреждены. Может помочь восстановление резервной копии в настройках.');
  setLanguage('en');
});
