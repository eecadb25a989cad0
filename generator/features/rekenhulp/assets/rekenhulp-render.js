/**
 * Rekenhulp view, part 5 of 7 (render): writes the results. The verdict per scheme of
 * "Welke regeling past?", the calculator's hints from the scheme data, and the calculation
 * table with its outcome. Reads the forms only through rekenhulp-answers.js. See
 * rekenhulp-dom.js for how the files are loaded.
 */

// ----- deadlines and documents of a scheme (shared by both parts) ----------------------

function schemeDetails(regeling, headingLevel) {
  const parts = [];
  const g = regeling.geschiktheid ?? {};
  if (regeling.aanvraagperiodes?.length) {
    parts.push(h("p", {}, h("strong", { text: "Aanvraagperiode: " }), regeling.aanvraagperiodes.map((w) => w.tekst).join("; ")));
  }
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

// ----- "Welke regeling past?" ----------------------------------------------------------

const STATUS_TEXT = {
  past: "past", onbekend: "past misschien", "past-niet": "past niet", gesloten: "gesloten", "nog-niet-open": "nog niet open",
};
// What the conditions alone say, for a scheme that is closed or not yet open.
const RULES_TEXT = {
  past: "uw antwoorden passen bij deze voorwaarden",
  onbekend: "uw antwoorden passen misschien bij deze voorwaarden (nog niet alle vragen beantwoord)",
  "past-niet": "uw antwoorden passen niet bij deze voorwaarden",
};

/** The reader's day, from the browser's clock: the day the page is viewed. */
function today() {
  return kbNowParts(new Date());
}

/** "de regels van 2019" for a scheme with a year, else "de regels van toen". */
function rulesOf(regeling) {
  return regeling.jaar ? `de regels van ${regeling.jaar}` : "de regels van toen";
}

function renderCheck(view, immediate = false) {
  const { check } = view;
  if (!check) {
    return;
  }
  const write = immediate ? check.live.now : check.live.later;
  const answers = readAnswers(check);
  if (!anyAnswer(answers)) {
    check.result.replaceChildren();
    write("Beantwoord de vragen; de uitkomst verschijnt hier.");
    return;
  }
  const now = today();
  const results = view.eligibility.regelingen.map((regeling) => ({
    regeling,
    result: checkEligibility(regeling, answers, view.organisationNames, now),
  }));
  const order = { past: 0, onbekend: 1, "nog-niet-open": 2, "past-niet": 3, gesloten: 4 };
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
  if (titles("nog-niet-open").length) {
    sentences.push(`Nog niet open: ${titles("nog-niet-open").join(", ")}.`);
  }
  if (titles("gesloten").length) {
    sentences.push(`Gesloten: ${titles("gesloten").join(", ")}.`);
  }

  const sections = results.map(({ regeling, result }) => {
    const headingId = `rh-check-${regeling.id}`;
    const body = [h("h4", { id: headingId }, `${regeling.titel}: `, h("span", { class: "rh-status", text: STATUS_TEXT[result.status] }))];
    if (result.tijd) {
      body.push(h("p", { class: `rh-time rh-time--${result.tijd.code}`, text: result.tijd.tekst }));
    }
    const closed = result.status === "gesloten" || result.status === "nog-niet-open";
    if (closed) {
      body.push(h("p", { text: `Volgens ${rulesOf(regeling)}: ${RULES_TEXT[result.regels_status]}.` }));
    }
    if (regeling.korte_beschrijving) {
      body.push(h("p", {}, moneyNodes(regeling.korte_beschrijving)));
    }
    if (result.failed.length) {
      body.push(h("p", { text: "Waarom niet:" }));
      body.push(h("ul", {}, result.failed.map((f) => h("li", {}, moneyNodes(f.tekst)))));
    }
    if (result.open.length && result.regels_status === "onbekend") {
      body.push(h("p", { text: "Nog te beantwoorden:" }));
      body.push(h("ul", {}, result.open.map((f) => h("li", {}, moneyNodes(f.tekst)))));
    }
    if (result.status === "past") {
      body.push(...schemeDetails(regeling, 5));
    }
    if (result.regels_status !== "past-niet" && view.schemeById.has(regeling.id)) {
      body.push(
        h("p", { class: "rh-no-print" },
          h("button", {
            type: "button",
            class: "rh-button rh-button--secondary",
            onclick: () => goToCalculator(view, regeling.id),
          }, closed ? `Bereken volgens ${rulesOf(regeling)}: ${regeling.titel}` : `Bereken de subsidie voor ${regeling.titel}`)),
      );
    }
    return h("div", { class: `rh-verdict rh-verdict--${result.status}` }, body);
  });
  check.result.replaceChildren(...sections);
  write(sentences.join(" "));
}

// ----- the calculator ------------------------------------------------------------------

function renderSchemeHints(view) {
  const { calc } = view;
  const scheme = currentScheme(view);
  if (!scheme) {
    return;
  }
  const limits = describeScheme(scheme);
  const looptijd = scheme.max_looptijd_maanden ? ` Het project duurt hoogstens ${scheme.max_looptijd_maanden} maanden.` : "";
  const time = schemeTime(scheme);
  const when = time && time.code !== "open" ? ` De berekening volgt ${rulesOf(scheme)}.` : "";
  calc.schemeHint.replaceChildren(...(time ? [h("strong", { class: `rh-time--${time.code}`, text: time.tekst }), " "] : []),
    ...moneyNodes(`${limits}${looptijd}${when}`));
  calc.externalHint.textContent = `${RULE_TEXT.externalOnlyProjectRelatedHint} Ze tellen voor ${scheme.external_share}.`;
  calc.internalHint.textContent = `Interne uren tellen voor ${scheme.internal_share} van uren × uurloon. ${RULE_TEXT.projectLeaderHint}`;
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
  calc.rateHint.replaceChildren(...moneyNodes(parts.join(" ")));
  for (const row of calc.internal.rows) {
    renderRateTable(view, row);
  }
}

/** One row of the calculation table; `computed` holds the core's lines still to show. */
function calculationRow(entry, kind, computed) {
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
}

/** kbSchemeStatus of a calculator scheme today, or null when the sources give no window. */
function schemeTime(scheme) {
  return scheme.aanvraagperiodes?.length ? kbSchemeStatus(scheme.aanvraagperiodes, today()) : null;
}

/** The calculation table and the outcome, from the lines as they are now. */
function renderCalculation(view, immediate = false) {
  const { calc } = view;
  if (!calc) {
    return;
  }
  const scheme = currentScheme(view);
  const ext = calc.external.rows.map((row) => ({ row, ...lineState(row, "external") }));
  const int = calc.internal.rows.map((row) => ({ row, ...lineState(row, "internal") }));
  const input = {
    scheme: scheme.id,
    external: ext.filter((x) => x.state === "ok").map((x) => x.line),
    internal: int.filter((x) => x.state === "ok").map((x) => x.line),
  };
  let result;
  try {
    result = explain(scheme, input);
  } catch (error) {
    // Input the rules refuse (a second projectleider next to external costs): say so, no amount.
    calc.breakdown.replaceChildren();
    (immediate ? calc.live.now : calc.live.later)([
      h("p", { class: "rh-figure", text: "Nog geen uitkomst" }),
      h("p", { class: "rh-note", text: error.message }),
    ]);
    return;
  }
  const computed = result.lines.slice();
  const invalidCount = [...ext, ...int].filter((x) => x.state === "invalid").length;
  const computedCount = input.external.length + input.internal.length;

  const bodyRows = [...ext.map((x) => calculationRow(x, "external", computed)),
    ...int.map((x) => calculationRow(x, "internal", computed))];
  const ready = invalidCount === 0 && computedCount > 0;

  calc.breakdown.replaceChildren(
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
    const time = schemeTime(scheme);
    const then = time && time.code !== "open" ? ` volgens ${rulesOf(scheme)}` : "";
    headline = result.eligible ? `Subsidie${then}: ${result.total_text}` : `Geen subsidie${then}`;
    detail = time && time.code !== "open" ? `${time.tekst} ${result.outcome.text}` : result.outcome.text;
  }
  const notes = ready ? result.notes : [];
  (immediate ? calc.live.now : calc.live.later)([
    h("p", { class: "rh-figure" }, moneyNodes(headline)),
    h("p", {}, moneyNodes(detail)),
    ...notes.map((note) => h("p", { class: "rh-note", text: note })),
  ]);
}
