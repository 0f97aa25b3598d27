// Builds ../uPlot.min.js, ../uPlot.min.css and ../uPlot.min.d.ts from the version pinned in
// package.json:  npm ci && node build.mjs
//
// Two changes, each to a pattern that must be found exactly once, so an update that moves
// the code fails this build instead of shipping unchanged:
// - uPlot builds a number format for `navigator.language` when it loads. Under LANG=C that
//   is "C", which Intl refuses, and the whole module fails to load; it now falls back to
//   en-US, as uPlot does outside a browser. (Hearth formats every number on its axes itself.)
// - Its stylesheet names a list of fonts; Hearth's text uses the desktop's font, so the chart
//   inherits it (ui/tests/fonts.test.js holds every stylesheet to that).
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const VERSION = JSON.parse(fs.readFileSync('package.json', 'utf8')).dependencies.uplot;
const dist = 'node_modules/uplot/dist';

function replaceOnce(text, search, replace, what) {
  const found = text.split(search).length - 1;
  if (found !== 1) throw new Error(`${what}: ${JSON.stringify(search)} found ${found} times`);
  return text.replace(search, () => replace);
}

const source = replaceOnce(
  fs.readFileSync(`${dist}/uPlot.esm.js`, 'utf8'),
  "const numFormatter = new Intl.NumberFormat(domEnv ? nav.language : 'en-US');",
  "const numFormatter = (() => { try { return new Intl.NumberFormat(domEnv ? nav.language : 'en-US'); } catch { return new Intl.NumberFormat('en-US'); } })();",
  'uPlot.esm.js',
);
const { code } = await esbuild.transform(source, { minify: true, format: 'esm', legalComments: 'none' });
fs.writeFileSync(
  '../uPlot.min.js',
  `/*! uPlot v${VERSION} | MIT | (c) Leon Sorokin | https://github.com/leeoniya/uPlot | minified, with a fallback for a locale Intl refuses */\n${code}`,
);

const css = fs.readFileSync(`${dist}/uPlot.min.css`, 'utf8');
if (!/font-family:[^;}]+/.test(css)) throw new Error('uPlot.min.css: no font-family found');
fs.writeFileSync('../uPlot.min.css', css.replace(/font-family:[^;}]+/g, 'font-family:inherit'));
fs.copyFileSync(`${dist}/uPlot.d.ts`, '../uPlot.min.d.ts');
fs.copyFileSync('node_modules/uplot/LICENSE', '../LICENSE');
