/**
 * Rekenhulp core: the subsidy calculation, input parsing, eligibility check and URL state.
 *
 * Pure ES module: no DOM, no network, no globals besides the language and URLSearchParams,
 * so Node runs the same code the page runs (tests/js/call-core.mjs feeds it the shared
 * vectors). Money is exact: decimal strings are parsed by hand into BigInt rationals and
 * only the final per-line amount is rounded, to whole cents, half away from zero. Floats
 * never touch an amount, so no input can produce NaN or 0.1 + 0.2 errors.
 *
 * The page inlines this file and then the view's files (calculator.SCRIPT_FILES) into ONE
 * <script type="module">, so the view uses these functions as plain top-level names. Keep
 * the names below unique: no view file may declare any of them (the page test runs
 * `node --check` on the concatenation).
 *
 * Scheme parameters (shares, minimum, maximum, eligibility limits) always arrive as data;
 * the rules this file knows are the ones every scheme of the shared contract has in common
 * (see ../shared/testdata/calculator-vectors.json next to the checkout, copied to
 * tests/data/calculator-vectors.json, "about").
 */

// ---------------------------------------------------------------------------------------
// Exact rationals on BigInt
// ---------------------------------------------------------------------------------------

function bigAbs(value) {
  return value < 0n ? -value : value;
}

function bigGcd(a, b) {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }
  return a;
}

/** A normalised fraction {n, d} with d > 0; every computation goes through here. */
function ratio(n, d = 1n) {
  if (d === 0n) {
    throw new RangeError("noemer is nul");
  }
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = bigGcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function ratioMul(a, b) {
  return ratio(a.n * b.n, a.d * b.d);
}

/**
 * Round n/d to an integer, halves away from zero (0.5 -> 1, -0.5 -> -1).
 * An assumption, not the fund's rule: source 001 names no rounding and its worked example
 * needs none; the shared contract (calculator-vectors.json, "about") prescribes it per line.
 * The page lists it under "Aannames" (rekenvoorbeelden.json, "aannames").
 */
export function roundHalfAwayFromZero(numerator, denominator = 1n) {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) {
    throw new RangeError("noemer is nul");
  }
  const negative = (n < 0n) !== (d < 0n) && n !== 0n;
  const an = bigAbs(n);
  const ad = bigAbs(d);
  const rounded = (2n * an + ad) / (2n * ad);
  return negative ? -rounded : rounded;
}

// ---------------------------------------------------------------------------------------
// Contract strings: "15000.00", "7.5", "1/3"
// ---------------------------------------------------------------------------------------

const CONTRACT_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const CONTRACT_SHARE = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** A non-negative decimal string with a dot ("7.5") as an exact rational; throws otherwise. */
export function parseContractDecimal(text, what = "getal") {
  const match = typeof text === "string" ? CONTRACT_DECIMAL.exec(text.trim()) : null;
  if (!match) {
    throw new TypeError(`${what} moet een niet-negatief getal met een punt zijn, niet ${JSON.stringify(text)}`);
  }
  const fraction = match[2] ?? "";
  return ratio(BigInt(match[1] + fraction), 10n ** BigInt(fraction.length));
}

/** A share such as "1/3" as a rational between 0 and 1; throws otherwise. */
export function parseShare(text) {
  const match = typeof text === "string" ? CONTRACT_SHARE.exec(text) : null;
  if (!match || BigInt(match[2]) === 0n || BigInt(match[1]) > BigInt(match[2])) {
    throw new TypeError(`aandeel moet een breuk zoals "1/3" zijn, niet ${JSON.stringify(text)}`);
  }
  return ratio(BigInt(match[1]), BigInt(match[2]));
}

function shareText(share) {
  return `${share.n}/${share.d}`;
}

/** Whole cents from a contract amount; the scheme limits must be whole cents. */
function contractCents(text, what) {
  const cents = ratioMul(parseContractDecimal(text, what), ratio(100n));
  if (cents.d !== 1n) {
    throw new RangeError(`${what} moet in hele centen zijn, niet ${JSON.stringify(text)}`);
  }
  return cents.n;
}

