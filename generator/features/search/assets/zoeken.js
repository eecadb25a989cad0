// Search and filters on /zoeken/: our own accessible interface on Pagefind's JavaScript API.
//
// - Filter groups: the page names them (fieldset + legend, templates/search.md.j2 beside this folder); values and
//   totals come from pagefind.filters(). Within a group a choice is OR, between groups AND.
// - Counts: a group with a choice gets its own search without that group ("disjunctive" counts), so
//   the number beside a value is what that value gives together with the query and the other groups,
//   and a value just ticked never shows (0). Groups without a choice read the main search's counts.
//   Values are ordered by count, then name, except in the group being worked in (see Facet.layout).
// - Two Pagefind instances on the one index. Pagefind counts every value of every filter it has loaded
//   against every result, on every search: at 5,000 records a one-letter query took ~250 ms, of which
//   ~190 ms was counting. `wordIndex` loads one tiny filter only and gives the list while nothing is
//   ticked (~60 ms); `facetIndex` loads them all and gives the counts, after the list, and the list
//   when a filter is ticked (fewer results, so less to count). While someone types, the counts wait for a
//   pause, so the next keystroke's list does not queue behind them.
// - The address holds the whole state (?q=…&thema=…&gemeente=…&gemeente=…): a copied link gives the
//   same result; back/forward work (pushState for filters, replaceState while typing).
// - Names are not words (zoeknamen.js): a municipality, former municipality, province or organisation in
//   the query puts its records first (a filter, so the name is never stemmed), offers its filter in one
//   click, and the other words search the text, also outside those records. The groups, in order: the
//   name's records that match the other words, the name's records that mention the name most, the rest
//   of the name's records, then text matches elsewhere. Counts beside the values add up the name's
//   records and the text matches elsewhere (disjoint searches).
// - Sorting: relevance (the default with a query), newest, most reused, title (the default without);
//   `sorteer` in the address. Pagefind sorts on data-pagefind-sort keys every indexed page has.
// - The first keystroke: Pagefind searches in a Web Worker, in WebAssembly that V8 first runs as quickly
//   compiled baseline code and optimises once it has run a while, so the first ranked search took twice
//   as long as the next (measured with Chromium's --no-liftoff: the difference is gone). The browse list
//   is no ranked search, so one ranked search follows it while the visitor reads, on the word every page
//   has (its index chunk is already loaded). The list shows the first screen of results as soon as their
//   fragments are in, then the rest of the first batch; the previous list stays until then.
// - Text from the index reaches the page through textContent only, never innerHTML.

import { loadNames, nearNames, optionLabel, readQuery } from "./zoeknamen.js";

const FIRST_SCREEN = 5; // results shown first: more than a screen holds, each one a fragment to fetch
const FIRST_BATCH = 10; // results shown right after a search, the rest of them just after the first screen
const PAGE_SIZE = 20; // results added per "Toon meer resultaten"
const SHORT_LIST = 8; // a longer group shows this many values until "Toon alle"
const ANNOUNCE_DELAY = 500; // ms of quiet typing before the count is announced
const COUNT_PAUSE = 250; // ms of quiet typing before the counts are searched
// A filter only scheme pages carry (overrides/main.html): the quick index loads just this one, so its
// results say how many are schemes without counting every filter.
const SCHEME_FILTER = "regelingpagina";
const SCHEME_VALUE = "ja";
const SCHEME_CANDIDATES = 10; // scheme pages looked at to find the one a query names
// A word on every indexed page (overrides/main.html). Browsing without a query searches this word
// instead of search(null): for a search without a term Pagefind fetches the whole word index
// (measured with 1.5: megabytes at 5,000 records); for this word, one chunk.
const EVERY_PAGE = "0kbrecord";
const EVERY_PAGE_WORD = new RegExp(`\\s*\\b${EVERY_PAGE}\\b`, "g"); // the last word of every page's text: not for excerpts

const SITE_ROOT = new URL("../../", import.meta.url); // this file is assets/kennisbank/zoeken.js
const NAMES_URL = new URL("zoeknamen.json", import.meta.url);
// `sorteer` values and what Pagefind sorts on; "" is relevance (title order without a query).
const SORTS = { nieuw: { datum: "desc" }, hergebruik: { hergebruik: "desc" }, titel: { titel: "asc" } };
const TITLE_ORDER = SORTS.titel;
const collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });

