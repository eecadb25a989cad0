/**
 * Kennisbank: keyboard and zoom repairs to Material's layout, on every page.
 *
 * 1. The menu. Below 1220 CSS px (a phone, or a desktop zoomed to 110 %) Material's navigation is a
 *    drawer opened by a <label> for a hidden checkbox: no keyboard user can reach it, and the closed
 *    drawer's links stay in the tab order off-screen. The header's <button> (partials/header.html)
 *    toggles that same checkbox, tells its state with aria-expanded, moves focus into the drawer and
 *    back, closes on Escape, and the closed drawer is `inert`. At 1220 px and wider the drawer is
 *    the visible sidebar: never inert.
 * 2. Wide tables. Material hides horizontal overflow on <html>, so a table wider than a phone was
 *    cut off. Each table gets a wrapper that scrolls; when it really overflows, the wrapper is a
 *    focusable region named after the table's caption (WCAG 1.4.10, 2.1.1).
 */
(function () {
  "use strict";

  const DRAWER_QUERY = window.matchMedia("(max-width: 76.1875em)");
  const HEADINGS = "h1, h2, h3, h4, h5, h6";

  function setUpMenu() {
    const toggle = document.getElementById("__drawer");
    const button = document.querySelector(".kb-menu-button[aria-controls]");
    const drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !drawer) {
      return;
    }
    drawer.id = "kb-menu";
    button.hidden = false;
    const nav = drawer.querySelector(".md-nav--primary") || drawer;
    let close = drawer.querySelector(".kb-drawer-close");
    if (!close) {
      close = document.createElement("button");
      close.type = "button";
      close.className = "kb-drawer-close";
      close.textContent = "Menu sluiten";
      nav.prepend(close);
    }

    function sync() {
      const open = toggle.checked;
      button.setAttribute("aria-expanded", String(open));
      drawer.inert = DRAWER_QUERY.matches && !open;
    }

    function setOpen(open, focusAfter) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change", { bubbles: true })); // Material locks the page's scroll
      }
      sync();
      if (focusAfter) {
        focusAfter.focus();
      }
    }

    button.addEventListener("click", () => {
      const opening = !toggle.checked;
      setOpen(opening, opening ? close : null);
    });
    close.addEventListener("click", () => setOpen(false, button));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked && DRAWER_QUERY.matches) {
        setOpen(false, button);
      }
    });
    toggle.addEventListener("change", sync); // the overlay (a label) closes the drawer too
    DRAWER_QUERY.addEventListener("change", () => {
      if (!DRAWER_QUERY.matches && toggle.checked) {
        setOpen(false, null);
      }
      sync();
    });
    sync();
  }

  /** The heading a table sits under: its name when it has no caption. */
  function headingBefore(element) {
    for (let node = element; node && !node.matches(".md-content"); node = node.parentElement) {
      for (let previous = node.previousElementSibling; previous; previous = previous.previousElementSibling) {
        const heading = previous.matches(HEADINGS) ? previous : [...previous.querySelectorAll(HEADINGS)].pop();
        if (heading) {
          return heading.innerText.trim();
        }
      }
    }
    return "";
  }

  function tableName(table) {
    const caption = table.querySelector("caption");
    const text = (caption ? caption.innerText : headingBefore(table)).trim().replace(/\s+/g, " ");
    return text ? `Tabel: ${text}` : "Tabel";
  }

  function wrapTable(table) {
    const parent = table.parentElement;
    if (!parent || parent.classList.contains("kb-scroll")) {
      return;
    }
    // Material scrolls its own wrapper around tables without a class; that wrapper gets the region role.
    if (parent.classList.contains("md-typeset__table")) {
      parent.parentElement?.classList.add("kb-scroll");
      return;
    }
    const wrapper = document.createElement("div");
    wrapper.className = "kb-scroll";
    parent.insertBefore(wrapper, table);
    wrapper.append(table);
  }

  function markScrollers() {
    const used = new Map(); // landmark names must be unique (two tables under one heading)
    for (const wrapper of document.querySelectorAll(".md-content .kb-scroll")) {
      const table = wrapper.querySelector("table");
      if (!table) {
        continue;
      }
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("tabindex", "0");
        const name = tableName(table);
        const count = (used.get(name) || 0) + 1;
        used.set(name, count);
        wrapper.setAttribute("aria-label", `${name}${count > 1 ? ` (${count})` : ""} (schuift horizontaal)`);
      } else {
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("aria-label");
      }
    }
  }

  function setUpTables() {
    const content = document.querySelector(".md-content");
    if (!content) {
      return;
    }
    let pending = false;
    const update = () => {
      if (pending) {
        return;
      }
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        content.querySelectorAll("table").forEach(wrapTable);
        markScrollers();
      });
    };
    update();
    window.addEventListener("resize", update);
    // Tables drawn later (the calculator's results) and Material's own wrapping.
    new MutationObserver(update).observe(content, { childList: true, subtree: true });
  }

  setUpMenu();
  setUpTables();
})();
