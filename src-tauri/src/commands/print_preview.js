// The controls of a print preview window: Print and Ctrl+P, Close and Escape, Save as PDF
// and Save as HTML, and the meetup plan's paper. The preview is a page of its own, outside
// the app's UI (no i18n module, no commands): its buttons and words come with the document,
// in its language, and what only the app can do (close the window, ask where to save) is
// asked for by address, which the window's navigation guard (print.rs) answers instead of
// loading it.

const print = () => window.print();
const close = () => window.location.assign('/close');

const toolbar = document.querySelector('.toolbar');
const status = document.getElementById('save-status');
const saveButtons = [document.getElementById('save-pdf-button'), document.getElementById('save-html-button')];

/** The file name the save dialog offers: the document's title, without what a file name cannot hold. */
const offeredName = () => document.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Hearth';

/** @param {'pdf'|'html'} format */
function save(format) {
  for (const button of saveButtons) if (button) button.disabled = true;
  say(toolbar?.dataset.saving ?? '', false);
  window.location.assign(`/save/${format}?name=${encodeURIComponent(offeredName())}`);
}

/** @param {string} text @param {boolean} isError */
function say(text, isError) {
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('is-error', isError);
}

// Called by the app when a save has ended: written to `path`, failed for `reason`, or
// cancelled in the dialog (neither).
window.hearthPreview = {
  /** @param {{path?: string, reason?: string, ms?: number}} outcome */
  saved(outcome) {
    for (const button of saveButtons) if (button) button.disabled = false;
    // How long printing took, for whoever measures it.
    if (status) status.dataset.ms = outcome.ms == null ? '' : String(outcome.ms);
    if (outcome.path) say((toolbar?.dataset.saved ?? '{path}').replace('{path}', outcome.path), false);
    else if (outcome.reason) say((toolbar?.dataset.failed ?? '{reason}').replace('{reason}', outcome.reason), true);
    else say('', false);
  },
};

document.getElementById('print-button')?.addEventListener('click', print);
document.getElementById('close-button')?.addEventListener('click', close);
document.getElementById('save-pdf-button')?.addEventListener('click', () => save('pdf'));
document.getElementById('save-html-button')?.addEventListener('click', () => save('html'));

const paper = /** @type {HTMLSelectElement|null} */ (document.getElementById('paper-select'));
paper?.addEventListener('change', () => {
  const url = new URL(window.location.href);
  url.searchParams.set('paper', paper.value);
  window.location.assign(url.pathname + url.search);
});

document.addEventListener('keydown', (event) => {
  const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  // By the key's place, as the app's other shortcuts: on a Russian layout it types "з".
  if (command && event.code === 'KeyP') {
    event.preventDefault();
    print();
  } else if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    close();
  }
});