const root = document.querySelector("[data-kb-search]");
if (root) {
  start(root).catch((error) => {
    console.error(error);
    failed();
  });
}

function failed() {
  const message = document.querySelector("[data-kb-search-message]");
  if (message && !message.dataset.kbFailed) {
    message.dataset.kbFailed = "true";
    message.prepend("De zoekfunctie kon niet worden geladen. ");
  }
  document.querySelector("[data-kb-search-fallback]")?.removeAttribute("hidden");
  root.hidden = true;
}

async function start(root) {
  const namesLoading = loadNames(NAMES_URL).catch((error) => {
    console.error(error); // search still works, names are then words
    return null;
  });
  const pagefind = await import(new URL("pagefind/pagefind.js", SITE_ROOT).href);
  const options = { baseUrl: SITE_ROOT.pathname, excerptLength: 24 };
  const facetIndex = pagefind; // the default instance: filters loaded, for counts and filtered lists
  await facetIndex.options(options);
  const totals = await facetIndex.filters();
  // Created only now: both instances share Pagefind's one WebAssembly module, and two instances that
  // load it at the same time each get their own copy, after which one instance's calls reach the
  // other's index (seen as the quick index counting every filter, in about one page load in three).
  const wordIndex = pagefind.createInstance(); // never loads a filter but one: the fast unfiltered list
  await wordIndex.options(options);
  await wordIndex.search(EVERY_PAGE, { filters: { [SCHEME_FILTER]: SCHEME_VALUE } }); // loads that one filter

  const form = root.querySelector("[data-kb-form]");
  const input = root.querySelector("[data-kb-query]");
  const status = root.querySelector("[data-kb-status]"); // live region, for screen readers
  const count = root.querySelector("[data-kb-count]"); // the same words on screen, at once
  const list = root.querySelector("[data-kb-results]");
  const more = root.querySelector("[data-kb-more]");
  const clear = root.querySelector("[data-kb-clear]");
  const filtersTitle = root.querySelector("#kb-filters-title");
  const groups = root.querySelector("[data-kb-groups]");
  const groupsToggle = root.querySelector("[data-kb-filtertoggle]");
  const facets = [...root.querySelectorAll("[data-kb-facet]")].map((fieldset) => new Facet(fieldset));
  const keys = facets.map((facet) => facet.key);
  const sortBox = root.querySelector("[data-kb-sort]");
  const namesBox = root.querySelector("[data-kb-names]");
  const siteName = document.title.replace(/^[^-–—]*[-–—]\s*/, "");
  const names = await namesLoading;

  let state = readState(location.search);
  let searchNumber = 0;
  let rendered = 0; // searches completed (list, counts and status); tests wait on this
  let listed = 0; // result lists shown; the benchmark times this
  let current = null; // {results, shown}
  let announceTimer = 0;

  for (const facet of facets) facet.setValues(totals[facet.key] || {});

  // ---------------------------------------------------------------- state <-> URL and controls

  function readState(search) {
    const params = new URLSearchParams(search);
    const filters = {};
    for (const key of keys) {
      const values = [...new Set(params.getAll(key).filter((value) => value !== ""))];
      if (values.length) filters[key] = values;
    }
    const sort = params.get("sorteer") || "";
    return { q: params.get("q") || "", filters, sort: Object.hasOwn(SORTS, sort) ? sort : "" };
  }

  function urlOf(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    for (const key of keys) for (const value of state.filters[key] || []) params.append(key, value);
    if (state.sort) params.set("sorteer", state.sort);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "") + location.hash;
  }

  function showState(state) {
    input.value = state.q;
    sortBox.value = state.sort;
    for (const facet of facets) facet.select(state.filters[facet.key] || []);
  }

  function stateFromControls() {
    const filters = {};
    for (const facet of facets) {
      const values = facet.selected();
      if (values.length) filters[facet.key] = values;
    }
    return { q: input.value, filters, sort: Object.hasOwn(SORTS, sortBox.value) ? sortBox.value : "" };
  }

  function remember(typing) {
    const url = urlOf(state);
    const unchanged = url === location.pathname + location.search + location.hash;
    const stillTyping = typing && history.state && history.state.kbTyping; // one word, one history step
    if (unchanged || stillTyping) {
      history.replaceState({ kbTyping: typing }, "", url);
    } else {
      history.pushState({ kbTyping: typing }, "", url);
    }
  }

  // ---------------------------------------------------------------- searching

  function pagefindFilters(except) {
    const filters = {};
    for (const [key, values] of Object.entries(state.filters)) {
      if (key !== except && values.length) filters[key] = { any: values };
    }
    return filters;
  }

  // One search: Pagefind's own, or, when the query names a place or organisation, the groups described at
  // the top of this file. Returns {results, filters (counts), named (how many of the name's records)}.
  async function find(index, plan, filters, sort) {
    const term = plan.text || EVERY_PAGE;
    if (!plan.entities.length) return index.search(term, { filters, sort });
    const named = { any: plan.entities.map((entity) => ({ [entity.options[0].kind]: entity.options[0].name })) };
    const inside = { all: [filters, named] };
    const relevance = Object.keys(sort).length === 0;
    const nameWords = plan.entities.filter((e) => e.options[0].kind !== "provincie").map((e) => e.options[0].name).join(" ");
    const [both, mentioned, all, elsewhere] = await Promise.all([
      plan.text && relevance ? index.search(plan.text, { filters: inside }) : null,
      nameWords && relevance ? index.search(nameWords, { filters: inside }) : null,
      index.search(EVERY_PAGE, { filters: inside, sort: relevance ? TITLE_ORDER : sort }),
      plan.text ? index.search(plan.text, { filters: { all: [filters, { not: named }] }, sort }) : null,
    ]);
    const seen = new Set();
    const results = [];
    for (const found of [both, mentioned, all, elsewhere]) {
      for (const result of (found && found.results) || []) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          results.push(result);
        }
      }
    }
    const counts = {};
    for (const found of [all, elsewhere]) {
      for (const [key, values] of Object.entries((found && found.filters) || {})) {
        counts[key] = counts[key] || {};
        for (const [value, number] of Object.entries(values)) counts[key][value] = (counts[key][value] || 0) + number;
      }
    }
    return { results, filters: counts, named: all.results.length };
  }

  // The page of the scheme the query names, among the scheme pages that match it: the few results of a
  // search on the one filter scheme pages carry, told apart by address (their fragments are the ones
  // the first results need anyway). Null when it does not match, e.g. under a filter it lacks.
  async function findSchemePage(index, plan, filters) {
    const page = new URL(plan.scheme.options[0].page, SITE_ROOT).pathname;
    const schemes = await index.search(plan.text, { filters: { all: [filters, { [SCHEME_FILTER]: SCHEME_VALUE }] } });
    const candidates = schemes.results.slice(0, SCHEME_CANDIDATES);
    const data = await Promise.all(candidates.map((result) => result.data()));
    const at = data.findIndex((found) => new URL(found.url, location.href).pathname === page);
    return at < 0 ? null : candidates[at];
  }

  function sortFor(state) {
    if (state.sort) return SORTS[state.sort];
    return state.q.trim() ? {} : TITLE_ORDER;
  }

  // One search at a time, the newest wins: Pagefind works through its queue in order, so searching on
  // every keystroke of a fast typist would make the last result wait for all the ones before it.
  let queued = null;
  let running = false;
  let wake = null; // ends a pause early when a newer search arrives

  function schedule(options = {}) {
    queued = { announce: "now", ...options };
    if (wake) wake();
    if (!running) drain();
  }

  function pause(ms) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });
  }

  async function drain() {
    running = true;
    try {
      while (queued) {
        const options = queued;
        queued = null;
        await update(options);
      }
    } catch (error) {
      console.error(error);
      status.textContent = count.textContent = "Zoeken lukte niet. Probeer het opnieuw, of blader via de overzichten.";
      root.dataset.kbBusy = "false";
    } finally {
      running = false;
    }
  }

  // The list and its count first (what the eye waits for), then the counts beside the values.
  // Counting a group with a choice needs its own search without that group; groups without one read
  // the counts of the main search. Without a query or a choice the counts are the totals.
  async function update({ announce }) {
    const number = ++searchNumber;
    const superseded = () => queued !== null || number !== searchNumber;
    root.dataset.kbBusy = "true";
    const query = state.q.trim();
    const plan = readQuery(query, names);
    const term = plan.text || EVERY_PAGE;
    const active = Object.keys(state.filters);
    // A name is a filter, so its searches need the index that has the filters loaded.
    const listIndex = active.length || plan.entities.length ? facetIndex : wordIndex;
    const sort = sortFor(state);
    const schemeFirst = plan.scheme && Object.keys(sort).length === 0;
    const [found, schemePage] = await Promise.all([
      find(listIndex, plan, pagefindFilters(null), sort),
      schemeFirst ? findSchemePage(listIndex, plan, pagefindFilters(null)) : null,
    ]);
    if (superseded()) return;
    if (found && schemePage) found.results = [schemePage, ...found.results.filter((r) => r.id !== schemePage.id)];
    document.title = query ? `Zoeken: ${query} — ${siteName}` : `Zoeken — ${siteName}`;
    current = { results: (found && found.results) || [], shown: 0, formerNames: formerNames(plan) };
    await showMore(false, FIRST_SCREEN, true); // the previous list stays until this one is ready
    if (superseded()) return;
    const schemes = (found && found.filters && found.filters[SCHEME_FILTER] && found.filters[SCHEME_FILTER][SCHEME_VALUE]) || 0;
    const text = summary(current.results.length, schemes);
    showNames(plan, Boolean(schemePage));
    count.textContent = text;
    clearTimeout(announceTimer);
    if (announce === "later") {
      announceTimer = setTimeout(() => { status.textContent = text; }, ANNOUNCE_DELAY);
    } else {
      status.textContent = text;
    }
    clear.hidden = active.length === 0;
    root.dataset.kbListed = String(++listed);
    await showMore(false, FIRST_BATCH - FIRST_SCREEN);
    if (superseded()) return;

    if (announce === "later") await pause(COUNT_PAUSE);
    if (superseded()) return;
    let main = listIndex === facetIndex ? found : null;
    if (!main && query) main = await facetIndex.search(term);
    if (superseded()) return;
    const perFacet = await Promise.all(active.map((key) => find(facetIndex, plan, pagefindFilters(key), {})));
    if (superseded()) return;
    const mainCounts = (main ? main.filters : totals) || {};
    const counts = {};
    for (const key of keys) counts[key] = mainCounts[key] || {};
    active.forEach((key, index) => {
      counts[key] = (perFacet[index] && perFacet[index].filters && perFacet[index].filters[key]) || {};
    });
    for (const facet of facets) facet.showCounts(counts[facet.key]);
    showGroupsToggle();
    // Once, after the first list, while the visitor reads: a ranked search on the index that will list the
    // first keystroke (with a filter ticked, the one with every filter), so that it does not pay for
    // Pagefind's first (see "The first keystroke" at the top).
    if (rendered === 0 && !query) await listIndex.search(EVERY_PAGE, { filters: pagefindFilters(null) });
    if (superseded()) return;
    root.dataset.kbBusy = "false";
    root.dataset.kbRendered = String(++rendered);
  }

  async function showMore(moveFocus, size = PAGE_SIZE, replace = false) {
    const number = searchNumber;
    const { results } = current;
    const batch = results.slice(current.shown, current.shown + size);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (number !== searchNumber) return;
    const items = data.map((page) => resultItem(page, Boolean(state.q.trim()), current.formerNames));
    if (replace) list.replaceChildren(...items);
    else list.append(...items);
    current.shown += batch.length;
    more.hidden = current.shown >= results.length;
    more.textContent = `Toon meer resultaten (${current.shown} van ${results.length} getoond)`;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  // What the query's names did: "Filter op gemeente Leiden (1)" in one click, a name without records said
  // plainly (with its province, when that has records), the word as text in quotes, and "Bedoelde u …?"
  // for a word one or two letters from a name.
  function showNames(plan, schemeFirst) {
    const parts = [];
    const rest = plan.text;
    for (const entity of plan.entities) {
      const [first] = entity.options;
      const line = document.createElement("p");
      if (first.count) {
        line.textContent = `Herkend: ${optionLabel(first)}. Praktijkvoorbeelden daarvan staan bovenaan.`;
      } else {
        line.textContent = `Er staan nog geen praktijkvoorbeelden van ${optionLabel(first)} in de kennisbank.`;
      }
      parts.push(line);
      const links = document.createElement("ul");
      links.className = "kb-names__links";
      for (const option of entity.options.filter((o) => o.count)) {
        links.append(stateLink(`Filter op ${optionLabel(option)} (${option.count})`,
          { q: rest, filters: { ...state.filters, [option.kind]: [option.name] }, sort: state.sort }));
      }
      if (!first.count && first.kind === "gemeente" && first.province) {
        const province = names.entities.find((e) => e.kind === "provincie" && e.name === first.province);
        if (province && province.count) {
          links.append(stateLink(`Bekijk praktijkvoorbeelden uit provincie ${province.name} (${province.count})`,
            { q: rest, filters: { provincie: [province.name] }, sort: state.sort }));
        }
      }
      links.append(stateLink(`Zoek “${entity.typed}” als woord in de tekst`,
        { q: state.q.replace(entity.typed, `"${entity.typed}"`), filters: state.filters, sort: state.sort }));
      parts.push(links);
    }
    if (plan.scheme) {
      const [scheme] = plan.scheme.options;
      const line = document.createElement("p");
      line.textContent = `Herkend: ${optionLabel(scheme)}.${schemeFirst ? " De pagina van de regeling staat bovenaan." : ""}`;
      const links = document.createElement("ul");
      links.className = "kb-names__links";
      if (scheme.count) {
        links.append(stateLink(`Filter op ${optionLabel(scheme)} (${scheme.count})`,
          { q: "", filters: { ...state.filters, [scheme.kind]: [scheme.name] }, sort: state.sort }));
      }
      links.append(stateLink(`Zoek “${plan.scheme.typed}” als woord in de tekst`,
        { q: `"${plan.scheme.typed}"`, filters: state.filters, sort: state.sort }));
      parts.push(line, links);
    }
    if (!plan.entities.length && !plan.scheme && names) {
      const near = nearNames(state.q, names);
      if (near.length) {
        const links = document.createElement("ul");
        links.className = "kb-names__links";
        for (const { word, option } of near) {
          const typed = state.q.split(/\s+/).find((w) => w.toLowerCase().includes(word.slice(0, 3))) || word;
          links.append(stateLink(`Bedoelde u ${optionLabel(option)}?`,
            { q: state.q.replace(typed, option.former || option.name), filters: state.filters, sort: state.sort }));
        }
        parts.push(links);
      }
    }
    namesBox.replaceChildren(...parts);
    namesBox.hidden = parts.length === 0;
  }

  function stateLink(text, next) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = urlOf({ ...next, q: next.q || "" });
    link.textContent = text;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      state = { q: next.q || "", filters: next.filters, sort: next.sort };
      showState(state);
      remember(false);
      input.focus();
      schedule();
    });
    li.append(link);
    return li;
  }

  // On a small screen the filter groups fold away behind one button (CSS shows it there only).
  function showGroupsToggle() {
    const open = groups.classList.contains("is-open");
    const chosen = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
    groupsToggle.setAttribute("aria-expanded", String(open));
    groupsToggle.textContent = `${open ? "Verberg" : "Toon"} filters${chosen ? ` (${chosen} gekozen)` : ""}`;
  }

  // ---------------------------------------------------------------- events

  groupsToggle.addEventListener("click", () => {
    groups.classList.toggle("is-open");
    showGroupsToggle();
  });

  input.addEventListener("input", () => {
    state = stateFromControls();
    schedule({ announce: "later" }); // hands the search to Pagefind's worker before the address changes (pushState is slow)
    remember(true);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state = stateFromControls();
    remember(false);
    schedule();
  });
  root.addEventListener("change", (event) => {
    if (!event.target.matches("input[type=checkbox]")) return; // the sort box has its own listener
    state = stateFromControls();
    remember(false);
    schedule();
  });
  clear.addEventListener("click", () => {
    state = { q: input.value, filters: {}, sort: state.sort };
    showState(state);
    remember(false);
    filtersTitle.focus();
    schedule();
  });
  more.addEventListener("click", () => showMore(true));
  sortBox.addEventListener("change", () => {
    state = stateFromControls();
    remember(false);
    schedule();
  });
  window.addEventListener("popstate", () => {
    state = readState(location.search);
    showState(state);
    schedule();
  });

  // ---------------------------------------------------------------- go

  for (const facet of facets) facet.ensure(state.filters[facet.key] || []);
  showState(state);
  history.replaceState({ kbTyping: false }, "", location.href);
  document.querySelector("[data-kb-search-fallback]")?.setAttribute("hidden", "");
  root.hidden = false;
  schedule();
}

