// layoffwatch dashboard: a small hash-routed page over the JSON API.
// Everything is built with DOM calls (never innerHTML with data), so text
// from articles cannot inject markup.
"use strict";

// The contract's codes, from /api/codes (loaded once).
let CODES = { reasons: [], functions: [], sources: [] };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v; // CSSOM: allowed by the page's CSP
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path) {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body.error && body.error.message) || `HTTP ${r.status}`);
  return body;
}

const fmt = new Intl.NumberFormat("en-US");
function size(h) {
  if (!h) return "";
  const { min, max, approximate } = h;
  if (min != null && max != null && min === max) return (approximate ? "~" : "") + fmt.format(min);
  if (min != null && max != null) return `${fmt.format(min)}–${fmt.format(max)}`;
  if (min != null) return `>${fmt.format(min)}`;
  if (max != null) return `≤${fmt.format(max)}`;
  return "?";
}
const words = (code) => code.replaceAll("_", " ");

function view(...nodes) {
  const main = document.getElementById("view");
  main.replaceChildren(...nodes.flat());
  return main;
}
function failure(e) {
  view(el("p", { class: "error", role: "alert" }, e.message));
}

function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, query] = h.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent),
           params: new URLSearchParams(query || "") };
}

function markNav(name) {
  for (const a of document.querySelectorAll("[data-nav]"))
    a.classList.toggle("active", a.dataset.nav === name);
}

// ---- events table ---------------------------------------------------------

// The filter bar, shared by Events, Charts and AI exposure; `base` is the
// view it filters ("#/", "#/stats", "#/exposure").
function filterForm(params, base = "#/") {
  const input = (name, label, attrs) => el("label", {}, label,
    el("input", { name, value: params.get(name) || "", ...attrs }));
  const select = (name, label, options) => el("label", {}, label,
    el("select", { name }, el("option", { value: "" }, "any"),
      options.map((o) => el("option", { value: o, selected: params.get(name) === o }, words(o)))));
  const form = el("form", { class: "filters", id: "filters" },
    input("company", "Company", { placeholder: "e.g. Amazon", list: "" }),
    input("q", "Words in the articles", { placeholder: "e.g. automation" }),
    input("since", "From", { placeholder: "YYYY-MM", size: 10 }),
    input("until", "To", { placeholder: "YYYY-MM", size: 10 }),
    input("min_headcount", "At least", { type: "number", min: 0, size: 7 }),
    select("reason", "Reason", CODES.reasons),
    select("function", "Function", CODES.functions),
    select("source", "Source", CODES.sources),
    el("label", {}, "AI",
      el("select", { name: "ai", id: "ai-filter" },
        [["", "any event"], ["true", "tied to AI by anyone"], ["employer", "the employer blames AI"],
         ["reporting", "only the reporting ties it to AI"], ["denied", "the employer denies AI"],
         ["false", "not tied to AI"]]
          .map(([v, label]) => el("option", { value: v, selected: (params.get("ai") || "") === v }, label)))),
    el("input", { type: "hidden", name: "sort", value: params.get("sort") || "newest" }),
    el("div", { class: "actions" },
      el("button", { type: "submit" }, "Filter"),
      el("a", { href: base, class: "button secondary" }, "Clear")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) q.set(k, String(v).trim());
    location.hash = base + "?" + q.toString();
  });
  return form;
}

// A failed request shown where its answer would be, keeping the filters
// above it usable.
function inlineError(node, e) {
  node.replaceChildren(el("p", { class: "error", role: "alert" }, e.message));
}

// The filters of a view as API parameters (the view's own keys left out).
function apiParams(params) {
  const q = new URLSearchParams(params);
  q.delete("sort");
  return q;
}

// ---- export ---------------------------------------------------------------

const CSV_COLUMNS = ["id", "company", "units", "announced", "headcount_min", "headcount_max",
  "headcount_text", "percent", "ai_attributed", "ai_source", "reasons", "functions", "locations", "sources"];

