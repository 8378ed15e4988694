// Progressive enhancements. Every page works without this file; it only adds
// to elements marked with data-module, and only where the browser can.
(() => {
  // GOV.UK pattern: move focus to the error summary so it is read first.
  for (const summary of document.querySelectorAll('[data-module="error-summary"]')) {
    summary.focus();
  }

  // Read aloud with the browser's own speech synthesis, where it has one.
  const synth = window.speechSynthesis;
  for (const button of document.querySelectorAll('[data-module="read-aloud"]')) {
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') continue;
    const main = document.getElementById('main');
    if (!main) continue;
    const startLabel = button.textContent;
    const stopLabel = button.getAttribute('data-stop-label') || startLabel;
    button.hidden = false;
    button.addEventListener('click', () => {
      if (synth.speaking) {
        synth.cancel();
        button.textContent = startLabel;
        return;
      }
      const clone = main.cloneNode(true);
      for (const skip of clone.querySelectorAll('[data-module="read-aloud"], script')) skip.remove();
      const utterance = new SpeechSynthesisUtterance(clone.textContent.replace(/\s+/g, ' ').trim());
      utterance.lang = document.documentElement.lang;
      utterance.addEventListener('end', () => {
        button.textContent = startLabel;
      });
      button.textContent = stopLabel;
      synth.speak(utterance);
    });
  }
})();
