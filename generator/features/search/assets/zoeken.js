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
// - Text from the index reaches the page through textContent only, never innerHTML.

const FIRST_BATCH = 10; // results shown right after a search
const PAGE_SIZE = 20; // results added per "Toon meer resultaten"
const SHORT_LIST = 8; // a longer group shows this many values until "Toon alle"
const ANNOUNCE_DELAY = 500; // ms of quiet typing before the count is announced
const COUNT_PAUSE = 250; // ms of quiet typing before the counts are searched
// A filter only scheme pages carry (overrides/main.html): the quick index loads just this one, so its
// results say how many are schemes without counting every filter.
const SCHEME_FILTER = "regelingpagina";
const SCHEME_VALUE = "ja";
// A word on every indexed page (overrides/main.html). Browsing without a query searches this word
// instead of search(null): for a search without a term Pagefind fetches the whole word index
// (measured with 1.5: megabytes at 5,000 records); for this word, one chunk.
const EVERY_PAGE = "0kbrecord";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is assets/kennisbank/zoeken.js
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
    return { q: params.get("q") || "", filters };
  }

  function urlOf(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    for (const key of keys) for (const value of state.filters[key] || []) params.append(key, value);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "") + location.hash;
  }

  function showState(state) {
    input.value = state.q;
    for (const facet of facets) facet.select(state.filters[facet.key] || []);
  }

  function stateFromControls() {
    const filters = {};
    for (const facet of facets) {
      const values = facet.selected();
      if (values.length) filters[facet.key] = values;
    }
    return { q: input.value, filters };
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
    const term = query || EVERY_PAGE;
    const active = Object.keys(state.filters);
    const listIndex = active.length ? facetIndex : wordIndex;
    const found = await listIndex.search(term, { filters: pagefindFilters(null), sort: query ? {} : { titel: "asc" } });
    if (superseded()) return;
    current = { results: (found && found.results) || [], shown: 0 };
    list.replaceChildren();
    await showMore(false, FIRST_BATCH);
    if (superseded()) return;
    const schemes = (found && found.filters && found.filters[SCHEME_FILTER] && found.filters[SCHEME_FILTER][SCHEME_VALUE]) || 0;
    const text = summary(current.results.length, schemes);
    count.textContent = text;
    clearTimeout(announceTimer);
    if (announce === "later") {
      announceTimer = setTimeout(() => { status.textContent = text; }, ANNOUNCE_DELAY);
    } else {
      status.textContent = text;
    }
    clear.hidden = active.length === 0;
    root.dataset.kbListed = String(++listed);

    if (announce === "later") await pause(COUNT_PAUSE);
    if (superseded()) return;
    let main = listIndex === facetIndex ? found : null;
    if (!main && query) main = await facetIndex.search(term);
    if (superseded()) return;
    const perFacet = await Promise.all(active.map((key) => facetIndex.search(term, { filters: pagefindFilters(key) })));
    if (superseded()) return;
    const mainCounts = (main ? main.filters : totals) || {};
    const counts = {};
    for (const key of keys) counts[key] = mainCounts[key] || {};
    active.forEach((key, index) => {
      counts[key] = (perFacet[index] && perFacet[index].filters && perFacet[index].filters[key]) || {};
    });
    for (const facet of facets) facet.showCounts(counts[facet.key]);
    showGroupsToggle();
    root.dataset.kbBusy = "false";
    root.dataset.kbRendered = String(++rendered);
  }

  async function showMore(moveFocus, size = PAGE_SIZE) {
    const number = searchNumber;
    const { results } = current;
    const batch = results.slice(current.shown, current.shown + size);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (number !== searchNumber) return;
    const items = data.map((page) => resultItem(page, Boolean(state.q.trim())));
    list.append(...items);
    current.shown += batch.length;
    more.hidden = current.shown >= results.length;
    more.textContent = `Toon meer resultaten (${current.shown} van ${results.length} getoond)`;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
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
    remember(true);
    schedule({ announce: "later" });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state = stateFromControls();
    remember(false);
    schedule();
  });
  root.addEventListener("change", (event) => {
    if (!event.target.matches("input[type=checkbox]")) return;
    state = stateFromControls();
    remember(false);
    schedule();
  });
  clear.addEventListener("click", () => {
    state = { q: input.value, filters: {} };
    showState(state);
    remember(false);
    filtersTitle.focus();
    schedule();
  });
  more.addEventListener("click", () => showMore(true));
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

function resultItem(page, withExcerpt) {
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
  if (meta.organisaties) facts.push(meta.organisaties);
  else if (filters.gemeente && filters.gemeente.length) facts.push(places(filters.gemeente));
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

// Pagefind's excerpt is HTML with <mark> around the hits. It is parsed in an inert document and only
// its text and the marks are carried over, so nothing in it can become markup on this page.
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const nodes = [];
  for (const node of doc.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
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