function csvCell(v) {
  const t = v == null ? "" : String(v);
  return /[",\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

function toCsv(events) {
  const rows = events.map((e) => [e.id, e.company, e.units.join("; "), e.announced,
    e.headcount && e.headcount.min, e.headcount && e.headcount.max, e.headcount && e.headcount.text,
    e.percent, e.ai_attributed, e.ai_source, e.reasons.join("; "), e.functions.join("; "),
    e.locations.join("; "), e.sources.length].map(csvCell).join(","));
  return [CSV_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}

// Every event of the current filters, page by page, saved as a file.
async function exportEvents(q, format, button) {
  button.disabled = true;
  try {
    const all = [];
    let cursor = null;
    do {
      const page = new URLSearchParams(q);
      page.set("limit", "500"); // the API's largest page
      if (cursor) page.set("cursor", cursor);
      const body = await api("/api/events?" + page.toString());
      all.push(...body.events);
      cursor = body.next_cursor;
    } while (cursor);
    const text = format === "csv" ? toCsv(all) : JSON.stringify(all, null, 1);
    const blob = new Blob([text], { type: format === "csv" ? "text/csv" : "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `layoffwatch-events.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } finally {
    button.disabled = false;
  }
}

function sortHeader(label, params, orders) {
  const current = params.get("sort") || "newest";
  const next = orders[(orders.indexOf(current) + 1) % orders.length] || orders[0];
  const q = new URLSearchParams(params);
  q.set("sort", orders.includes(current) ? next : orders[0]);
  const arrow = current === "newest" && orders.includes("newest") ? " ↓"
    : current === "oldest" && orders.includes("oldest") ? " ↑"
    : current === "largest" && orders.includes("largest") ? " ↓" : "";
  return el("th", { "aria-sort": arrow ? (arrow === " ↑" ? "ascending" : "descending") : "none" },
    el("a", { href: "#/?" + q.toString(), class: "sort" }, label + arrow));
}

// Who ties a cut to AI, as a badge: the employer, the reporting, or an
// employer's denial.
function aiBadge(e) {
  if (e.ai_source === "employer") return el("span", { class: "pill ai", title: "the employer ties the cut to AI" }, "AI: employer");
  if (e.ai_source === "reporting") return el("span", { class: "pill ai-reported", title: "only the reporting ties the cut to AI" }, "AI: reported");
  if (e.ai_source === "denied") return el("span", { class: "pill ai-denied", title: "the employer says AI is not behind the cut" }, "denies AI");
  return e.ai_attributed ? el("span", { class: "pill ai" }, "AI") : "";
}

function eventRow(e) {
  return el("tr", { "data-id": e.id },
    el("td", {}, el("a", { href: `#/event/${e.id}` }, e.company)),
    el("td", { class: "muted" }, e.units.join(", ")),
    el("td", { class: "nowrap" }, e.announced || "–"),
    el("td", { class: "num" }, size(e.headcount), e.conflict ? el("span", { title: "sources disagree on the size", class: "warn" }, " ≠") : ""),
    el("td", { class: "num" }, e.percent != null ? `${e.percent}%` : ""),
    el("td", {}, aiBadge(e)),
    el("td", {}, e.reasons.map((r) => el("span", { class: "pill" }, words(r)))),
    el("td", {}, e.functions.map((f) => el("span", { class: "pill fn" }, words(f)))),
    el("td", { class: "muted" }, e.locations.join(", ")),
    el("td", { class: "num" }, e.sources.length));
}

async function eventsView(params) {
  markNav("events");
  const q = new URLSearchParams(params);
  const table = el("table", { class: "events", id: "events-table" },
    el("thead", {}, el("tr", {},
      el("th", {}, "Company"), el("th", {}, "Units"),
      sortHeader("Announced", params, ["newest", "oldest"]),
      sortHeader("Jobs", params, ["largest"]),
      el("th", {}, "%"), el("th", {}, "AI"), el("th", {}, "Reasons"),
      el("th", {}, "Functions"), el("th", {}, "Where"), el("th", {}, "Sources"))),
    el("tbody"));
  const status = el("p", { class: "muted", id: "events-status" }, "Loading…");
  const more = el("button", { class: "secondary", hidden: true }, "Show more");
  const exportQuery = new URLSearchParams(q);
  exportQuery.delete("limit");
  const csv = el("button", { class: "secondary small", id: "export-csv" }, "Download CSV");
  const json = el("button", { class: "secondary small", id: "export-json" }, "Download JSON");
  csv.onclick = () => exportEvents(exportQuery, "csv", csv).catch((e) => inlineError(status, e));
  json.onclick = () => exportEvents(exportQuery, "json", json).catch((e) => inlineError(status, e));
  view(el("h1", {}, "Layoff events"), filterForm(params),
    el("p", { class: "actions" }, "Export every matching event: ", csv, " ", json),
    el("div", { class: "scroll" }, table), status, more);
  let shown = 0;
  const load = async (cursor) => {
    const page = new URLSearchParams(q);
    if (!page.has("limit")) page.set("limit", "50");
    if (cursor) page.set("cursor", cursor);
    const body = await api("/api/events?" + page.toString());
    table.tBodies[0].append(...body.events.map(eventRow));
    shown += body.events.length;
    status.textContent = shown === 0 ? "No events match these filters."
      : `${fmt.format(shown)} of ${fmt.format(body.total)} matching event${body.total === 1 ? "" : "s"} shown` + (body.next_cursor ? "; more below." : ".");
    // After the last page there is nothing more: the button goes, and a
    // click in flight can never start again from the first page.
    more.hidden = !body.next_cursor;
    more.disabled = false;
    more.onclick = body.next_cursor
      ? () => { more.disabled = true; load(body.next_cursor).catch((e) => inlineError(status, e)); }
      : null;
  };
  await load(null).catch((e) => inlineError(status, e));
}

// ---- one event ------------------------------------------------------------

const FIELD_LABELS = { event: "cut", company: "company", units: "unit", announced: "date",
  headcount: "size", percent: "percent", reasons: "reason", reasons_denied: "ruled out",
  ai_attributed: "AI", functions: "function", locations: "place", severance: "severance",
  hiring_elsewhere: "hiring", roles: "role" };

function marked(parts) {
  return parts.map((p) => p.fields && p.fields.length
    ? el("mark", { class: "ev " + p.fields.map((f) => "f-" + f).join(" "),
                   title: p.fields.map((f) => FIELD_LABELS[f] || f).join(", ") }, p.text)
    : p.text);
}

function legend() {
  return el("p", { class: "legend" }, "Evidence: ",
    ["event", "company", "announced", "headcount", "reasons", "ai_attributed", "functions", "roles", "locations"]
      .map((f) => el("mark", { class: "ev f-" + f }, FIELD_LABELS[f])));
}

function facts(e) {
  const row = (k, ...v) => [el("dt", {}, k), el("dd", {}, ...v)];
  const sev = e.severance;
  return el("dl", { class: "facts" },
    row("Company", el("a", { href: `#/company/${encodeURIComponent(e.company)}` }, e.company)),
    e.units.length ? row("Units", e.units.join(", ")) : [],
    row("Announced", e.announced || "unknown"),
    row("Jobs", size(e.headcount) || "not stated", e.headcount ? el("span", { class: "muted" }, ` “${e.headcount.text}”`) : "",
      e.conflict ? el("span", { class: "warn" }, " (sources disagree)") : ""),
    e.percent != null ? row("Share of staff", `${e.percent}%`) : [],
    row("AI", aiBadge(e) || "no",
      e.ai_conflict ? el("span", { class: "warn" }, " (one source has the employer blame AI, another has it deny that)") : ""),
    row("Reasons", e.reasons.map(words).join(", ") || "–"),
    e.reasons_denied.length ? row("Ruled out", e.reasons_denied.map(words).join(", ")) : [],
    row("Functions", e.functions.map(words).join(", ") || "–"),
    e.roles && e.roles.length ? row("Roles", e.roles.join(", ")) : [],
    row("Where", e.locations.join(", ") || "–"),
    sev ? row("Severance", [sev.pay_days != null ? `${sev.pay_days} days' pay` : "",
      sev.health_benefits ? "health cover" : "", sev.outplacement ? "outplacement" : "",
      sev.severance_pay ? "severance pay" : ""].filter(Boolean).join(", ")) : [],
    row("Still hiring elsewhere", e.hiring_elsewhere ? "yes" : "no"));
}

async function eventView(id) {
  markNav("events");
  const e = await api(`/api/events/${encodeURIComponent(id)}`);
  const passagesByDoc = new Map(e.evidence_passages.map((p) => [p.doc, p]));
  const sources = e.sources.map((s) => {
    const p = passagesByDoc.get(s.doc);
    const article = el("div", { class: "article", hidden: true });
    const toggle = el("button", { class: "secondary small" }, "Full text");
    toggle.onclick = async () => {
      if (!article.hidden) { article.hidden = true; toggle.textContent = "Full text"; return; }
      if (!article.childNodes.length) {
        const d = await api(`/api/documents/${s.document}`).catch((err) => ({ parts: [{ text: err.message }] }));
        article.append(...marked(d.parts));
      }
      article.hidden = false;
      toggle.textContent = "Hide text";
    };
    return el("section", { class: "source" },
      el("h3", {}, s.title || s.doc, " ",
        el("span", { class: "pill kind" }, s.kind)),
      el("p", { class: "muted" }, [s.outlet, s.published, s.url ? el("a", { href: s.url, rel: "noopener noreferrer" }, "original") : null]
        .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]))),
      p ? p.passages.map((pa) => el("blockquote", { class: "passage" }, marked(pa.parts))) : el("p", { class: "muted" }, "Same text as another source."),
      p && p.merge_reason ? el("p", { class: "muted small" }, "Merged because: " + p.merge_reason) : "",
      s.document ? toggle : "", article);
  });
  view(el("p", {}, el("a", { href: "#/" }, "← all events")),
    el("h1", {}, `${e.company}: ${size(e.headcount) || "jobs"} cut`),
    facts(e), eventExposure(e.exposure),
    el("h2", {}, `Sources (${e.sources.length})`), legend(), sources);
}

const num3 = (v) => (v == null ? "–" : v.toFixed(2));
const pct = (v) => (v == null ? "–" : `${Math.round(v * 100)}%`);
const bandPill = (b) => el("span", { class: `pill band-${b}` }, b);

function eventExposure(x) {
  if (!x || !x.roles.length) return [];
  return el("section", { id: "event-exposure" },
    el("h2", {}, "Roles and their AI exposure"),
    el("div", { class: "scroll" }, el("table", { class: "events" },
      el("thead", {}, el("tr", {}, ["Role", "Occupation (O*NET-SOC)", "Band", "GPT-4 β", "Human β", "AIOE"].map((h) => el("th", {}, h)))),
      el("tbody", {}, x.roles.map((r) => {
        const o = r.occupation;
        return el("tr", {}, el("td", {}, r.role),
          o ? [el("td", {}, `${o.title} (${o.soc})`), el("td", {}, bandPill(o.band)),
            el("td", { class: "num" }, num3(o.gpts.gpt4_beta)), el("td", { class: "num" }, num3(o.gpts.human_beta)),
            el("td", { class: "num" }, num3(o.aioe && o.aioe.aioe))]
            : el("td", { colspan: 5, class: "muted" }, "no occupation: a status or employer word"));
      })))),
    el("p", { class: "muted small" }, `Event exposure: GPT-4 β ${num3(x.gpt4_beta)}, human β ${num3(x.human_beta)}, AIOE ${num3(x.aioe)} — ${x.method}.`));
}

// ---- companies and timelines ----------------------------------------------

async function companiesView(params) {
  markNav("companies");
  const prefix = params.get("prefix") || "";
  const form = el("form", { class: "filters", id: "companies-search" },
    el("label", {}, "Company name starts with", el("input", { name: "prefix", value: prefix, placeholder: "e.g. amaz" })),
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Search"),
      el("a", { href: "#/companies", class: "button secondary" }, "Clear")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = String(new FormData(form).get("prefix") || "").trim();
    location.hash = "#/companies" + (v ? "?prefix=" + encodeURIComponent(v) : "");
  });
  const tbody = el("tbody");
  const status = el("p", { class: "muted", id: "companies-status" }, "Loading…");
  const more = el("button", { class: "secondary", hidden: true }, "Show more");
  view(el("h1", {}, "Companies"), form,
    el("div", { class: "scroll" }, el("table", { class: "events", id: "companies-table" },
      el("thead", {}, el("tr", {}, ["Company", "Events", "Jobs (at least)", "AI-attributed", "First", "Latest"].map((h) => el("th", {}, h)))),
      tbody)), status, more);
  // The API lists the first `limit` companies: each page asks for more and
  // shows the ones not yet shown.
  const PAGE = 200;
  let limit = 0;
  const load = async () => {
    limit = Math.min(1000, limit + PAGE);
    const q = new URLSearchParams({ limit: String(limit) });
    if (prefix) q.set("prefix", prefix);
    const body = await api("/api/companies?" + q.toString());
    tbody.append(...body.companies.slice(tbody.rows.length).map((c) => el("tr", {},
      el("td", {}, el("a", { href: `#/company/${encodeURIComponent(c.employer_key)}` }, c.company)),
      el("td", { class: "num" }, c.events), el("td", { class: "num" }, fmt.format(c.jobs_min)),
      el("td", { class: "num" }, c.ai_events), el("td", {}, c.first || "–"), el("td", {}, c.last || "–"))));
    const full = body.companies.length === limit && limit < 1000;
    status.textContent = tbody.rows.length === 0 ? "No company matches."
      : `${fmt.format(tbody.rows.length)} compan${tbody.rows.length === 1 ? "y" : "ies"} shown` + (full ? "; more below." : ".");
    more.hidden = !full;
    more.disabled = false;
    more.onclick = full ? () => { more.disabled = true; load().catch((e) => inlineError(status, e)); } : null;
  };
  await load().catch((e) => inlineError(status, e));
}

function timelineChart(events) {
  const dated = events.filter((e) => e.announced);
  if (!dated.length) return el("p", { class: "muted" }, "No dated waves to draw.");
  const t = (d) => Date.parse(d.length === 4 ? d + "-07-01" : d.length === 7 ? d + "-15" : d);
  const times = dated.map((e) => t(e.announced));
  let lo = Math.min(...times), hi = Math.max(...times);
  if (hi - lo < 864e5 * 60) { lo -= 864e5 * 30; hi += 864e5 * 30; }
  const W = 800, H = 180, pad = 40;
  const maxJobs = Math.max(1, ...dated.map((e) => (e.headcount && (e.headcount.max ?? e.headcount.min)) || 0));
  const x = (v) => pad + ((v - lo) / (hi - lo)) * (W - 2 * pad);
  const bars = dated.map((e) => {
    const jobs = (e.headcount && (e.headcount.max ?? e.headcount.min)) || 0;
    const h = jobs ? 10 + (Math.sqrt(jobs) / Math.sqrt(maxJobs)) * (H - 70) : 6;
    const cx = x(t(e.announced));
    const a = svg("a", { href: `#/event/${e.id}` },
      svg("rect", { x: cx - 5, y: H - 30 - h, width: 10, height: h, rx: 2, class: e.ai_attributed ? "bar ai" : "bar" }),
      svg("title", {}, `${e.announced}: ${size(e.headcount) || "size unknown"}${e.units.length ? " (" + e.units.join(", ") + ")" : ""}`));
    return a;
  });
  const years = [];
  for (let y = new Date(lo).getUTCFullYear(); y <= new Date(hi).getUTCFullYear(); y++) {
    const v = Date.UTC(y, 0, 1);
    if (v >= lo && v <= hi) years.push(svg("g", {}, svg("line", { x1: x(v), x2: x(v), y1: 10, y2: H - 30, class: "grid" }),
      svg("text", { x: x(v), y: H - 12, "text-anchor": "middle", class: "axis" }, y)));
  }
  return el("figure", { class: "chart" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "waves of cuts over time" },
      svg("line", { x1: pad, x2: W - pad, y1: H - 30, y2: H - 30, class: "axisline" }), years, bars),
    el("figcaption", { class: "muted" }, "Each bar is one wave; height grows with the jobs cut; amber bars are attributed to AI."));
}

