import { test } from 'node:test';
import assert from 'node:assert/strict';

import { placeChildren } from '../js/dom.js';

/**
 * Just enough of a DOM parent for `placeChildren`: a child list with the same moving
 * semantics as the real one (inserting a node that is already a child moves it), and a
 * count of the moves, which is what the keyed redraw exists to keep low.
 */
class Parent {
  constructor(nodes) {
    this.children = [];
    this.moves = 0;
    for (const node of nodes) this.insertBefore(node, null);
    this.moves = 0;
  }

  get childNodes() {
    return this.children;
  }

  get firstChild() {
    return this.children[0] ?? null;
  }

  insertBefore(node, before) {
    this.moves += 1;
    if (node.parent) node.parent.detach(node);
    const index = before === null ? this.children.length : this.children.indexOf(before);
    assert.notEqual(index, -1, 'the reference node is a child');
    this.children.splice(index, 0, node);
    node.parent = this;
  }

  detach(node) {
    this.children.splice(this.children.indexOf(node), 1);
    node.parent = null;
  }
}

class Node {
  constructor(name) {
    this.name = name;
    this.parent = null;
  }

  get nextSibling() {
    const siblings = this.parent.children;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  remove() {
    this.parent?.detach(this);
  }
}

const nodes = (names) => names.split('').map((name) => new Node(name));
const names = (parent) => parent.children.map((node) => node.name).join('');
const pick = (all, order) => order.split('').map((name) => all.find((node) => node.name === name) ?? new Node(name));

test('placeChildren leaves an unchanged list alone', () => {
  const all = nodes('abcdef');
  const parent = new Parent(all);
  placeChildren(parent, all);
  assert.equal(names(parent), 'abcdef');
  assert.equal(parent.moves, 0);
});

test('placeChildren moves a single node in one step, up or down', () => {
  for (const [order, label] of [
    ['abecdf', 'up'],
    ['acdebf', 'down'],
    ['fabcde', 'last to first'],
    ['bcdefa', 'first to last'],
  ]) {
    const all = nodes('abcdef');
    const parent = new Parent(all);
    placeChildren(parent, pick(all, order));
    assert.equal(names(parent), order, label);
    assert.equal(parent.moves, 1, `${label}: one move`);
  }
});

test('placeChildren adds new nodes and removes the ones not wanted', () => {
  const all = nodes('abcdef');
  const parent = new Parent(all);
  placeChildren(parent, pick(all, 'axcyf'));
  assert.equal(names(parent), 'axcyf');
  assert.equal(parent.moves, 2, 'only the two new nodes are inserted');
  placeChildren(parent, []);
  assert.equal(names(parent), '');
});

test('placeChildren takes a node from another parent (a task moved to another stage)', () => {
  const left = nodes('abc');
  const right = nodes('xyz');
  const from = new Parent(left);
  const to = new Parent(right);
  placeChildren(from, pick(left, 'ac'));
  placeChildren(to, [right[0], left[1], right[1], right[2]]);
  assert.equal(names(from), 'ac');
  assert.equal(names(to), 'xbyz');
});

test('placeChildren reaches any order', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let round = 0; round < 300; round += 1) {
    const all = nodes('abcdefghij');
    const parent = new Parent(all);
    const wanted = [...all, ...nodes('KLM')].filter(() => random() > 0.25).sort(() => random() - 0.5);
    placeChildren(parent, wanted);
    assert.deepEqual(parent.children, wanted, `round ${round}`);
  }
});
