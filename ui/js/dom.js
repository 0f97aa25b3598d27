/**
 * A tiny element builder, so views read as the structure they produce.
 *
 * Text always goes in as text nodes, never as HTML: community names and notes are
 * user data. Inline styles are not used at all (the CSP forbids `style=""`), classes do.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element.
 *
 *   h('button', { class: 'primary', testid: 'charter-save', onclick: save }, t('charter.save'))
 *
 * Props: `class`, `testid` (→ data-testid), `on<event>` functions, DOM properties that
 * must be set as properties (`value`, `checked`, `disabled`, `hidden`, `selected`), and
 * anything else as an attribute (true → empty attribute, false/null/undefined → absent).
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props]
 * @param {...(Node|string|number|null|false|undefined|Array)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

const PROPERTY_NAMES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'open']);

function applyProps(element, props) {
  for (const [name, value] of Object.entries(props)) {
    if (name === 'testid') {
      element.dataset.testid = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (PROPERTY_NAMES.has(name)) {
      element[name] = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
}

/**
 * Appends children, skipping empty ones and flattening arrays.
 * @param {Element} parent
 * @param {Array} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * Replaces all children of an element.
 * @param {Element} parent
 * @param {...any} children
 */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/**
 * Makes `nodes` the children of `parent`, in order, moving only the nodes that are out of
 * place: a node that stays where it was keeps its state (focus, layout) and costs nothing;
 * a moved one loses focus, which the caller restores if it matters.
 * @param {Element} parent
 * @param {Node[]} nodes
 */
export function placeChildren(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    // The node at the cursor belongs further down (one node moved down): leave it for its turn.
    if (cursor && node !== cursor && node === cursor.nextSibling) cursor = cursor.nextSibling;
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}

/** Runs `callback` after the next frame is painted. */
export function afterPaint(callback) {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/**
 * A decorative symbolic icon (16×16 grid, drawn with the current text colour).
 * @param {string[]} paths  SVG path data.
 * @param {string} [className]
 * @returns {SVGSVGElement}
 */
export function icon(paths, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const data of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', data);
    svg.append(path);
  }
  return svg;
}

/** Stylesheets already asked for, by address: each loads once, whoever asks. */
const stylesheets = new Map();

/**
 * Adds a view's stylesheet to the page once and resolves when it applies, so a view loaded
 * on first open never draws unstyled. A sheet that fails to load resolves too: the view
 * still works, only plainer.
 * @param {string} href  from the page's folder, `'js/views/plan/plan.css'`: the same whether
 *   the modules are loaded one by one or gathered into a few files (src-tauri/build/interface.rs),
 *   where an address made from `import.meta.url` would point beside the gathered file.
 * @returns {Promise<void>}
 */
export function useStylesheet(href) {
  if (!stylesheets.has(href)) {
    stylesheets.set(
      href,
      new Promise(/** @param {(value?: void) => void} resolve */ (resolve) => {
        const link = h('link', { rel: 'stylesheet', href, onload: () => resolve(), onerror: () => resolve() });
        document.head.append(link);
      }),
    );
  }
  return stylesheets.get(href);
}
