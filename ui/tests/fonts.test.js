// Fonts stay out of start-up's way as domains add stylesheets. WebKitGTK looks a font up
// through fontconfig once per family and face (weight, size) the page uses, and a family
// that is not installed still costs its lookup. Measured (issue 8): with the two generic
// stacks below, fontconfig takes 9–12 ms of the web process's CPU before the first data is
// on screen (an empty window: 5–6 ms; about 4 ms of each is loading fontconfig), and that
// does not grow from 22 to 419 installed fonts. A web font would be fetched before text paints,
// and a named family list would add a lookup per family and face. So the stacks live in
// app.css, named by generic families only, and every other stylesheet uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every stylesheet of the interface, as [path relative to ui/, text without comments]. */
function stylesheets(dir = ui) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : stylesheets(path);
    if (!entry.name.endsWith('.css')) return [];
    return [[relative(ui, path), readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')]];
  });
}

const GENERIC = new Set(['system-ui', 'sans-serif', 'serif', 'monospace', 'ui-monospace', 'ui-sans-serif', 'emoji']);

test('no web font: nothing is downloaded or loaded before text can paint', () => {
  for (const [path, css] of stylesheets()) {
    assert.doesNotMatch(css, /@font-face/i, `${path} declares a web font`);
    assert.doesNotMatch(css, /@import/i, `${path} imports another stylesheet`);
  }
});

test('the font stacks name generic families only', () => {
  const app = stylesheets().find(([path]) => path === join('css', 'app.css'))[1];
  for (const property of ['--font-ui', '--font-mono']) {
    const value = app.match(new RegExp(`${property}\\s*:\\s*([^;]+);`))?.[1];
    assert.ok(value, `app.css defines ${property}`);
    for (const family of value.split(',').map((name) => name.trim())) {
      assert.ok(GENERIC.has(family), `${property} names "${family}", which is not a generic family`);
    }
  }
});

test('every other font choice goes through the stacks in app.css', () => {
  for (const [path, css] of stylesheets()) {
    for (const [, value] of css.matchAll(/(?<![-\w])font-family\s*:\s*([^;}]+)/g)) {
      assert.match(value.trim(), /^(var\(--font-(ui|mono)\)|inherit)$/, `${path}: font-family: ${value.trim()}`);
    }
    for (const [, value] of css.matchAll(/(?<![-\w])font\s*:\s*([^;}]+)/g)) {
      assert.match(value.trim(), /^inherit$|var\(--font-(ui|mono)\)$/, `${path}: font: ${value.trim()}`);
    }
  }
});
