// The filter sidebar: facet checkboxes with counts, the date histogram, and figure (number) filters.
// Facets are disjunctive on the server: ticking a value keeps its siblings' counts, so a facet
// reads as "how many articles would each choice give", and every tick re-runs the search.

import { facetValues } from "./api.js";
import { append, clear, h } from "./dom.js";
import { describeFilter, formatMonth, formatNumber, plural } from "./format.js";
import { parseNumberFilter } from "./state.js";

const FIRST = ["source", "published", "people", "organizations", "places", "groups", "counted"];
const SHOWN = 5;
const SEARCHABLE = new Set(["people", "organizations", "places", "groups", "authors", "source"]);
const expanded = new Set(); // facets whose "show more" is open, kept across renders
let suggestCounter = 0;

function ordered(facets) {
  const all = Object.values(facets);
  const rank = (facet) => (FIRST.includes(facet.name) ? FIRST.indexOf(facet.name) : FIRST.length);
  return all.sort((a, b) => rank(a) - rank(b));
}

/**
 * Render the sidebar. `update(change)` applies `change(state)` to a copy of the state, back on
 * page 1, and searches again.
 */
export function renderFilters(container, { response, state, update }) {
  clear(container);
  for (const facet of ordered(response.facets)) {
    if (facet.kind === "date_histogram") append(container, [dateFacet(facet, response, state, update)]);
    else if (facet.values.length || state.filters[facet.name]?.length) append(container, [termsFacet(facet, state, update)]);
    if (facet.name === "published") append(container, [figures(response, state, update)]);
  }
  if (!response.facets.published) append(container, [figures(response, state, update)]);
}

function toggle(update, name, value, on) {
  update((state) => {
    const values = new Set(state.filters[name] || []);
    if (on) values.add(value);
    else values.delete(value);
    if (values.size) state.filters[name] = [...values];
    else delete state.filters[name];
  });
}

function termsFacet(facet, state, update) {
  const selected = state.filters[facet.name] || [];
  const values = [...facet.values];
  for (const value of selected) {
    if (!values.some((v) => v.value === value)) values.push({ value, count: null, selected: true });
  }
  const open = expanded.has(facet.name);
  const hidden = open ? 0 : Math.max(0, values.length - SHOWN);
  const shown = values.filter((v, i) => open || i < SHOWN || v.selected);
  const headingId = `facet-${facet.name}`;
  const items = shown.map((v) => {
    const key = `facet:${facet.name}:${v.value}`;
    return h(
      "li",
      {},
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          checked: v.selected || selected.includes(v.value),
          dataset: { focusKey: key, facet: facet.name, value: v.value },
          onchange: (event) => toggle(update, facet.name, v.value, event.target.checked),
        }),
        h("span", { class: "value" }, v.value),
        h("span", { class: "count", "aria-label": v.count === null ? "" : plural(v.count, "article") }, v.count === null ? "" : formatNumber(v.count)),
      ),
    );
  });
  const section = h(
    "fieldset",
    { class: "facet", "data-facet": facet.name },
    h("legend", { id: headingId }, facet.label),
    h("ul", { class: "values" }, items),
  );
  if (hidden || open) {
    section.append(
      h(
        "button",
        {
          type: "button",
          class: "link more",
          "aria-expanded": String(open),
          dataset: { focusKey: `more:${facet.name}` },
          onclick: () => {
            if (open) expanded.delete(facet.name);
            else expanded.add(facet.name);
            section.replaceWith(termsFacet(facet, state, update));
            document.querySelector(`[data-focus-key="more:${CSS.escape(facet.name)}"]`)?.focus();
          },
        },
        open ? "Show fewer" : `Show ${hidden} more`,
      ),
    );
  }
  if (SEARCHABLE.has(facet.name) && facet.values.length >= SHOWN) section.append(finder(facet, update));
  return section;
}

/** "Find a person…": type-ahead over all of a facet's values, not just the top ones shown. */
function finder(facet, update) {
  const listId = `suggest-${facet.name}-${++suggestCounter}`;
  const list = h("datalist", { id: listId });
  let found = [];
  let controller = null;
  const input = h("input", {
    type: "search",
    list: listId,
    autocomplete: "off",
    placeholder: `Find in ${facet.label.toLowerCase()}…`,
    "aria-label": `Find a value of ${facet.label}`,
    dataset: { focusKey: `find:${facet.name}` },
    oninput: async () => {
      controller?.abort();
      controller = new AbortController();
      const prefix = input.value.trim();
      if (!prefix) return;
      try {
        found = (await facetValues(facet.name, prefix, controller.signal)).values;
        list.replaceChildren(...found.map((v) => h("option", { value: v.value }, plural(v.count, "article"))));
      } catch (error) {
        if (error.name !== "AbortError") found = [];
      }
    },
  });
  return h(
    "form",
    {
      class: "finder",
      onsubmit: (event) => {
        event.preventDefault();
        const typed = input.value.trim().toLowerCase();
        const match = found.find((v) => v.value.toLowerCase() === typed) || (found.length === 1 ? found[0] : null);
        if (match) toggle(update, facet.name, match.value, true);
      },
    },
    input,
    list,
  );
}

