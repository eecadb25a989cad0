/**
 * Rekenhulp view, part 3 of 7 (answers): form state. Reads what the user typed or chose in
 * both forms, turns it into the input the core expects, and sets the eligibility answers
 * back. No rendering. See rekenhulp-dom.js for how the files are loaded.
 *
 * `check` is view.check (the form "Welke regeling past?" or null when the page has none).
 */

function answerInput(check, name) {
  return check?.form.querySelector(`[name="${name}"]`) ?? null;
}

function answerRadio(check, name) {
  return check?.form.querySelector(`input[name="${name}"]:checked`)?.value ?? "";
}

// The eligibility answers as typed (strings; "" for an empty field): what the link keeps, and
// what readAnswers() parses.
function typedAnswers(check) {
  const typed = { rechtspositie: {} };
  if (check) {
    typed.nieuw = answerRadio(check, "nieuw");
    typed.fase = answerRadio(check, "fase");
    typed.sv = answerRadio(check, "sv");
    for (const name of ["opdracht", "looptijd", "deelnemers", "gemeenten", "org", "aandeel", "bedrag"]) {
      typed[name] = answerInput(check, name)?.value ?? "";
    }
    for (const group of check.form.querySelectorAll("[data-rh-rechtspositie]")) {
      const value = group.querySelector("input:checked")?.value;
      if (value) {
        typed.rechtspositie[group.dataset.rhRechtspositie] = value;
      }
    }
  }
  return typed;
}

/** The answers for checkEligibility() in the core: numbers parsed, null for unanswered. */
function readAnswers(check) {
  const typed = typedAnswers(check);
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
    opdracht_datum: /^\d{4}-\d{2}-\d{2}$/.test(typed.opdracht) ? typed.opdracht : null,
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

/** Puts typed answers (the shape typedAnswers() returns) back into the form. */
function setAnswers(check, typed) {
  const setRadio = (name, value) => {
    for (const radio of check.form.querySelectorAll(`input[name="${name}"]`)) {
      radio.checked = radio.value === value;
    }
  };
  setRadio("nieuw", typed.nieuw);
  setRadio("fase", typed.fase);
  setRadio("sv", typed.sv);
  for (const name of ["opdracht", "looptijd", "deelnemers", "gemeenten", "aandeel", "bedrag"]) {
    const input = answerInput(check, name);
    if (input) {
      input.value = typed[name] ?? "";
    }
  }
  const org = answerInput(check, "org");
  if (org) {
    org.value = [...org.options].some((o) => o.value === typed.org) ? typed.org : "";
  }
  for (const group of check.form.querySelectorAll("[data-rh-rechtspositie]")) {
    const value = typed.rechtspositie[group.dataset.rhRechtspositie] ?? "";
    for (const radio of group.querySelectorAll("input")) {
      radio.checked = radio.value === value;
    }
  }
}

// ----- the calculator ------------------------------------------------------------------

/** The scheme chosen in the calculator, or the first one. */
function currentScheme(view) {
  return view.schemeById.get(view.calc?.select?.value) ?? view.schemes[0];
}

/** One line as the core's input, or why it does not count yet ("empty", "incomplete", "invalid"). */
function lineState(row, kind) {
  if (kind === "external") {
    if (row.amount.value.trim() === "") {
      return { state: "empty" };
    }
    const parsed = row.parse();
    return parsed.ok
      ? { state: "ok", line: { description: row.description.value, amount_ex_btw: parsed.value,
        project_related: row.related(), for_development: row.development() } }
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

/** The calculator's lines as typed: what the link keeps. */
function typedLines(calc) {
  return {
    scheme: calc.select.value,
    external: calc.external.rows.map((row) => ({
      description: row.description.value, amount: row.amount.value, project_related: row.related(),
      for_development: row.development(),
    })),
    internal: calc.internal.rows.map((row) => ({
      role: row.role.value, hours: row.hours.value, rate: row.rate.value,
      jaar: row.table.jaar, schaal: row.table.schaal, periodiek: row.table.periodiek,
    })),
  };
}
