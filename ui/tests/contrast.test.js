// The colours of css/app.css, both themes, against WCAG's contrast minimums: 3:1 for what
// outlines or marks a control (1.4.11: an input's border, a button's, a ticked box, a
// progress fill against its track, the focus ring) and 4.5:1 for text (1.4.3). A token
// changed to a colour that fails one of these pairs fails here, with the pair named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../css/app.css', import.meta.url), 'utf8');

/** The custom properties declared in the first `:root { … }` after `from` in the file. */
function tokens(from) {
  const start = css.indexOf(':root {', from);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = tokens(0);
const dark = { ...light, ...tokens(css.indexOf('@media (prefers-color-scheme: dark)')) };

/** [r, g, b, alpha] of `#rrggbb` or `rgb(r g b / a)`. */
function parse(colour) {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(1);
  const rgb = /^rgb\((\d+) (\d+) (\d+)(?: \/ ([\d.]+))?\)$/.exec(colour);
  assert.ok(rgb, `a colour this test reads: ${colour}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}

/** Paints `colours` one over the other, the first at the bottom (it must be opaque). */
function paint(...colours) {
  return colours.map(parse).reduce((below, [r, g, b, a]) => [r, g, b].map((c, i) => c * a + below[i] * (1 - a)));
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function ratio(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The stroke colour of a drawn mark (`--check-mark`, an SVG data: URL). */
function markColour(url) {
  const stroke = /stroke='%23([0-9a-f]{6})'/i.exec(url);
  assert.ok(stroke, 'the check mark names its stroke colour');
  return `#${stroke[1]}`;
}

/**
 * The pairs that must hold, each as [what, minimum, foreground layers, background layers]
 * (layers are painted bottom first, as the page stacks them).
 */
function pairs(v) {
  const card = [v['--card-bg']];
  const window = [v['--window-bg']];
  // A stage of the plan is a button-coloured panel on the window; its progress track is
  // one more layer of the same.
  const stage = [v['--window-bg'], v['--button-bg']];
  return [
    ['input border on a card', 3, [...card, v['--input-border']], card],
    ['input border against the input', 3, [...card, v['--input-border']], [...card, v['--input-bg']]],
    ['input border on the window', 3, [...window, v['--input-border']], window],
    ['input border in the sidebar', 3, [v['--sidebar-bg'], v['--input-border']], [v['--sidebar-bg']]],
    ['button border on a card', 3, [...card, v['--button-border']], card],
    ['button border on the window', 3, [...window, v['--button-border']], window],
    ['button border in the sidebar', 3, [v['--sidebar-bg'], v['--button-border']], [v['--sidebar-bg']]],
    ['ticked box on a card', 3, [v['--accent-bg']], card],
    ['check mark on the ticked box', 3, [markColour(v['--check-mark'])], [v['--accent-bg']]],
    ['progress fill against its track on the window', 3, [v['--accent-bg']], [...window, v['--button-bg']]],
    ['progress fill against its track in a stage', 3, [v['--accent-bg']], [...stage, v['--button-bg']]],
    ['complete stage fill against its track', 3, [v['--success-fg']], [...stage, v['--button-bg']]],
    ['focus ring on a card', 3, [v['--focus-ring']], card],
    ['focus ring on the window', 3, [v['--focus-ring']], window],
    ['focus ring in a dialog', 3, [v['--focus-ring']], [v['--dialog-bg']]],
    ['text on the suggested button', 4.5, [v['--accent-on']], [v['--accent-bg']]],
    ['text on the destructive button', 4.5, [v['--destructive-on']], [v['--destructive-bg']]],
    ['text on a card', 4.5, [v['--window-fg']], card],
    ['dim text on a card', 4.5, [v['--dim-fg']], card],
    ['dim text on the window', 4.5, [v['--dim-fg']], window],
    ['error text on a card', 4.5, [v['--error-fg']], card],
    ['toast text', 4.5, [v['--toast-fg']], [v['--toast-bg']]],
    ['toast action', 4.5, [v['--toast-action-fg']], [v['--toast-bg'], 'rgb(255 255 255 / 0.08)']],
    ['toast action border', 3, [v['--toast-bg'], 'rgb(255 255 255 / 0.5)'], [v['--toast-bg']]],
  ];
}

for (const [theme, values] of [
  ['light', light],
  ['dark', dark],
]) {
  test(`the ${theme} theme keeps controls and text apart from what is behind them`, () => {
    const failing = pairs(values)
      .map(([what, minimum, fg, bg]) => ({ what, minimum, found: ratio(paint(...fg), paint(...bg)) }))
      .filter(({ minimum, found }) => found < minimum)
      .map(({ what, minimum, found }) => `${what}: ${found.toFixed(2)}:1, below ${minimum}:1`);
    assert.deepEqual(failing, []);
  });
}

test('the dark theme has its own accent, not the light one', () => {
  // The dark progress fill was 1.74:1 against its track because it kept the light value.
  assert.notEqual(dark['--accent-bg'], light['--accent-bg']);
  assert.notEqual(markColour(dark['--check-mark']), markColour(light['--check-mark']));
});

// The ratios, printed for the record (node --test shows them with the results).
test('contrast ratios of both themes', (t) => {
  for (const [theme, values] of [
    ['light', light],
    ['dark', dark],
  ]) {
    for (const [what, , fg, bg] of pairs(values)) t.diagnostic(`${theme}: ${what} ${ratio(paint(...fg), paint(...bg)).toFixed(2)}:1`);
  }
});
