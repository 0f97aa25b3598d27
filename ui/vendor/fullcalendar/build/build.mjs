// Builds ../fullcalendar.min.js and ../fullcalendar.min.css from the versions pinned in
// package.json:  npm ci && node build.mjs
//
// FullCalendar 7 ships its plain-JS build as ES modules that import packages by bare name
// (preact, temporal-polyfill), which a page without a bundler cannot load, so it is bundled
// once here into one ES module. Its bundled preact 10 copies a vnode with a `for…in` loop
// that assigns `constructor` onto a plain object; with Object.prototype frozen (Tauri's
// freezePrototype, which Hearth keeps on) that assignment throws and nothing renders.
// Three clones are made to start from {constructor: undefined}, the fix preact itself made
// in version 11 (preactjs/preact#5195).
//
// FullCalendar ends a drag in a timer queued on the release, so that every listener of the
// release has run first. The browser often paints a frame before that timer (WebKitGTK
// always did here), which put a whole frame between the release and the drop. The drag now
// ends as soon as the release has reached every listener (its last stop, the window), with
// the timer kept in case something stops the release on its way.
//
// A press on an event also set `user-select: none` on the page's body, and the release took
// it away. Changing an inherited style of the body restyles and repaints the whole page:
// about 40 ms each time with a month of events, during which not even core's answer to the
// drop gets in. The press's `selectstart` listener, which stays, is what keeps the text
// from being selected.
//
// Each pattern must be found exactly once, so an update that moves the code fails this
// build instead of shipping unpatched.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const BANNER =
  '/*! FullCalendar (Vanilla JS) v7.1.0 | MIT | https://fullcalendar.io | bundled with ' +
  '@full-ui/headless-calendar 7.1.0, preact 10.29.8 (patched: vnode clones for a frozen ' +
  'Object.prototype; a drag ends once its release has been heard, and leaves the body\'s ' +
  'style alone), temporal-polyfill 1.0.8, ' +
  'temporal-utils (all MIT) */';

const END_OF_RELEASE = `{
                const release = typeof window !== 'undefined' && window.event;
                let ended = false;
                const end = () => { if (!ended) { ended = true; done(); } };
                if (release && release.bubbles) window.addEventListener(release.type, end, { once: true });
                setTimeout(end, 0);
            }`;

const PATCHES = [
  // file, search, replace
  ['preact/dist/preact.module.js', 'o=m({},u);', 'o=m({constructor:void 0},u);'], // renderComponent
  ['preact/dist/preact.module.js', '?null:m({},n)}', '?null:m({constructor:void 0},n)}'], // cloneNode
  ['preact/compat/dist/compat.module.js', '(n=g({},n))', '(n=g({constructor:void 0},n))'], // Suspense
  // preventSelection and allowSelection, called on the press and the release
  ['fullcalendar/chunks/642eba18.js', "    el.style.userSelect = 'none';\n    el.style.webkitUserSelect = 'none';\n", ''],
  ['fullcalendar/chunks/642eba18.js', "    el.style.userSelect = '';\n    el.style.webkitUserSelect = '';\n", ''],
  // ElementMirror.stop, which ends every drag and resize
  ['fullcalendar/chunks/5342e739.js', '            setTimeout(done, 0);\n', `            ${END_OF_RELEASE}\n`],
];

const applied = new Set();

const patches = {
  name: 'patches',
  setup(build) {
    build.onLoad({ filter: /(preact[\\/].*\.module|fullcalendar[\\/]chunks[\\/].*)\.js$/ }, async ({ path }) => {
      let source = await fs.promises.readFile(path, 'utf8');
      for (const [file, search, replace] of PATCHES) {
        if (!path.endsWith(file)) continue;
        const found = source.split(search).length - 1;
        if (found !== 1) throw new Error(`patch ${search} in ${file}: found ${found} times`);
        source = source.replace(search, replace);
        applied.add(search);
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
  plugins: [patches],
  logLevel: 'info',
});
for (const [file, search] of PATCHES) {
  if (!applied.has(search)) throw new Error(`patch ${search} in ${file}: the file was not bundled`);
}

const css = ['skeleton.css', 'themes/classic/theme.css', 'themes/classic/palette.css']
  .map((file) => fs.readFileSync(`node_modules/fullcalendar/${file}`, 'utf8'))
  .join('\n');
const { code } = await esbuild.transform(css, { loader: 'css', minify: true });
fs.writeFileSync(
  '../fullcalendar.min.css',
  '/*! FullCalendar v7.1.0 skeleton + classic theme and palette | MIT | https://fullcalendar.io */\n' + code,
);
