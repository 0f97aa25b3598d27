// Start-up loads the shell and the Community view most people land on; other views load
// when first opened, so start-up does not grow with the number of domains. The app gathers
// the modules into a few files (src-tauri/build/interface.rs), where a stylesheet is found by
// its path from the page's folder: these keep both true as modules change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

test('every stylesheet the page and the views ask for is where they ask', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const asked = [...html.matchAll(/<link rel="(?:stylesheet|preload)"[^>]* href="([^"]+)"/g)].map((m) => m[1]);
  for (const module of readdirSync(join(ui, 'js'), { recursive: true }).filter((file) => String(file).endsWith('.js'))) {
    const source = readFileSync(join(ui, 'js', String(module)), 'utf8');
    assert.doesNotMatch(source, /useStylesheet\(new URL/, `${module}: an address from import.meta.url breaks once gathered`);
    asked.push(...[...source.matchAll(/useStylesheet\('([^']+)'\)/g)].map((m) => m[1]));
  }
  assert.ok(asked.length >= 12, `found ${asked.length} stylesheets`);
  for (const href of asked) assert.ok(existsSync(join(ui, href)), `${href} exists`);
});

test('a view of a later domain is not part of start-up', () => {
  const startUp = staticGraph('js/main.js');
  for (const view of ['plan', 'members', 'calendar', 'metrics', 'settings', 'welcome']) {
    assert.ok(![...startUp].some((module) => module.startsWith(`js/views/${view}/`)), `${view} is imported by main.js`);
  }
});
