/**
 * Regeling-status: is a scheme open, not yet open or closed on the day the page is viewed?
 *
 * The build writes only dates (static text, the same bytes every day); this script, run in
 * the reader's browser, compares them with the browser's clock. One source for every page:
 * scheme pages include it inline (render/templates/scheme.md.j2) and the rekenhulp puts it in
 * its module before the core, so the helper, the calculator and the scheme pages can never
 * disagree. Plain functions, no imports, no template syntax; the DOM part only runs where a
 * document exists, so Node tests the pure part (tests/js/call-core.mjs).
 *
 * A window is {van, tot, tijd} with partial ISO dates: "2024-03" as `tot` means up to and
 * including 31 March 2024, "2024-01" as `van` from 1 January; `tijd` ("16:00") is the hour on
 * the last day before which an application must be in. Times are the reader's local time.
 */

const KB_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
  "september", "oktober", "november", "december"];

/** "2019-12" -> {y: 2019, m: 12, d: null}; null for anything else. */
function kbParseDate(text) {
  const match = typeof text === "string" ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text) : null;
  if (!match) {
    return null;
  }
  return { y: Number(match[1]), m: match[2] ? Number(match[2]) : null, d: match[3] ? Number(match[3]) : null };
}

/** Minutes since 0000-01-01 of a local date and time, for comparing; months are 31 days wide. */
function kbStamp(y, m, d, minutes) {
  return (((y * 12 + (m - 1)) * 31 + (d - 1)) * 24 * 60) + minutes;
}

function kbDaysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The first moment a window is open, as a stamp; null when it has no start. */
function kbStart(text) {
  const p = kbParseDate(text);
  return p ? kbStamp(p.y, p.m ?? 1, p.d ?? 1, 0) : null;
}

/** The first moment a window is closed, as a stamp; null when it has no end. */
function kbEnd(text, time) {
  const p = kbParseDate(text);
  if (!p) {
    return null;
  }
  const m = p.m ?? 12;
  const d = p.d ?? kbDaysInMonth(p.y, m);
  const hm = typeof time === "string" && /^\d{2}:\d{2}$/.test(time)
    ? Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) : 24 * 60;
  return kbStamp(p.y, m, d, hm);
}

/** "2019-12-13" -> "13 december 2019", "2024-03" -> "maart 2024", "2024" -> "2024". */
function kbDateText(text) {
  const p = kbParseDate(text);
  if (!p) {
    return "";
  }
  if (p.m === null) {
    return String(p.y);
  }
  return p.d === null ? `${KB_MONTHS[p.m - 1]} ${p.y}` : `${p.d} ${KB_MONTHS[p.m - 1]} ${p.y}`;
}

/** The day after a window's last day, in words: "2024-03" -> "1 april 2024". */
function kbDayAfterText(text) {
  const p = kbParseDate(text);
  const m = p.m ?? 12;
  const d = p.d ?? kbDaysInMonth(p.y, m);
  const next = new Date(Date.UTC(p.y, m - 1, d + 1));
  return `${next.getUTCDate()} ${KB_MONTHS[next.getUTCMonth()]} ${next.getUTCFullYear()}`;
}

/** {y, m, d, minutes} of a Date in the reader's local time. */
function kbNowParts(date) {
  return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate(),
    minutes: date.getHours() * 60 + date.getMinutes() };
}

/**
 * The status of a scheme with these windows at `now` ({y, m, d, minutes}, local):
 * {code: "open" | "nog-niet-open" | "gesloten" | "onbekend", tekst, window}.
 * Open when some window holds now; otherwise not yet open when a window lies ahead (the
 * nearest one); otherwise closed since the end of the last window. No windows, or none
 * with a date: "onbekend". `verb` names what one does: "aanvragen", or "inzenden" for a contest.
 */
function kbSchemeStatus(periodes, now, verb = "aanvragen") {
  const windows = (Array.isArray(periodes) ? periodes : [])
    .map((w) => ({ w, start: kbStart(w?.van), end: kbEnd(w?.tot, w?.tijd) }))
    .filter((x) => x.start !== null || x.end !== null);
  if (!windows.length) {
    return { code: "onbekend", tekst: "De bron noemt geen periode om aan te vragen of in te zenden.", window: null };
  }
  const at = kbStamp(now.y, now.m, now.d, now.minutes);
  const open = windows.find((x) => (x.start === null || x.start <= at) && (x.end === null || at < x.end));
  if (open) {
    const until = open.w.tot ? `tot en met ${kbDateText(open.w.tot)}${open.w.tijd ? `, vóór ${open.w.tijd.replace(":", ".")} uur` : ""}` : "zonder einddatum in de bron";
    return { code: "open", tekst: `Open: ${verb} kan ${until}.`, window: open.w };
  }
  const ahead = windows.filter((x) => x.start !== null && x.start > at).sort((a, b) => a.start - b.start)[0];
  if (ahead) {
    return { code: "nog-niet-open", tekst: `Nog niet open: ${verb} kan vanaf ${kbDateText(ahead.w.van)}.`, window: ahead.w };
  }
  const last = windows.filter((x) => x.end !== null).sort((a, b) => b.end - a.end)[0];
  const since = last.w.tijd
    ? `${kbDateText(last.w.tot)}, ${last.w.tijd.replace(":", ".")} uur`
    : kbDayAfterText(last.w.tot);
  return { code: "gesloten", tekst: `Gesloten sinds ${since}.`, window: last.w };
}

if (typeof document !== "undefined") {
  const kbNow = kbNowParts(new Date());
  for (const element of document.querySelectorAll("[data-kb-periodes]")) {
    let periodes = [];
    try {
      periodes = JSON.parse(element.getAttribute("data-kb-periodes"));
    } catch {
      continue;
    }
    const status = kbSchemeStatus(periodes, kbNow, element.getAttribute("data-kb-werkwoord") || undefined);
    element.textContent = status.tekst;
    element.classList.add(`kb-status--${status.code}`);
    element.hidden = false;
  }
}
