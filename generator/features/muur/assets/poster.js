// The poster view (/muur/poster/): the wall's cards on A3 or A0 sheets, ready to print.
//
// Reads muur.json (the same cards as the wall) and lays them out as a cover sheet (title, date of
// the data, legend) and sheets of columns x rows cards, each card with its QR code (an SVG made at
// build time, in muur/qr/). The format and an optional theme or province come from the URL
// (?formaat=a0-staand&thema=…&provincie=…), so `make wall-pdf` and a bookmark get the same poster.
// Sizes in poster.css are relative to the sheet, so the screen preview and the print are one layout.

import { cardItem, element, loadWall, pagePath, reuseText } from "./muurdata.js";

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
  "november", "december"];

const root = document.querySelector("[data-kb-poster]");
if (root) start(root).catch((error) => console.error("poster:", error));

async function start(root) {
  const loaded = await loadWall("poster.js");
  if (!loaded) return;
  const { base, data, themes } = loaded;
  // [[key, [label, columns, rows]], …] in the order of muur.py's FORMATS; the first is the default.
  const formats = Object.fromEntries(JSON.parse(root.dataset.formats));
  const firstFormat = JSON.parse(root.dataset.formats)[0][0];
  const form = document.querySelector("[data-kb-poster-form]");
  const status = document.querySelector("[data-kb-poster-status]");
  const selects = {
    thema: form.querySelector('[data-kb-poster-select="thema"]'),
    provincie: form.querySelector('[data-kb-poster-select="provincie"]'),
  };
  const used = new Set(data.kaarten.map((c) => c.th));
  for (const theme of data.themas) if (used.has(theme.sleutel) && theme.sleutel) selects.thema.append(new Option(theme.naam, theme.sleutel));
  for (const name of [...new Set(data.kaarten.map((c) => c.p))].sort((a, b) => a.localeCompare(b, "nl"))) {
    selects.provincie.append(new Option(name, name));
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const format = Object.hasOwn(formats, params.get("formaat") || "") ? params.get("formaat") : firstFormat;
    const theme = params.get("thema") || "";
    const province = params.get("provincie") || "";
    return { format, theme: themes.has(theme) ? theme : "", province };
  }

  function build(state) {
    const [label, columns, rows] = formats[state.format];
    const perSheet = columns * rows;
    const cards = data.kaarten.filter((c) => (!state.theme || c.th === state.theme) && (!state.province || c.p === state.province));
    const sheets = [];
    for (let i = 0; i < cards.length; i += perSheet) sheets.push(cards.slice(i, i + perSheet));
    root.dataset.format = state.format;
    document.documentElement.dataset.kbPoster = state.format;
    root.style.setProperty("--kb-columns", columns);
    root.style.setProperty("--kb-rows", rows);
    const scope = [state.theme ? `thema ${themes.get(state.theme).naam}` : "", state.province ? `provincie ${state.province}` : ""]
      .filter(Boolean).join(", ");
    root.replaceChildren(cover(root.dataset, cards, sheets.length, label, scope),
      ...sheets.map((sheet, index) => sheetElement(sheet, index + 1, sheets.length)));
    status.textContent = `${cards.length} kaarten op ${sheets.length} vel${sheets.length === 1 ? "" : "len"} ${label}, plus een voorblad`;
    root.dataset.kbPosterCards = String(cards.length);
    root.dataset.kbPosterSheets = String(sheets.length + 1);
  }

  function cover(info, cards, sheetCount, label, scope) {
    const sheet = element("section", "kb-sheet kb-sheet--cover");
    sheet.setAttribute("aria-label", "Voorblad");
    const title = element("h2", "kb-cover__title", info.title + (scope ? `: ${scope}` : ""));
    const lead = element("p", "kb-cover__lead", "Eén keer ontwikkelen, meervoudig gebruik");
    const facts = element("p", "kb-cover__facts",
      `${cards.length} praktijkvoorbeelden op ${sheetCount} vel${sheetCount === 1 ? "" : "len"} ${label}. ` +
      `Gegevens van ${dutchDate(info.date)}.`);
    const legendTitle = element("h3", "kb-cover__legendtitle", "Legenda");
    const legend = element("ul", "kb-cover__legend");
    const counts = new Map();
    for (const c of cards) counts.set(c.th, (counts.get(c.th) || 0) + 1);
    for (const theme of data.themas) {
      if (!counts.has(theme.sleutel)) continue;
      const item = element("li");
      const swatch = element("span", "kb-cover__swatch");
      swatch.style.setProperty("--kb-band", theme.kleur);
      item.append(swatch, `${theme.naam} (${counts.get(theme.sleutel)})`);
      legend.append(item);
    }
    const keys = element("ul", "kb-cover__keys");
    keys.append(element("li", null, "De gekleurde balk bovenaan een kaart noemt het thema."),
      element("li", null, "Het blauwe label is de regeling waaruit het project werd betaald."),
      element("li", null, "Hergebruik: hoeveel organisaties het volgens een bron hergebruiken."),
      element("li", null, data.qr ? "Scan de QR-code voor de pagina van het praktijkvoorbeeld, met contactpersonen en bronnen."
        : "Deze site is gebouwd zonder site_url, dus zonder QR-codes."));
    const site = element("p", "kb-cover__site", info.site || "");
    sheet.append(title, lead, facts, legendTitle, legend, keys, site);
    return sheet;
  }

  function sheetElement(cards, number, total) {
    const sheet = element("section", "kb-sheet");
    sheet.setAttribute("aria-label", `Vel ${number} van ${total}`);
    const list = element("ul", "kb-sheet__cards");
    for (const card of cards) list.append(cardElement(card));
    sheet.append(list);
    return sheet;
  }

  function cardElement(card) {
    const { item, themeName } = cardItem(card, themes, "kb-pcard");
    const band = element("p", "kb-pcard__band", themeName);
    const body = element("div", "kb-pcard__body");
    const title = element("h3", "kb-pcard__title", card.t);
    const who = element("p", "kb-pcard__who", card.w.join(", "));
    if (card.g.length) who.append(` (${card.g.join(", ")})`);
    const meta = element("p", "kb-pcard__meta");
    if (card.r) meta.append(element("span", "kb-pcard__scheme", card.r));
    if (card.j) meta.append(element("span", null, String(card.j)));
    meta.append(element("span", null, reuseText(card, true)));
    body.append(title, who, element("p", "kb-pcard__text", card.x), meta);
    item.append(band, body);
    if (data.qr) {
      const qr = element("img", "kb-pcard__qr");
      qr.src = new URL(`muur/qr/${card.id}.svg`, base).href;
      qr.alt = `QR-code naar ${new URL(pagePath(card), root.dataset.site).href}`;
      qr.dataset.url = new URL(pagePath(card), root.dataset.site).href;
      item.append(qr);
    }
    return item;
  }

  function apply(push) {
    const state = {
      format: form.elements.formaat.value, theme: selects.thema.value, province: selects.provincie.value,
    };
    const params = new URLSearchParams({ formaat: state.format });
    if (state.theme) params.set("thema", state.theme);
    if (state.province) params.set("provincie", state.province);
    if (push) history.replaceState(null, "", `${location.pathname}?${params}`);
    build(state);
  }

  const state = readState();
  form.elements.formaat.value = state.format;
  selects.thema.value = state.theme;
  selects.provincie.value = state.province;
  form.addEventListener("change", () => apply(true));
  form.querySelector("[data-kb-poster-print]").addEventListener("click", () => window.print());
  document.querySelector("[data-kb-poster-nojs]").hidden = true;
  form.hidden = false;
  apply(false);
  await Promise.all([...root.querySelectorAll("img")].map((img) => img.decode().catch(() => undefined)));
  root.dataset.kbPosterReady = "true";
}

function dutchDate(iso) {
  const [year, month, day] = (iso || "").split("-").map(Number);
  return year && month && day ? `${day} ${MONTHS[month - 1]} ${year}` : "onbekende datum";
}