function monthEnd(iso) {
  const [year, month] = iso.slice(0, 7).split("-").map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function dateFacet(facet, response, state, update) {
  const max = Math.max(1, ...facet.values.map((v) => v.count));
  const dated = facet.values.reduce((n, v) => n + v.count, 0);
  const bars = facet.values.map((v) => {
    const bar = h("span", { class: "bar" });
    bar.style.height = `${Math.max(8, (100 * v.count) / max)}%`;
    const from = v.value.slice(0, 10);
    const label = `${formatMonth(v.value)}: ${plural(v.count, "article")}`;
    return h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          title: label,
          "aria-label": `${label}. Show only this month`,
          dataset: { focusKey: `month:${from}` },
          onclick: () => update((s) => Object.assign(s, { from, to: monthEnd(from) })),
        },
        h("span", { class: "bar-count" }, formatNumber(v.count)),
        h("span", { class: "bar-area" }, bar),
        h("span", { class: "bar-label" }, formatMonth(v.value)),
      ),
    );
  });
  const dateInput = (name, label) =>
    h(
      "label",
      {},
      label,
      h("input", {
        type: "date",
        value: state[name],
        dataset: { focusKey: `date:${name}` },
        onchange: (event) => update((s) => Object.assign(s, { [name]: event.target.value })),
      }),
    );
  const undated = response.total - dated;
  return h(
    "fieldset",
    { class: "facet dates", "data-facet": facet.name },
    h("legend", {}, facet.label),
    bars.length ? h("ol", { class: "histogram", "aria-label": "Articles per month" }, bars) : h("p", { class: "hint" }, "No dated articles match."),
    undated > 0 && !state.from && !state.to ? h("p", { class: "hint" }, `${plural(undated, "article")} without a date.`) : null,
    h("div", { class: "daterange" }, dateInput("from", "From"), dateInput("to", "To")),
    state.from || state.to
      ? h("button", { type: "button", class: "link", onclick: () => update((s) => Object.assign(s, { from: "", to: "" })) }, "Any date")
      : null,
  );
}

const EXAMPLE = { counted: "people", verb: "killed", min: 1000, max: null };

function figures(response, state, update) {
  const counted = response.facets.counted?.values || [];
  const listId = "counted-things";
  const field = (name, label, placeholder, extra = {}) =>
    h("label", {}, label, h("input", { name, placeholder, autocomplete: "off", dataset: { focusKey: `num:${name}` }, ...extra }));
  const form = h(
    "form",
    {
      class: "figure-form",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const filter = parseNumberFilter(["counted", "verb", "min", "max"].map((k) => String(data.get(k) || "").replace(/,/g, "")).join(","));
        if (filter) update((s) => s.numbers.push(filter));
      },
    },
    h("div", { class: "figure-fields" },
      field("counted", "What is counted", "people", { list: listId }),
      field("verb", "Verb", "killed"),
      field("min", "At least", "1000", { inputmode: "numeric" }),
      field("max", "At most", "", { inputmode: "numeric" }),
    ),
    h("datalist", { id: listId }, counted.map((v) => h("option", { value: v.value }))),
    h("button", { type: "submit", dataset: { focusKey: "num:add" } }, "Add figure filter"),
  );
  const chips = state.numbers.map((filter, index) =>
    h(
      "li",
      { class: "chip" },
      describeFilter(filter),
      h(
        "button",
        {
          type: "button",
          class: "remove",
          "aria-label": `Remove the filter ${describeFilter(filter)}`,
          dataset: { focusKey: `num:remove:${index}` },
          onclick: () => update((s) => s.numbers.splice(index, 1)),
        },
        "×",
      ),
    ),
  );
  const hasExample = state.numbers.some((f) => f.counted === EXAMPLE.counted && f.verb === EXAMPLE.verb);
  return h(
    "fieldset",
    { class: "facet figures" },
    h("legend", {}, "Figures in the text"),
    h("p", { class: "hint" }, "Articles that state a number: what is counted, the verb, and bounds."),
    chips.length ? h("ul", { class: "chips" }, chips) : null,
    hasExample
      ? null
      : h(
          "button",
          { type: "button", class: "suggestion", dataset: { focusKey: "num:example" }, onclick: () => update((s) => s.numbers.push({ ...EXAMPLE })) },
          `Try: ${describeFilter(EXAMPLE)}`,
        ),
    h("details", { class: "figure-details" }, h("summary", {}, "Add a figure filter"), form),
  );
}
