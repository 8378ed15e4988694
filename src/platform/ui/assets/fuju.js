// Progressive enhancements. Every page works without this file; it only adds
// to elements marked with data-module, and only where the browser can.
(() => {
  // GOV.UK pattern: move focus to the error summary so it is read first.
  // The same for a success banner, which reports what the last action did.
  const first =
    document.querySelector('[data-module="error-summary"]') ||
    document.querySelector('[data-module="notification-banner"][role="alert"]');
  if (first) first.focus();

  // A second click on a submit button within a second would send the form twice.
  for (const button of document.querySelectorAll('[data-prevent-double-click="true"]')) {
    let last = 0;
    button.addEventListener('click', (event) => {
      if (Date.now() - last < 1000) event.preventDefault();
      last = Date.now();
    });
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
