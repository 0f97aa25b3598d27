// What the window does when the person asks to close it, with the window's parts faked:
// it closes only when nothing is lost, and never while the person is still deciding.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { closeRequestHandler } from '../js/components/dialog.js';

/** A window whose parts record what was done to them. */
function fakeWindow({ changes = [], answers = [] } = {}) {
  const log = [];
  const pendingAnswers = [...answers];
  const handler = closeRequestHandler({
    unsaved: () => changes,
    ask: async (asked) => {
      log.push(`ask ${asked.map((change) => change.label).join(', ')}`);
      const answer = pendingAnswers.shift();
      return typeof answer === 'function' ? answer() : answer;
    },
    close: async () => log.push('close'),
    hold: async () => log.push('hold'),
  });
  return { handler, log };
}

/** An unsaved change whose save succeeds or not, recording both in `log`. */
function change(label, ok, log) {
  return {
    label,
    save: async () => {
      log.push(`save ${label}`);
      return ok;
    },
    reveal: () => log.push(`reveal ${label}`),
  };
}

test('nothing unsaved: the window closes at once, without a question', async () => {
  const { handler, log } = fakeWindow();
  await handler();
  assert.deepEqual(log, ['close']);
});

test('Cancel keeps the window open and saves nothing', async () => {
  const saves = [];
  const { handler, log } = fakeWindow({ changes: [change('Charter of A', true, saves)], answers: ['cancel'] });
  await handler();
  assert.deepEqual(log, ['hold', 'ask Charter of A']);
  assert.deepEqual(saves, []);
});

test('Close without saving closes and saves nothing', async () => {
  const saves = [];
  const { handler, log } = fakeWindow({ changes: [change('Charter of A', true, saves)], answers: ['discard'] });
  await handler();
  assert.deepEqual(log, ['hold', 'ask Charter of A', 'close']);
  assert.deepEqual(saves, []);
});

test('Save saves every change, in order, then closes', async () => {
  const saves = [];
  const changes = [change('Task “Venue”', true, saves), change('Charter of A', true, saves), change('Charter of B', true, saves)];
  const { handler, log } = fakeWindow({ changes, answers: ['save'] });
  await handler();
  assert.deepEqual(saves, ['save Task “Venue”', 'save Charter of A', 'save Charter of B']);
  assert.deepEqual(log, ['hold', 'ask Task “Venue”, Charter of A, Charter of B', 'close']);
});

test('a refused save stops there, shows it, and the window stays open', async () => {
  const saves = [];
  const changes = [change('Charter of A', true, saves), change('Charter of B', false, saves), change('Charter of C', true, saves)];
  const { handler, log } = fakeWindow({ changes, answers: ['save'] });
  await handler();
  assert.deepEqual(saves, ['save Charter of A', 'save Charter of B', 'reveal Charter of B']);
  assert.ok(!log.includes('close'));
});

test('a save that throws counts as refused', async () => {
  const broken = { label: 'Charter of A', save: async () => Promise.reject(new Error('gone')) };
  const { handler, log } = fakeWindow({ changes: [broken], answers: ['save'] });
  await handler();
  assert.deepEqual(log, ['hold', 'ask Charter of A']);
});

test('a second request while the question is open only says the person is deciding', async () => {
  let answer;
  const decided = new Promise((resolve) => {
    answer = resolve;
  });
  const { handler, log } = fakeWindow({ changes: [change('Charter of A', true, [])], answers: [() => decided] });
  const first = handler();
  await handler();
  assert.deepEqual(log, ['hold', 'ask Charter of A', 'hold']);
  answer('cancel');
  await first;
  // Asked again after Cancel: the question comes back.
  const again = fakeWindow({ changes: [change('Charter of A', true, [])], answers: ['cancel', 'discard'] });
  await again.handler();
  await again.handler();
  assert.deepEqual(again.log, ['hold', 'ask Charter of A', 'hold', 'ask Charter of A', 'close']);
});

test('Ctrl+Q finishes by quitting instead of closing, after the same question', async () => {
  const saves = [];
  const { handler, log } = fakeWindow({ changes: [change('Charter of A', true, saves)], answers: ['save'] });
  await handler(async () => log.push('quit'));
  assert.deepEqual(log, ['hold', 'ask Charter of A', 'quit']);
  assert.deepEqual(saves, ['save Charter of A']);
  const nothing = fakeWindow();
  await nothing.handler(async () => nothing.log.push('quit'));
  assert.deepEqual(nothing.log, ['quit'], 'nothing unsaved: it quits at once');
});
