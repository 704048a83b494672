// The hit list: title, source, date, highlighted fragments, matched figures; then the pager.

import { append, clear, h, highlighted } from "./dom.js";
import { describeFilter, describeNumber, formatDate, plural } from "./format.js";
import { SORTS, activeFilterCount, emptyState, toSearch } from "./state.js";

function summary(response, state) {
  const what = state.q ? [`matching “${state.q}”`] : [];
  if (!response.total) return ["No articles ", ...what, "."];
  const first = (response.page - 1) * response.size + 1;
  const last = Math.min(response.total, first + response.hits.length - 1);
  const range = response.total > response.hits.length ? ` (${first}–${last} shown)` : "";
  const filtered = activeFilterCount(state) > 0;
  const scope = what.length ? what : [filtered ? "match the filters" : "in all"];
  return [plural(response.total, "article"), " ", ...scope, range, "."];
}

/** "Did you mean Raqqa?": the query with its misspelt words replaced, one click away. */
function didYouMean(response, state, update) {
  const suggestion = response.did_you_mean;
  if (!suggestion) return null;
  const href = toSearch({ ...state, q: suggestion.query, page: 1, article: null, at: null });
  const onclick = (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    update((s) => { s.q = suggestion.query; });
  };
  return h("p", { class: "did-you-mean", id: "did-you-mean" }, "Did you mean ",
    h("a", { href, dataset: { focusKey: "did-you-mean" }, onclick }, suggestion.query), "?");
}

/** Chips for every active filter, each removable, and "Clear all". */
function activeFilters(response, state, update) {
  const chips = [];
  const chip = (label, remove, key) =>
    h("li", { class: "chip" }, label, h("button", { type: "button", class: "remove", "aria-label": `Remove filter ${label}`, dataset: { focusKey: key }, onclick: remove }, "×"));
  for (const [name, values] of Object.entries(state.filters)) {
    for (const value of values) {
      chips.push(chip(`${response.facets[name]?.label || name}: ${value}`, () => update((s) => {
        s.filters[name] = s.filters[name].filter((v) => v !== value);
        if (!s.filters[name].length) delete s.filters[name];
      }), `chip:${name}:${value}`));
    }
  }
  state.numbers.forEach((filter, index) => chips.push(chip(describeFilter(filter), () => update((s) => s.numbers.splice(index, 1)), `chip:num:${index}`)));
  if (state.from || state.to) {
    chips.push(chip(`date: ${state.from || "…"} to ${state.to || "…"}`, () => update((s) => Object.assign(s, { from: "", to: "" })), "chip:date"));
  }
  if (!chips.length) return null;
  const clearAll = h("button", {
    type: "button",
    class: "link",
    dataset: { focusKey: "chip:clear" },
    onclick: () => update((s) => Object.assign(s, { filters: {}, numbers: [], from: "", to: "" })),
  }, "Clear all filters");
  return h("div", { class: "active-filters" }, h("span", { class: "sr-only" }, "Active filters:"), h("ul", { class: "chips" }, chips), clearAll);
}

function storyLink(item, openStory) {
  if (!item.story_id) return null;
  return h("a", {
    class: "story-link",
    href: toSearch({ ...emptyState(), storyview: item.story_id }),
    dataset: { focusKey: `story:${item.id}` },
    onclick: (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      openStory(item.story_id);
    },
  }, "The story");
}

function hit(item, state, openArticle, openStory) {
  const href = toSearch({ ...state, article: item.id, at: null });
  const titleNodes = item.highlights?.title?.length ? highlighted(item.highlights.title[0]) : [item.title || "(untitled)"];
  const meta = [item.source || "source unknown", item.published_at ? formatDate(item.published_at) : "date unknown"];
  if (item.authors?.length) meta.push(item.authors.join(", "));
  const fragments = item.highlights?.content || [];
  return h(
    "li",
    { class: "hit" },
    h("h3", {}, h("a", {
      href,
      dataset: { focusKey: `hit:${item.id}` },
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openArticle(item.id);
      },
    }, titleNodes)),
    h("p", { class: "meta" }, meta.map((part, i) => [i ? h("span", { class: "sep", "aria-hidden": "true" }, " · ") : null, part]),
      item.copies ? h("span", { class: "copies" }, ` · ${plural(item.copies, "copy", "copies")}`) : null,
      item.story_id ? [h("span", { class: "sep", "aria-hidden": "true" }, " · "), storyLink(item, openStory)] : null),
    fragments.length ? h("div", { class: "fragments" }, fragments.map((f) => h("p", {}, "… ", highlighted(f), " …"))) : null,
    item.numbers?.length
      ? h("ul", { class: "matched-numbers", "aria-label": "Figures that matched", title: "The figure as the article writes it → as newsdesk reads it" }, item.numbers.map((n) =>
          h("li", {}, `“${n.text}”`, " → ", describeNumber(n), n.verb ? ` (${n.verb})` : "")))
      : null,
  );
}

function pager(response, state, go) {
  const pages = Math.ceil(Math.min(response.total, 10000) / response.size);
  if (pages <= 1) return null;
  const page = response.page;
  const link = (number, label, extra = {}) =>
    h("a", {
      href: toSearch({ ...state, page: number, article: null }),
      dataset: { focusKey: `page:${label}` },
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        go(number);
      },
      ...extra,
    }, label);
  const numbers = [];
  for (let n = Math.max(1, page - 3); n <= Math.min(pages, page + 3); n++) {
    numbers.push(h("li", {}, n === page ? h("span", { class: "current", "aria-current": "page" }, String(n)) : link(n, String(n), { "aria-label": `Page ${n}` })));
  }
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages of results" },
    page > 1 ? link(page - 1, "← Previous", { rel: "prev" }) : null,
    h("ol", {}, numbers),
    page < pages ? link(page + 1, "Next →", { rel: "next" }) : null,
  );
}

export function renderResults(container, { response, state, update, openArticle, openStory }) {
  clear(container);
  const sort = h("label", { class: "sort" }, "Sort ", h("select", {
    dataset: { focusKey: "sort" },
    onchange: (event) => update((s) => { s.sort = event.target.value; }),
  }, Object.entries(SORTS).map(([value, label]) => h("option", { value, selected: value === state.sort }, label))));
  append(container, [
    h("div", { class: "results-head" }, h("p", { id: "result-count" }, summary(response, state)), sort),
    didYouMean(response, state, update),
    activeFilters(response, state, update),
    response.hits.length
      ? h("ol", { class: "hits", start: String((response.page - 1) * response.size + 1) }, response.hits.map((item) => hit(item, state, openArticle, openStory)))
      : h("p", { class: "empty" }, response.total
        ? "No more results on this page."
        : "Try fewer words, remove a filter, or check the search tips above."),
    pager(response, state, (page) => update((s) => { s.page = page; }, { keepPage: true })),
  ]);
}
