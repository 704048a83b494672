// How dates, numbers and enrichment read on the page.

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function asDate(iso) {
  if (!iso) return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || iso.length <= 10 ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso) {
  const date = asDate(iso);
  return date ? DATE.format(date) : "";
}

export function formatMonth(iso) {
  const date = asDate(iso);
  return date ? MONTH.format(date) : iso;
}

export function formatNumber(value) {
  return value === null || value === undefined ? "" : NUMBER.format(value);
}

export function plural(count, one, many = `${one}s`) {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

export const ENTITY_TYPES = {
  PERSON: "Person",
  ORG: "Organisation",
  GPE: "Place",
  LOC: "Place",
  FAC: "Place",
  NORP: "Nationality or group",
};

/** The search facet an entity label is counted in, so an entity can become a filter. */
export const ENTITY_FACETS = { PERSON: "people", ORG: "organizations", GPE: "places", LOC: "places", FAC: "places", NORP: "groups" };

const QUALIFIERS = {
  exact: "",
  about: "about",
  at_least: "at least",
  up_to: "up to",
  at_most: "fewer than",
  range: "between",
  vague: "roughly",
};

function amount(value, mention) {
  if (value === null || value === undefined) return "";
  if (mention.kind === "percent") return `${NUMBER.format(value * 100)}%`;
  if (mention.kind === "year") return String(value);
  const unit = mention.unit ? ` ${mention.unit}${value === 1 || mention.kind === "money" ? "" : "s"}` : "";
  return mention.kind === "money" && mention.unit && mention.unit.length <= 3
    ? `${mention.unit} ${NUMBER.format(value)}`
    : `${NUMBER.format(value)}${unit}`;
}

/** "up to 3,250 people killed", "1 Oct 2017", "between 300 and 400 fighters" */
export function describeNumber(mention) {
  if (mention.iso) return `${mention.kind} ${mention.iso}`;
  let figure;
  if (mention.qualifier === "range" || mention.qualifier === "vague" || mention.value === null || mention.value === undefined) {
    const low = amount(mention.low, mention);
    const high = amount(mention.high, mention);
    figure = low && high && low !== high ? `${low} to ${high}` : low || high;
    if (mention.qualifier === "vague") figure = `roughly ${figure}`;
  } else {
    const qualifier = QUALIFIERS[mention.qualifier] || "";
    figure = `${qualifier} ${amount(mention.value, mention)}`.trim();
  }
  return [figure, mention.counted].filter(Boolean).join(" ");
}

/** "Count: up to 3,250 people (verb: kill)" */
export function numberTip(mention) {
  const kind = mention.kind ? `${mention.kind[0].toUpperCase()}${mention.kind.slice(1)}` : "Number";
  const verb = mention.verb ? ` (verb: ${mention.verb})` : "";
  return `${kind}: ${describeNumber(mention)}${verb}`;
}

export function entityTip(entity) {
  const type = ENTITY_TYPES[entity.label] || entity.label;
  const canonical = entity.canonical || entity.name || entity.text;
  return canonical === entity.text ? `${type}: ${canonical}` : `${type}: ${canonical} (written “${entity.text}”)`;
}

/** A number filter as a reader says it: "people killed ≥ 1,000". */
export function describeFilter(filter) {
  const what = [filter.counted, filter.verb].filter(Boolean).join(" ") || "any figure";
  const bounds = [];
  if (filter.min !== null && filter.min !== undefined) bounds.push(`≥ ${formatNumber(filter.min)}`);
  if (filter.max !== null && filter.max !== undefined) bounds.push(`≤ ${formatNumber(filter.max)}`);
  return `${what} ${bounds.join(" and ")}`.trim();
}
