/* The status page's copy button. A file of its own: the admin pages' CSP forbids inline script. */
(() => {
  'use strict';
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById('copy-status');
    if (!source) continue;
    button.hidden = false; // without script there is nothing to click: the text stays selectable by hand
    button.addEventListener('click', async () => {
      const text = source.textContent;
      try {
        await navigator.clipboard.writeText(text);
        if (status) status.textContent = button.dataset.copied || 'Copied to the clipboard.';
      } catch (e) {
        // No clipboard permission (e.g. plain http): select the text so Ctrl+C / ⌘C copies it.
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (status) status.textContent = button.dataset.selected || 'Selected: press Ctrl+C (⌘C) to copy.';
      }
    });
  }
})();
