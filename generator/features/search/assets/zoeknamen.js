// Names in a query: municipalities (current and former), provinces and organisations, recognised the
// way `check` recognises them (generator/core/text.fold: case, accents and punctuation do not count;
// "gemeente" or "provincie" before a name says which). The names and their record counts come from
// zoeknamen.json, made at build time from the register and the organisations file
// (generator/features/search/search.py, name_data). A recognised name is never a text word, so it
// is never stemmed ("leiden" is not the verb). Words in quotes are always text.
// A query that is a scheme's name and nothing else ("GemeenteDelers", "regeling GemeenteDelers 2021") names
// that scheme: its page comes first. Its words still search the text, as the records that mention it are
// what someone asking for a scheme wants next.

const MAX_WORDS = 6; // the longest name, in folded words ("nuenen gerwen en nederwetten" and a kind word)
// Words that carry no meaning in a question like "wat doet Breda aan talent?" ("of" in the search box's
// own example). Dropped from the text, unless nothing else is left.
const STOP_WORDS = new Set(["de", "het", "een", "en", "of", "in", "van", "voor", "met", "op", "te", "aan", "bij",
  "door", "over", "wat", "hoe", "doet", "doen", "is", "zijn", "die", "dat", "er", "om", "uit", "naar", "ook", "als", "hieraan"]);

export function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

export async function loadNames(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const data = await response.json();
  const entities = data.entiteiten.map(([kind, name, count, province, page]) => ({ kind, name, count, province, page }));
  return { entities, keys: new Map(Object.entries(data.namen)), kindWords: data.soortwoorden || {},
    schemes: new Map(Object.entries(data.regelingen || {})) };
}

// The query as {entities: [{typed, options: [{kind, name, count, province, former}]}], text, words, scheme}.
// `options[0]` is what the name puts first (a current municipality before a province of that name);
// `scheme`: {typed, options: [the scheme]} when the whole query names one (and no place), else null;
// `text` is what Pagefind searches: the other words, quoted parts kept as phrases; one-letter words
// and stop words only when nothing else is left.
export function readQuery(query, names) {
  const pieces = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  let match;
  while ((match = pattern.exec(query)) !== null) {
    if (match[1] !== undefined) {
      if (match[1].trim()) pieces.push({ raw: `"${match[1].trim()}"`, quoted: true });
    } else {
      pieces.push({ raw: match[2], quoted: false, key: fold(match[2]) });
    }
  }
  const entities = [];
  const rest = [];
  let i = 0;
  while (i < pieces.length) {
    const found = names ? longestName(pieces, i, names) : null;
    if (found) {
      entities.push(found.entity);
      i = found.next;
    } else {
      rest.push(pieces[i]);
      i += 1;
    }
  }
  const meaningful = rest.filter((p) => p.quoted || (p.key && p.key.length > 1 && !STOP_WORDS.has(p.key)));
  const keep = meaningful.length || entities.length ? meaningful : rest;
  const scheme = names && !entities.length ? schemeNamed(rest, names) : null;
  return { entities, text: keep.map((p) => p.raw).join(" "), words: keep.map((p) => p.raw), scheme };
}

const SCHEME_WORDS = new Set(["regeling", "wedstrijd"]);

function schemeNamed(pieces, names) {
  if (!names.schemes || pieces.some((p) => p.quoted || !p.key)) return null;
  const named = SCHEME_WORDS.has(pieces[0]?.key) && pieces.length > 1 ? pieces.slice(1) : pieces;
  const index = names.schemes.get(named.map((p) => p.key).join(" "));
  if (index === undefined) return null;
  return { typed: pieces.map((p) => p.raw).join(" "), options: [{ ...names.entities[index], former: "", alias: "" }] };
}

function longestName(pieces, start, names) {
  if (pieces[start].quoted || !pieces[start].key) return null;
  let kind = null;
  let first = start;
  const kindWord = names.kindWords[pieces[start].key];
  if (kindWord && start + 1 < pieces.length && !pieces[start + 1].quoted) {
    kind = kindWord;
    first = start + 1;
  }
  for (let end = Math.min(pieces.length, first + MAX_WORDS); end > first; end -= 1) {
    const span = pieces.slice(first, end);
    if (span.some((p) => p.quoted || !p.key)) continue;
    const key = span.map((p) => p.key).join(" ");
    const entries = names.keys.get(key);
    if (!entries) continue;
    const typed = pieces.slice(start, end).map((p) => p.raw).join(" ");
    const spoken = span.map((p) => p.raw).join(" ");
    let options = entries.map(([index, former]) => {
      const option = { ...names.entities[index], former: former || "", alias: "" };
      // A synonym ("den haag" for 's-Gravenhage) is shown as the reader wrote it, the official name after it.
      if (!former && fold(option.name) !== key) option.alias = capitalised(spoken);
      return option;
    });
    if (kind && options.some((o) => o.kind === kind)) options = options.filter((o) => o.kind === kind);
    return { entity: { typed, options }, next: end };
  }
  return null;
}

// Names close to a word that was not recognised ("Geldermalzen"), for a "Bedoelde u …?" link. Never applied
// by itself: a word one letter from a name is often an ordinary word ("leider").
export function nearNames(query, names, limit = 2) {
  const out = [];
  for (const word of fold(query.replace(/"[^"]*"?/g, " ")).split(" ")) {
    if (word.length < 5 || names.keys.has(word)) continue;
    const bound = word.length >= 9 ? 2 : 1;
    for (const [key, entries] of names.keys) {
      if (key.includes(" ") || Math.abs(key.length - word.length) > bound) continue;
      if (distance(word, key, bound) <= bound) out.push({ word, key, option: { ...names.entities[entries[0][0]], former: entries[0][1] || "" } });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function distance(a, b, bound) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > bound) return bound + 1;
    previous = row;
  }
  return previous[b.length];
}

// How an option reads: "gemeente Leiden", "gemeente Geldermalsen (nu West Betuwe)", "gemeente Den Haag
// ('s-Gravenhage)", "provincie Utrecht", "organisatie Dienst Dommelvallei".
export function optionLabel(option) {
  let name = option.name;
  if (option.former && option.former !== option.name) name = `${option.former} (nu ${option.name})`;
  else if (option.alias) name = `${option.alias} (${option.name})`;
  return `${option.kind} ${name}`;
}

// "den haag" -> "Den Haag": a synonym as typed, with the capitals a name has.
function capitalised(text) {
  return text.split(" ").map((word) => word.charAt(0).toLocaleUpperCase("nl") + word.slice(1)).join(" ");
}