// ------------------------------------------------------------------ one filter group

let controlNumber = 0;

class Facet {
  constructor(fieldset) {
    this.fieldset = fieldset;
    this.key = fieldset.dataset.kbFacet;
    this.list = fieldset.querySelector("[data-kb-values]");
    this.items = new Map(); // value -> {li, box, count}
    this.expanded = false;
    this.counts = {};
    this.pendingOrder = false;
    this.toggle = document.createElement("button");
    this.toggle.type = "button";
    this.toggle.className = "kb-facet__toggle";
    this.toggle.hidden = true;
    this.toggle.setAttribute("aria-expanded", "false");
    this.list.id = `kb-facet-${this.key.replace(/[^a-z0-9-]/gi, "")}-${++controlNumber}`;
    this.toggle.setAttribute("aria-controls", this.list.id);
    this.toggle.addEventListener("click", () => {
      this.expanded = !this.expanded;
      this.layout();
    });
    this.empty = document.createElement("p");
    this.empty.className = "kb-facet__empty";
    const label = fieldset.querySelector("legend").textContent.trim().toLowerCase();
    this.empty.textContent = `Geen ${label} bij deze resultaten.`; // e.g. records without a theme
    this.empty.hidden = true;
    fieldset.append(this.empty, this.toggle);
    // Never reorder the group someone is working in: re-sort when focus leaves it.
    fieldset.addEventListener("focusout", (event) => {
      if (this.pendingOrder && !fieldset.contains(event.relatedTarget)) this.layout();
    });
  }