async function companyView(name) {
  markNav("companies");
  const body = await api(`/api/companies/${encodeURIComponent(name)}/timeline`);
  view(el("p", {}, el("a", { href: "#/companies" }, "← companies")),
    el("h1", {}, `${body.company}: waves of cuts`),
    timelineChart(body.events),
    el("div", { class: "scroll" }, el("table", { class: "events" },
      el("thead", {}, el("tr", {}, ["Company", "Units", "Announced", "Jobs", "%", "AI", "Reasons", "Functions", "Where", "Sources"].map((h) => el("th", {}, h)))),
      el("tbody", {}, body.events.map(eventRow)))));
}

// ---- charts ---------------------------------------------------------------

// "YYYY-MM" months from `first` to `last`, both included.
function monthRange(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

// The month `n` months before a "YYYY-MM" month.
function monthsBefore(month, n) {
  const [y, m] = month.split("-").map(Number);
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}

const EMPTY_MONTH = { events: 0, jobs_min: 0, ai_jobs_min: 0, ai_reported_jobs_min: 0,
  ai_employer_jobs_min: 0, ai_share: 0 };

function monthlyChart(months) {
  const dated = months.filter((m) => /^\d{4}-\d{2}$/.test(m.group));
  if (!dated.length) return el("p", { class: "muted" }, "No dated events yet.");
  // A real time axis: every month from the first to the last, empty ones
  // as zero.
  const byMonth = new Map(dated.map((m) => [m.group, m]));
  const span = monthRange(dated[0].group, dated[dated.length - 1].group);
  const rows = span.map((g) => byMonth.get(g) || { ...EMPTY_MONTH, group: g });
  const W = 820, H = 260, pad = 50, bw = Math.max(2, Math.min(28, (W - 2 * pad) / rows.length - 2));
  const max = Math.max(1, ...rows.map((r) => r.jobs_min));
  const y = (v) => H - 40 - (v / max) * (H - 70);
  const step = (W - 2 * pad) / rows.length;
  const label = Math.ceil(rows.length / 12);
  return el("figure", { class: "chart", id: "monthly-chart" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "jobs cut per month" },
      [0, 0.5, 1].map((f) => svg("g", {},
        svg("line", { x1: pad, x2: W - pad, y1: y(max * f), y2: y(max * f), class: "grid" }),
        svg("text", { x: pad - 6, y: y(max * f) + 4, "text-anchor": "end", class: "axis" }, fmt.format(Math.round(max * f))))),
      rows.map((r, i) => {
        const x0 = pad + i * step + (step - bw) / 2;
        return svg("g", {},
          svg("rect", { x: x0, y: y(r.jobs_min), width: bw, height: H - 40 - y(r.jobs_min), class: "bar" }),
          r.ai_jobs_min ? svg("rect", { x: x0, y: y(r.ai_jobs_min), width: bw, height: H - 40 - y(r.ai_jobs_min), class: "bar ai" }) : null,
          r.ai_reported_jobs_min ? svg("rect", { x: x0, y: y(r.ai_reported_jobs_min), width: bw, height: H - 40 - y(r.ai_reported_jobs_min), class: "bar ai-reported" }) : null,
          i % label === 0 ? svg("text", { x: x0 + bw / 2, y: H - 22, "text-anchor": "middle", class: "axis" }, r.group) : null,
          svg("title", {}, `${r.group}: ${fmt.format(r.jobs_min)} jobs in ${r.events} events; AI-attributed ${fmt.format(r.ai_jobs_min)} (${Math.round(r.ai_share * 100)}%): employer-cited ${fmt.format(r.ai_employer_jobs_min)}, reported only ${fmt.format(r.ai_reported_jobs_min)}`));
      })),
    el("figcaption", { class: "muted" }, "Jobs cut per month (lower bounds of the reported sizes); the amber part is tied to AI or automation, the hatched part of it only by the reporting, not the employer."));
}

