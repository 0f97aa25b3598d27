// index.html preloads the modules of the first screen (the shell, and the Community view
// most people land on), so start-up fetches them in parallel rather than one import level
// at a time. Other views load when first opened and are not preloaded, so start-up does
// not grow with the number of domains. This keeps the list exact as modules change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every module `entry` imports statically, directly or not (dynamic `import()` excluded). */
export function staticGraph(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(join(ui, entry), 'utf8');
  for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?(?:from\s+)?'(\.{1,2}\/[^']+\.js)';/gm)) {
    staticGraph(relative(ui, resolve(ui, dirname(entry), specifier)), seen);
  }
  return seen;
}

test('index.html preloads exactly the first screen: the shell and the Community view', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const firstScreen = new Set([...staticGraph('js/main.js'), ...staticGraph('js/views/community/index.js')]);
  firstScreen.delete('js/main.js');
  assert.deepEqual(preloaded, [...firstScreen].sort());
});

test('a view of a later domain is not part of start-up', () => {
  const startUp = staticGraph('js/main.js');
  for (const view of ['plan', 'members', 'calendar', 'metrics', 'settings', 'welcome']) {
    assert.ok(![...startUp].some((module) => module.startsWith(`js/views/${view}/`)), `${view} is imported by main.js`);
  }
});
