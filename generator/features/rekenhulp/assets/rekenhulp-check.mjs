/**
 * Rekenhulp check: which scheme fits the answers, on the day the page is viewed.
 *
 * Pure like the core (no DOM, no network) and loaded after it in the page's one module
 * (calculator.SCRIPT_FILES): it calls the core's contractCents and formatEuro and
 * regeling-status.js's kbSchemeStatus by name. Node loads the same three files as one module
 * (tests/js/call-core.mjs). Every condition comes from the scheme's data (geschiktheid,
 * aanvraagperiodes); the comments name the source line each check implements.
 */


// Per requirement: `eis` completes "Eis: ..." / "Voldoet: ...", `waarom` opens the refusal.
const NEW_FOR_TEXT = Object.freeze({
  gemeente: { eis: "het project is nieuw voor uw gemeente", waarom: "Het project moet nieuw zijn voor uw gemeente" },
  sector: {
    eis: "het project is nieuw voor de hele sector: nog geen gemeente doet het",
    waarom: "Het project moet nieuw zijn voor de hele sector: nog geen gemeente doet het",
  },
});
const PHASE_TEXT = Object.freeze({
  afgerond: {
    eis: "het project is afgerond; u vraagt de subsidie na afloop aan",
    waarom: "Deze regeling is voor projecten die al zijn afgerond: u vraagt de subsidie na afloop aan",
  },
  "nog-te-starten": {
    eis: "het project moet nog starten; u vraagt de subsidie aan vóór of bij de start",
    waarom: "Deze regeling is voor projecten die nog moeten starten: u vraagt de subsidie aan vóór of bij de start",
  },
});
const ANSWER_NEW_TEXT = Object.freeze({
  gemeente: "U antwoordde: nieuw voor uw gemeente.",
  sector: "U antwoordde: nieuw voor de hele sector.",
  "niet-nieuw": "U antwoordde: niet nieuw.",
});
const ANSWER_PHASE_TEXT = Object.freeze({
  afgerond: "Uw project is afgerond.",
  lopend: "Uw project loopt al.",
  "nog-te-starten": "Uw project moet nog starten.",
});

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function listText(items) {
  if (items.length <= 1) {
    return items.join("");
  }
  return `${items.slice(0, -1).join(", ")} of ${items[items.length - 1]}`;
}

/**
 * Check one scheme's conditions against the answers.
 *
 * `regeling` is an entry of the eligibility data (id, titel, geschiktheid, maximum,
 * in_rekenhulp); `answers` holds what the person filled in, null where not answered:
 * {nieuw_voor, projectfase, looptijd_maanden, deelnemers_per_training, andere_gemeenten,
 *  organisatie ("anders" for none of the listed), rechtspositie {name: true|false},
 *  samenwerkingsverband (true|false|null), aandeel_gemeenten_procent, gevraagd_bedrag (contract string)};
 * `organisationNames` maps organisation-type ids to Dutch names.
 * `now` ({y, m, d, minutes}, the reader's local time; kbNowParts) is the day the page is viewed:
 * the application window and the 4-week rule are judged on it; null skips both.
 * Returns {id, status, regels_status, tijd, failed, open, passed}: `regels_status` is the
 * verdict on the conditions alone ("past" | "past-niet" | "onbekend"); `status` is the same
 * unless the scheme is closed or not yet open on `now`, then "gesloten" or "nog-niet-open"
 * (a closed scheme never "past"); `tijd` is kbSchemeStatus() or null. The three lists hold
 * {vraag, tekst} so the page can say, per condition, why.
 */