function barList(rows, id) {
  const max = Math.max(1, ...rows.map((r) => r.jobs_min));
  return el("div", { class: "barlist", id },
    rows.slice(0, 12).map((r) => el("div", { class: "barrow" },
      el("span", { class: "barlabel" }, words(r.group)),
      el("span", { class: "bartrack" },
        el("span", { class: "barfill", style: `width:${(100 * r.jobs_min) / max}%` }),
        el("span", { class: "barfill ai", style: `width:${(100 * r.ai_jobs_min) / max}%` })),
      el("span", { class: "num" }, `${fmt.format(r.jobs_min)} · ${r.events} ev.`))));
}

// Charts and AI exposure open on the 24 months up to the latest dated
// event; From and To choose another range. The filters actually used are
// returned, with a note saying so.
async function defaultRange(params) {
  if (params.get("since") || params.get("until")) return { params, note: null };
  const probe = apiParams(params);
  const body = await api("/api/stats?" + probe.toString());
  const months = body.months.map((m) => m.group).filter((g) => /^\d{4}-\d{2}$/.test(g)).sort();
  if (!months.length) return { params, note: null };
  const last = months[months.length - 1];
  const ranged = new URLSearchParams(params);
  ranged.set("since", monthsBefore(last, 23));
  ranged.set("until", last);
  return { params: ranged, note: `Showing the 24 months up to ${last}, the latest dated event; set From and To for another range.` };
}

