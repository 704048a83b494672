// Building DOM nodes without innerHTML: every piece of text from the API becomes a text node.

/**
 * h("button", {class: "x", onclick: fn, "aria-label": "Close"}, "text", child, [more])
 * Attributes set to null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (name === "class") {
      element.className = value;
    } else if (name in element && typeof value !== "string") {
      element[name] = value; // properties such as checked, value, disabled
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

const NAMED_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Text as Elasticsearch's html encoder escaped it (&amp; &#x27; &#39; ...), decoded. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A highlight fragment ("... the <mark>stadium</mark> ...", the rest HTML-escaped) as nodes:
 * <mark> pairs become <mark> elements, everything else is text, whatever it contains.
 */
export function highlighted(fragment) {
  const nodes = [];
  let inside = false;
  for (const piece of fragment.split(/(<\/?mark>)/)) {
    if (piece === "<mark>") inside = true;
    else if (piece === "</mark>") inside = false;
    else if (piece) {
      const text = decodeEntities(piece);
      nodes.push(inside ? h("mark", {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}

/**
 * Re-render `container` with `render()` and give focus back to the element that had it:
 * elements that stand for the same thing across renders carry the same data-focus-key.
 */
export function keepingFocus(container, render) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focusKey : undefined;
  render();
  if (key) {
    const again = [...container.querySelectorAll("[data-focus-key]")].find((el) => el.dataset.focusKey === key);
    if (again) again.focus({ preventScroll: true });
  }
}
