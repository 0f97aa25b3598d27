// Where a toast leaves the content: the scrolling area ends above the toast, and what was in
// view at its bottom stays in view, without moving a page that ends above the toast.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { clearance, keepInView } from '../js/components/toast.js';

test('the area ends a gap above the toast, and not at all when the toast is below it', () => {
  // A 720 px window, the toast's top at 664 (44 px tall, 12 px above the bottom edge).
  assert.equal(clearance({ areaBottom: 720, toastTop: 664, gap: 12 }), 68);
  assert.equal(clearance({ areaBottom: 720, toastTop: 664.4, gap: 12 }), 68, 'whole pixels, rounded up');
  assert.equal(clearance({ areaBottom: 600, toastTop: 664, gap: 12 }), 0);
});

test('content that was in view at the bottom moves up with the end of the area', () => {
  // A long page: the strip from 652 to 720 was full of it; all of it stays in view.
  assert.equal(keepInView({ viewBottom: 720, contentBottom: 1900, newViewBottom: 652 }), 68);
  // The page ended inside the strip: only its part there moves up.
  assert.equal(keepInView({ viewBottom: 720, contentBottom: 680, newViewBottom: 652 }), 28);
});

test('a page that ends above the toast does not move', () => {
  assert.equal(keepInView({ viewBottom: 720, contentBottom: 500, newViewBottom: 652 }), 0);
  assert.equal(keepInView({ viewBottom: 720, contentBottom: 652, newViewBottom: 652 }), 0);
});

test('nothing scrolls when the area grows back', () => {
  assert.equal(keepInView({ viewBottom: 652, contentBottom: 1900, newViewBottom: 720 }), 0);
});
