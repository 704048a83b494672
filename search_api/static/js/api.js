// The service's own API, and nothing else: every request goes to this origin under /v1.

const KEY_STORAGE = "newsdesk-api-key";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A key the user gave for a server that wants one for reads (kept for this tab only). */
export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

function headers(json) {
  const result = { Accept: json ? "application/json" : "text/event-stream" };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) result.Authorization = `Bearer ${key}`;
  return result;
}

function describeDetail(detail) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((item) => (typeof item === "string" ? item : `${(item.loc || []).slice(1).join(".")}: ${item.msg}`)).join("; ");
  }
  return detail ? JSON.stringify(detail) : "";
}

async function failure(response) {
  let detail = "";
  try {
    detail = describeDetail((await response.json()).detail);
  } catch {
    detail = response.statusText;
  }
  if (response.status === 503) detail = "The search backend is unavailable; try again in a few seconds.";
  return new ApiError(response.status, detail || `HTTP ${response.status}`);
}

async function call(path, { method = "GET", body, signal } = {}) {
  const init = { method, headers: headers(true), signal };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  return response.json();
}

export const search = (request, signal) => call("/v1/search", { method: "POST", body: request, signal });
/** A request in words compiled into filters (and run): POST /v1/search/ask. */
export const searchByAsking = (ask) => call("/v1/search/ask", { method: "POST", body: { ask, size: 1 } });
export const getArticle = (id, signal) => call(`/v1/articles/${encodeURIComponent(id)}`, { signal });
export const similarArticles = (id, signal) => call(`/v1/articles/${encodeURIComponent(id)}/similar?size=4`, { signal });
export const getStory = (id, signal) => call(`/v1/stories/${encodeURIComponent(id)}`, { signal });
export const health = () => call("/v1/health");
export const facetValues = (name, prefix, signal) =>
  call(`/v1/facets/${encodeURIComponent(name)}/values?${new URLSearchParams({ prefix, size: "8" })}`, { signal });

/**
 * POST /v1/chat/completions with stream: true, yielding each server-sent event's JSON
 * (chat.completion.chunk objects) until `data: [DONE]`.
 */
export async function* streamChat(messages, signal) {
  const response = await fetch("/v1/chat/completions", {
    method: "POST",
    headers: { ...headers(false), "Content-Type": "application/json" },
    body: JSON.stringify({ model: "newsdesk-qa", messages, stream: true }),
    signal,
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).replace(/^ /, ""))
        .join("\n");
      if (!data) continue;
      if (data === "[DONE]") return;
      yield JSON.parse(data);
    }
  }
}
