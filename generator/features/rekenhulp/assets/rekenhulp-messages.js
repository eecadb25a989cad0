/**
 * Rekenhulp view, part 2 of 7 (messages): validation messages. Every Dutch message about a
 * field, the checker that shows them at the field and in the error summary, and which
 * field of either form is checked how. See rekenhulp-dom.js for how the files are loaded.
 */

/**
 * A form whose fields are checked on change and on submit. A field is registered with a
 * check() returning a Dutch message or null; the message appears above the field, the
 * field gets aria-invalid and aria-describedby, and after a submit the summary
 * "Er is een probleem" lists every message as a link to its field.
 */
function createChecker(form) {
  const fields = new Map();
  const summary = form.querySelector(".rh-error-summary");
  const summaryList = summary.querySelector("ul");
  let summaryActive = false;

  function errorElement(input) {
    return document.getElementById(`${input.id}-error`);
  }

  function show(input, message) {
    const target = errorElement(input);
    const hint = document.getElementById(`${input.id}-hint`);
    const shared = input.dataset.rhSharedHint ? input.dataset.rhSharedHint.split(" ") : [];
    if (message) {
      target.replaceChildren(h("span", { class: "rh-visually-hidden", text: "Fout: " }), message);
      target.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.closest(".rh-field")?.classList.add("rh-field--error");
      describedBy(input, [hint?.id, ...shared, target.id]);
    } else {
      target.replaceChildren();
      target.hidden = true;
      input.removeAttribute("aria-invalid");
      input.closest(".rh-field")?.classList.remove("rh-field--error");
      describedBy(input, [hint?.id, ...shared]);
    }
  }

  function register(input, check) {
    fields.set(input.id, { input, check });
    input.addEventListener("change", () => {
      show(input, check());
      refreshSummary();
    });
    input.addEventListener("input", () => {
      // Never scold while someone types; only take an error away once it is fixed.
      if (input.getAttribute("aria-invalid") === "true" && !check()) {
        show(input, null);
        refreshSummary();
      }
    });
  }

  function unregister(input) {
    fields.delete(input.id);
    refreshSummary();
  }

  function errors() {
    const found = [];
    for (const { input, check } of fields.values()) {
      const message = check();
      if (message) {
        found.push({ input, message });
      }
    }
    return found;
  }

  function renderSummary(found) {
    summaryList.replaceChildren(
      ...found.map(({ input, message }) =>
        h("li", {}, h("a", { href: `#${input.id}`, "data-rh-target": input.id, text: message })),
      ),
    );
    summary.hidden = found.length === 0;
  }

  function refreshSummary() {
    if (!summaryActive) {
      return;
    }
    const shown = [...fields.values()]
      .filter(({ input }) => input.getAttribute("aria-invalid") === "true")
      .map(({ input, check }) => ({ input, message: check() }))
      .filter(({ message }) => message);
    renderSummary(shown);
    summaryActive = shown.length > 0;
  }

  /** Check everything; show every error and the summary. Returns true when all is well. */
  function validateAll() {
    for (const { input, check } of fields.values()) {
      show(input, check());
    }
    const found = errors();
    summaryActive = found.length > 0;
    renderSummary(found);
    if (found.length) {
      summary.focus();
    }
    return found.length === 0;
  }

  /** Show the errors of fields that hold something (after restoring a shared link). */
  function showFilledErrors() {
    for (const { input, check } of fields.values()) {
      if (input.value !== "") {
        show(input, check());
      }
    }
  }

  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-rh-target]");
    if (!link) {
      return;
    }
    const input = document.getElementById(link.dataset.rhTarget);
    if (input) {
      event.preventDefault(); // keep the state in the URL free of a fragment
      const anchor = input.closest("fieldset")?.querySelector("legend") ?? input;
      anchor.scrollIntoView({ block: "start" });
      input.focus({ preventScroll: true });
    }
  });

  /** Rewrite the messages on show, e.g. after renumbering lines ("kostenpost 3" became 2). */
  function recheckShown() {
    for (const { input, check } of fields.values()) {
      if (input.getAttribute("aria-invalid") === "true") {
        show(input, check());
      }
    }
    refreshSummary();
  }

  return { register, unregister, validateAll, showFilledErrors, show, recheckShown };
}

