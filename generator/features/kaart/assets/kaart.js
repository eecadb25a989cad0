// Maps and sortable tables, enhanced.
//
// - A map (figure[data-kb-map]) is an <img> of kaart/gemeenten.svg, so the page stays light and works
//   without JavaScript. This script fetches that same file and puts the SVG in its place, so each
//   municipality's shape becomes a link for a mouse; the links keep the SVG file's own addresses
//   (resolved against its URL), and stay out of the tab order and the accessibility tree: the table
//   beside it has the same links.
// - A table[data-kb-sortable] gets a button in each column head; it sorts by that column
//   (numbers as numbers, names in Dutch order) and says so in aria-sort.

for (const figure of document.querySelectorAll("[data-kb-map]")) inlineMap(figure).catch(() => undefined);
for (const table of document.querySelectorAll("table[data-kb-sortable]")) sortable(table);

async function inlineMap(figure) {
  const img = figure.querySelector("img");
  const response = await fetch(img.src);
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return;
  for (const link of svg.querySelectorAll("a[href]")) {
    link.setAttribute("href", new URL(link.getAttribute("href"), img.src).href);
    link.setAttribute("tabindex", "-1");
  }
  // Hidden from assistive technology: links inside an image would be nested controls, and the table
  // beside it says the same; the image's description stays as text.
  svg.removeAttribute("role");
  svg.removeAttribute("aria-labelledby");
  svg.setAttribute("aria-hidden", "true");
  svg.querySelector("title")?.remove();
  const description = document.createElement("span");
  description.className = "kb-map__text";
  description.textContent = img.alt;
  img.replaceWith(description, document.importNode(svg, true));
  figure.dataset.kbMapReady = "true";
}

function sortable(table) {
  const heads = [...table.tHead.rows[0].cells];
  const body = table.tBodies[0];
  heads.forEach((head, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kb-sort";
    button.append(...head.childNodes);
    head.append(button);
    button.addEventListener("click", () => {
      const descending = head.getAttribute("aria-sort") !== "descending" && head.dataset.type === "number"
        || head.getAttribute("aria-sort") === "ascending";
      const numeric = head.dataset.type === "number";
      const rows = [...body.rows];
      const key = (row) => row.cells[column].textContent.trim();
      rows.sort((a, b) => {
        const order = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), "nl");
        return (descending ? -order : order) || key(a).localeCompare(key(b), "nl");
      });
      body.append(...rows);
      for (const other of heads) other.removeAttribute("aria-sort");
      head.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
  });
}
