// The controls of a print preview window: Print and Ctrl+P, Close and Escape. The preview is
// a page of its own, outside the app's UI (no i18n module, no commands), so its keys and its
// Close button are made here; the button's label, in the document's language, comes with the
// document (from core's label catalogue, on the Print button).

const print = () => window.print();
// The window's navigation guard (print.rs) closes the window instead of loading this.
const close = () => window.location.assign('/close');

const printButton = document.getElementById('print-button');
printButton?.addEventListener('click', print);

if (printButton) {
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.id = 'close-button';
  closeButton.className = 'close-button';
  closeButton.setAttribute('aria-keyshortcuts', 'Escape');
  closeButton.textContent = printButton.dataset.closeLabel || 'Close';
  closeButton.addEventListener('click', close);
  printButton.before(closeButton);
  // The document's style makes every toolbar button the accented Print; Close is the quiet
  // one beside it, outlined so that it still reads as a button (4.2:1 against the toolbar).
  const style = document.createElement('style');
  style.textContent = `
    .toolbar button.close-button { background: #ffffff; color: #1f1f1f; box-shadow: inset 0 0 0 1px #767676; }
    .toolbar button.close-button:hover { background: #ebebeb; }
    @media print { .toolbar { display: none; } }`;
  document.head.append(style);
}

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