  setValues(counts) {
    this.ensure(Object.keys(counts));
    this.counts = counts;
    this.layout();
  }

  ensure(values) {
    for (const value of values) this.add(value);
    this.fieldset.hidden = this.items.size === 0;
  }

  add(value) {
    if (this.items.has(value)) return;
    const li = document.createElement("li");
    li.className = "kb-facet__value";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `kb-f-${++controlNumber}`;
    box.name = this.key;
    box.value = value;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    const name = document.createElement("span");
    name.className = "kb-facet__name";
    name.textContent = value;
    const count = document.createElement("span");
    count.className = "kb-facet__count";
    label.append(name, " ", count);
    li.append(box, label);
    this.items.set(value, { li, box, count });
  }

  select(values) {
    this.ensure(values);
    const wanted = new Set(values);
    for (const [value, item] of this.items) item.box.checked = wanted.has(value);
  }

  selected() {
    return [...this.items].filter(([, item]) => item.box.checked).map(([value]) => value);
  }

  showCounts(counts) {
    this.counts = counts || {};
    for (const [value, item] of this.items) item.count.textContent = `(${this.counts[value] || 0})`;
    this.layout();
  }

  ordered() {
    return [...this.items.keys()].sort((a, b) => (this.counts[b] || 0) - (this.counts[a] || 0) || collator.compare(a, b));
  }

