/**
 * Rekenhulp view, part 4 of 7 (lines): the calculator's cost lines. Adds, numbers and
 * removes external cost lines and persons, and offers a scheme's hourly-rate table. See
 * rekenhulp-dom.js for how the files are loaded.
 *
 * `view` is the object startRekenhulp() builds; view.calc holds the calculator's elements,
 * its checker and its two kinds of line, {rows, list, label, add}.
 */

function say(calc, text) {
  // Clear first so the same message twice is announced twice.
  calc.status.textContent = "";
  setTimeout(() => {
    calc.status.textContent = text;
  }, 50);
}

function field(id, labelText, control, { hint, hintId, error = true } = {}) {
  return h("div", { class: "rh-field" },
    h("label", { for: id, text: labelText }),
    hint ? h("p", { class: "rh-hint", id: hintId ?? `${id}-hint`, text: hint }) : null,
    error ? h("p", { class: "rh-error", id: `${id}-error`, hidden: true }) : null,
    control);
}

function radioGroup(name, legendText, options, checked, describedBy = null) {
  return h("fieldset", { class: "rh-field rh-radios", "aria-describedby": describedBy },
    h("legend", { text: legendText }),
    h("div", { class: "rh-radios__items rh-radios__items--inline" },
      options.map(([value, text]) => {
        const id = `${name}-${value}`;
        return h("div", { class: "rh-radio" },
          h("input", { type: "radio", id, name, value, checked: value === checked }),
          h("label", { for: id, text }));
      })));
}

// ----- external cost lines -----------------------------------------------------------

function addExternal(view, values = {}, focus = false) {
  const { calc } = view;
  const key = calc.nextKey++;
  const base = `rh-e-${key}`;
  const description = h("input", { type: "text", id: `${base}-oms`, class: "rh-input", autocomplete: "off" });
  description.value = values.description ?? "";
  const amount = h("input", {
    type: "text", id: `${base}-bedrag`, class: "rh-input rh-input--amount",
    inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": `${base}-bedrag-hint`,
  });
  amount.value = values.amount ?? "";
  const legend = h("legend", { class: "rh-line__legend" });
  const remove = h("button", { type: "button", class: "rh-button rh-button--link rh-no-print" });
  const related = values.project_related === false ? "nee" : "ja";
  const development = values.for_development === false ? "nee" : "ja";
  const row = { key, description, amount, legend, remove };
  row.fieldset = h("fieldset", { class: "rh-line", id: base },
    legend,
    h("div", { class: "rh-line__fields" },
      field(description.id, "Omschrijving", description, { error: false }),
      field(amount.id, "Bedrag ex btw", amount, { hint: "In euro, bijvoorbeeld 15.000,00" }),
      radioGroup(`${base}-proj`, "Projectgerelateerd?", [["ja", "Ja"], ["nee", "Nee"]], related),
      radioGroup(`${base}-ontw`, "Voor de ontwikkeling van medewerkers of organisatie?", [["ja", "Ja"], ["nee", "Nee"]],
        development, "rh-c-ontwikkeling-hint")),
    remove);
  row.related = () => row.fieldset.querySelector(`input[name="${base}-proj"]:checked`)?.value !== "nee";
  row.development = () => row.fieldset.querySelector(`input[name="${base}-ontw"]:checked`)?.value !== "nee";
  row.parse = () => parseAmount(amount.value);
  remove.addEventListener("click", () => removeRow(view, calc.external, row));
  calc.checker.register(amount, () => externalAmountMessage(row));
  calc.external.rows.push(row);
  calc.external.list.append(row.fieldset);
  renumber(calc);
  if (focus) {
    description.focus();
  }
  return row;
}

// ----- internal persons ----------------------------------------------------------------

function addInternal(view, values = {}, focus = false) {
  const { calc } = view;
  const key = calc.nextKey++;
  const base = `rh-i-${key}`;
  const role = h("select", { id: `${base}-rol`, class: "rh-select" },
    h("option", { value: "projectleider", text: "Projectleider" }),
    h("option", { value: "overig", text: "Overig (bijvoorbeeld teamleider of medewerker)" }));
  role.value = values.role === "projectleider" ? "projectleider" : values.role === "overig" ? "overig"
    : calc.internal.rows.length === 0 ? "projectleider" : "overig";
  const hours = h("input", {
    type: "text", id: `${base}-uren`, class: "rh-input rh-input--short",
    inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": `${base}-uren-hint`,
  });
  hours.value = values.hours ?? "";
  const rate = h("input", {
    type: "text", id: `${base}-uurloon`, class: "rh-input rh-input--amount",
    inputmode: "decimal", autocomplete: "off", spellcheck: "false",
    "aria-describedby": "rh-c-uurloon-hint", "data-rh-shared-hint": "rh-c-uurloon-hint",
  });
  rate.value = values.rate ?? "";
  const legend = h("legend", { class: "rh-line__legend" });
  const remove = h("button", { type: "button", class: "rh-button rh-button--link rh-no-print" });
  const tableSlot = h("div", { class: "rh-line__table" });
  const row = {
    key, role, hours, rate, legend, remove, tableSlot, onTableChange: null,
    table: { jaar: values.jaar ?? "", schaal: values.schaal ?? "", periodiek: values.periodiek ?? "" },
  };
  tableSlot.addEventListener("change", (event) => row.onTableChange?.(event));
  row.fieldset = h("fieldset", { class: "rh-line", id: base },
    legend,
    h("div", { class: "rh-line__fields" },
      field(role.id, "Rol", role),
      field(hours.id, "Uren", hours, { hint: "Bijvoorbeeld 24 of 7,5" }),
      tableSlot,
      field(rate.id, "Uurloon in euro", rate)),
    remove);
  row.parseHours = () => parseHours(hours.value);
  row.parseRate = () => parseAmount(rate.value);
  remove.addEventListener("click", () => removeRow(view, calc.internal, row));
  calc.checker.register(role, () => roleMessage(view, row));
  calc.checker.register(hours, () => hoursMessage(row));
  calc.checker.register(rate, () => rateMessage(row));
  calc.internal.rows.push(row);
  calc.internal.list.append(row.fieldset);
  renderRateTable(view, row);
  renumber(calc);
  if (focus) {
    role.focus();
  }
  return row;
}

