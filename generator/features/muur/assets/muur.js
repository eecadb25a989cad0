// The portfolio wall, enhanced: filter, group, sort and lazy rendering on /muur/.
//
// Without this script the page already shows every card grouped by theme (paged in the HTML when
// there are many). The script reads muur.json (built from the catalogue: the cards and, per card,
// the facet values search filters on) and takes over the list:
// - state in the URL: ?thema=…&gemeente=… (the facet keys and value names search uses),
//   &groep=regeling|provincie|geen and &sorteer=nieuw|hergebruik; back and forward restore it;
// - filter counts follow the other filters (a value's count is what ticking it would leave);
// - cards are rendered in batches of BATCH as the end of the list scrolls into view, so 5,000 cards
//   cost the first screen only; "Toon meer kaarten" does the same by keyboard;
// - the result count is announced in a polite live region.
// Every text from the data is set with textContent: nothing from a record becomes markup.

import { NO_THEME, GREY, cardItem, element, loadWall, pagePath, reuseText } from "./muurdata.js";

const BATCH = 120;
const GROUPINGS = ["thema", "regeling", "provincie", "geen"];
const SORTS = ["titel", "nieuw", "hergebruik"];
const NO_GROUP = { thema: NO_THEME, regeling: "Zonder regeling", provincie: "Zonder provincie" };

const root = document.querySelector("[data-kb-wall-page]");
if (root) start(root).catch((error) => console.error("muur:", error));