  layout() {
    const focused = this.fieldset.contains(document.activeElement) && document.activeElement !== this.toggle;
    let order;
    if (focused) {
      order = [...this.list.children].map((li) => li.querySelector("input").value);
      order.push(...this.ordered().filter((value) => !order.includes(value)));
      this.pendingOrder = true;
    } else {
      order = this.ordered();
      this.pendingOrder = false;
    }
    // Values without results are left out unless ticked; a long group shows its first few.
    const candidates = order.filter((value) => (this.counts[value] || 0) > 0 || this.items.get(value).box.checked);
    const long = candidates.length > SHORT_LIST + 2;
    const visible = new Set(long && !this.expanded
      ? candidates.filter((value, index) => index < SHORT_LIST || this.items.get(value).box.checked)
      : candidates);
    order.forEach((value, index) => {
      const { li, box } = this.items.get(value);
      li.hidden = !visible.has(value) && box !== document.activeElement;
      if (this.list.children[index] !== li) this.list.insertBefore(li, this.list.children[index] || null);
    });
    this.empty.hidden = candidates.length > 0;
    this.toggle.hidden = !long;
    this.toggle.setAttribute("aria-expanded", String(this.expanded));
    this.toggle.textContent = this.expanded ? "Toon minder" : `Toon alle ${candidates.length}`;
  }
}

