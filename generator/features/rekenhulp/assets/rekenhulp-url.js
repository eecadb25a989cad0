/**
 * Rekenhulp view, part 6 of 7 (url): the state in the URL. Writes what the user typed into
 * the query string (so a link keeps the calculation) and puts a query string's state back
 * into both forms. The encoding itself is encodeState/decodeState in the core. See
 * rekenhulp-dom.js for how the files are loaded.
 */

const URL_DELAY_MS = 250;

// Our keys in the query string; anything else (a search highlight, say) is left alone.
const OWN_KEY = /^(?:regeling$|[ei]\d+_|v_)/;

function collectState(view) {
  return { calc: view.calc ? typedLines(view.calc) : {}, check: typedAnswers(view.check) };
}

function saveState(view) {
  const params = new URLSearchParams(location.search);
  for (const key of [...params.keys()]) {
    if (OWN_KEY.test(key)) {
      params.delete(key);
    }
  }
  for (const [key, value] of new URLSearchParams(encodeState(collectState(view)))) {
    params.append(key, value);
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    try {
      history.replaceState(history.state, "", url);
    } catch {
      // A browser that refuses (some file:// setups) keeps working, only without a link.
    }
  }
}

/** A saveState for typing: it writes the URL a moment later, since browsers throttle floods of history updates. */
function stateSaver(view) {
  return debounce(() => saveState(view), URL_DELAY_MS);
}

/** Puts a decoded state (decodeState in the core) into both forms and shows the outcomes. */
function applyState(view, state) {
  const { check, calc } = view;
  if (check) {
    setAnswers(check, state.check);
    check.checker.showFilledErrors();
    renderCheck(view, true);
  }
  if (calc) {
    if (view.schemeById.has(state.calc.scheme)) {
      calc.select.value = state.calc.scheme;
    }
    clearRows(calc);
    state.calc.external.forEach((line) => addExternal(view, line));
    state.calc.internal.forEach((person) => addInternal(view, person));
    if (!calc.external.rows.length && !calc.internal.rows.length) {
      addExternal(view);
      addInternal(view, { role: "projectleider" });
    }
    renderSchemeHints(view);
    calc.checker.showFilledErrors();
    renderCalculation(view, true);
  }
}