export function checkEligibility(regeling, answers, organisationNames = {}, now = null) {
  const g = regeling.geschiktheid ?? {};
  const a = answers ?? {};
  const failed = [];
  const open = [];
  const passed = [];
  const judge = (vraag, answered, ok, eis, waarom) => {
    if (!answered) {
      open.push({ vraag, tekst: `Nog niet beantwoord. Eis: ${eis}.` });
    } else if (ok) {
      passed.push({ vraag, tekst: `Voldoet: ${eis}.` });
    } else {
      failed.push({ vraag, tekst: waarom });
    }
  };
  const has = (value) => value !== null && value !== undefined && value !== "";

  if (g.nieuw_voor) {
    const answer = a.nieuw_voor;
    const text = NEW_FOR_TEXT[g.nieuw_voor] ?? { eis: `nieuw voor: ${g.nieuw_voor}`, waarom: `Het project moet nieuw zijn voor: ${g.nieuw_voor}` };
    // New for the whole sector implies new for your own municipality too.
    const ok = g.nieuw_voor === "sector" ? answer === "sector" : answer === "gemeente" || answer === "sector";
    judge("nieuw_voor", has(answer), ok, text.eis, `${text.waarom}. ${ANSWER_NEW_TEXT[answer] ?? ""}`.trim());
  }
  const weeks = has(g.weken_na_opdracht) ? g.weken_na_opdracht : null;
  if (g.projectfase) {
    const answer = a.projectfase;
    const text = PHASE_TEXT[g.projectfase] ?? { eis: `projectfase: ${g.projectfase}`, waarom: `De projectfase moet zijn: ${g.projectfase}` };
    if (answer === "lopend" && g.projectfase === "nog-te-starten" && weeks !== null) {
      // Source 001, Innovatieve Projectenregeling, step 1: apply "helemaal aan het begin van
      // het project"; practical conditions: "binnen 4 weken na de interne opdracht of de
      // ondertekening van de offerte". A project that just started may apply; the date decides.
      passed.push({ vraag: "projectfase", tekst: `Het project is net begonnen; dat kan, als u aanvraagt binnen ${plural(weeks, "week", "weken")} na de interne opdracht of de getekende offerte.` });
    } else {
      judge("projectfase", has(answer), answer === g.projectfase, text.eis, `${text.waarom}. ${ANSWER_PHASE_TEXT[answer] ?? ""}`.trim());
    }
  }
  if (weeks !== null) {
    judgeAssignmentDate(a, weeks, now, judge, passed);
  }
  if (has(g.max_looptijd_maanden)) {
    const answer = a.looptijd_maanden;
    const max = g.max_looptijd_maanden;
    judge("looptijd_maanden", has(answer), answer <= max, `het project duurt hoogstens ${plural(max, "maand", "maanden")}`,
      `Het project mag hoogstens ${plural(max, "maand", "maanden")} duren; u vulde ${plural(answer, "maand", "maanden")} in.`);
  }
  if (has(g.min_deelnemers_per_training)) {
    const answer = a.deelnemers_per_training;
    const min = g.min_deelnemers_per_training;
    judge("deelnemers_per_training", has(answer), answer >= min,
      `een training of workshop heeft minstens ${plural(min, "deelnemer", "deelnemers")}`,
      `Een training of workshop moet minstens ${plural(min, "deelnemer", "deelnemers")} hebben; u vulde ${answer} in.`);
  }
  if (has(g.min_andere_gemeenten)) {
    const answer = a.andere_gemeenten;
    const min = g.min_andere_gemeenten;
    judge("andere_gemeenten", has(answer), answer >= min,
      `u betrekt minstens ${plural(min, "andere gemeente", "andere gemeenten")} bij het project`,
      `U moet minstens ${plural(min, "andere gemeente", "andere gemeenten")} bij het project betrekken; u vulde ${answer} in.`);
  }
  if (Array.isArray(g.aanvragers) && g.aanvragers.length) {
    const answer = a.organisatie;
    const names = g.aanvragers.map((id) => (organisationNames[id] ?? id).toLowerCase());
    const chosen = answer === "anders" ? "een andere soort organisatie" : (organisationNames[answer] ?? answer ?? "").toLowerCase();
    judge("organisatie", has(answer), g.aanvragers.includes(answer), `de aanvrager is een ${listText(names)}`,
      `Alleen deze organisaties mogen aanvragen: ${names.join(", ")}; u koos ${chosen}.`);
  }
  if (g.rechtspositie) {
    const answer = a.rechtspositie?.[g.rechtspositie];
    judge("rechtspositie", answer === true || answer === false, answer === true,
      `de organisatie past de ${g.rechtspositie} toe`,
      `De organisatie moet de ${g.rechtspositie} toepassen; u antwoordde nee.`);
  }
  if (has(g.min_aandeel_gemeenten_procent)) {
    const min = g.min_aandeel_gemeenten_procent;
    const eis = `een samenwerkingsverband bestaat voor minstens ${min}% uit gemeenten`;
    if (a.samenwerkingsverband === false) {
      passed.push({ vraag: "samenwerkingsverband", tekst: `Niet van toepassing: u vraagt niet aan als samenwerkingsverband (${eis}).` });
    } else {
      const answer = a.aandeel_gemeenten_procent;
      const answered = a.samenwerkingsverband === true && has(answer);
      judge(a.samenwerkingsverband === true ? "aandeel_gemeenten_procent" : "samenwerkingsverband", answered, answer >= min, eis,
        `Een samenwerkingsverband moet voor minstens ${min}% uit gemeenten bestaan; u vulde ${answer}% in.`);
    }
  }
  // Schemes the calculator cannot compute are checked on the amount asked for; calculator
  // schemes are capped by the calculation itself, so a high request is not a reason to refuse.
  if (has(regeling.maximum) && !regeling.in_rekenhulp) {
    const answer = a.gevraagd_bedrag;
    const max = contractCents(regeling.maximum, "maximum");
    const asked = has(answer) ? contractCents(answer, "gevraagd bedrag") : null;
    judge("gevraagd_bedrag", asked !== null, asked !== null && asked <= max, `de gevraagde bijdrage is hoogstens ${formatEuro(max)}`,
      `De bijdrage is hoogstens ${formatEuro(max)}; u vroeg ${asked === null ? "" : formatEuro(asked)}.`);
  }
  if (!failed.length && !open.length && !passed.length) {
    // Nothing to check is not the same as everything fits.
    open.push({ vraag: null, tekst: "De rekenhulp kan de voorwaarden van deze regeling niet toetsen; lees ze bij de regeling." });
  }
  const rulesStatus = failed.length ? "past-niet" : open.length ? "onbekend" : "past";
  const tijd = now && Array.isArray(regeling.aanvraagperiodes) && regeling.aanvraagperiodes.length
    ? kbSchemeStatus(regeling.aanvraagperiodes, now) : null;
  const closed = tijd && (tijd.code === "gesloten" || tijd.code === "nog-niet-open");
  return { id: regeling.id, status: closed ? tijd.code : rulesStatus, regels_status: rulesStatus, tijd, failed, open, passed };
}

