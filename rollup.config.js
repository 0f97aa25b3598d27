/**
 * How the app's build (src-tauri/build/interface.rs) gathers the interface's modules: the
 * shell and everything start-up imports into js/main.js, one file, and each view opened
 * later into chunks of its own, with what only later views share. One request at start-up
 * instead of 25: the page shows its first data about 10 ms sooner (see interface.rs).
 *
 * Rollup rather than a splitter that cuts by which views import a module: the shell's
 * modules are imported by the views too, and such a cut would leave start-up a dozen chunks.
 *
 * Terser then drops what only a reader needs (comments, long local names): the sources are
 * a third comments, and WebKit reads every byte of js/main.js before the first screen runs.
 * Half the bytes, and the start-up file's first line runs about 6 ms sooner (measured with
 * marks in the page under `make bench`'s conditions).
 */

import terser from '@rollup/plugin-terser';

/** Every module `id` imports statically, directly or not. */
function staticGraph(id, getModuleInfo, seen = new Set()) {
  if (seen.has(id)) return seen;
  seen.add(id);
  for (const imported of getModuleInfo(id)?.importedIds ?? []) staticGraph(imported, getModuleInfo, seen);
  return seen;
}

/** @type {Set<string>|null} */
let startUp = null;

export default {
  input: 'ui/js/main.js',
  output: {
    format: 'es',
    plugins: [terser()],
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Start-up's modules all go with the entry; the rest is cut as the views share it.
    manualChunks(id, { getModuleIds, getModuleInfo }) {
      if (!startUp) {
        const entry = [...getModuleIds()].find((module) => getModuleInfo(module)?.isEntry);
        startUp = entry ? staticGraph(entry, getModuleInfo) : new Set();
      }
      return startUp.has(id) ? 'main' : undefined;
    },
  },
};
