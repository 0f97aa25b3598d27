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
// The month grid places its events by their measured heights, and a month it has not shown
// before has none measured: FullCalendar drew every new month twice, first with its events
// hidden and unplaced, then, once a ResizeObserver had measured them, placed and shown, with
// a layout of the whole grid for each (about a third of the time a month took). In Hearth's
// month view every event and every day's number has one height (calendar.css), so a height
// measured once holds for the ones not measured yet: a new month is placed in its first
// drawing, and the measurements that follow, equal to what was assumed, draw nothing again.
// A height that differs (another view, a changed font) is drawn again as before.
//
// A drop, or a step of a drag, changes one or two weeks of a month, and FullCalendar drew all
// of them again: each week is given its events anew whenever any event changes, and during a
// drag each week is told of it, even those it does not touch. A week now keeps the events it
// was given when they are the same ones, at the same places (`keepSameRows`), and hears of a
// drag only when it shows the dragged event or where it would fall (`touching`): the other
// weeks are left as they are drawn.
//
// Each pattern must be found exactly once, so an update that moves the code fails this
// build instead of shipping unpatched.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const BANNER =
  '/*! FullCalendar (Vanilla JS) v7.1.0 | MIT | https://fullcalendar.io | bundled with ' +
  '@full-ui/headless-calendar 7.1.0, preact 10.29.8 (patched: vnode clones for a frozen ' +
  'Object.prototype; a drag ends once its release has been heard, and leaves the body\'s ' +
  'style alone; the month grid assumes the heights it measured before, and draws again only ' +
  'the weeks that changed), temporal-polyfill 1.0.8, ' +
  'temporal-utils (all MIT) */';

const END_OF_RELEASE = `{
                const release = typeof window !== 'undefined' && window.event;
                let ended = false;
                const end = () => { if (!ended) { ended = true; done(); } };
                if (release && release.bubbles) window.addEventListener(release.type, end, { once: true });
                setTimeout(end, 0);
            }`;

// What the day grid patches below call, put in before DayGridRow.
const DAY_GRID_HELPERS = `// Hearth: heights measured before, assumed for what is not measured yet (build.mjs).
const knownHeights = { header: undefined, slice: undefined };
function withKnownHeights(measured) {
    return knownHeights.slice === undefined ? measured : { get: (key) => measured.get(key) ?? knownHeights.slice };
}
// Hearth: a week keeps the events it was given when they are the same (build.mjs).
function keepSameRows(split) {
    let previous = [];
    return (segs, rowCount) => {
        const rows = split(segs, rowCount);
        for (let row = 0; row < rows.length; row++) {
            if (previous[row] && sameSegs(previous[row], rows[row])) rows[row] = previous[row];
        }
        return (previous = rows);
    };
}
function sameSegs(a, b) {
    return a.length === b.length && a.every((seg, i) => sameFields(seg, b[i], { eventRange: sameEventRange }));
}
function sameEventRange(a, b) {
    return sameFields(a, b, {
        range: (x, y) => x.start.valueOf() === y.start.valueOf() && x.end.valueOf() === y.end.valueOf(),
        ui: (x, y) => sameFields(x, y, {}),
    });
}
function sameFields(a, b, deeper) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]
        || (Array.isArray(a[key]) && Array.isArray(b[key]) && a[key].length === b[key].length && a[key].every((x, i) => x === b[key][i]))
        || (Object.hasOwn(deeper, key) && Boolean(a[key] && b[key]) && deeper[key](a[key], b[key])));
}
// Hearth: a drag is told to a week only when it shows there (build.mjs).
function touching(interaction, segs) {
    return interaction && (interaction.segs.length || segs.some((seg) => interaction.affectedInstances[seg.eventRange.instance.instanceId]))
        ? interaction
        : null;
}
class DayGridRow extends BaseComponent {`;