async function statsView(params) {
  markNav("stats");
  const results = el("div", { id: "stats-results" }, el("p", { class: "muted" }, "Loading…"));
  view(el("h1", {}, "The big picture"), filterForm(params, "#/stats"), results);
  try {
    const range = await defaultRange(params);
    if (range.params !== params) view(el("h1", {}, "The big picture"), filterForm(range.params, "#/stats"), results);
    const body = await api("/api/stats?" + apiParams(range.params).toString());
    const t = body.totals;
    results.replaceChildren(
      range.note ? el("p", { class: "muted small", id: "range-note" }, range.note) : "",
      el("div", { class: "cards" },
        el("div", { class: "card" }, el("b", {}, fmt.format(t.events)), "events"),
        el("div", { class: "card" }, el("b", {}, fmt.format(t.jobs_min)), "jobs cut (at least)"),
        el("div", { class: "card" }, el("b", {}, fmt.format(t.ai_events)), "AI-attributed events"),
        el("div", { class: "card" }, el("b", {}, `${Math.round(t.ai_share * 100)}%`), "of jobs attributed to AI"),
        el("div", { class: "card ai", id: "ai-employer-share" }, el("b", {}, `${Math.round(t.ai_employer_share * 100)}%`), "the employer blames AI (Challenger-comparable)"),
        el("div", { class: "card" }, el("b", {}, `${Math.round(t.ai_reported_share * 100)}%`), "only the reporting ties to AI")),
      monthlyChart(body.months),
      el("div", { class: "two" },
        el("section", {}, el("h2", {}, "By reason"), barList(body.reasons, "reasons-chart")),
        el("section", {}, el("h2", {}, "By function"), barList(body.functions, "functions-chart"))),
      el("section", {}, el("h2", {}, "By country"), barList(body.countries, "countries-chart")));
  } catch (e) {
    inlineError(results, e);
  }
}

