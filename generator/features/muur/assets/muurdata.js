// What the wall (muur.js) and its poster view (poster.js) share: loading muur.json and making elements.

export const NO_THEME = "Zonder thema";
export const GREY = "#595959";

/** {base, data}: the site root (from the calling script's own address) and muur.json, or null when it fails. */
export async function loadWall(scriptName) {
  const script = document.querySelector(`script[src$="assets/kennisbank/${scriptName}"]`);
  const base = new URL("../../", script.src); // the site root, from assets/kennisbank/<script>
  const response = await fetch(new URL("muur/muur.json", base));
  if (!response.ok) return null;
  const data = await response.json();
  return { base, data, themes: new Map(data.themas.map((t) => [t.sleutel, t])) };
}

/** The record's page, relative to the site root (generator/core/paths.py: projecten/<id>/). */
export function pagePath(card) {
  return `projecten/${card.id}/`;
}

/** A card's list item with its theme colour, and the theme's name for its band. */
export function cardItem(card, themes, className) {
  const theme = themes.get(card.th);
  const item = element("li", className);
  item.dataset.id = card.id;
  item.style.setProperty("--kb-band", theme ? theme.kleur : GREY);
  return { item, themeName: theme ? theme.naam : NO_THEME };
}

/** The reuse line: the source's own words for a bare number, the count of named reusers, or "not known". */
export function reuseText(card, short) {
  if (card.ht) return short ? `Hergebruik: ${card.ht}` : `Hergebruikt door ${card.ht}`;
  if (card.h) return short ? `Hergebruik: ${card.h}` : `Hergebruikt door ${card.h} organisatie${card.h === 1 ? "" : "s"}`;
  return short ? "Hergebruik: niet bekend" : "Hergebruik niet bekend";
}

/** An element with a class and text; text is always set as text, never parsed as markup. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
