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

  // WCAG 2.2.1: warn five minutes before an idle session ends and offer to
  // extend it without leaving the page. Without this script the header shows
  // the end time and the same button as a plain form.
  for (const box of document.querySelectorAll('[data-module="session-timeout"]')) {
    const form = box.querySelector('form');
    const main = document.getElementById('main');
    if (!form || !main) continue;
    let expiresAt = Date.parse(box.getAttribute('data-expires-at') || '');
    if (Number.isNaN(expiresAt)) continue;
    const warning = document.createElement('div');
    warning.className = 'fj-session-warning';
    warning.setAttribute('role', 'alert');
    warning.tabIndex = -1;
    warning.hidden = true;
    const title = document.createElement('h2');
    title.className = 'fj-heading-m';
    title.textContent = box.getAttribute('data-warning-title');
    const body = document.createElement('p');
    body.className = 'fj-body';
    body.textContent = box.getAttribute('data-warning-body');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'fj-button';
    button.textContent = form.querySelector('button')?.textContent || '';
    warning.append(title, body, button);
    main.prepend(warning);
    const extend = async () => {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) return window.location.reload();
      const next = await response.json();
      expiresAt = Date.parse(next.expiresAt);
      warning.hidden = true;
      body.textContent = box.getAttribute('data-extended');
      schedule();
    };
    button.addEventListener('click', () => {
      extend().catch(() => window.location.reload());
    });
    let timer = 0;
    const schedule = () => {
      clearTimeout(timer);
      const warnIn = expiresAt - Date.now() - 5 * 60_000;
      timer = setTimeout(
        () => {
          if (Date.now() >= expiresAt) return window.location.reload();
          body.textContent = box.getAttribute('data-warning-body');
          warning.hidden = false;
          warning.focus();
          timer = setTimeout(() => window.location.reload(), Math.max(0, expiresAt - Date.now()) + 1000);
        },
        Math.max(0, warnIn),
      );
    };
    schedule();
  }
})();
