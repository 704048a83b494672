// The story view: one event told by many outlets. Its timeline (who reported first, and why each
// article joined), its outlets and entities, and the figures side by side: one row per outlet,
// disagreements marked, the evidence sentence shown on hover or keyboard focus.

import { getStory } from "./api.js";
import { append, clear, h } from "./dom.js";
import { formatDate, formatNumber, plural } from "./format.js";

const VERDICTS = {
  agree: "the outlets agree",
  within_tolerance: "within reporting tolerance",
  disagree: "the outlets disagree",
  single_source: "one outlet",
};
const QUALIFIERS = { exact: "", about: "about", at_least: "at least", up_to: "up to", at_most: "at most", range: "between", vague: "roughly" };

let dialog;
let body;
let controller = null;
let actions = { onClose() {}, openArticle() {} };

/** `onClose()` when the view closes; `openArticle(id)` for a timeline entry. */
export function setUpStoryView(callbacks) {
  dialog = document.getElementById("story-view");
  body = document.getElementById("story-body");
  actions = { ...actions, ...callbacks };
  dialog.addEventListener("close", () => {
    controller?.abort();
    actions.onClose();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.getElementById("story-close").addEventListener("click", () => dialog.close());
}

export function isStoryOpen() {
  return dialog.open;
}

export function closeStory() {
  if (dialog.open) dialog.close();
}

export async function openStory(id) {
  controller?.abort();
  controller = new AbortController();
  clear(body).append(h("p", { class: "loading" }, "Loading the story…"));
  if (!dialog.open) dialog.showModal();
  try {
    render(await getStory(id, controller.signal));
    document.getElementById("story-heading").focus();
  } catch (error) {
    if (error.name === "AbortError") return;
    clear(body).append(h("p", { class: "error", role: "alert" }, error.message));
  }
}

function reasonText(reason) {
  if (reason.decision === "started") return "started the story";
  if (reason.decision === "kept") return "ingested again, kept in the story";
  const shared = (reason.shared_entities || []).slice(0, 4).map((id) => id.split(":").pop().replaceAll("-", " "));
  return `joined: score ${formatNumber(reason.score)}${shared.length ? `, shares ${shared.join(", ")}` : ""}`;
}

function timeline(story) {
  return h("ol", { class: "timeline", "aria-label": "Articles in time order" }, story.articles.map((article, index) =>
    h("li", {},
      h("span", { class: "when" }, article.published_at ? formatDate(article.published_at) : "date unknown"),
      h("span", { class: "outlet" }, article.outlet),
      h("a", {
        href: `?article=${encodeURIComponent(article.id)}`,
        onclick: (event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          dialog.close();
          actions.openArticle(article.id);
        },
      }, article.title || "(untitled)"),
      index === 0 ? h("span", { class: "first" }, " first") : null,
      h("span", { class: "why" }, reasonText(article.reason)))));
}

function figureText(value) {
  const qualifier = QUALIFIERS[value.qualifier] ?? "";
  return `“${value.text}”${qualifier ? ` (${qualifier})` : ""}`;
}

function evidenceCell(value, extra = []) {
  return h("td", { class: "figure" },
    h("span", { class: "has-evidence", tabindex: "0", "aria-label": `${value.text}. Evidence: ${value.sentence}` },
      figureText(value),
      h("span", { class: "evidence", role: "tooltip" }, value.sentence)),
    extra);
}

function factTable(fact) {
  const rows = fact.rows.map((row) => h("tr", { class: row.disagrees ? "disagrees" : null },
    h("th", { scope: "row" }, row.outlet),
    evidenceCell(row, [
      row.disagrees ? h("span", { class: "badge" }, " disagrees") : null,
      row.also.length ? h("span", { class: "also" }, ` also says ${row.also.map((a) => `“${a.text}”`).join(", ")}`) : null,
      row.revised_from.length ? h("span", { class: "revision" }, ` revised from ${row.revised_from.map((a) => `“${a.text}”`).join(", ")}`) : null,
    ]),
    h("td", {}, formatDate(row.time))));
  return h("table", { class: `figures ${fact.verdict}`, dataset: { fact: fact.label } },
    h("caption", {}, fact.label, h("span", { class: `verdict ${fact.verdict}` }, ` — ${VERDICTS[fact.verdict]}`)),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Outlet"), h("th", { scope: "col" }, "Figure"), h("th", { scope: "col" }, "Date"))),
    h("tbody", {}, rows));
}

function render(story) {
  const shared = story.figures.filter((fact) => fact.rows.length > 1);
  const single = story.figures.filter((fact) => fact.rows.length === 1);
  append(clear(body), [
    h("h3", { id: "story-title" }, story.title),
    h("p", { class: "meta" }, `${plural(story.article_count, "article")} from ${plural(story.outlets.length, "outlet")}: ${story.outlets.join(", ")}`),
    h("p", { class: "meta" }, "About: ", story.top_entities.slice(0, 8).map((e) => e.name).join(", ")),
    h("h3", {}, "Timeline"),
    timeline(story),
    h("h3", {}, "The figures side by side"),
    shared.length ? shared.map(factTable) : h("p", {}, "No figure is given by more than one outlet."),
    single.length ? h("details", {}, h("summary", {}, `${plural(single.length, "figure")} given by one outlet only`), single.map(factTable)) : null,
  ]);
}
