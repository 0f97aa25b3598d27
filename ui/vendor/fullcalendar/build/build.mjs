// Builds ../fullcalendar.min.js and ../fullcalendar.min.css from the versions pinned in
// package.json:  npm ci && node build.mjs
//
// FullCalendar 7 ships its plain-JS build as ES modules that import packages by bare name
// (preact, temporal-polyfill), which a page without a bundler cannot load, so it is bundled
// once here into one ES module. Its bundled preact 10 copies a vnode with a `for…in` loop
// that assigns `constructor` onto a plain object; with Object.prototype frozen (Tauri's
// freezePrototype, which Hearth keeps on) that assignment throws and nothing renders.
// Three clones are made to start from {constructor: undefined}, the fix preact itself made
// in version 11 (preactjs/preact#5195). Each pattern must be found exactly once, so a
// preact update that moves the code fails this build instead of shipping unpatched.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const BANNER =
  '/*! FullCalendar (Vanilla JS) v7.1.0 | MIT | https://fullcalendar.io | bundled with ' +
  '@full-ui/headless-calendar 7.1.0, preact 10.29.8 (patched: vnode clones for a frozen ' +
  'Object.prototype), temporal-polyfill 1.0.8, temporal-utils (all MIT) */';

const PATCHES = [
  // file, search, replace
  ['preact/dist/preact.module.js', 'o=m({},u);', 'o=m({constructor:void 0},u);'], // renderComponent
  ['preact/dist/preact.module.js', '?null:m({},n)}', '?null:m({constructor:void 0},n)}'], // cloneNode
  ['preact/compat/dist/compat.module.js', '(n=g({},n))', '(n=g({constructor:void 0},n))'], // Suspense
];

const patchPreact = {
  name: 'patch-preact',
  setup(build) {
    build.onLoad({ filter: /preact[\\/].*\.module\.js$/ }, async ({ path }) => {
      let source = await fs.promises.readFile(path, 'utf8');
      for (const [file, search, replace] of PATCHES) {
        if (!path.endsWith(file)) continue;
        const found = source.split(search).length - 1;
        if (found !== 1) throw new Error(`patch ${search} in ${file}: found ${found} times`);
        source = source.replace(search, replace);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

await esbuild.build({
  entryPoints: ['entry.js'],
  bundle: true,
  format: 'esm',
  minify: true,
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  outfile: '../fullcalendar.min.js',
  banner: { js: BANNER },
  plugins: [patchPreact],
  logLevel: 'info',
});

const css = ['skeleton.css', 'themes/classic/theme.css', 'themes/classic/palette.css']
  .map((file) => fs.readFileSync(`node_modules/fullcalendar/${file}`, 'utf8'))
  .join('\n');
const { code } = await esbuild.transform(css, { loader: 'css', minify: true });
fs.writeFileSync(
  '../fullcalendar.min.css',
  '/*! FullCalendar v7.1.0 skeleton + classic theme and palette | MIT | https://fullcalendar.io */\n' + code,
);