// ---- AI exposure ----------------------------------------------------------

const BANDS = ["high", "medium", "low"];

function bandChart(rows) {
  const seen = [...new Set(rows.filter((r) => /^\d{4}-\d{2}$/.test(r.month)).map((r) => r.month))].sort();
  if (!seen.length) return el("p", { class: "muted" }, "No dated events with roles yet.");
  const months = monthRange(seen[0], seen[seen.length - 1]);
  const byJobs = rows.some((r) => r.jobs > 0);
  const value = (r) => (byJobs ? r.jobs : r.events);
  const stack = months.map((m) => BANDS.map((b) => rows.filter((r) => r.month === m && r.band === b).reduce((s, r) => s + value(r), 0)));
  const W = 820, H = 260, pad = 50, step = (W - 2 * pad) / months.length;
  const bw = Math.max(2, Math.min(28, step - 2));
  const max = Math.max(1, ...stack.map((s) => s.reduce((a, b) => a + b, 0)));
  const h = (v) => (v / max) * (H - 70);
  const label = Math.ceil(months.length / 12);
  return el("figure", { class: "chart", id: "exposure-chart" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "cuts per month by AI-exposure band" },
      [0, 0.5, 1].map((f) => svg("g", {},
        svg("line", { x1: pad, x2: W - pad, y1: H - 40 - h(max * f), y2: H - 40 - h(max * f), class: "grid" }),
        svg("text", { x: pad - 6, y: H - 36 - h(max * f), "text-anchor": "end", class: "axis" }, fmt.format(Math.round(max * f))))),
      months.map((m, i) => {
        const x0 = pad + i * step + (step - bw) / 2;
        let top = H - 40;
        return svg("g", {}, stack[i].map((v, b) => {
          top -= h(v);
          return v ? svg("rect", { x: x0, y: top, width: bw, height: h(v), class: `band ${BANDS[b]}` },
            svg("title", {}, `${m}, ${BANDS[b]} exposure: ${fmt.format(Math.round(v))} ${byJobs ? "jobs" : "events"}`)) : null;
        }), i % label === 0 ? svg("text", { x: x0 + bw / 2, y: H - 22, "text-anchor": "middle", class: "axis" }, m) : null);
      })),
    el("figcaption", { class: "muted" }, `${byJobs ? "Jobs" : "Events"} cut per month by the AI exposure of the occupations named: `,
      BANDS.flatMap((b) => [bandPill(b), " "]), "(bands by the GPT-4 β rating of GPTs-are-GPTs)."));
}