// The examples in the messages for a number with decimals: euros, or hours.
const AMOUNT = { decimals: "1.234,56", any: "1.234,56" };
const HOURS = { decimals: "7,5", any: "24 of 7,5" };

// null for a number that parsed, else the message for what went wrong.
function decimalMessage(result, what, example) {
  if (result.ok) {
    return null;
  }
  switch (result.error) {
    case "empty":
      return `Vul ${what} in`;
    case "decimals":
      return `${capital(what)}: gebruik hoogstens twee cijfers achter de komma, bijvoorbeeld ${example.decimals}`;
    case "negative":
      return `${capital(what)} kan niet negatief zijn`;
    case "too-large":
      return `${capital(what)} is te groot; controleer het aantal cijfers`;
    default:
      return `${capital(what)} moet een getal zijn, bijvoorbeeld ${example.any}`;
  }
}

function wholeMessage(result, what) {
  switch (result.error) {
    case "negative":
      return `${capital(what)} kan niet negatief zijn`;
    case "too-large":
      return `${capital(what)} is te groot`;
    default: // not a number, or decimals
      return `${capital(what)} moet een heel getal zijn, bijvoorbeeld 7`;
  }
}

// The whole-number questions of "Welke regeling past?" and their name in messages.
const WHOLE_FIELDS = {
  looptijd: "de looptijd",
  deelnemers: "het aantal deelnemers",
  gemeenten: "het aantal andere gemeenten",
  aandeel: "het aandeel gemeenten",
};

/** Registers the checks of the eligibility questions that take a number. */
function registerAnswerChecks(check) {
  for (const [name, what] of Object.entries(WHOLE_FIELDS)) {
    const input = answerInput(check, name);
    if (!input) {
      continue;
    }
    check.checker.register(input, () => {
      if (input.value.trim() === "") {
        return null; // unanswered is allowed: the outcome then says what is still open
      }
      const result = parseWholeNumber(input.value);
      if (!result.ok) {
        return wholeMessage(result, what);
      }
      if (name === "aandeel" && result.value > 100) {
        return "Het aandeel gemeenten moet een percentage van 0 tot en met 100 zijn";
      }
      return null;
    });
  }
  const amountInput = answerInput(check, "bedrag");
  if (amountInput) {
    check.checker.register(amountInput, () =>
      amountInput.value.trim() === "" ? null : decimalMessage(parseAmount(amountInput.value), "de gevraagde bijdrage", AMOUNT),
    );
  }
}

// The checks of a calculator line; an empty line is skipped, not an error.

function externalAmountMessage(row) {
  if (row.amount.value.trim() === "" && row.description.value.trim() === "") {
    return null;
  }
  return decimalMessage(row.parse(), `het bedrag ex btw van externe kostenpost ${row.number}`, AMOUNT);
}

function personIsEmpty(row) {
  return row.hours.value.trim() === "" && row.rate.value.trim() === "";
}

function hoursMessage(row) {
  if (personIsEmpty(row)) {
    return null;
  }
  return decimalMessage(row.parseHours(), `het aantal uren van medewerker ${row.number}`, HOURS);
}

function rateMessage(row) {
  if (personIsEmpty(row)) {
    return null;
  }
  return decimalMessage(row.parseRate(), `het uurloon van medewerker ${row.number}`, AMOUNT);
}

/**
 * Source 001: with external costs "is intern alleen de projectleider subsidiabel": one person.
 * A second projectleider next to counting external costs is an input error (the core refuses
 * it too); without such costs every person counts and two leaders are fine.
 */
function roleMessage(view, row) {
  if (row.role.value !== "projectleider" || personIsEmpty(row)) {
    return null;
  }
  const switching = view.calc.external.rows.some((line) => {
    const state = lineState(line, "external");
    return state.state === "ok" && state.line.project_related && state.line.for_development && line.parse().cents > 0n;
  });
  const leaders = view.calc.internal.rows.filter((other) => other.role.value === "projectleider" && !personIsEmpty(other));
  if (!switching || leaders[0] === row) {
    return null;
  }
  return `Medewerker ${leaders[0].number} is al de projectleider. Bij externe kosten telt intern één projectleider: ` +
    `kies bij medewerker ${row.number} 'Overig'.`;
}