async function start(root) {
  const loaded = await loadWall("muur.js");
  if (!loaded) return; // the static wall stays as it is
  const { base, data, themes } = loaded;
  const tools = root.querySelector("[data-kb-wall-tools]");
  const wall = root.querySelector("[data-kb-wall]");
  const status = root.querySelector("[data-kb-wall-status]");
  const more = root.querySelector("[data-kb-wall-more]");
  const clear = root.querySelector("[data-kb-wall-clear]");
  const groupBox = root.querySelector("[data-kb-wall-group]");
  const sortBox = root.querySelector("[data-kb-wall-sort]");
  const pager = root.querySelector("[data-kb-wall-pager]");
  const cards = data.kaarten;
  const facets = data.facetten.map((facet, index) => ({ ...facet, index }));
  const boxes = buildFacets(root.querySelector("[data-kb-wall-facets]"), facets);

  let queue = []; // [{group, card}] still to render
  let lastList = null;
  let state = readState(location.search);

  function readState(search) {
    const params = new URLSearchParams(search);
    const filters = {};
    for (const facet of facets) {
      const known = new Set(facet.waarden);
      const chosen = [...new Set(params.getAll(facet.sleutel))].filter((v) => known.has(v));
      if (chosen.length) filters[facet.sleutel] = chosen;
    }
    const group = params.get("groep");
    const sort = params.get("sorteer");
    return { filters, group: GROUPINGS.includes(group) ? group : "thema", sort: SORTS.includes(sort) ? sort : "titel" };
  }

  function urlOf(state) {
    const params = new URLSearchParams();
    for (const facet of facets) for (const value of state.filters[facet.sleutel] || []) params.append(facet.sleutel, value);
    if (state.group !== "thema") params.set("groep", state.group);
    if (state.sort !== "titel") params.set("sorteer", state.sort);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "") + location.hash;
  }

  function matches(card, filters, skip) {
    for (const facet of facets) {
      if (facet.sleutel === skip) continue;
      const chosen = filters[facet.sleutel];
      if (!chosen) continue;
      const mine = card.f[facet.index].map((i) => facet.waarden[i]);
      if (!chosen.some((value) => mine.includes(value))) return false;
    }
    return true;
  }

  function groupOf(card, grouping) {
    if (grouping === "thema") return themes.has(card.th) ? themes.get(card.th).naam : NO_GROUP.thema;
    if (grouping === "regeling") return card.r || NO_GROUP.regeling;
    if (grouping === "provincie") return card.p || NO_GROUP.provincie;
    return "";
  }

  function compare(sort) {
    const byTitle = (a, b) => a.rank - b.rank;
    if (sort === "nieuw") return (a, b) => (b.card.d || "").localeCompare(a.card.d || "") || byTitle(a, b);
    if (sort === "hergebruik") return (a, b) => b.card.h - a.card.h || byTitle(a, b);
    return byTitle;
  }

  function groupOrder(grouping, names) {
    if (grouping === "thema") {
      const order = [...data.themas.map((t) => t.naam)];
      return [...names].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    }
    const last = NO_GROUP[grouping];
    return [...names].sort((a, b) => (a === last) - (b === last) || a.localeCompare(b, "nl"));
  }

  function show() {
    const shown = cards.map((card, rank) => ({ card, rank })).filter(({ card }) => matches(card, state.filters));
    shown.sort(compare(state.sort));
    const groups = new Map();
    for (const item of shown) {
      const name = groupOf(item.card, state.group);
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(item);
    }
    wall.replaceChildren();
    queue = [];
    lastList = null;
    for (const name of groupOrder(state.group, groups.keys())) {
      for (const item of groups.get(name)) queue.push({ group: name, count: groups.get(name).length, card: item.card });
    }
    renderBatch();
    const total = cards.length;
    const filtered = Object.keys(state.filters).length > 0;
    status.textContent = shown.length === 0
      ? "Geen kaarten bij deze filters. Wis een filter om meer te zien."
      : filtered
        ? `${shown.length} van ${total} praktijkvoorbeelden`
        : `${total} praktijkvoorbeeld${total === 1 ? "" : "en"}`;
    clear.hidden = !filtered;
    updateCounts();
    root.dataset.kbWallShown = String(shown.length);
  }

  function renderBatch() {
    const fragment = document.createDocumentFragment();
    let currentGroup = lastList ? lastList.dataset.group : null;
    for (const { group, count, card } of queue.splice(0, BATCH)) {
      if (state.group === "geen") {
        if (!lastList) lastList = newList(fragment, null);
      } else if (group !== currentGroup) {
        lastList = newList(fragment, group, count);
        currentGroup = group;
      }
      lastList.append(cardElement(card));
    }
    wall.append(fragment);
    more.hidden = queue.length === 0;
  }

  function newList(parent, name, count) {
    const section = document.createElement("section");
    section.className = "kb-wall__group";
    const list = document.createElement("ul");
    list.className = "kb-wall__cards";
    if (name !== null) {
      const heading = document.createElement("h2");
      heading.className = "kb-wall__grouptitle";
      heading.id = `groep-${state.group}-${parent.childElementCount + wall.childElementCount}`;
      const colour = state.group === "thema" ? [...themes.values()].find((t) => t.naam === name) : null;
      heading.style.setProperty("--kb-band", colour ? colour.kleur : GREY);
      const countSpan = element("span", "kb-wall__groupcount", String(count));
      countSpan.append(element("span", "kb-wall-sr", count === 1 ? " kaart" : " kaarten"));
      heading.append(name + " ", countSpan);
      section.setAttribute("aria-labelledby", heading.id);
      section.append(heading);
    }
    list.dataset.group = name ?? "";
    section.append(list);
    parent.append(section);
    return list;
  }

  function cardElement(card) {
    const { item, themeName } = cardItem(card, themes, "kb-wallcard");
    const band = element("p", "kb-wallcard__band");
    band.append(element("span", "kb-wall-sr", "Thema: "), themeName);
    const title = element("h3", "kb-wallcard__title");
    const link = element("a", null, card.t);
    link.href = new URL(pagePath(card), base).href;
    title.append(link);
    const who = element("p", "kb-wallcard__who", card.w.join(", "));
    if (card.g.length) who.append(" ", element("span", "kb-wallcard__places", `(${card.g.join(", ")})`));
    const meta = element("p", "kb-wallcard__meta");
    if (card.r) meta.append(element("span", "kb-wallcard__scheme", card.r));
    if (card.j) meta.append(element("span", "kb-wallcard__year", String(card.j)));
    meta.append(element("span", "kb-wallcard__reuse", reuseText(card, false)));
    item.append(band, title, who, element("p", "kb-wallcard__text", card.x), meta);
    return item;
  }

  function buildFacets(container, facets) {
    const out = [];
    for (const facet of facets) {
      const details = element("details", "kb-wall__facet");
      const summary = element("summary", null, facet.label);
      const fieldset = element("fieldset");
      const legend = element("legend", "kb-wall-sr", facet.label);
      const list = element("ul", "kb-wall__values");
      const inputs = facet.waarden.map((value, index) => {
        const id = `kb-wall-${facet.sleutel}-${index}`;
        const item = element("li");
        const input = element("input");
        input.type = "checkbox";
        input.id = id;
        input.name = facet.sleutel;
        input.value = value;
        const label = element("label", null, value + " ");
        label.htmlFor = id;
        const count = element("span", "kb-wall__count");
        label.append(count);
        item.append(input, label);
        list.append(item);
        return { input, count, item, value };
      });
      fieldset.append(legend, list);
      details.append(summary, fieldset);
      container.append(details);
      out.push({ facet, details, summary, inputs });
    }
    return out;
  }

  function updateCounts() {
    for (const { facet, summary, inputs, details } of boxes) {
      const counts = new Array(facet.waarden.length).fill(0);
      for (const card of cards) {
        if (!matches(card, state.filters, facet.sleutel)) continue;
        for (const i of card.f[facet.index]) counts[i] += 1;
      }
      const chosen = state.filters[facet.sleutel] || [];
      for (const [i, box] of inputs.entries()) {
        box.input.checked = chosen.includes(box.value);
        box.count.textContent = `(${counts[i]})`;
        box.item.classList.toggle("kb-wall__value--empty", counts[i] === 0 && !box.input.checked);
      }
      summary.textContent = chosen.length ? `${facet.label} (${chosen.length} gekozen)` : facet.label;
      if (chosen.length) details.open = true;
    }
  }

  function fromControls() {
    const filters = {};
    for (const { facet, inputs } of boxes) {
      const chosen = inputs.filter((b) => b.input.checked).map((b) => b.value);
      if (chosen.length) filters[facet.sleutel] = chosen;
    }
    return { filters, group: groupBox.value, sort: sortBox.value };
  }

  function apply(next, push) {
    state = next;
    groupBox.value = state.group;
    sortBox.value = state.sort;
    const url = urlOf(state);
    if (push && url !== location.pathname + location.search + location.hash) history.pushState(null, "", url);
    show();
  }

  tools.addEventListener("change", () => apply(fromControls(), true));
  clear.addEventListener("click", () => {
    apply({ filters: {}, group: state.group, sort: state.sort }, true);
    groupBox.focus();
  });
  more.addEventListener("click", () => {
    const before = wall.querySelectorAll(".kb-wallcard").length;
    renderBatch();
    const next = wall.querySelectorAll(".kb-wallcard a")[before];
    if (next) next.focus();
  });
  window.addEventListener("popstate", () => apply(readState(location.search), false));
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && queue.length) renderBatch();
    }, { rootMargin: "800px 0px" }).observe(more);
  }

  if (pager) pager.hidden = true; // the script shows every card; the static pages stay for visitors without it
  tools.hidden = false;
  apply(state, false);
  root.dataset.kbWallReady = "true";
}

