/**
 * Rekenhulp view: the thin DOM layer over rekenhulp-core.mjs.
 *
 * How it is loaded: the page template inlines rekenhulp-core.mjs and then this file into
 * ONE <script type="module">. Chromium refuses module imports and <script type="module"
 * src> over file://, and the page must work from a saved copy, so this file has no import
 * line: it calls the core's functions (calculate, explain, parseAmount, ...) as names of the
 * same module scope. Everything here lives inside startRekenhulp() so that no name of the
 * view can clash with a top-level name of the core.
 *
 * All numbers and rules come from the JSON the generator embeds (the scheme records) or from
 * the core; this file only reads fields, shows messages and writes the result.
 */
function startRekenhulp() {
  const app = document.getElementById("rh-app");
  // Material's instant navigation can run the script again for a page it already set up.
  if (!app || app.dataset.rhReady === "1") {
    return;
  }
  app.dataset.rhReady = "1";

  const readJson = (id, fallback) => {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : fallback;
  };
  const schemes = readJson("rh-data-regelingen", []);
  const eligibility = readJson("rh-data-geschiktheid", { regelingen: [], organisatietypen: [] });
  const examples = readJson("rh-data-voorbeelden", []);
  const schemeById = new Map(schemes.map((scheme) => [scheme.id, scheme]));
  const organisationNames = Object.fromEntries(eligibility.organisatietypen.map((t) => [t.id, t.naam]));

  const LIVE_DELAY_MS = 400; // let typing settle before screen readers hear the new outcome
  const URL_DELAY_MS = 250;

  // -------------------------------------------------------------------------------------
  // Small DOM helpers
  // -------------------------------------------------------------------------------------

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

  // -------------------------------------------------------------------------------------
  // Field errors and the error summary (GOV.UK / NL Design System pattern)
  // -------------------------------------------------------------------------------------

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

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // -------------------------------------------------------------------------------------
  // Deadlines and documents of a scheme (shared by both parts)
  // -------------------------------------------------------------------------------------

  function schemeDetails(regeling, headingLevel) {
    const parts = [];
    const g = regeling.geschiktheid ?? {};
    if (g.aanvragen_binnen) {
      parts.push(h("p", {}, h("strong", { text: "Aanvragen: " }), g.aanvragen_binnen));
    }
    if (regeling.termijnen?.length) {
      parts.push(h(`h${headingLevel}`, { text: "Termijnen" }));
      parts.push(h("ul", {}, regeling.termijnen.map((t) => h("li", { text: t.tekst }))));
    }
    if (regeling.documenten?.length) {
      parts.push(h(`h${headingLevel}`, { text: "Documenten" }));
      for (const group of regeling.documenten) {
        parts.push(h("p", { class: "rh-doc-phase", text: capital(group.fase) }));
        parts.push(h("ul", {}, group.stukken.map((stuk) => h("li", { text: stuk }))));
      }
    }
    return parts;
  }

  // =====================================================================================
  // Part 1: "Welke regeling past?"
  // =====================================================================================

  const checkForm = document.getElementById("rh-check");
  const checkResult = document.getElementById("rh-check-result");
  const checkSummary = document.getElementById("rh-check-summary");
  const checker = checkForm ? createChecker(checkForm) : null;
  const checkLive = liveWriter((text) => {
    checkSummary.textContent = text;
  });

  const checkInput = (name) => checkForm?.querySelector(`[name="${name}"]`) ?? null;
  const radioValue = (name) => checkForm?.querySelector(`input[name="${name}"]:checked`)?.value ?? "";

  const WHOLE_FIELDS = {
    looptijd: "de looptijd",
    deelnemers: "het aantal deelnemers",
    gemeenten: "het aantal andere gemeenten",
    aandeel: "het aandeel gemeenten",
  };

  if (checker) {
    for (const [name, what] of Object.entries(WHOLE_FIELDS)) {
      const input = checkInput(name);
      if (!input) {
        continue;
      }
      checker.register(input, () => {
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
    const amountInput = checkInput("bedrag");
    if (amountInput) {
      checker.register(amountInput, () =>
        amountInput.value.trim() === "" ? null : decimalMessage(parseAmount(amountInput.value), "de gevraagde bijdrage", AMOUNT),
      );
    }
  }

  function readAnswers() {
    const typed = typedAnswers();
    const whole = (name) => {
      const result = parseWholeNumber(typed[name]);
      return result.ok ? result.value : null;
    };
    const rechtspositie = {};
    for (const [scheme, value] of Object.entries(typed.rechtspositie)) {
      rechtspositie[scheme] = value === "ja";
    }
    const share = whole("aandeel");
    const asked = parseAmount(typed.bedrag);
    return {
      nieuw_voor: typed.nieuw || null,
      projectfase: typed.fase || null,
      looptijd_maanden: whole("looptijd"),
      deelnemers_per_training: whole("deelnemers"),
      andere_gemeenten: whole("gemeenten"),
      organisatie: typed.org || null,
      rechtspositie,
      samenwerkingsverband: typed.sv === "ja" ? true : typed.sv === "nee" ? false : null,
      aandeel_gemeenten_procent: share !== null && share <= 100 ? share : null,
      gevraagd_bedrag: asked.ok ? asked.value : null,
    };
  }

  function anyAnswer(answers) {
    return Object.entries(answers).some(([key, value]) =>
      key === "rechtspositie" ? Object.keys(value).length > 0 : value !== null,
    );
  }

  const STATUS_TEXT = { past: "past", onbekend: "past misschien", "past-niet": "past niet" };

  function renderCheck(immediate = false) {
    if (!checkForm) {
      return;
    }
    const write = immediate ? checkLive.now : checkLive.later;
    const answers = readAnswers();
    if (!anyAnswer(answers)) {
      checkResult.replaceChildren();
      write("Beantwoord de vragen; de uitkomst verschijnt hier.");
      return;
    }
    const results = eligibility.regelingen.map((regeling) => ({
      regeling,
      result: checkEligibility(regeling, answers, organisationNames),
    }));
    const order = { past: 0, onbekend: 1, "past-niet": 2 };
    results.sort((a, b) => order[a.result.status] - order[b.result.status]);
    const titles = (status) => results.filter((r) => r.result.status === status).map((r) => r.regeling.titel);
    const sentences = [];
    if (titles("past").length) {
      sentences.push(`Past bij uw antwoorden: ${titles("past").join(", ")}.`);
    } else {
      sentences.push("Geen regeling past zeker bij uw antwoorden.");
    }
    if (titles("onbekend").length) {
      sentences.push(`Past misschien (nog niet alle vragen beantwoord): ${titles("onbekend").join(", ")}.`);
    }
    if (titles("past-niet").length) {
      sentences.push(`Past niet: ${titles("past-niet").join(", ")}.`);
    }

    const sections = results.map(({ regeling, result }) => {
      const headingId = `rh-check-${regeling.id}`;
      const body = [h("h4", { id: headingId }, `${regeling.titel}: `, h("span", { class: "rh-status", text: STATUS_TEXT[result.status] }))];
      if (regeling.korte_beschrijving) {
        body.push(h("p", {}, moneyNodes(regeling.korte_beschrijving)));
      }
      if (result.failed.length) {
        body.push(h("p", { text: "Waarom niet:" }));
        body.push(h("ul", {}, result.failed.map((f) => h("li", {}, moneyNodes(f.tekst)))));
      }
      if (result.open.length && result.status === "onbekend") {
        body.push(h("p", { text: "Nog te beantwoorden:" }));
        body.push(h("ul", {}, result.open.map((f) => h("li", {}, moneyNodes(f.tekst)))));
      }
      if (result.status === "past") {
        body.push(...schemeDetails(regeling, 5));
      }
      if (result.status !== "past-niet" && schemeById.has(regeling.id)) {
        body.push(
          h("p", { class: "rh-no-print" },
            h("button", {
              type: "button",
              class: "rh-button rh-button--secondary",
              onclick: () => goToCalculator(regeling.id),
            }, `Bereken de subsidie voor ${regeling.titel}`)),
        );
      }
      return h("div", { class: `rh-verdict rh-verdict--${result.status}` }, body);
    });
    checkResult.replaceChildren(...sections);
    write(sentences.join(" "));
  }

  /** Both forms behave alike: live result while typing, saved state, full check and focus on submit. */
  function wireForm(form, formChecker, render, headingId) {
    form.addEventListener("input", () => {
      render();
      saveStateSoon();
    });
    form.addEventListener("change", () => {
      render();
      saveState();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (formChecker.validateAll()) {
        render(true);
        document.getElementById(headingId)?.focus();
      }
    });
  }

  if (checkForm) {
    wireForm(checkForm, checker, renderCheck, "rh-check-result-heading");
  }

  // =====================================================================================
  // Part 2: the calculator
  // =====================================================================================

  const calcForm = schemes.length ? document.getElementById("rh-calc") : null;
  const calc = calcForm ? createChecker(calcForm) : null;
  const schemeSelect = document.getElementById("rh-c-regeling");
  const schemeHint = document.getElementById("rh-c-regeling-hint");
  const externalList = document.getElementById("rh-c-extern-lijst");
  const internalList = document.getElementById("rh-c-intern-lijst");
  const rateHint = document.getElementById("rh-c-uurloon-hint");
  const externalHint = document.getElementById("rh-c-extern-hint");
  const internalHint = document.getElementById("rh-c-intern-hint");
  const breakdown = document.getElementById("rh-c-tabel");
  const outcomeFigure = document.getElementById("rh-c-uitkomst");
  const status = document.getElementById("rh-c-status");
  const linkStatus = document.getElementById("rh-c-link-status");

  let nextKey = 1;
  const externalRows = [];
  const internalRows = [];
  // The two kinds of line: their rows, their name in labels and messages, and their add button.
  const EXTERNAL = { rows: externalRows, label: "externe kostenpost", add: "rh-c-extern-toevoegen" };
  const INTERNAL = { rows: internalRows, label: "medewerker", add: "rh-c-intern-toevoegen" };

  const currentScheme = () => schemeById.get(schemeSelect?.value) ?? schemes[0];

  function say(text) {
    // Clear first so the same message twice is announced twice.
    status.textContent = "";
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  function field(id, labelText, control, { hint, hintId, error = true } = {}) {
    return h("div", { class: "rh-field" },
      h("label", { for: id, text: labelText }),
      hint ? h("p", { class: "rh-hint", id: hintId ?? `${id}-hint`, text: hint }) : null,
      error ? h("p", { class: "rh-error", id: `${id}-error`, hidden: true }) : null,
      control);
  }

  function radioGroup(name, legendText, options, checked) {
    return h("fieldset", { class: "rh-field rh-radios" },
      h("legend", { text: legendText }),
      h("div", { class: "rh-radios__items rh-radios__items--inline" },
        options.map(([value, text]) => {
          const id = `${name}-${value}`;
          return h("div", { class: "rh-radio" },
            h("input", { type: "radio", id, name, value, checked: value === checked }),
            h("label", { for: id, text }));
        })));
  }

  // ----- external cost lines -----------------------------------------------------------

  function addExternal(values = {}, focus = false) {
    const key = nextKey++;
    const base = `rh-e-${key}`;
    const description = h("input", { type: "text", id: `${base}-oms`, class: "rh-input", autocomplete: "off" });
    description.value = values.description ?? "";
    const amount = h("input", {
      type: "text", id: `${base}-bedrag`, class: "rh-input rh-input--amount",
      inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": `${base}-bedrag-hint`,
    });
    amount.value = values.amount ?? "";
    const legend = h("legend", { class: "rh-line__legend" });
    const remove = h("button", { type: "button", class: "rh-button rh-button--link rh-no-print" });
    const related = values.project_related === false ? "nee" : "ja";
    const row = { key, description, amount, legend, remove };
    row.fieldset = h("fieldset", { class: "rh-line", id: base },
      legend,
      h("div", { class: "rh-line__fields" },
        field(description.id, "Omschrijving", description, { error: false }),
        field(amount.id, "Bedrag ex btw", amount, { hint: "In euro, bijvoorbeeld 15.000,00" }),
        radioGroup(`${base}-proj`, "Projectgerelateerd?", [["ja", "Ja"], ["nee", "Nee"]], related)),
      remove);
    row.related = () => row.fieldset.querySelector(`input[name="${base}-proj"]:checked`)?.value !== "nee";
    row.parse = () => parseAmount(amount.value);
    remove.addEventListener("click", () => removeRow(EXTERNAL, row));
    calc.register(amount, () => {
      if (amount.value.trim() === "" && description.value.trim() === "") {
        return null; // an empty line is skipped, not an error
      }
      return decimalMessage(row.parse(), `het bedrag ex btw van externe kostenpost ${row.number}`, AMOUNT);
    });
    externalRows.push(row);
    externalList.append(row.fieldset);
    renumber();
    if (focus) {
      description.focus();
    }
    return row;
  }

  // ----- internal persons ----------------------------------------------------------------

  function addInternal(values = {}, focus = false) {
    const key = nextKey++;
    const base = `rh-i-${key}`;
    const role = h("select", { id: `${base}-rol`, class: "rh-select" },
      h("option", { value: "projectleider", text: "Projectleider" }),
      h("option", { value: "overig", text: "Overig (bijvoorbeeld teamleider of medewerker)" }));
    role.value = values.role === "projectleider" ? "projectleider" : values.role === "overig" ? "overig"
      : internalRows.length === 0 ? "projectleider" : "overig";
    const hours = h("input", {
      type: "text", id: `${base}-uren`, class: "rh-input rh-input--short",
      inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": `${base}-uren-hint`,
    });
    hours.value = values.hours ?? "";
    const rate = h("input", {
      type: "text", id: `${base}-uurloon`, class: "rh-input rh-input--amount",
      inputmode: "decimal", autocomplete: "off", spellcheck: "false",
      "aria-describedby": "rh-c-uurloon-hint", "data-rh-shared-hint": "rh-c-uurloon-hint",
    });
    rate.value = values.rate ?? "";
    const legend = h("legend", { class: "rh-line__legend" });
    const remove = h("button", { type: "button", class: "rh-button rh-button--link rh-no-print" });
    const tableSlot = h("div", { class: "rh-line__table" });
    const row = {
      key, role, hours, rate, legend, remove, tableSlot, onTableChange: null,
      table: { jaar: values.jaar ?? "", schaal: values.schaal ?? "", periodiek: values.periodiek ?? "" },
    };
    tableSlot.addEventListener("change", (event) => row.onTableChange?.(event));
    row.fieldset = h("fieldset", { class: "rh-line", id: base },
      legend,
      h("div", { class: "rh-line__fields" },
        field(role.id, "Rol", role, { error: false }),
        field(hours.id, "Uren", hours, { hint: "Bijvoorbeeld 24 of 7,5" }),
        tableSlot,
        field(rate.id, "Uurloon in euro", rate)),
      remove);
    row.parseHours = () => parseHours(hours.value);
    row.parseRate = () => parseAmount(rate.value);
    remove.addEventListener("click", () => removeRow(INTERNAL, row));
    const personEmpty = () => hours.value.trim() === "" && rate.value.trim() === "";
    calc.register(hours, () => {
      if (personEmpty()) {
        return null;
      }
      return decimalMessage(row.parseHours(), `het aantal uren van medewerker ${row.number}`, HOURS);
    });
    calc.register(rate, () => {
      if (personEmpty()) {
        return null;
      }
      return decimalMessage(row.parseRate(), `het uurloon van medewerker ${row.number}`, AMOUNT);
    });
    internalRows.push(row);
    internalList.append(row.fieldset);
    renderRateTable(row);
    renumber();
    if (focus) {
      role.focus();
    }
    return row;
  }

  /**
   * Where the scheme publishes an hourly-rate table, offer year, schaal and periodiek;
   * choosing them fills the rate field (which stays editable).
   */
  function renderRateTable(row) {
    const table = currentScheme()?.uurloontabel ?? [];
    row.tableSlot.replaceChildren();
    row.onTableChange = null;
    if (!table.length) {
      return;
    }
    const years = [...new Set(table.map((r) => r.jaar))];
    if (!years.includes(Number(row.table.jaar))) {
      row.table.jaar = String(years[years.length - 1]);
    }
    const inYear = table.filter((r) => String(r.jaar) === String(row.table.jaar));
    const select = (suffix, labelText, values, current) => {
      const id = `rh-i-${row.key}-${suffix}`;
      const control = h("select", { id, class: "rh-select rh-select--short" },
        h("option", { value: "", text: "Kies" }),
        values.map((v) => h("option", { value: String(v), text: String(v) })));
      control.value = values.map(String).includes(String(current)) ? String(current) : "";
      return field(id, labelText, control, { error: false });
    };
    const schalen = [...new Set(inYear.map((r) => r.schaal))];
    const periodieken = [...new Set(inYear.map((r) => r.periodiek))].sort((a, b) => a - b);
    row.tableSlot.append(
      years.length > 1 ? select("jaar", "Jaar van de startmaand", years, row.table.jaar) : null,
      select("schaal", "Schaal", schalen, row.table.schaal),
      select("per", "Periodiek", periodieken, row.table.periodiek));
    row.onTableChange = (event) => {
      const id = event.target.id;
      if (id.endsWith("-jaar")) {
        row.table.jaar = event.target.value;
        renderRateTable(row);
        document.getElementById(id)?.focus();
      } else if (id.endsWith("-schaal")) {
        row.table.schaal = event.target.value;
      } else if (id.endsWith("-per")) {
        row.table.periodiek = event.target.value;
      }
      const hit = table.find((r) => String(r.jaar) === String(row.table.jaar)
        && String(r.schaal) === String(row.table.schaal) && String(r.periodiek) === String(row.table.periodiek));
      if (hit) {
        row.rate.value = formatNumberNl(hit.uurloon, 2);
        calc.show(row.rate, null);
        say(`Uurloon van medewerker ${row.number} ingevuld: ${formatContractEuro(hit.uurloon)}.`);
      } else if (row.table.schaal && row.table.periodiek) {
        say(`De uurloontabel heeft geen bedrag voor schaal ${row.table.schaal}, periodiek ${row.table.periodiek}; vul het uurloon zelf in.`);
      }
    };
  }

  function removeRow(kind, row) {
    const { rows } = kind;
    const index = rows.indexOf(row);
    rows.splice(index, 1);
    for (const input of row.fieldset.querySelectorAll("input, select")) {
      calc.unregister(input);
    }
    row.fieldset.remove();
    renumber();
    calc.recheckShown();
    const next = rows[index] ?? rows[index - 1];
    (next ? next.fieldset.querySelector("input, select") : document.getElementById(kind.add)).focus();
    say(`${capital(kind.label)} ${index + 1} is verwijderd.`);
    update();
    saveState();
  }

  function renumber() {
    for (const kind of [EXTERNAL, INTERNAL]) {
      kind.rows.forEach((row, i) => {
        row.number = i + 1;
        row.legend.textContent = `${capital(kind.label)} ${i + 1}`;
        row.remove.textContent = `Verwijder ${kind.label} ${i + 1}`;
      });
    }
  }

  // ----- hints from the scheme data ------------------------------------------------------

  function renderSchemeHints() {
    const scheme = currentScheme();
    if (!scheme) {
      return;
    }
    const limits = describeScheme(scheme);
    const looptijd = scheme.max_looptijd_maanden ? ` Het project duurt hoogstens ${scheme.max_looptijd_maanden} maanden.` : "";
    schemeHint.replaceChildren(...moneyNodes(`${limits}${looptijd}`));
    externalHint.textContent = `${RULE_TEXT.externalOnlyProjectRelatedHint} Ze tellen voor ${scheme.external_share}.`;
    internalHint.textContent = `Interne uren tellen voor ${scheme.internal_share} van uren × uurloon. ${RULE_TEXT.projectLeaderHint}`;
    const where = `de uurloontabel van ${scheme.uitvoerder || "de uitvoerder van de regeling"}`;
    const parts = [];
    if (scheme.uurloontabel?.length) {
      parts.push(`Kies de schaal en periodiek in de startmaand van het project; het uurloon uit ${where} wordt dan ingevuld. U kunt het ook zelf invullen.`);
    } else {
      parts.push(`Zoek het uurloon op in ${where}, bij de schaal en periodiek in de startmaand van het project.`);
      const example = scheme.uurloon_voorbeeld;
      if (example) {
        parts.push(
          `Het enige bedrag dat de regeling noemt: ${example.jaar}, schaal ${example.schaal}, ` +
            `periodiek ${example.periodiek} = ${formatContractEuro(example.uurloon)} per uur.`,
        );
      }
    }
    rateHint.replaceChildren(...moneyNodes(parts.join(" ")));
    for (const row of internalRows) {
      renderRateTable(row);
    }
  }

  // ----- the calculation -----------------------------------------------------------------

  function lineState(row, kind) {
    if (kind === "external") {
      if (row.amount.value.trim() === "") {
        return { state: "empty" };
      }
      const parsed = row.parse();
      return parsed.ok
        ? { state: "ok", line: { description: row.description.value, amount_ex_btw: parsed.value, project_related: row.related() } }
        : { state: "invalid" };
    }
    if (row.hours.value.trim() === "" && row.rate.value.trim() === "") {
      return { state: "empty" };
    }
    const hours = row.parseHours();
    const rate = row.parseRate();
    if (hours.ok && rate.ok) {
      return { state: "ok", line: { role: row.role.value, hours: hours.value, hourly_rate: rate.value } };
    }
    // Not both ok: a field typed wrongly is invalid; otherwise one of the two is still empty.
    const invalid = (!hours.ok && hours.error !== "empty") || (!rate.ok && rate.error !== "empty");
    return { state: invalid ? "invalid" : "incomplete" };
  }

  function update(immediate = false) {
    if (!calcForm) {
      return;
    }
    const scheme = currentScheme();
    const ext = externalRows.map((row) => ({ row, ...lineState(row, "external") }));
    const int = internalRows.map((row) => ({ row, ...lineState(row, "internal") }));
    const input = {
      scheme: scheme.id,
      external: ext.filter((x) => x.state === "ok").map((x) => x.line),
      internal: int.filter((x) => x.state === "ok").map((x) => x.line),
    };
    const result = explain(scheme, input);
    const computed = result.lines.slice();
    const invalidCount = [...ext, ...int].filter((x) => x.state === "invalid").length;
    const computedCount = input.external.length + input.internal.length;

    const rowFor = (entry, kind) => {
      const label = kind === "external"
        ? `Extern ${entry.row.number}${entry.row.description.value.trim() ? `: ${entry.row.description.value.trim()}` : ""}`
        : `Medewerker ${entry.row.number} (${entry.row.role.value === "projectleider" ? "projectleider" : "overig"})`;
      if (entry.state !== "ok") {
        const why = entry.state === "invalid" ? "ongeldige invoer; zie de melding bij het veld"
          : entry.state === "incomplete" ? "nog niet volledig ingevuld" : "nog niet ingevuld";
        return h("tr", { class: "rh-row--pending" },
          h("th", { scope: "row", text: label }),
          h("td", { text: "—" }), h("td", { text: "—" }), h("td", { class: "rh-num", text: "—" }),
          h("td", { text: `telt nog niet mee: ${why}` }));
      }
      const line = computed.shift();
      return h("tr", { class: line.counted ? "" : "rh-row--muted" },
        h("th", { scope: "row", text: label }),
        h("td", { class: "rh-nowrap", text: line.input_text }),
        h("td", { text: line.counted ? "ja" : "nee" }),
        h("td", { class: "rh-num rh-nowrap", text: line.amount_text }),
        h("td", {}, moneyNodes(line.rule)));
    };
    const bodyRows = [...ext.map((x) => rowFor(x, "external")), ...int.map((x) => rowFor(x, "internal"))];
    const ready = invalidCount === 0 && computedCount > 0;

    breakdown.replaceChildren(
      h("caption", { text: `Berekening per kostenpost: ${scheme.titel}` }),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: "Kostenpost" }),
        h("th", { scope: "col", text: "Ingevoerd" }),
        h("th", { scope: "col", text: "Telt mee" }),
        h("th", { scope: "col", class: "rh-num", text: "Subsidie" }),
        h("th", { scope: "col", text: "Hoe berekend" }))),
      h("tbody", {}, bodyRows.length ? bodyRows
        : h("tr", {}, h("td", { colspan: "5", text: "Nog geen kostenposten. Voeg externe kosten of medewerkers toe." }))),
      h("tfoot", {},
        h("tr", {},
          h("th", { scope: "row", text: "Subtotaal" }), h("td", {}), h("td", {}),
          h("td", { class: "rh-num rh-nowrap", text: ready ? result.subtotal_text : "—" }),
          h("td", { text: RULE_TEXT.subtotal })),
        h("tr", { class: "rh-row--total" },
          h("th", { scope: "row", text: "Subsidie" }), h("td", {}), h("td", {}),
          h("td", { class: "rh-num rh-nowrap", text: ready ? result.total_text : "—" }),
          h("td", {}, moneyNodes(ready ? result.outcome.text : "nog niet te berekenen")))));

    let headline;
    let detail = "";
    if (invalidCount > 0) {
      headline = "Nog geen uitkomst";
      detail = invalidCount === 1
        ? "Eén kostenpost heeft ongeldige invoer; verbeter die eerst."
        : `${invalidCount} kostenposten hebben ongeldige invoer; verbeter die eerst.`;
    } else if (computedCount === 0) {
      headline = "Nog geen uitkomst";
      detail = "Vul externe kosten of uren in.";
    } else {
      headline = result.eligible ? `Subsidie: ${result.total_text}` : "Geen subsidie";
      detail = result.outcome.text;
    }
    const notes = ready ? result.notes : [];
    (immediate ? outcomeLive.now : outcomeLive.later)([
      h("p", { class: "rh-figure" }, moneyNodes(headline)),
      h("p", {}, moneyNodes(detail)),
      ...notes.map((note) => h("p", { class: "rh-note", text: note })),
    ]);
  }

  const outcomeLive = liveWriter((nodes) => {
    outcomeFigure.replaceChildren(...nodes);
  });

  function onSchemeChange() {
    renderSchemeHints();
    update();
    saveState();
  }

  function goToCalculator(id) {
    if (!schemeById.has(id)) {
      return;
    }
    schemeSelect.value = id;
    onSchemeChange();
    schemeSelect.scrollIntoView({ block: "center" });
    schemeSelect.focus({ preventScroll: true });
  }

  function clearRows() {
    for (const row of [...externalRows, ...internalRows]) {
      for (const input of row.fieldset.querySelectorAll("input, select")) {
        calc.unregister(input);
      }
      row.fieldset.remove();
    }
    externalRows.length = 0;
    internalRows.length = 0;
  }

  function fillExample(example) {
    const input = example.input;
    if (schemeById.has(input.scheme)) {
      schemeSelect.value = input.scheme;
    }
    clearRows();
    for (const line of input.external) {
      addExternal({
        description: line.description,
        amount: formatNumberNl(line.amount_ex_btw, 2),
        project_related: line.project_related,
      });
    }
    for (const person of input.internal) {
      addInternal({ role: person.role, hours: formatNumberNl(person.hours), rate: formatNumberNl(person.hourly_rate, 2) });
    }
    renderSchemeHints();
    calc.showFilledErrors();
    update(true);
    saveState();
    say(`Rekenvoorbeeld ${example.titel} ingevuld. De uitkomst staat onder de invoer.`);
  }

  if (calcForm) {
    schemeSelect.addEventListener("change", onSchemeChange);
    for (const [kind, addLine] of [[EXTERNAL, addExternal], [INTERNAL, addInternal]]) {
      document.getElementById(kind.add).addEventListener("click", () => {
        addLine({}, true);
        update();
        saveState();
        say(`${capital(kind.label)} ${kind.rows.length} is toegevoegd.`);
      });
    }
    wireForm(calcForm, calc, update, "rh-c-uitkomst-kop");
    for (const button of calcForm.querySelectorAll("[data-rh-example]")) {
      const example = examples[Number(button.dataset.rhExample)];
      if (example) {
        button.addEventListener("click", () => fillExample(example));
      }
    }
    document.getElementById("rh-c-print")?.addEventListener("click", () => window.print());
    document.getElementById("rh-c-link")?.addEventListener("click", async () => {
      saveState();
      try {
        await navigator.clipboard.writeText(location.href);
        linkStatus.textContent = "De link naar deze berekening is gekopieerd.";
      } catch {
        linkStatus.textContent = "Kopiëren lukte niet. Kopieer de link uit de adresbalk: die bevat uw invoer.";
      }
    });
  }

  // =====================================================================================
  // State in the URL
  // =====================================================================================

  // The eligibility answers as typed (strings; "" for an empty field): what the link keeps, and
  // what readAnswers() parses.
  function typedAnswers() {
    const check = { rechtspositie: {} };
    if (checkForm) {
      check.nieuw = radioValue("nieuw");
      check.fase = radioValue("fase");
      check.sv = radioValue("sv");
      for (const name of ["looptijd", "deelnemers", "gemeenten", "org", "aandeel", "bedrag"]) {
        check[name] = checkInput(name)?.value ?? "";
      }
      for (const group of checkForm.querySelectorAll("[data-rh-rechtspositie]")) {
        const value = group.querySelector("input:checked")?.value;
        if (value) {
          check.rechtspositie[group.dataset.rhRechtspositie] = value;
        }
      }
    }
    return check;
  }

  function collectState() {
    const calcState = calcForm ? {
      scheme: schemeSelect.value,
      external: externalRows.map((row) => ({
        description: row.description.value, amount: row.amount.value, project_related: row.related(),
      })),
      internal: internalRows.map((row) => ({
        role: row.role.value, hours: row.hours.value, rate: row.rate.value,
        jaar: row.table.jaar, schaal: row.table.schaal, periodiek: row.table.periodiek,
      })),
    } : {};
    return { calc: calcState, check: typedAnswers() };
  }

  // Our keys in the query string; anything else (a search highlight, say) is left alone.
  const OWN_KEY = /^(?:regeling$|[ei]\d+_|v_)/;

  function saveState() {
    const params = new URLSearchParams(location.search);
    for (const key of [...params.keys()]) {
      if (OWN_KEY.test(key)) {
        params.delete(key);
      }
    }
    for (const [key, value] of new URLSearchParams(encodeState(collectState()))) {
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

  // Typing writes the URL a moment later: browsers throttle floods of history updates.
  const saveStateSoon = debounce(saveState, URL_DELAY_MS);

  function applyState(state) {
    if (checkForm) {
      const setRadio = (name, value) => {
        for (const radio of checkForm.querySelectorAll(`input[name="${name}"]`)) {
          radio.checked = radio.value === value;
        }
      };
      setRadio("nieuw", state.check.nieuw);
      setRadio("fase", state.check.fase);
      setRadio("sv", state.check.sv);
      for (const name of ["looptijd", "deelnemers", "gemeenten", "aandeel", "bedrag"]) {
        const input = checkInput(name);
        if (input) {
          input.value = state.check[name] ?? "";
        }
      }
      const org = checkInput("org");
      if (org) {
        org.value = [...org.options].some((o) => o.value === state.check.org) ? state.check.org : "";
      }
      for (const group of checkForm.querySelectorAll("[data-rh-rechtspositie]")) {
        const value = state.check.rechtspositie[group.dataset.rhRechtspositie] ?? "";
        for (const radio of group.querySelectorAll("input")) {
          radio.checked = radio.value === value;
        }
      }
      checker.showFilledErrors();
      renderCheck(true);
    }
    if (calcForm) {
      if (schemeById.has(state.calc.scheme)) {
        schemeSelect.value = state.calc.scheme;
      }
      clearRows();
      state.calc.external.forEach((line) => addExternal(line));
      state.calc.internal.forEach((person) => addInternal(person));
      if (!externalRows.length && !internalRows.length) {
        addExternal();
        addInternal({ role: "projectleider" });
      }
      renderSchemeHints();
      calc.showFilledErrors();
      update(true);
    }
  }

  // =====================================================================================
  // Start
  // =====================================================================================

  for (const node of document.querySelectorAll("[data-rh-needs-js]")) {
    node.hidden = false;
  }
  document.getElementById("rh-js-fallback")?.remove();
  applyState(decodeState(location.search));
  window.addEventListener("popstate", () => applyState(decodeState(location.search)));
}

startRekenhulp();
