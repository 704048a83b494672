// The article view: clean text with entities and figures marked, its metadata, what was removed
// as boilerplate, and (when opened from a citation) the evidence sentence scrolled to and lit.
// Offsets from the API count Unicode code points, so the text is handled as Array.from(content).

import { getArticle, similarArticles } from "./api.js";
import { append, clear, h } from "./dom.js";
import { ENTITY_FACETS, ENTITY_TYPES, entityTip, formatDate, numberTip, plural } from "./format.js";

const KINDS = [
  { key: "PERSON", label: "People", labels: ["PERSON"] },
  { key: "ORG", label: "Organisations", labels: ["ORG"] },
  { key: "PLACE", label: "Places", labels: ["GPE", "LOC", "FAC"] },
  { key: "NORP", label: "Nationalities and groups", labels: ["NORP"] },
  { key: "NUMBER", label: "Figures", labels: [] },
];
const KIND_OF_LABEL = Object.fromEntries(KINDS.flatMap((kind) => kind.labels.map((label) => [label, kind.key])));

let dialog;
let body;
let tooltip;
let controller = null;
let actions = { onClose() {}, filterBy() {}, open() {} };

/** `onClose()`; `filterBy(facet, value)` searches by an entity; `open(id)` opens another article. */
export function setUpArticleView(callbacks) {
  dialog = document.getElementById("article-view");
  body = document.getElementById("article-body");
  tooltip = document.getElementById("mark-tip");
  actions = { ...actions, ...callbacks };
  dialog.addEventListener("close", () => {
    controller?.abort();
    hideTip();
    actions.onClose();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  document.getElementById("article-close").addEventListener("click", () => dialog.close());
  for (const [type, handler] of [["mouseover", showTip], ["focusin", showTip], ["mouseout", hideTip], ["focusout", hideTip]]) {
    body.addEventListener(type, handler);
  }
  dialog.addEventListener("scroll", placeTip);
  window.addEventListener("resize", placeTip);
}

export function isOpen() {
  return dialog.open;
}

export function closeArticle() {
  if (dialog.open) dialog.close();
}

let tipFor = null; // the mark the tooltip describes

function showTip(event) {
  const mark = event.target.closest?.("[data-tip]");
  if (!mark) return;
  tipFor = mark;
  tooltip.textContent = mark.dataset.tip;
  tooltip.hidden = false;
  mark.setAttribute("aria-describedby", "mark-tip");
  placeTip();
}

function placeTip() {
  if (!tipFor || tooltip.hidden) return;
  const rect = tipFor.getBoundingClientRect();
  const left = Math.min(Math.max(8, rect.left), window.innerWidth - tooltip.offsetWidth - 8);
  const below = rect.bottom + 6 + tooltip.offsetHeight < window.innerHeight;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${below ? rect.bottom + 6 : rect.top - tooltip.offsetHeight - 6}px`;
}

function hideTip(event) {
  const mark = event?.target.closest?.("[data-tip]");
  if (event && (!mark || mark !== tipFor)) return; // not the mark the tooltip describes
  if (event?.type === "mouseout" && (mark.contains(event.relatedTarget) || mark === document.activeElement)) return;
  tipFor?.removeAttribute("aria-describedby");
  tipFor = null;
  tooltip.hidden = true;
}

/**
 * Open an article. `at` ({start, end}: the answer's offsets) and `sentence` (the evidence
 * sentence's text, when known) light the evidence sentence and scroll to it.
 */
export async function openArticle(id, { at = null, sentence = null } = {}) {
  controller?.abort();
  controller = new AbortController();
  clear(body).append(h("p", { class: "loading" }, "Loading the article…"));
  document.getElementById("article-heading").textContent = "Article";
  if (!dialog.open) dialog.showModal();
  let article;
  try {
    article = await getArticle(id, controller.signal);
  } catch (error) {
    if (error.name === "AbortError") return;
    clear(body).append(h("p", { class: "error", role: "alert" }, `This article could not be opened: ${error.message}`));
    return;
  }
  renderArticle(article, { at, sentence });
  const evidence = body.querySelector("#evidence");
  if (evidence) {
    evidence.scrollIntoView({ block: "center" });
    evidence.focus({ preventScroll: true });
  } else {
    dialog.scrollTop = 0;
    document.getElementById("article-heading").focus();
  }
  loadSimilar(article.id);
}

function renderArticle(article, { at, sentence }) {
  document.getElementById("article-heading").textContent = article.title || "(untitled article)";
  const content = article.content || "";
  const chars = Array.from(content);
  const evidence = at ? evidenceRange(content, chars, at, article.numbers, sentence) : null;
  const spans = markSpans(article, at);
  const text = h("div", { class: "article-text", id: "article-text" }, renderRange(chars, 0, chars.length, spans, evidence));
  append(clear(body), [
    metadata(article),
    legend(article, text),
    mentioned(article),
    boilerplate(article),
    evidence ? h("p", { class: "evidence-note" }, "The sentence the answer comes from is highlighted below.") : null,
    text,
    h("section", { id: "similar", class: "similar", "aria-label": "Similar articles" }),
  ]);
}

/** A link to the article's page, for http(s) URLs only: any other scheme is shown as text, never followed. */
function originalLink(url) {
  if (!url) return null;
  const scheme = url.slice(0, Math.max(0, url.indexOf(":"))).toLowerCase();
  if (scheme !== "http" && scheme !== "https") return url;
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url);
}

function metadata(article) {
  const rows = [
    ["Source", article.source],
    ["Published", article.published_at ? formatDate(article.published_at) : null],
    ["Authors", article.authors?.length ? article.authors.join(", ") : null],
    ["Dateline", article.dateline],
    ["Category", article.category],
    ["Language", article.language],
    ["Original", originalLink(article.url)],
    ["Id", h("code", {}, article.id)],
  ].filter(([, value]) => value);
  const errors = article.enrichment_errors || [];
  return h(
    "div",
    { class: "article-meta" },
    h("dl", {}, rows.map(([name, value]) => [h("dt", {}, name), h("dd", {}, value)])),
    errors.length
      ? h("p", { class: "warning" }, `Some enrichment failed on this article: ${errors.map((e) => e.reason || e.plugin || JSON.stringify(e)).join("; ")}`)
      : null,
  );
}

/** The colour key, each kind with its count and a box to hide or show its marks. */
function legend(article, text) {
  const counts = Object.fromEntries(KINDS.map((kind) => [kind.key, 0]));
  for (const entity of article.entities || []) if (KIND_OF_LABEL[entity.label]) counts[KIND_OF_LABEL[entity.label]]++;
  counts.NUMBER = (article.numbers || []).length;
  return h(
    "fieldset",
    { class: "legend" },
    h("legend", {}, "Marked in the text (hover or focus a mark for what it stands for)"),
    KINDS.map((kind) =>
      h("label", { class: `check key key-${kind.key}` },
        h("input", {
          type: "checkbox",
          checked: true,
          onchange: (event) => text.classList.toggle(`hide-${kind.key}`, !event.target.checked),
        }),
        h("span", { class: "swatch", "aria-hidden": "true" }),
        `${kind.label} (${counts[kind.key]})`,
      ),
    ),
  );
}

/** The canonical entities of the article, most mentioned first; each can filter the search. */
function mentioned(article) {
  const byKind = {};
  for (const entity of article.entities || []) {
    const facet = ENTITY_FACETS[entity.label];
    if (!facet) continue;
    const name = entity.canonical || entity.name || entity.text;
    const group = (byKind[facet] ||= new Map());
    group.set(name, (group.get(name) || 0) + 1);
  }
  const labels = { people: "People", organizations: "Organisations", places: "Places", groups: "Groups" };
  const rows = Object.entries(labels)
    .filter(([facet]) => byKind[facet])
    .map(([facet, label]) => {
      const names = [...byKind[facet]].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return [
        h("dt", {}, label),
        h("dd", {}, names.map(([name, count]) =>
          h("button", {
            type: "button",
            class: "entity-chip",
            title: `Search the articles that mention ${name}`,
            onclick: () => actions.filterBy(facet, name),
          }, name, h("span", { class: "count" }, String(count))),
        )),
      ];
    });
  if (!rows.length) return null;
  return h("details", { class: "mentioned" }, h("summary", {}, "Who and what this article mentions (click one to search by it)"), h("dl", {}, rows));
}

function boilerplate(article) {
  const removed = article.boilerplate_removed || [];
  if (!removed.length) return h("p", { class: "hint" }, "Nothing was removed from this article as boilerplate.");
  return h(
    "details",
    { class: "boilerplate" },
    h("summary", {}, `Show what was removed as boilerplate (${plural(removed.length, "piece")})`),
    h("ul", {}, removed.map((item) => h("li", {}, h("span", { class: "reason" }, (item.reason || "removed").replaceAll("_", " ")), " ", item.text))),
  );
}

/** Entities and figures as non-overlapping marks (the longer wins), the answer flagged. */
function markSpans(article, at) {
  const spans = [];
  for (const entity of article.entities || []) {
    const kind = KIND_OF_LABEL[entity.label];
    if (!kind || !(entity.end > entity.start)) continue;
    spans.push({ start: entity.start, end: entity.end, className: `mark ent ent-${kind}`, tip: entityTip(entity), label: ENTITY_TYPES[entity.label] });
  }
  for (const number of article.numbers || []) {
    if (!(number.end > number.start)) continue;
    spans.push({ start: number.start, end: number.end, className: "mark num num-NUMBER", tip: numberTip(number) });
  }
  spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept = [];
  let reached = 0;
  for (const span of spans) {
    if (span.start >= reached) {
      kept.push(span);
      reached = span.end;
    }
  }
  if (at) {
    const overlapping = kept.filter((s) => s.start < at.end && at.start < s.end);
    if (overlapping.length) for (const span of overlapping) span.className += " answer";
    else {
      kept.push({ start: at.start, end: at.end, className: "answer", tip: "The answer" });
      kept.sort((a, b) => a.start - b.start);
    }
  }
  return kept;
}

function renderRange(chars, from, to, spans, evidence) {
  if (evidence && evidence.start < to && from < evidence.end) {
    const inner = renderRange(chars, Math.max(from, evidence.start), Math.min(to, evidence.end), spans, null);
    return [
      renderRange(chars, from, evidence.start, spans, null),
      h("span", { class: "evidence", id: "evidence", tabindex: "-1", "aria-label": "Evidence sentence" }, inner),
      renderRange(chars, evidence.end, to, spans, null),
    ];
  }
  const nodes = [];
  let position = from;
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end <= start) continue;
    if (start > position) nodes.push(chars.slice(position, start).join(""));
    nodes.push(h("mark", { class: span.className, tabindex: "0", dataset: { tip: span.tip } }, chars.slice(start, end).join("")));
    position = end;
  }
  if (position < to) nodes.push(chars.slice(position, to).join(""));
  return nodes;
}

function codePointOffset(content, utf16Index) {
  return Array.from(content.slice(0, utf16Index)).length;
}

/** The evidence sentence around the answer: by its text, else a figure's sentence, else punctuation. */
function evidenceRange(content, chars, at, numbers, sentence) {
  if (sentence) {
    const candidates = [];
    for (let i = content.indexOf(sentence); i >= 0; i = content.indexOf(sentence, i + 1)) {
      const start = codePointOffset(content, i);
      candidates.push({ start, end: start + Array.from(sentence).length });
    }
    const around = candidates.find((c) => c.start <= at.start && at.end <= c.end) || candidates[0];
    if (around) return around;
  }
  const figure = (numbers || []).find((n) => n.start <= at.start && at.start < n.end && n.sentence_end > n.sentence_start);
  if (figure) return { start: figure.sentence_start, end: figure.sentence_end };
  let start = Math.min(at.start, chars.length);
  while (start > 0 && !(/[.!?\n]/.test(chars[start - 1]) && /\s/.test(chars[start] || " "))) start--;
  while (start < chars.length && /\s/.test(chars[start])) start++;
  let end = Math.max(at.end, start);
  while (end < chars.length && !/[.!?\n]/.test(chars[end])) end++;
  return { start, end: Math.min(chars.length, end + 1) };
}

async function loadSimilar(id) {
  const section = body.querySelector("#similar");
  if (!section) return;
  try {
    const similar = await similarArticles(id, controller.signal);
    if (!similar.length) return;
    section.append(
      h("h3", {}, "More like this"),
      h("ul", {}, similar.map((item) =>
        h("li", {}, h("button", { type: "button", class: "link", onclick: () => actions.open(item.id) },
          item.title || item.id), item.source ? ` — ${item.source}` : ""))),
    );
  } catch {
    // Similar articles are a nicety; the article itself is shown.
  }
}