// ------------------------------------------------------------------ one result

// {current name: "Geldermalsen (nu West Betuwe)"} for former names in the query, shown in results.
function formerNames(plan) {
  const out = {};
  for (const entity of plan.entities) {
    const [first] = entity.options;
    if (first.former && first.former !== first.name) out[first.name] = `${first.former} (nu ${first.name})`;
  }
  return out;
}

function resultItem(page, withExcerpt, former = {}) {
  const meta = page.meta || {};
  const filters = page.filters || {};
  const li = document.createElement("li");
  li.className = "kb-result";
  const title = document.createElement("h3");
  title.className = "kb-result__title";
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = meta.title || page.url;
  title.append(link);
  li.append(title);
  if (meta.description) li.append(paragraph("kb-result__text", meta.description));
  if (withExcerpt && page.excerpt) {
    const nodes = excerptNodes(page.excerpt);
    const text = nodes.map((node) => node.textContent).join("");
    // Only when it adds something: a hit in the title or the description is already on screen.
    const words = (value) => value.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    const opening = words(text).split(" ").slice(0, 6).join(" ");
    const shown = words(`${meta.title || ""} ${meta.description || ""}`);
    if (!shown.includes(opening)) {
      const excerpt = paragraph("kb-result__excerpt", "");
      excerpt.append(...nodes);
      li.append(excerpt);
    }
  }
  const facts = [];
  const kind = (filters.soort || [])[0];
  if (kind) facts.push(kind);
  const shownAs = (name) => former[name] || name;
  if (meta.organisaties) facts.push(meta.organisaties.split(", ").map(shownAs).join(", "));
  else if (filters.gemeente && filters.gemeente.length) facts.push(places(filters.gemeente.map(shownAs)));
  const mentioned = Object.keys(former).filter((name) => (filters.gemeente || []).includes(name)
    && !(meta.organisaties || "").split(", ").includes(name));
  if (mentioned.length) facts.push(mentioned.map(shownAs).join(", "));
  const period = meta.periode || years(filters.jaar);
  if (period) facts.push(period);
  if (facts.length) {
    const line = paragraph("kb-result__meta", "");
    for (const fact of facts) {
      const span = document.createElement("span");
      span.textContent = fact;
      line.append(span);
    }
    li.append(line);
  }
  return li;
}

