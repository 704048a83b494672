// The page's entry point: URL state <-> search, the sidebar, results, the article view and Ask.

import { ApiError, health, search, searchByAsking, setApiKey } from "./api.js";
import { closeArticle, isOpen, openArticle, setUpArticleView } from "./article.js";
import { setUpAsk } from "./ask.js";
import { clear, h, keepingFocus } from "./dom.js";
import { renderFilters } from "./facets.js";
import { formatNumber } from "./format.js";
import { renderResults } from "./results.js";
import { closeStory, isStoryOpen, openStory, setUpStoryView } from "./story.js";
import { activeFilterCount, readState, toRequest, toSearch } from "./state.js";

const queryInput = document.getElementById("q");
const resultsBox = document.getElementById("results-body");
const filtersBox = document.getElementById("filters-body");
const filtersToggle = document.getElementById("filters-toggle");

let state = readState(location.search);
let shownRequest = null; // the request whose results are on screen
let openedArticle = null; // the article the dialog shows (with its evidence offsets)
let controller = null;

function copy(value) {
  return structuredClone(value);
}

/** Change the state (in a copy), put it in the URL, and show what it asks for. */
function update(change, { keepPage = false } = {}) {
  const next = copy(state);
  change(next);
  if (!keepPage) next.page = 1;
  navigate(next);
}

function navigate(next, { replace = false } = {}) {
  state = next;
  history[replace ? "replaceState" : "pushState"](null, "", toSearch(state));
  show();
}

function show({ sentence = null } = {}) {
  queryInput.value = state.q;
  runSearch();
  const wanted = state.article ? `${state.article}@${state.at ? `${state.at.start}-${state.at.end}` : ""}` : null;
  if (!wanted) {
    openedArticle = null;
    closeArticle();
  } else if (wanted !== openedArticle || !isOpen()) {
    openedArticle = wanted;
    openArticle(state.article, { at: state.at, sentence });
  }
  if (!state.storyview) closeStory();
  else if (!isStoryOpen()) openStory(state.storyview);
}

async function runSearch() {
  const request = toRequest(state);
  const key = JSON.stringify(request);
  if (key === shownRequest) return;
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  const results = document.getElementById("results");
  results.setAttribute("aria-busy", "true");
  try {
    const response = await search(request, mine.signal);
    shownRequest = key;
    keepingFocus(filtersBox, () => renderFilters(filtersBox, { response, state, update }));
    keepingFocus(resultsBox, () => renderResults(resultsBox, { response, state, update, openArticle: showArticle, openStory: showStory }));
    document.getElementById("search-status").textContent = document.getElementById("result-count")?.textContent || "";
    const active = activeFilterCount(state);
    filtersToggle.textContent = active ? `Filters (${active})` : "Filters";
    document.title = state.q ? `${state.q} — newsdesk` : "newsdesk — search and ask the news";
  } catch (error) {
    if (error.name === "AbortError") return;
    shownRequest = null;
    showError(error);
  } finally {
    if (!mine.signal.aborted) results.removeAttribute("aria-busy");
  }
}

function showError(error) {
  clear(resultsBox);
  if (error instanceof ApiError && error.status === 401) {
    const keyInput = h("input", { id: "api-key", type: "password", autocomplete: "off", required: true });
    resultsBox.append(
      h("form", {
        class: "api-key",
        onsubmit: (event) => {
          event.preventDefault();
          setApiKey(keyInput.value.trim());
          runSearch();
        },
      },
      h("p", { role: "alert" }, "This server asks for an API key to read the articles."),
      h("label", { for: "api-key" }, "API key"), keyInput, h("button", { type: "submit" }, "Use this key")),
    );
    return;
  }
  const message = error instanceof ApiError ? error.message : `The search failed: ${error.message}`;
  resultsBox.append(h("p", { class: "error", role: "alert" }, message));
}

function showArticle(id, { at = null, sentence = null } = {}) {
  state = { ...copy(state), article: id, at };
  history.pushState(null, "", toSearch(state));
  show({ sentence });
}

function showStory(id) {
  state = { ...copy(state), storyview: id };
  history.pushState(null, "", toSearch(state));
  show();
}

setUpStoryView({
  onClose() {
    if (state.storyview) {
      state = { ...copy(state), storyview: null };
      history.pushState(null, "", toSearch(state));
    }
  },
  openArticle: (id) => showArticle(id),
});

setUpArticleView({
  onClose() {
    openedArticle = null;
    if (state.article) {
      state = { ...copy(state), article: null, at: null };
      history.pushState(null, "", toSearch(state));
    }
  },
  filterBy(facet, value) {
    state = { ...copy(state), article: null, at: null };
    closeArticle();
    update((s) => {
      s.filters[facet] = [...new Set([...(s.filters[facet] || []), value])];
    });
    document.getElementById("results").focus();
  },
  open: (id) => showArticle(id),
});

setUpAsk({
  onCitation: (citation) =>
    showArticle(citation.article_id, { at: { start: citation.start, end: citation.end }, sentence: citation.sentence }),
});

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  update((s) => {
    s.q = queryInput.value.trim();
  });
});

// "Make filters": the box read as a request in words; each part it compiles to becomes a filter
// of the page (a chip above the results, removable with ×), the rest stays in the box as words.
document.getElementById("as-filters").addEventListener("click", async () => {
  const said = document.getElementById("as-filters-error");
  said.hidden = true;
  const text = queryInput.value.trim();
  if (!text) return;
  try {
    const { compiled } = await searchByAsking(text);
    queryInput.value = compiled.query;
    update((s) => {
      s.q = compiled.query;
      s.filters = compiled.filters;
      s.numbers = compiled.numbers.map((f) => ({ counted: f.counted ?? null, verb: f.verb ?? null, min: f.min ?? null, max: f.max ?? null }));
      s.from = compiled.date_from || "";
      s.to = compiled.date_to || "";
    });
  } catch (error) {
    said.textContent = `Could not read that as filters: ${error.message}`;
    said.hidden = false;
  }
});

const helpToggle = document.getElementById("help-toggle");
const help = document.getElementById("query-help");
helpToggle.addEventListener("click", () => {
  help.hidden = !help.hidden;
  helpToggle.setAttribute("aria-expanded", String(!help.hidden));
});
help.addEventListener("click", (event) => {
  const example = event.target.closest("[data-example]");
  if (!example) return;
  queryInput.value = example.dataset.example;
  update((s) => {
    s.q = example.dataset.example;
  });
});

filtersToggle.addEventListener("click", () => {
  const open = document.getElementById("filters").classList.toggle("open");
  filtersToggle.setAttribute("aria-expanded", String(open));
});

document.addEventListener("keydown", (event) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName) || document.activeElement?.isContentEditable;
  if (event.key === "/" && !typing && !isOpen() && !isStoryOpen()) {
    event.preventDefault();
    queryInput.focus();
    queryInput.select();
  }
});

window.addEventListener("popstate", () => {
  state = readState(location.search);
  show();
});

health()
  .then((status) => {
    if (status.elasticsearch === false) throw new Error(status.message);
    if (status.documents !== null && status.documents !== undefined) {
      document.getElementById("doc-count").textContent = formatNumber(status.documents);
    }
  })
  .catch(() => {
    const banner = document.getElementById("banner");
    banner.textContent = "The search backend is not answering right now: searches and answers will fail until it is back.";
    banner.hidden = false;
  });

show();
