/**
 * Rekenhulp view, part 1 of 7 (dom): small DOM helpers every other view file uses.
 *
 * The view is split into files that the page template inlines, after rekenhulp-core.mjs and
 * in the order of calculator.SCRIPT_FILES, into ONE <script type="module">: Chromium refuses
 * module imports and module scripts with a src over file://, and the page must work from a
 * saved copy. So no view file has an import line; they share one module scope with the core
 * (calculate, explain, parseAmount, ... are plain names here). A top-level name may appear in
 * one file only; the page test runs `node --check` on the whole script. Module scope keeps
 * every name off window.
 */

const LIVE_DELAY_MS = 400; // let typing settle before screen readers hear the new outcome

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === "text") {
      node.textContent = value;
    } else if (key.startsWith("on")) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/**
 * Writes into an aria-live region: later() waits until typing settles, so a screen reader
 * hears one outcome instead of one per keystroke; now() writes at once (load, submit,
 * example). Only the latest value is ever written.
 */
function liveWriter(apply) {
  let pending = null;
  let timer = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (pending !== null) {
      const value = pending;
      pending = null;
      apply(value);
    }
  };
  return {
    later(value) {
      pending = value;
      clearTimeout(timer);
      timer = setTimeout(flush, LIVE_DELAY_MS);
    },
    now(value) {
      pending = value;
      flush();
    },
  };
}

function debounce(fn, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

const MONEY = /(€ -?\d{1,3}(?:\.\d{3})*(?:,\d{2,}|,-)?)/;

/** Text with every euro amount in a no-wrap span, so "€" and its number never part at a line end. */
function moneyNodes(text) {
  return String(text).split(MONEY).map((part, i) => (i % 2 ? h("span", { class: "rh-nowrap", text: part }) : part));
}

function describedBy(input, ids) {
  const value = ids.filter(Boolean).join(" ");
  if (value) {
    input.setAttribute("aria-describedby", value);
  } else {
    input.removeAttribute("aria-describedby");
  }
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