/**
 * Where the scheme publishes an hourly-rate table, offer year, schaal and periodiek;
 * choosing them fills the rate field (which stays editable).
 */
function renderRateTable(view, row) {
  const { calc } = view;
  const table = currentScheme(view)?.uurloontabel ?? [];
  row.tableSlot.replaceChildren();
  row.onTableChange = null;
  if (!table.length) {
    return;
  }
  const years = [...new Set(table.map((r) => r.jaar))];
  if (!years.includes(Number(row.table.jaar))) {
    row.table.jaar = String(years[years.length - 1]);
  }
  const inYear = table.filter((r) => String(r.jaar) === String(row.table.jaar));
  const select = (suffix, labelText, values, current) => {
    const id = `rh-i-${row.key}-${suffix}`;
    const control = h("select", { id, class: "rh-select rh-select--short" },
      h("option", { value: "", text: "Kies" }),
      values.map((v) => h("option", { value: String(v), text: String(v) })));
    control.value = values.map(String).includes(String(current)) ? String(current) : "";
    return field(id, labelText, control, { error: false });
  };
  const schalen = [...new Set(inYear.map((r) => r.schaal))];
  const periodieken = [...new Set(inYear.map((r) => r.periodiek))].sort((a, b) => a - b);
  row.tableSlot.append(
    years.length > 1 ? select("jaar", "Jaar van de startmaand", years, row.table.jaar) : null,
    select("schaal", "Schaal", schalen, row.table.schaal),
    select("per", "Periodiek", periodieken, row.table.periodiek));
  row.onTableChange = (event) => {
    const id = event.target.id;
    if (id.endsWith("-jaar")) {
      row.table.jaar = event.target.value;
      renderRateTable(view, row);
      document.getElementById(id)?.focus();
    } else if (id.endsWith("-schaal")) {
      row.table.schaal = event.target.value;
    } else if (id.endsWith("-per")) {
      row.table.periodiek = event.target.value;
    }
    const hit = table.find((r) => String(r.jaar) === String(row.table.jaar)
      && String(r.schaal) === String(row.table.schaal) && String(r.periodiek) === String(row.table.periodiek));
    if (hit) {
      row.rate.value = formatNumberNl(hit.uurloon, 2);
      calc.checker.show(row.rate, null);
      say(calc, `Uurloon van medewerker ${row.number} ingevuld: ${formatContractEuro(hit.uurloon)}.`);
    } else if (row.table.schaal && row.table.periodiek) {
      say(calc, `De uurloontabel heeft geen bedrag voor schaal ${row.table.schaal}, periodiek ${row.table.periodiek}; vul het uurloon zelf in.`);
    }
  };
}

// ----- removing and numbering ----------------------------------------------------------

function removeRow(view, kind, row) {
  const { calc } = view;
  const { rows } = kind;
  const index = rows.indexOf(row);
  rows.splice(index, 1);
  for (const input of row.fieldset.querySelectorAll("input, select")) {
    calc.checker.unregister(input);
  }
  row.fieldset.remove();
  renumber(calc);
  calc.checker.recheckShown();
  const next = rows[index] ?? rows[index - 1];
  (next ? next.fieldset.querySelector("input, select") : document.getElementById(kind.add)).focus();
  say(calc, `${capital(kind.label)} ${index + 1} is verwijderd.`);
  renderCalculation(view);
  saveState(view);
}

function renumber(calc) {
  for (const kind of [calc.external, calc.internal]) {
    kind.rows.forEach((row, i) => {
      row.number = i + 1;
      row.legend.textContent = `${capital(kind.label)} ${i + 1}`;
      row.remove.textContent = `Verwijder ${kind.label} ${i + 1}`;
    });
  }
}

function clearRows(calc) {
  for (const row of [...calc.external.rows, ...calc.internal.rows]) {
    for (const input of row.fieldset.querySelectorAll("input, select")) {
      calc.checker.unregister(input);
    }
    row.fieldset.remove();
  }
  calc.external.rows.length = 0;
  calc.internal.rows.length = 0;
}
