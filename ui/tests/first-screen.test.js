// The first screen's data, embedded by the shell: given out on the first load only, and
// each part of the community opened first given out once, to that community only.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import { takeFirst, takeFirstScreen } from '../js/api/app.js';

/** What src-tauri/src/app.rs embeds, trimmed to what the interface reads. */
const EMBEDDED = {
  status: { selectedCommunity: 7 },
  communities: [{ id: 3 }, { id: 7 }],
  first: { charter: { id: 7, name: 'Lisbon' }, platforms: [{ id: 1 }], planSummary: { overdue: 2 } },
};

/** A fresh window: the embedded data, and a session that has not taken it yet. */
function freshWindow(embedded = EMBEDDED) {
  const session = new Map();
  globalThis.window = /** @type {any} */ ({ __HEARTH_FIRST_SCREEN__: structuredClone(embedded) });
  globalThis.sessionStorage = /** @type {any} */ ({
    getItem: (key) => session.get(key) ?? null,
    setItem: (key, value) => session.set(key, value),
  });
}

beforeEach(() => freshWindow());

test('each part goes once, to the community it was embedded for', () => {
  assert.equal(takeFirstScreen()?.status.selectedCommunity, 7);
  assert.equal(takeFirst('charter', 7)?.name, 'Lisbon');
  assert.equal(takeFirst('charter', 7), null, 'a second view of the charter asks the commands');
  assert.equal(takeFirst('planSummary', 7)?.overdue, 2);
  assert.deepEqual(takeFirst('platforms', 7), [{ id: 1 }]);
});

test('opening another community first makes the rest stale', () => {
  takeFirstScreen();
  assert.equal(takeFirst('charter', 3), null);
  assert.equal(takeFirst('platforms', 7), null, 'not handed out after another community was opened');
});

test('a later load of the window (a reload after a restore) gets nothing embedded', () => {
  assert.ok(takeFirstScreen());
  assert.equal(takeFirstScreen(), null);
  assert.equal(takeFirst('charter', 7)?.id, 7, 'the first load still has what it was given');
});

test('a database that could not be read embeds nothing', () => {
  freshWindow(null);
  assert.equal(takeFirstScreen(), null);
  assert.equal(takeFirst('charter', 7), null);
});