/** Cents as the contract writes them: 1156260n -> "11562.60". */
export function centsToString(cents) {
  const c = BigInt(cents);
  const sign = c < 0n ? "-" : "";
  const abs = bigAbs(c);
  const euros = abs / 100n;
  const rest = abs % 100n;
  return `${sign}${euros}.${rest.toString().padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------
// Dutch formatting
// ---------------------------------------------------------------------------------------

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 1156260n -> "€ 11.562,60" (dot for thousands, comma for decimals). Accepts BigInt or a safe integer. */
export function formatEuro(cents) {
  if (typeof cents === "number" && !Number.isSafeInteger(cents)) {
    throw new TypeError("bedrag in centen moet een geheel getal zijn");
  }
  const c = BigInt(cents);
  const sign = c < 0n ? "-" : "";
  const abs = bigAbs(c);
  const euros = groupThousands((abs / 100n).toString());
  const rest = (abs % 100n).toString().padStart(2, "0");
  return `€ ${sign}${euros},${rest}`;
}

/** A contract amount string ("15000.00") in Dutch: "€ 15.000,00". */
export function formatContractEuro(text) {
  return formatEuro(contractCents(text, "bedrag"));
}

/**
 * A terminating rational in Dutch notation with at least `minDecimals` decimals:
 * 8125.2 -> "8.125,20", 249.975 -> "249,975", 7.5 -> "7,5" (minDecimals 0).
 * Hours times rates always terminate (both are decimals), so this never loops.
 */
function formatExactNl(value, minDecimals) {
  const negative = value.n < 0n;
  let n = bigAbs(value.n);
  const d = value.d;
  const whole = n / d;
  let rest = n % d;
  let decimals = "";
  while ((rest !== 0n || decimals.length < minDecimals) && decimals.length < 12) {
    rest *= 10n;
    decimals += (rest / d).toString();
    rest %= d;
  }
  const body = groupThousands(whole.toString()) + (decimals ? `,${decimals}` : "");
  return (negative ? "-" : "") + body;
}

function formatExactEuro(value) {
  return `€ ${formatExactNl(value, 2)}`;
}

/** A contract number for display or for a form field: "7.5" -> "7,5", ("15000", 2) -> "15.000,00". */
export function formatNumberNl(text, minDecimals = 0) {
  return formatExactNl(parseContractDecimal(text), minDecimals);
}

// ---------------------------------------------------------------------------------------
// Parsing what people type
// ---------------------------------------------------------------------------------------

const MAX_INTEGER_DIGITS = 12;

function fail(error) {
  return { ok: false, error };
}

function countChar(text, char) {
  return text.split(char).length - 1;
}

function validGroups(intPart, separator) {
  const groups = intPart.split(separator);
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * Read a number as a Dutch civil servant types it.
 *
 * Accepted: "1.234,56", "1234,56", "1234.56", "1234", "1 234,56", "€ 1.234,56", "€ 500,-"
 * (currency only). Rules, so nothing is silently misread:
 *  - with both "." and ",", the last one is the decimal separator, the other groups thousands;
 *  - a lone comma is always the decimal separator ("12,345" has too many decimals: error);
 *  - a lone dot followed by exactly three digits after a 1-3 digit start groups thousands
 *    ("1.234" is 1234, as in Dutch), otherwise it is the decimal separator ("1234.56");
 *  - thousands groups must be three digits; "1,2,3", "1.23.4", "12a", "1e5" are errors.
 * Returns {ok: true, units, value} where units = value x 10^maxDecimals as BigInt and value
 * is the contract string, or {ok: false, error} with error one of
 * "empty", "negative", "format", "decimals", "too-large". Never NaN, never throws.
 */
export function parseNumberNl(text, { maxDecimals = 2, currency = false } = {}) {
  if (typeof text !== "string") {
    return fail(text === null || text === undefined ? "empty" : "format");
  }
  // NFKC folds no-break and narrow spaces into plain spaces and full-width digits into ASCII.
  let s = text.normalize("NFKC").trim();
  const stripCurrency = (value) =>
    currency ? value.replace(/^(?:€|eur(?:o)?\b)\s*/i, "").replace(/\s*(?:€|eur(?:o)?)$/i, "").trim() : value;
  s = stripCurrency(s);
  if (s === "") {
    return fail("empty");
  }
  let negative = false;
  if (/^[-\u2212\u2013]/.test(s)) {
    negative = true;
    s = stripCurrency(s.slice(1).trim());
  }
  if (currency) {
    s = s.replace(/[.,]-{1,2}$/, ""); // "€ 500,-" means whole euros
  }
  if (!/^\d[\d., ]*$/.test(s) || /\s{2,}/.test(s)) {
    return fail("format");
  }
  const dots = countChar(s, ".");
  const commas = countChar(s, ",");
  const spaced = s.includes(" ");
  let intPart = s;
  let fracPart = "";
  let groupSeparator = null;
  let hasDecimalSeparator = false;

  if (dots && commas) {
    const decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    if (countChar(s, decimal) !== 1) {
      return fail("format");
    }
    groupSeparator = decimal === "." ? "," : ".";
    [intPart, fracPart] = s.split(decimal);
    hasDecimalSeparator = true;
  } else if (commas) {
    if (commas > 1) {
      return fail("format");
    }
    [intPart, fracPart] = s.split(",");
    hasDecimalSeparator = true;
  } else if (dots) {
    const parts = s.split(".");
    const looksGrouped = dots > 1 || (parts[1].length === 3 && /^\d{1,3}$/.test(parts[0]));
    if (looksGrouped) {
      groupSeparator = ".";
    } else {
      [intPart, fracPart] = parts;
      hasDecimalSeparator = true;
    }
  }
  if (spaced) {
    if (groupSeparator !== null || fracPart.includes(" ")) {
      return fail("format");
    }
    groupSeparator = " ";
  }
  if (hasDecimalSeparator && fracPart === "") {
    return fail("format");
  }
  if (!/^\d*$/.test(fracPart) || intPart === "") {
    return fail("format");
  }
  if (groupSeparator !== null) {
    if (!validGroups(intPart, groupSeparator)) {
      return fail("format");
    }
    intPart = intPart.split(groupSeparator).join("");
  }
  if (!/^\d+$/.test(intPart)) {
    return fail("format");
  }
  if (fracPart.length > maxDecimals) {
    return fail("decimals");
  }
  intPart = intPart.replace(/^0+(?=\d)/, "");
  if (intPart.length > MAX_INTEGER_DIGITS) {
    return fail("too-large");
  }
  const units = BigInt(intPart + fracPart.padEnd(maxDecimals, "0"));
  if (negative && units !== 0n) {
    return fail("negative");
  }
  const trimmed = fracPart.replace(/0+$/, "");
  return { ok: true, units, value: trimmed ? `${intPart}.${trimmed}` : intPart };
}

/** An amount in euro: {ok, cents, value: "1234.56"} or {ok: false, error}. */
export function parseAmount(text) {
  const result = parseNumberNl(text, { maxDecimals: 2, currency: true });
  if (!result.ok) {
    return result;
  }
  return { ok: true, cents: result.units, value: centsToString(result.units) };
}

/** Hours, up to two decimals: {ok, value: "7.5", hundredths} or {ok: false, error}. */
export function parseHours(text) {
  const result = parseNumberNl(text, { maxDecimals: 2 });
  if (!result.ok) {
    return result;
  }
  return { ok: true, value: result.value, hundredths: result.units };
}

/** A whole number (months, participants, percentage): {ok, value: Number} or {ok: false, error}. */
export function parseWholeNumber(text) {
  const result = parseNumberNl(text, { maxDecimals: 0 });
  if (!result.ok) {
    return result;
  }
  if (result.units > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail("too-large");
  }
  return { ok: true, value: Number(result.units) };
}

// ---------------------------------------------------------------------------------------
// The calculation
// ---------------------------------------------------------------------------------------

/** The rules every scheme in the contract shares, in words; the view shows these, never its own. */
export const RULE_TEXT = Object.freeze({
  externalNotProjectRelated: "telt niet mee: alleen projectgerelateerde externe kosten tellen",
  externalNotDevelopment: "telt niet mee: alleen kosten voor de ontwikkeling van medewerkers of organisatie tellen",
  internalOnlyProjectLeader: "telt niet mee: bij externe kosten telt intern alleen de projectleider",
  rounding: "afgerond op hele centen",
  subtotal: "som van de afgeronde bedragen per regel",
  externalOnlyProjectRelatedHint: "Alleen projectgerelateerde externe kosten tellen mee, exclusief btw.",
  projectLeaderHint: "Voert u projectgerelateerde externe kosten op, dan telt intern alleen de projectleider mee.",
});

/** A subtotal this close to the minimum (in cents, either side) gets the rounding hint. */
const NEAR_MINIMUM_CENTS = 5n;

const ROLE_TEXT = Object.freeze({ projectleider: "projectleider", overig: "overig" });

function readScheme(scheme) {
  if (!scheme || typeof scheme !== "object") {
    throw new TypeError("regeling ontbreekt");
  }
  return {
    internal: parseShare(scheme.internal_share),
    external: parseShare(scheme.external_share),
    minimum: contractCents(scheme.minimum, "minimum"),
    maximum: contractCents(scheme.maximum, "maximum"),
  };
}

function readExternal(line, index) {
  if (typeof line?.project_related !== "boolean") {
    throw new TypeError(`externe kostenpost ${index + 1}: project_related moet true of false zijn`);
  }
  // Absent means yes, so inputs written before this question keep their meaning.
  const development = line.for_development ?? true;
  if (typeof development !== "boolean") {
    throw new TypeError(`externe kostenpost ${index + 1}: for_development moet true of false zijn`);
  }
  return {
    development,
    description: typeof line.description === "string" ? line.description : "",
    amount: parseContractDecimal(line.amount_ex_btw, `externe kostenpost ${index + 1}: bedrag`),
    amountText: line.amount_ex_btw,
    projectRelated: line.project_related,
  };
}

function readInternal(person, index) {
  if (!Object.hasOwn(ROLE_TEXT, person?.role)) {
    throw new TypeError(`medewerker ${index + 1}: rol moet "projectleider" of "overig" zijn`);
  }
  return {
    role: person.role,
    hours: parseContractDecimal(person.hours, `medewerker ${index + 1}: uren`),
    rate: parseContractDecimal(person.hourly_rate, `medewerker ${index + 1}: uurloon`),
  };
}

/** cents (rounded) and whether rounding changed anything, for share x euros. */
function shareInCents(share, euros) {
  const exact = ratioMul(ratioMul(share, euros), ratio(100n));
  return { cents: roundHalfAwayFromZero(exact.n, exact.d), rounded: exact.d !== 1n };
}

/**
 * The calculation with every number explained in Dutch.
 *
 * Same rules and numbers as calculate(); each line also carries `index` (1-based within
 * its kind), `amount_text`, `input_text` and `rule`; the result carries `outcome`
 * {code: "onder-minimum" | "begrensd" | "binnen-grenzen", text}, the Dutch totals and
 * `notes` (warnings that do not change the numbers).
 * Throws TypeError/RangeError on input outside the contract; the view validates first.
 */
export function explain(scheme, input) {
  const rules = readScheme(scheme);
  const external = (input?.external ?? []).map(readExternal);
  const internal = (input?.internal ?? []).map(readInternal);
  const share = { internal: shareText(rules.internal), external: shareText(rules.external) };
  // Source 001, financial conditions of both schemes: "Als je externe én interne kosten
  // opvoert, is intern alleen de projectleider subsidiabel". Which external costs count as
  // "opgevoerd" the source does not say; like the shared contract ("about"), only lines that
  // count themselves switch the rule: project-related (001, worked example: "alleen de
  // projectgerelateerde kosten worden meegenomen"), for development, above zero (Aanname).
  const switching = (line) => line.projectRelated && line.development && line.amount.n > 0n;
  const externalPresent = external.some(switching);
  const leaders = internal.filter((person) => person.role === "projectleider").length;
  if (externalPresent && leaders > 1) {
    // Source 001 names "de projectleider", one; its example drops everyone else. Counting a
    // second one silently would overstate the subsidy, refusing it silently would hide a person.
    throw new RangeError(
      `U voert ${leaders} projectleiders op. Bij externe kosten telt intern alleen de projectleider, ` +
        "één persoon: maak van de andere medewerkers 'overig'.",
    );
  }
  const lines = [];

  external.forEach((line, i) => {
    const base = {
      kind: "external",
      index: i + 1,
      description: line.description,
      input_text: formatExactEuro(line.amount),
    };
    if (!line.projectRelated) {
      lines.push({ ...base, counted: false, cents: 0n, rule: RULE_TEXT.externalNotProjectRelated });
      return;
    }
    // Source 001: subsidy is "voor de kosten voor de ontwikkeling van de medewerker of
    // organisatie"; its example: training and gym for young residents get none.
    if (!line.development) {
      lines.push({ ...base, counted: false, cents: 0n, rule: RULE_TEXT.externalNotDevelopment });
      return;
    }
    const { cents, rounded } = shareInCents(rules.external, line.amount);
    const rule = `${share.external} van ${formatExactEuro(line.amount)} (externe kosten, projectgerelateerd)`;
    lines.push({ ...base, counted: true, cents, rounded, rule: rounded ? `${rule}, ${RULE_TEXT.rounding}` : rule });
  });

  internal.forEach((person, i) => {
    const product = ratioMul(person.hours, person.rate);
    const hoursText = `${formatExactNl(person.hours, 0)} uur`;
    const base = {
      kind: "internal",
      index: i + 1,
      role: person.role,
      input_text: `${hoursText} × ${formatExactEuro(person.rate)}`,
    };
    if (externalPresent && person.role !== "projectleider") {
      lines.push({ ...base, counted: false, cents: 0n, rule: RULE_TEXT.internalOnlyProjectLeader });
      return;
    }
    const { cents, rounded } = shareInCents(rules.internal, product);
    const rule =
      `${share.internal} van ${hoursText} × ${formatExactEuro(person.rate)} = ` +
      `${share.internal} van ${formatExactEuro(product)} (interne kosten, ${ROLE_TEXT[person.role]})`;
    lines.push({ ...base, counted: true, cents, rounded, rule: rounded ? `${rule}, ${RULE_TEXT.rounding}` : rule });
  });

  const subtotal = lines.reduce((sum, line) => sum + line.cents, 0n);
  let total = subtotal;
  let eligible = true;
  let capped = false;
  let outcome;
  if (subtotal < rules.minimum) {
    total = 0n;
    eligible = false;
    outcome = {
      code: "onder-minimum",
      text:
        `Geen subsidie: het subtotaal van ${formatEuro(subtotal)} is lager dan ` +
        `het minimum van ${formatEuro(rules.minimum)} voor deze regeling.`,
    };
  } else if (subtotal > rules.maximum) {
    total = rules.maximum;
    capped = true;
    outcome = {
      code: "begrensd",
      text: `Begrensd op het maximum van ${formatEuro(rules.maximum)} (het subtotaal is ${formatEuro(subtotal)}).`,
    };
  } else {
    outcome = {
      code: "binnen-grenzen",
      text:
        `Het subtotaal ligt tussen het minimum van ${formatEuro(rules.minimum)} en ` +
        `het maximum van ${formatEuro(rules.maximum)}, dus de subsidie is het subtotaal.`,
    };
  }

  const notes = [];
  // Cent effects of the per-line rounding (an assumption, see roundHalfAwayFromZero).
  const gap = subtotal - rules.minimum;
  if (gap >= -NEAR_MINIMUM_CENTS && gap <= NEAR_MINIMUM_CENTS && lines.some((line) => line.rounded)) {
    notes.push(
      `Let op: het subtotaal ligt binnen ${NEAR_MINIMUM_CENTS} cent van het minimum van ${formatEuro(rules.minimum)}. ` +
        "De rekenhulp rondt elke kostenpost af op hele centen; de bron noemt geen afronding, dus het fonds " +
        "kan hier anders uitkomen. Zo haalt € 1.499,99 aan externe kosten net het minimum van € 500.",
    );
  }
  const gained = lines.filter((line) => line.kind === "external").reduce((sum, line) => sum + line.cents, 0n);
  const dropped = internal.reduce((sum, person) => person.role === "projectleider" ? sum
    : sum + shareInCents(rules.internal, ratioMul(person.hours, person.rate)).cents, 0n);
  if (externalPresent && dropped > gained) {
    notes.push(
      `Let op: de externe kosten leveren ${formatEuro(gained)} op, maar doordat u ze opvoert telt intern ` +
        `alleen de projectleider en vervalt ${formatEuro(dropped)} aan uren van anderen. Zo staat het in de regeling; ` +
        "ga na of een kleine externe post echt bij dit project hoort.",
    );
  }

  return {
    lines: lines.map(({ cents, rounded, ...line }) => ({
      ...line,
      amount: centsToString(cents),
      amount_text: formatEuro(cents),
    })),
    subtotal: centsToString(subtotal),
    total: centsToString(total),
    eligible,
    capped,
    subtotal_text: formatEuro(subtotal),
    total_text: formatEuro(total),
    minimum_text: formatEuro(rules.minimum),
    maximum_text: formatEuro(rules.maximum),
    outcome,
    notes,
  };
}

/**
 * The subsidy for one application, in exactly the shape of the shared vectors' `expected`:
 * {lines: [{kind, counted, amount}], subtotal, total, eligible, capped}.
 */
export function calculate(scheme, input) {
  const full = explain(scheme, input);
  return {
    lines: full.lines.map(({ kind, counted, amount }) => ({ kind, counted, amount })),
    subtotal: full.subtotal,
    total: full.total,
    eligible: full.eligible,
    capped: full.capped,
  };
}

/** One sentence with a scheme's calculation parameters, for the hint under the scheme choice. */
export function describeScheme(scheme) {
  const rules = readScheme(scheme);
  return (
    `Externe kosten tellen voor ${shareText(rules.external)}, interne uren voor ${shareText(rules.internal)}. ` +
    `Minimaal ${formatEuro(rules.minimum)}, maximaal ${formatEuro(rules.maximum)} subsidie.`
  );
}

// ---------------------------------------------------------------------------------------
// Shareable state in the query string
// ---------------------------------------------------------------------------------------

const MAX_LINES = 100;
const MAX_VALUE_LENGTH = 300;
const CHECK_KEYS = Object.freeze([
  "nieuw", "fase", "opdracht", "looptijd", "deelnemers", "gemeenten", "org", "sv", "aandeel", "bedrag",
]);
const EXTERNAL_FIELDS = Object.freeze({ description: "oms", amount: "bedrag", project_related: "proj", for_development: "ontw" });
const YES_NO_FIELDS = Object.freeze(["project_related", "for_development"]);
const INTERNAL_FIELDS = Object.freeze({
  role: "rol", hours: "uren", rate: "uurloon", jaar: "jaar", schaal: "schaal", periodiek: "per",
});

/**
 * The page state as a query string (without "?"). Values are kept as typed, so a link
 * reproduces exactly what the sender saw, errors included. Query, not hash: heading
 * anchors in the table of contents change the hash and would wipe the state.
 */
export function encodeState(state) {
  const params = new URLSearchParams();
  const put = (key, value) => {
    if (value !== null && value !== undefined && String(value) !== "") {
      params.append(key, String(value));
    }
  };
  const calc = state?.calc ?? {};
  put("regeling", calc.scheme);
  (calc.external ?? []).slice(0, MAX_LINES).forEach((line, i) => {
    for (const [field, key] of Object.entries(EXTERNAL_FIELDS)) {
      const value = YES_NO_FIELDS.includes(field) ? (line[field] === false ? "nee" : "ja") : line[field];
      put(`e${i + 1}_${key}`, value);
    }
  });
  (calc.internal ?? []).slice(0, MAX_LINES).forEach((person, i) => {
    for (const [field, key] of Object.entries(INTERNAL_FIELDS)) {
      put(`i${i + 1}_${key}`, field === "role" ? person[field] || "overig" : person[field]);
    }
  });
  const check = state?.check ?? {};
  for (const key of CHECK_KEYS) {
    put(`v_${key}`, check[key]);
  }
  for (const [name, value] of Object.entries(check.rechtspositie ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    put(`v_rp_${name}`, value);
  }
  return params.toString();
}

/** The inverse of encodeState; unknown keys are ignored and sizes are bounded. */
export function decodeState(search) {
  const params = new URLSearchParams(typeof search === "string" ? search : "");
  const get = (key) => {
    const value = params.get(key);
    return value === null ? "" : value.slice(0, MAX_VALUE_LENGTH);
  };
  const external = [];
  for (let i = 1; i <= MAX_LINES && params.has(`e${i}_proj`); i += 1) {
    external.push({
      description: get(`e${i}_oms`),
      amount: get(`e${i}_bedrag`),
      project_related: get(`e${i}_proj`) !== "nee",
      for_development: get(`e${i}_ontw`) !== "nee",
    });
  }
  const internal = [];
  for (let i = 1; i <= MAX_LINES && params.has(`i${i}_rol`); i += 1) {
    const person = {};
    for (const [field, key] of Object.entries(INTERNAL_FIELDS)) {
      person[field] = get(`i${i}_${key}`);
    }
    if (!Object.hasOwn(ROLE_TEXT, person.role)) {
      person.role = "overig";
    }
    internal.push(person);
  }
  const check = { rechtspositie: {} };
  for (const key of CHECK_KEYS) {
    check[key] = get(`v_${key}`);
  }
  for (const [key, value] of params) {
    if (key.startsWith("v_rp_")) {
      check.rechtspositie[key.slice(5)] = value.slice(0, MAX_VALUE_LENGTH);
    }
  }
  return {
    calc: { scheme: get("regeling"), external, internal },
    check,
    present: params.toString() !== "",
  };
}
