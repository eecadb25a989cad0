/**
 * Rekenhulp view, part 7 of 7 (main): the wiring. Finds the page's elements and data, builds
 * the `view` object the other files take as their first parameter, connects events to them
 * and restores the state from the URL. The last file of the script: its final line starts
 * the view. See rekenhulp-dom.js for how the files are loaded.
 *
 * All numbers and rules come from the JSON the generator embeds (the scheme records) or from
 * the core; the view only reads fields, shows messages and writes the result.
 */

function readJson(id, fallback) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : fallback;
}

/** The eligibility form's part of the view, or null when the page has no such form. */
function checkPart() {
  const form = document.getElementById("rh-check");
  if (!form) {
    return null;
  }
  const summary = document.getElementById("rh-check-summary");
  return {
    form,
    result: document.getElementById("rh-check-result"),
    checker: createChecker(form),
    live: liveWriter((text) => {
      summary.textContent = text;
    }),
  };
}

/** The calculator's part of the view, or null when no scheme has calculation rules. */
function calcPart(schemes) {
  const form = schemes.length ? document.getElementById("rh-calc") : null;
  if (!form) {
    return null;
  }
  const outcome = document.getElementById("rh-c-uitkomst");
  return {
    form,
    checker: createChecker(form),
    select: document.getElementById("rh-c-regeling"),
    schemeHint: document.getElementById("rh-c-regeling-hint"),
    rateHint: document.getElementById("rh-c-uurloon-hint"),
    externalHint: document.getElementById("rh-c-extern-hint"),
    internalHint: document.getElementById("rh-c-intern-hint"),
    breakdown: document.getElementById("rh-c-tabel"),
    status: document.getElementById("rh-c-status"),
    linkStatus: document.getElementById("rh-c-link-status"),
    live: liveWriter((nodes) => {
      outcome.replaceChildren(...nodes);
    }),
    nextKey: 1, // one counter for both kinds, so every line has its own ids
    // The two kinds of line: their rows, list, name in labels and messages, and add button.
    external: { rows: [], list: document.getElementById("rh-c-extern-lijst"), label: "externe kostenpost", add: "rh-c-extern-toevoegen" },
    internal: { rows: [], list: document.getElementById("rh-c-intern-lijst"), label: "medewerker", add: "rh-c-intern-toevoegen" },
  };
}

/** Both forms behave alike: live result while typing, saved state, full check and focus on submit. */
function wireForm(view, form, formChecker, render, headingId) {
  form.addEventListener("input", () => {
    render();
    view.saveStateSoon();
  });
  form.addEventListener("change", () => {
    render();
    saveState(view);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (formChecker.validateAll()) {
      render(true);
      document.getElementById(headingId)?.focus();
    }
  });
}

function onSchemeChange(view) {
  renderSchemeHints(view);
  renderCalculation(view);
  saveState(view);
}

/** From a verdict of "Welke regeling past?" to the calculator with that scheme chosen. */
function goToCalculator(view, id) {
  if (!view.schemeById.has(id)) {
    return;
  }
  const { select } = view.calc;
  select.value = id;
  onSchemeChange(view);
  select.scrollIntoView({ block: "center" });
  select.focus({ preventScroll: true });
}

function fillExample(view, example) {
  const { calc } = view;
  const input = example.input;
  if (view.schemeById.has(input.scheme)) {
    calc.select.value = input.scheme;
  }
  clearRows(calc);
  for (const line of input.external) {
    addExternal(view, {
      description: line.description,
      amount: formatNumberNl(line.amount_ex_btw, 2),
      project_related: line.project_related,
    });
  }
  for (const person of input.internal) {
    addInternal(view, { role: person.role, hours: formatNumberNl(person.hours), rate: formatNumberNl(person.hourly_rate, 2) });
  }
  renderSchemeHints(view);
  calc.checker.showFilledErrors();
  renderCalculation(view, true);
  saveState(view);
  say(calc, `Rekenvoorbeeld ${example.titel} ingevuld. De uitkomst staat onder de invoer.`);
}

function wireCalculator(view, examples) {
  const { calc } = view;
  calc.select.addEventListener("change", () => onSchemeChange(view));
  for (const [kind, addLine] of [[calc.external, addExternal], [calc.internal, addInternal]]) {
    document.getElementById(kind.add).addEventListener("click", () => {
      addLine(view, {}, true);
      renderCalculation(view);
      saveState(view);
      say(calc, `${capital(kind.label)} ${kind.rows.length} is toegevoegd.`);
    });
  }
  wireForm(view, calc.form, calc.checker, (immediate) => renderCalculation(view, immediate), "rh-c-uitkomst-kop");
  for (const button of calc.form.querySelectorAll("[data-rh-example]")) {
    const example = examples[Number(button.dataset.rhExample)];
    if (example) {
      button.addEventListener("click", () => fillExample(view, example));
    }
  }
  document.getElementById("rh-c-print")?.addEventListener("click", () => window.print());
  document.getElementById("rh-c-link")?.addEventListener("click", async () => {
    saveState(view);
    try {
      await navigator.clipboard.writeText(location.href);
      calc.linkStatus.textContent = "De link naar deze berekening is gekopieerd.";
    } catch {
      calc.linkStatus.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk: die bevat uw invoer.";
    }
  });
}

function startRekenhulp() {
  const app = document.getElementById("rh-app");
  // Material's instant navigation can run the script again for a page it already set up.
  if (!app || app.dataset.rhReady === "1") {
    return;
  }
  app.dataset.rhReady = "1";

  const schemes = readJson("rh-data-regelingen", []);
  const eligibility = readJson("rh-data-geschiktheid", { regelingen: [], organisatietypen: [] });
  const examples = readJson("rh-data-voorbeelden", []);
  const view = {
    schemes,
    schemeById: new Map(schemes.map((scheme) => [scheme.id, scheme])),
    eligibility,
    organisationNames: Object.fromEntries(eligibility.organisatietypen.map((t) => [t.id, t.naam])),
    check: checkPart(),
    calc: calcPart(schemes),
    saveStateSoon: null,
  };
  view.saveStateSoon = stateSaver(view);

  if (view.check) {
    registerAnswerChecks(view.check);
    wireForm(view, view.check.form, view.check.checker, (immediate) => renderCheck(view, immediate), "rh-check-result-heading");
  }
  if (view.calc) {
    wireCalculator(view, examples);
  }

  for (const node of document.querySelectorAll("[data-rh-needs-js]")) {
    node.hidden = false;
  }
  document.getElementById("rh-js-fallback")?.remove();
  applyState(view, decodeState(location.search));
  window.addEventListener("popstate", () => applyState(view, decodeState(location.search)));
}

startRekenhulp();
