import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  PAGE_SIZE,
  ROW_HEIGHT,
  Selection,
  addTags,
  changedFields,
  narrows,
  nextSort,
  pagesFor,
  rowsInView,
  scrollToShow,
} from '../js/views/members/model.js';
import { translate } from '../js/i18n/index.js';
import '../js/views/members/strings.js';

test('rows in view: a screenful at the scroll position and a margin, never past either end', () => {
  // 440 px show rows 10..19 at a scroll of 440 (rows of 44 px); 12 more each side.
  assert.deepEqual(rowsInView(440, 440, 100_000, 44, 12), { first: 0, last: 31 });
  assert.deepEqual(rowsInView(44_000, 440, 100_000, 44, 12), { first: 988, last: 1021 });
  assert.deepEqual(rowsInView(4_399_560, 440, 100_000, 44, 12), { first: 99_978, last: 99_999 });
  assert.deepEqual(rowsInView(0, 440, 3, 44, 12), { first: 0, last: 2 });
  assert.deepEqual(rowsInView(0, 440, 0), { first: 0, last: -1 });
  // However far the list is scrolled, the page holds the same few rows: 100,000 members
  // never means 100,000 elements.
  const { first, last } = rowsInView(2_000_000, 600, 100_000);
  assert.ok(last - first + 1 <= Math.ceil(600 / ROW_HEIGHT) + 1 + 24, `${last - first + 1} rows`);
});

test('pages: each page that holds a row of the range, once', () => {
  assert.deepEqual(pagesFor(0, 32, 100), [0]);
  assert.deepEqual(pagesFor(95, 130, 100), [0, 1]);
  assert.deepEqual(pagesFor(99_978, 99_999, 100), [999]);
  assert.deepEqual(pagesFor(0, -1, 100), []);
  assert.equal(PAGE_SIZE >= 50, true);
});

test('scrolling to a row moves only as far as it takes to show it whole', () => {
  assert.equal(scrollToShow(5, 0, 440, 44), null);
  assert.equal(scrollToShow(10, 0, 440, 44), 44);
  assert.equal(scrollToShow(3, 440, 440, 44), 132);
});

test('selection: one by one, all but some, and the count against the total', () => {
  const selection = new Selection();
  assert.equal(selection.isEmpty(10), true);
  selection.set(3);
  selection.set(4);
  selection.set(3);
  assert.equal(selection.has(3), false);
  assert.equal(selection.has(4), true);
  assert.equal(selection.count(10), 1);
  selection.selectAll();
  assert.equal(selection.count(100_000), 100_000);
  selection.set(7, false);
  assert.equal(selection.has(7), false);
  assert.equal(selection.has(8), true);
  assert.equal(selection.count(100_000), 99_999);
  selection.set(7, true);
  assert.equal(selection.count(100_000), 100_000);
  selection.clear();
  assert.equal(selection.count(100_000), 0);
});

test('sorting: a new column starts A to Z for names and highest first otherwise; the same column turns', () => {
  assert.deepEqual(nextSort({ sort: 'engagement', descending: true }, 'name'), { sort: 'name', descending: false });
  assert.deepEqual(nextSort({ sort: 'name', descending: false }, 'engagement'), { sort: 'engagement', descending: true });
  assert.deepEqual(nextSort({ sort: 'name', descending: false }, 'name'), { sort: 'name', descending: true });
});

test('a query narrows with a search or any filter, not with an order', () => {
  const base = { search: '', levels: [], roles: [], tags: [], engagement: [], joinedFrom: null, joinedTo: null };
  assert.equal(narrows(base), false);
  assert.equal(narrows({ ...base, search: '   ' }), false);
  assert.equal(narrows({ ...base, search: 'ёлкин' }), true);
  assert.equal(narrows({ ...base, roles: ['speaker'] }), true);
  assert.equal(narrows({ ...base, joinedTo: '2026-01-01' }), true);
});

test('an edit sends the fields that changed and no others', () => {
  const before = { name: 'Anna', email: '', roles: ['member'], tags: ['rust'], consent: false };
  assert.deepEqual(changedFields(before, { ...before }), {});
  assert.deepEqual(changedFields(before, { ...before, email: 'anna@example.org', consent: true }), {
    email: 'anna@example.org',
    consent: true,
  });
  assert.deepEqual(changedFields(before, { ...before, roles: ['member', 'speaker'] }), { roles: ['member', 'speaker'] });
  assert.deepEqual(changedFields(before, { ...before, tags: [] }), { tags: [] });
});

test('tags typed: split at commas, trimmed, no second copy in another case or with ё', () => {
  assert.deepEqual(addTags([], 'rust, go ,, sql'), ['rust', 'go', 'sql']);
  assert.deepEqual(addTags(['Rust'], 'rust, Ёлка'), ['Rust', 'Ёлка']);
  assert.deepEqual(addTags(['Елка'], 'ёлка'), ['Елка']);
  assert.deepEqual(addTags(['a'], '  '), ['a']);
});

test('the count of members in Russian plurals, with the number written the Russian way', () => {
  assert.equal(translate('ru', 'members.count', { count: 1 }), '1 участник');
  assert.equal(translate('ru', 'members.count', { count: 3 }), '3 участника');
  assert.equal(translate('ru', 'members.count', { count: 1234 }), '1\u00a0234 участника');
  assert.equal(translate('ru', 'members.count', { count: 100_000 }), '100\u00a0000 участников');
  assert.equal(translate('en', 'members.count', { count: 1234 }), '1,234 members');
  assert.equal(translate('en', 'members.count', { count: 1 }), '1 member');
});
