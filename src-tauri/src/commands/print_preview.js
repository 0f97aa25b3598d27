// The Print button and Ctrl+P of a print preview window: the preview is a page of its own,
// outside the app's UI, so its keys are handled here.
const print = () => window.print();
document.getElementById('print-button')?.addEventListener('click', print);
document.addEventListener('keydown', (event) => {
  const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  // By the key's place, as the app's other shortcuts: on a Russian layout it types "з".
  if (command && event.code === 'KeyP') {
    event.preventDefault();
    print();
  }
});