async function exposureView(params) {
  markNav("exposure");
  const title = "Which jobs are cut, and how exposed they are to AI";
  const results = el("div", { id: "exposure-results" }, el("p", { class: "muted" }, "Loading…"));
  view(el("h1", {}, title), filterForm(params, "#/exposure"), results);
  try {
    const range = await defaultRange(params);
    if (range.params !== params) view(el("h1", {}, title), filterForm(range.params, "#/exposure"), results);
    const r = await api("/api/exposure?" + apiParams(range.params).toString());
    results.replaceChildren(...exposureParts(r, range.note).flat());
  } catch (e) {
    inlineError(results, e);
  }
}

function exposureParts(r, note) {
  const c = r.ai_vs_all;
  const share = (jobs, events) => (jobs != null && c.all_jobs > 0 ? jobs : events);
  return [note ? el("p", { class: "muted small", id: "range-note" }, note) : "",
    r.missing.map((m) => el("p", { class: "muted small" }, m)),
    el("div", { class: "cards", id: "exposure-cards" },
      el("div", { class: "card" }, el("b", {}, fmt.format(r.events_with_occupations)), `events name an occupation (of ${fmt.format(r.events)})`),
      el("div", { class: "card" }, el("b", {}, pct(share(c.all_high_share_jobs, c.all_high_share_events))), "of all cuts in high-exposure occupations"),
      el("div", { class: "card ai" }, el("b", {}, pct(share(c.ai_high_share_jobs, c.ai_high_share_events))), `of AI-attributed cuts (${c.ai_events} event${c.ai_events === 1 ? "" : "s"}) in high-exposure occupations`)),
    bandChart(r.by_month),
    el("h2", {}, "Occupations cut, most exposed first"),
    el("div", { class: "scroll" }, el("table", { class: "events", id: "exposure-occupations" },
      el("thead", {}, el("tr", {}, ["Occupation", "Band", "GPT-4 β", "Human β", "AIOE", "LM AIOE", "Events", "Jobs", "AI", "Roles named"].map((h) => el("th", {}, h)))),
      el("tbody", {}, r.occupations.slice(0, 50).map((o) => el("tr", {},
        el("td", {}, o.title, el("span", { class: "muted small" }, ` ${o.soc}`)), el("td", {}, bandPill(o.band)),
        el("td", { class: "num" }, num3(o.gpts.gpt4_beta)), el("td", { class: "num" }, num3(o.gpts.human_beta)),
        el("td", { class: "num" }, num3(o.aioe && o.aioe.aioe)), el("td", { class: "num" }, num3(o.aioe && o.aioe.lm_aioe)),
        el("td", { class: "num" }, fmt.format(o.events)), el("td", { class: "num" }, fmt.format(Math.round(o.jobs))),
        el("td", { class: "num" }, o.ai_events), el("td", {}, o.roles.join(", "))))))),
    el("div", { class: "two" },
      el("section", {}, el("h2", {}, "Companies"),
        el("div", { class: "scroll" }, el("table", { class: "events", id: "exposure-companies" },
          el("thead", {}, el("tr", {}, ["Company", "Events", "Jobs", "GPT-4 β", "High share"].map((h) => el("th", {}, h)))),
          el("tbody", {}, r.companies.slice(0, 25).map((co) => el("tr", {},
            el("td", {}, el("a", { href: `#/company/${encodeURIComponent(co.company)}` }, co.company)),
            el("td", { class: "num" }, co.events), el("td", { class: "num" }, fmt.format(Math.round(co.jobs))),
            el("td", { class: "num" }, num3(co.gpt4_beta)), el("td", { class: "num" }, pct(co.high_share)))))))),
      el("section", {}, el("h2", {}, "Traits of AI-exposed work"),
        el("div", { class: "barlist", id: "exposure-traits" }, r.traits.map((t) => el("div", { class: "barrow", title: t.how },
          el("span", { class: "barlabel" }, t.label),
          el("span", { class: "bartrack" }, el("span", { class: "barfill", style: `width:${100 * t.score}%` })),
          el("span", { class: "num" }, num3(t.score))))),
        el("p", { class: "muted small" }, "Scored 0–1 from occupation titles and SOC groups; hover a trait for its rule."))),
    el("p", { class: "muted small" }, r.method, " Sources: ", r.sources.join("; "), ".")];
}

