// The page's state lives in its URL, so any search (and any open article) can be bookmarked:
//   /?q=raqqa&source=Xinhua&people=Ryan+Dillon&num=people,killed,1000,&page=2&article=ID&at=2270-2275
// Every parameter that is not one of the names below is a facet filter, as in GET /v1/search.

const OWN = ["q", "page", "size", "sort", "from", "to", "num", "article", "at", "storyview"];
export const PAGE_SIZE = 10;
export const SORTS = { relevance: "Best match", date: "Newest first", date_asc: "Oldest first" };

export function emptyState() {
  return { q: "", filters: {}, numbers: [], page: 1, size: PAGE_SIZE, sort: "relevance", from: "", to: "", article: null, at: null, storyview: null };
}

function toNumber(text) {
  if (text === undefined || text === null || String(text).trim() === "") return null;
  const value = Number(String(text).replace(/[,\s]/g, ""));
  return Number.isFinite(value) ? value : null;
}

/** "people,killed,1000," -> {counted: "people", verb: "killed", min: 1000, max: null} */
export function parseNumberFilter(text) {
  const [counted = "", verb = "", min = "", max = ""] = text.split(",");
  const filter = { counted: counted.trim() || null, verb: verb.trim() || null, min: toNumber(min), max: toNumber(max) };
  return Object.values(filter).some((v) => v !== null) ? filter : null;
}

function formatNumberFilter(filter) {
  return [filter.counted ?? "", filter.verb ?? "", filter.min ?? "", filter.max ?? ""].join(",");
}

export function readState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get("q") || "";
  state.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  state.size = Math.min(100, Math.max(1, parseInt(params.get("size") || String(PAGE_SIZE), 10) || PAGE_SIZE));
  state.sort = params.get("sort") in SORTS ? params.get("sort") : "relevance";
  state.from = params.get("from") || "";
  state.to = params.get("to") || "";
  state.numbers = params.getAll("num").map(parseNumberFilter).filter(Boolean);
  state.article = params.get("article");
  state.storyview = params.get("storyview");
  const at = /^(\d+)-(\d+)$/.exec(params.get("at") || "");
  state.at = at ? { start: Number(at[1]), end: Number(at[2]) } : null;
  for (const [name, value] of params) {
    if (!OWN.includes(name) && value) (state.filters[name] ||= []).push(value);
  }
  return state;
}

export function toSearch(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [name, values] of Object.entries(state.filters)) for (const value of values) params.append(name, value);
  for (const filter of state.numbers) params.append("num", formatNumberFilter(filter));
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.size !== PAGE_SIZE) params.set("size", String(state.size));
  if (state.page > 1) params.set("page", String(state.page));
  if (state.article) params.set("article", state.article);
  if (state.article && state.at) params.set("at", `${state.at.start}-${state.at.end}`);
  if (state.storyview) params.set("storyview", state.storyview);
  const text = params.toString();
  return text ? `?${text}` : location.pathname;
}

/** The POST /v1/search body for a state. */
export function toRequest(state) {
  const request = {
    query: state.q,
    filters: state.filters,
    page: state.page,
    size: state.size,
    sort: state.sort,
    facet_size: 12,
  };
  if (state.from) request.date_from = state.from;
  if (state.to) request.date_to = state.to;
  if (state.numbers.length) {
    request.numbers = state.numbers.map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null)));
  }
  return request;
}

export function activeFilterCount(state) {
  return Object.values(state.filters).reduce((n, values) => n + values.length, 0) + state.numbers.length + (state.from || state.to ? 1 : 0);
}