const PATCHES = [
  // file, search, replace
  ['preact/dist/preact.module.js', 'o=m({},u);', 'o=m({constructor:void 0},u);'], // renderComponent
  ['preact/dist/preact.module.js', '?null:m({},n)}', '?null:m({constructor:void 0},n)}'], // cloneNode
  ['preact/compat/dist/compat.module.js', '(n=g({},n))', '(n=g({constructor:void 0},n))'], // Suspense
  // preventSelection and allowSelection, called on the press and the release
  ['fullcalendar/chunks/642eba18.js', "    el.style.userSelect = 'none';\n    el.style.webkitUserSelect = 'none';\n", ''],
  ['fullcalendar/chunks/642eba18.js', "    el.style.userSelect = '';\n    el.style.webkitUserSelect = '';\n", ''],
  // DayGridRow: a day's number and an event not measured yet take the last heights measured
  ['fullcalendar/chunks/44e811e2.js', 'class DayGridRow extends BaseComponent {', DAY_GRID_HELPERS],
  [
    'fullcalendar/chunks/44e811e2.js',
    'this.headerHeightRefMap = new RefMap(() => {',
    `this.headerHeightRefMap = new RefMap((height, key, prior) => {
            const assumed = prior == null && height != null && isDimsEqual(this.assumedHeader, height);
            if (height != null) knownHeights.header = height;
            if (assumed) return;`,
  ],
  [
    'fullcalendar/chunks/44e811e2.js',
    'this.sliceHeightRefMap = new RefMap(() => {',
    `this.sliceHeightRefMap = new RefMap((height, key, prior) => {
            const assumed = prior == null && height != null && isDimsEqual(this.assumedSlice, height);
            if (height != null) knownHeights.slice = height;
            if (assumed) return;`,
  ],
  [
    'fullcalendar/chunks/44e811e2.js',
    '        let printPlan = null;\n',
    '        this.assumedHeader = knownHeights.header;\n        this.assumedSlice = knownHeights.slice;\n        let printPlan = null;\n',
  ],
  [
    'fullcalendar/chunks/44e811e2.js',
    'options.eventSlicing, cells.length, this.sliceHeightRefMap.current);',
    'options.eventSlicing, cells.length, withKnownHeights(this.sliceHeightRefMap.current));',
  ],
  [
    'fullcalendar/chunks/44e811e2.js',
    'const cellHeaderHeight = headerHeightRefMap.current.get(cells[col].key);',
    'const cellHeaderHeight = headerHeightRefMap.current.get(cells[col].key) ?? knownHeights.header;',
  ],
  [
    'fullcalendar/chunks/44e811e2.js',
    'const mainTop = headerHeightMap.get(cell.key);',
    'const mainTop = headerHeightMap.get(cell.key) ?? knownHeights.header;',
  ],
  // DayGridRows: a week's events kept when the same; a drag told where it shows
  ['fullcalendar/chunks/44e811e2.js', 'this.splitBusinessHourSegs = memoize(splitSegsByRow);', 'this.splitBusinessHourSegs = memoize(keepSameRows(splitSegsByRow));'],
  ['fullcalendar/chunks/44e811e2.js', 'this.splitBgEventSegs = memoize(splitAllDaySegsByRow);', 'this.splitBgEventSegs = memoize(keepSameRows(splitAllDaySegsByRow));'],
  ['fullcalendar/chunks/44e811e2.js', 'this.splitFgEventSegs = memoize(splitSegsByRow);', 'this.splitFgEventSegs = memoize(keepSameRows(splitSegsByRow));'],
  ['fullcalendar/chunks/44e811e2.js', 'this.splitDateSelectionSegs = memoize(splitSegsByRow);', 'this.splitDateSelectionSegs = memoize(keepSameRows(splitSegsByRow));'],
  [
    'fullcalendar/chunks/44e811e2.js',
    'eventDrag: eventDragByRow[row], eventResize: eventResizeByRow[row]',
    'eventDrag: touching(eventDragByRow[row], fgEventSegsByRow[row]), eventResize: touching(eventResizeByRow[row], fgEventSegsByRow[row])',
  ],
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
