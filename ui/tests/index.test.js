// index.html preloads every module, so start-up fetches them in parallel rather than one
// import level at a time; this keeps the list complete as modules are added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [relative(ui, path)] : [];
  });
}

test('index.html preloads every module besides main.js, and nothing else', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const expected = modules(join(ui, 'js')).filter((m) => m !== 'js/main.js').sort();
  assert.deepEqual(preloaded, expected);
});
