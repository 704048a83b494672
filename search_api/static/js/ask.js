// The "Ask" panel: a conversation with POST /v1/chat/completions, streamed (server-sent events).
// The answer's [1][2] become buttons that open the cited article at the evidence sentence; when
// sources give different answers, the panel says so and shows who says what.

import { streamChat } from "./api.js";
import { clear, h } from "./dom.js";
import { formatDate } from "./format.js";

const SUGGESTIONS = ["How many civilians were killed?", "How long did the battle last?", "Who is the spokesman of the coalition?"];
const SOURCES_MARK = "\n\nSources:";

let log;
let form;
let input;
let openCitation = () => {};
let conversation = []; // {role, content} sent with every question, so follow-ups make sense
let controller = null;

export function setUpAsk({ onCitation }) {
  openCitation = onCitation;
  log = document.getElementById("ask-log");
  form = document.getElementById("ask-form");
  input = document.getElementById("ask-input");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (question) ask(question);
  });
  document.getElementById("ask-reset").addEventListener("click", () => {
    controller?.abort();
    conversation = [];
    showSuggestions();
    input.focus();
  });
  showSuggestions();
}

function showSuggestions() {
  clear(log).append(
    h("div", { class: "suggestions" },
      h("p", {}, "Ask in plain words; every answer cites the articles it comes from. Try:"),
      h("ul", {}, SUGGESTIONS.map((question) =>
        h("li", {}, h("button", { type: "button", class: "suggestion", onclick: () => ask(question) }, question)))),
    ),
  );
}

/** The text before "Sources:" (the panel lists the sources itself, as buttons). */
function answerText(content) {
  const cut = content.indexOf(SOURCES_MARK);
  return cut >= 0 ? content.slice(0, cut) : content;
}

export async function ask(question) {
  controller?.abort();
  controller = new AbortController();
  if (!conversation.length) clear(log);
  input.value = "";
  conversation.push({ role: "user", content: question });
  log.append(h("div", { class: "message user" }, h("span", { class: "sr-only" }, "You asked: "), question));
  const text = h("p", { class: "answer-text" });
  const bubble = h("div", { class: "message assistant", "aria-busy": "true" }, h("span", { class: "sr-only" }, "Answer: "), text);
  log.append(bubble);
  bubble.scrollIntoView({ block: "nearest" });
  let content = "";
  let citations = [];
  try {
    for await (const chunk of streamChat(conversation, controller.signal)) {
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) {
        content += choice.delta.content;
        text.textContent = answerText(content);
      }
      if (choice?.delta?.citations) citations = choice.delta.citations;
      else if (chunk.citations) citations = chunk.citations;
    }
  } catch (error) {
    if (error.name === "AbortError") return;
    bubble.removeAttribute("aria-busy");
    text.textContent = "";
    bubble.append(h("p", { class: "error", role: "alert" }, `No answer: ${error.message}`));
    conversation.pop();
    return;
  }
  conversation.push({ role: "assistant", content });
  bubble.removeAttribute("aria-busy");
  renderAnswer(bubble, text, answerText(content), citations);
  bubble.scrollIntoView({ block: "nearest" });
}

function citeButton(citation) {
  const who = citation.source || citation.title || citation.article_id;
  return h("button", {
    type: "button",
    class: "cite",
    title: `Open ${who} at the sentence`,
    "aria-label": `Source ${citation.index}: ${who}`,
    onclick: () => openCitation(citation),
  }, String(citation.index));
}

function withCitations(text, citations) {
  const byIndex = new Map(citations.map((c) => [String(c.index), c]));
  return text.split(/(\[\d+\])/).map((piece) => {
    const index = /^\[(\d+)\]$/.exec(piece)?.[1];
    return index && byIndex.has(index) ? citeButton(byIndex.get(index)) : piece;
  });
}

function renderAnswer(bubble, text, answer, citations) {
  text.replaceChildren(...withCitations(answer, citations).map((n) => (typeof n === "string" ? document.createTextNode(n) : n)));
  if (!citations.length) return;
  const answers = [...new Set(citations.map((c) => c.answer))];
  if (answers.length > 1) {
    bubble.append(
      h("div", { class: "disagreement", role: "note" },
        h("p", {}, h("strong", {}, "The sources disagree."), " What each says:"),
        h("ul", {}, answers.map((value) =>
          h("li", {}, h("strong", {}, value), " — ", citations.filter((c) => c.answer === value).map(citeButton)))),
      ),
    );
  }
  bubble.append(
    h("ol", { class: "citations", "aria-label": "Sources" }, citations.map((c) =>
      h("li", {},
        h("button", { type: "button", class: "citation", onclick: () => openCitation(c) },
          h("span", { class: "cite-number" }, String(c.index)),
          h("span", { class: "citation-body" },
            h("span", { class: "citation-source" }, [c.source, c.published_at ? formatDate(c.published_at) : null].filter(Boolean).join(" · ") || "Source not named"),
            h("span", { class: "citation-title" }, c.title || c.article_id),
            h("q", { class: "citation-quote" }, c.quote || c.sentence),
          ),
        ),
      ))),
  );
}
