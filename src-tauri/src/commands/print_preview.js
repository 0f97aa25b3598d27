// The Print button and Ctrl+P of a print preview window.
const print = () => window.print();
document.getElementById('print-button')?.addEventListener('click', print);
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p') {
    event.preventDefault();
    print();
  }
});