function paragraph(className, text) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

function places(names) {
  const sorted = [...names].sort(collator.compare);
  if (sorted.length <= 3) return `${sorted.length === 1 ? "Gemeente" : "Gemeenten"}: ${sorted.join(", ")}`;
  return `Gemeenten: ${sorted.slice(0, 3).join(", ")} en ${sorted.length - 3} andere`;
}

function years(values) {
  const numbers = (values || []).map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  if (!numbers.length) return "";
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return first === last ? String(first) : `${first} – ${last}`;
}

// Pagefind's excerpt is the page's text with "<" and ">" written as &lt; and &gt; and <mark> around the
// hits (pagefind.js, loadFragment and build_excerpt). It is split on the marks and each piece becomes
// text, so nothing in it can become markup on this page; no HTML parser needed (a DOMParser document per
// result cost more than the rest of a result together).
function excerptNodes(html) {
  const nodes = [];
  let marked = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") {
      marked = piece === "<mark>";
    } else if (piece) {
      const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(EVERY_PAGE_WORD, "");
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(text));
      }
    }
  }
  return nodes;
}

function summary(total, schemes) {
  if (total === 0) return "Geen resultaten gevonden. Probeer een ander woord of haal een filter weg.";
  const projects = total - schemes;
  const parts = [];
  if (projects) parts.push(`${projects} ${projects === 1 ? "praktijkvoorbeeld" : "praktijkvoorbeelden"}`);
  if (schemes) parts.push(`${schemes} ${schemes === 1 ? "regeling" : "regelingen"}`);
  return `${parts.join(" en ")} gevonden`;
}