/** Days from an ISO date ("2024-05-02") to the day `now`; null for anything else. */
function daysSince(iso, now) {
  const match = typeof iso === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) {
    return null;
  }
  const then = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const check = new Date(then);
  if (check.getUTCMonth() !== Number(match[2]) - 1 || check.getUTCDate() !== Number(match[3])) {
    return null; // 2024-02-30 and the like
  }
  return Math.round((Date.UTC(now.y, now.m - 1, now.d) - then) / 86400000);
}

/**
 * Source 001, Innovatieve Projectenregeling, practical conditions: "Subsidieaanvraag indienen
 * binnen 4 weken na de interne opdracht of de ondertekening van de offerte". Judged on the day
 * the page is viewed (the day one would apply). A date after today is fine: applying before
 * the assignment is what the source prefers ("Het liefst voordat het project begint").
 */
function judgeAssignmentDate(a, weeks, now, judge, passed) {
  const limit = weeks * 7;
  const eis = `u vraagt aan binnen ${plural(weeks, "week", "weken")} na de interne opdracht of de ondertekening van de offerte`;
  const has = a.opdracht_datum !== null && a.opdracht_datum !== undefined && a.opdracht_datum !== "";
  if (!has) {
    if (a.projectfase === "nog-te-starten") {
      passed.push({ vraag: "opdracht_datum", tekst: `Voldoet zolang ${eis}; die termijn begint bij de opdracht of offerte.` });
    } else {
      judge("opdracht_datum", false, false, eis, "");
    }
    return;
  }
  const days = now ? daysSince(a.opdracht_datum, now) : null;
  if (days === null) {
    judge("opdracht_datum", false, false, eis, "");
    return;
  }
  judge("opdracht_datum", true, days <= limit, eis,
    `U moet aanvragen binnen ${plural(weeks, "week", "weken")} (${limit} dagen) na de interne opdracht of de getekende offerte; ` +
      `die was ${plural(days, "dag", "dagen")} geleden.`);
}

