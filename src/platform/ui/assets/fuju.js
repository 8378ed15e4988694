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

// ---------------------------------------------------------------------------
// Product search suggestions (public catalog, src/modules/catalog/pages/public).
// An element with data-module="product-suggest" wraps the search box. With
// this script the box becomes an ARIA 1.2 combobox: typing asks the API for
// suggestions (150 ms after the last key, older requests aborted) and lists
// them under the box; Up/Down move, Enter chooses and searches, Escape closes.
// A polite live region says how many suggestions there are. Without the
// script the form is a plain search form.
// ---------------------------------------------------------------------------
(() => {
  if (typeof fetch !== 'function' || typeof AbortController === 'undefined') return;
  let boxes = 0;
  for (const box of document.querySelectorAll('[data-module="product-suggest"]')) {
    const input = box.querySelector('input');
    const source = box.getAttribute('data-source');
    if (!input || !source) continue;
    boxes += 1;
    const listId = `fj-suggest-${boxes}`;
    const countText = box.getAttribute('data-count-text') || '{count}';
    const noneText = box.getAttribute('data-none-text') || '';
    box.classList.add('fj-suggest');

    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'fj-suggest__listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', box.getAttribute('data-label') || '');
    list.hidden = true;
    const status = document.createElement('div');
    status.className = 'fj-visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    box.append(list, status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');

    let options = [];
    let active = -1;
    let timer = 0;
    let controller = null;

    const open = () => {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      for (const option of options) option.setAttribute('aria-selected', 'false');
      active = -1;
    };
    const highlight = (index) => {
      active = index;
      options.forEach((option, i) => {
        option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      const option = options[index];
      if (option) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    };
    const choose = (index) => {
      const option = options[index];
      if (!option) return;
      input.value = option.textContent;
      close();
      const form = input.form;
      if (!form) return;
      if (typeof form.requestSubmit === 'function') form.requestSubmit();
      else form.submit();
    };
    const show = (suggestions) => {
      options = suggestions.map((text, i) => {
        const option = document.createElement('li');
        option.id = `${listId}-option-${i}`;
        option.className = 'fj-suggest__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = text;
        // Suggestions are product words, often Chinese on an English page: say so for screen readers.
        if (/[\u3400-\u9fff]/.test(text) && !document.documentElement.lang.startsWith('zh'))
          option.lang = 'zh-CN';
        // Keep focus in the box when an option is clicked.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => choose(i));
        return option;
      });
      list.replaceChildren(...options);
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (options.length === 0) {
        close();
        status.textContent = noneText;
        return;
      }
      open();
      status.textContent = countText.replace('{count}', String(options.length));
    };
    const lookup = async (q) => {
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${source}?q=${encodeURIComponent(q)}`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!response.ok) return close();
        const body = await response.json();
        // The words changed while the answer was on its way: a newer lookup will answer.
        if (input.value.trim() !== q) return;
        show(Array.isArray(body.suggestions) ? body.suggestions.map(String) : []);
      } catch (error) {
        if (error?.name !== 'AbortError') close();
      }
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length === 0 || q.length > 50) {
        if (controller) controller.abort();
        options = [];
        list.replaceChildren();
        close();
        status.textContent = '';
        return;
      }
      timer = setTimeout(() => lookup(q), 150);
    });
    input.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowDown') {
        if (options.length === 0) return;
        event.preventDefault();
        if (list.hidden) open();
        highlight(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === 'ArrowUp') {
        if (options.length === 0) return;
        event.preventDefault();
        if (list.hidden) open();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === 'Enter') {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === 'Escape') {
        if (!list.hidden) {
          // Closing the list is all Escape does here; a search box would otherwise also clear.
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener('blur', () => close());
  }
})();

// ---------------------------------------------------------------------------
// Survey questions that depend on an earlier answer on the same page
// (src/modules/survey/pages/answer): an element with
// data-module="survey-condition" and its condition in data-show-if is shown
// only while the condition holds for the answers chosen so far; while hidden
// its controls are disabled, so nothing is sent for it. Without this script
// the question stays shown, with a hint saying when to answer it, and the
// server ignores an answer whose condition does not hold.
// ---------------------------------------------------------------------------
(() => {
  const questions = document.querySelectorAll('[data-module="survey-condition"]');
  if (questions.length === 0) return;
  /** The values given for a question (a grid row: `row`), from the form's checked and filled controls. */
  const valuesOf = (form, question, row) => {
    const name = row ? `q.${question}.${row}` : `q.${question}`;
    const values = [];
    for (const control of form.elements) {
      if (control.disabled) continue;
      const own = control.name === name || (!row && control.name.startsWith(`q.${question}.`));
      if (!own) continue;
      if ((control.type === 'radio' || control.type === 'checkbox') && !control.checked) continue;
      if (control.value.trim() !== '') values.push(control.value);
    }
    return values;
  };
  const holds = (form, condition) => {
    if (condition.all) return condition.all.every((c) => holds(form, c));
    if (condition.any) return condition.any.some((c) => holds(form, c));
    const values = valuesOf(form, condition.question, condition.row);
    if (condition.answered) return values.length > 0;
    return values.some((value) => condition.anyOf.includes(value));
  };
  const forms = new Set();
  const update = () => {
    for (const question of questions) {
      const form = question.closest('form');
      let condition;
      try {
        condition = JSON.parse(question.getAttribute('data-show-if') || '');
      } catch {
        continue;
      }
      if (!form) continue;
      const shown = holds(form, condition);
      question.hidden = !shown;
      for (const control of question.querySelectorAll('input, select, textarea')) control.disabled = !shown;
    }
  };
  for (const question of questions) {
    const form = question.closest('form');
    if (form && !forms.has(form)) {
      forms.add(form);
      form.addEventListener('change', update);
      form.addEventListener('input', update);
    }
  }
  update();
})();