// ---- search ---------------------------------------------------------------

async function searchView(params) {
  markNav("search");
  const q = params.get("q") || "";
  const form = el("form", { class: "filters" },
    el("label", {}, "Search the stored articles", el("input", { name: "q", value: q, placeholder: "e.g. warehouse automation" })),
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Search")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search?q=" + encodeURIComponent(new FormData(form).get("q"));
  });
  const results = el("div", { id: "search-results" });
  view(el("h1", {}, "Search"), form, results);
  if (!q.trim()) return;
  const body = await api("/api/search?q=" + encodeURIComponent(q));
  results.append(...[].concat(body.hits.length ? body.hits.map((h) => el("article", { class: "hit" },
    el("h3", {}, h.title || h.doc, " ", el("span", { class: "pill kind" }, h.kind)),
    el("p", { class: "muted" }, [h.outlet, h.published].filter(Boolean).join(" · ")),
    el("p", {}, h.snippet.map((p) => (p.hit ? el("mark", {}, p.text) : p.text))),
    h.events.length ? el("p", {}, "Events: ", h.events.map((id) => el("a", { href: `#/event/${id}`, class: "pill" }, `#${id}`))) : null))
    : el("p", { class: "muted" }, "No article contains all these words.")));
}

// ---- routing --------------------------------------------------------------

async function route() {
  const { parts, params } = parseHash();
  try {
    if (parts[0] === "event" && parts[1]) await eventView(parts[1]);
    else if (parts[0] === "company" && parts[1]) await companyView(parts[1]);
    else if (parts[0] === "companies") await companiesView(params);
    else if (parts[0] === "stats") await statsView(params);
    else if (parts[0] === "exposure") await exposureView(params);
    else if (parts[0] === "search") await searchView(params);
    else await eventsView(params);
    document.body.dataset.ready = "true";
  } catch (e) {
    failure(e);
    document.body.dataset.ready = "error";
  }
}

async function health() {
  try {
    const h = await api("/api/health");
    document.getElementById("health").textContent =
      `${fmt.format(h.events)} events from ${fmt.format(h.documents)} documents`;
  } catch (e) { /* the view shows errors */ }
}

window.addEventListener("hashchange", () => { document.body.dataset.ready = "false"; route(); });
api("/api/codes").then((c) => { CODES = c; }).catch(() => {}).finally(route);
health();
