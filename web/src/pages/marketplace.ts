// The marketplace: browse products by domain, rating, certification and SLA health, request
// access; the inbox: requests to decide (owners), one's own requests, notifications.
import { ApiError } from "../api";
import { kv, pageHeader, table } from "../components";
import { badge, empty, fmtTime, h, section, type Child } from "../dom";
import { entityLink } from "../links";
import {
  decide, domainIds, endSubscription, inbox, marketplace, rate, requestAccess, usageLists,
  type Entry, type Health, type ProductMarket, type RatingSummary,
} from "../marketplace-api";
import { sampleOnOpen } from "../preview";
import { navigate, refresh } from "../router";

const HEALTH_CLASS: Record<string, string> = {
  healthy: "status-good", late: "status-warn", failing: "status-bad", unknown: "status-unknown" };

export function healthBadge(h_: Health | null): HTMLElement {
  const state = h_?.state ?? "unknown";
  const el = badge(state, `health ${HEALTH_CLASS[state] ?? "status-unknown"}`);
  el.setAttribute("data-health", state);
  if (h_?.causes.length) el.title = h_.causes.join("\n");
  return el;
}

export function stars(r: RatingSummary): HTMLElement {
  return h("span", { class: "stars", "data-mean": r.mean ?? "", title: r.distribution
    .map((n, i) => `${i + 1}★: ${n}`).join("  ") },
  r.mean === null ? h("span", { class: "muted" }, "no ratings")
    : [`${"★".repeat(Math.round(r.mean))}${"☆".repeat(5 - Math.round(r.mean))}`,
      h("span", { class: "muted small" }, ` ${r.mean.toFixed(1)} (${r.count})`)]);
}

function message(el: HTMLElement, text: string, error = false): void {
  el.textContent = text;
  el.className = `form-message ${error ? "error" : "ok"}`;
}

/** A request-access form (purpose, optional team) that posts the request. */
export function requestForm(productId: string): HTMLElement {
  const purpose = h("input", { type: "text", name: "purpose", placeholder: "what you need it for",
    "aria-label": "purpose", required: true });
  const team = h("input", { type: "text", name: "team", placeholder: "team (optional)",
    "aria-label": "team" });
  const note = h("span", { class: "form-message" });
  const form = h("form", { class: "request-form", "data-product": productId,
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      try {
        const r = await requestAccess(productId, purpose.value, team.value.trim() || null);
        message(note, `requested: ${r.status}`);
        form.classList.add("sent");
      } catch (e) {
        const err = e as ApiError;
        message(note, `${err.field ? err.field + ": " : ""}${err.message}`, true);
      }
    } }, purpose, team, h("button", { type: "submit", class: "primary" }, "Request access"), note);
  return form;
}

export async function marketplacePage(_arg: string, params: URLSearchParams): Promise<Node> {
  const filter: Record<string, unknown> = {};
  if (params.get("domain")) filter.domain = params.get("domain");
  if (params.get("minRating")) filter.minRating = Number(params.get("minRating"));
  if (params.get("certified")) filter.certified = params.get("certified") === "true";
  if (params.get("health")) filter.health = params.get("health");
  if (params.get("text")) filter.text = params.get("text");
  const [entries, usage, domainList] = await Promise.all([marketplace(filter, PAGE),
    usageLists(), domainIds()]);
  const domains = [...domainList].sort();
  const select = (name: string, options: [string, string][]) => h("select", { name,
    "aria-label": name }, options.map(([v, label]) => {
    const o = h("option", { value: v }, label);
    if ((params.get(name) ?? "") === v) o.selected = true;
    return o;
  }));
  const form = h("form", { class: "filters", onsubmit: (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    const q = new URLSearchParams();
    data.forEach((v, k) => { if (String(v)) q.set(k, String(v)); });
    navigate(`/marketplace${q.toString() ? "?" + q : ""}`);
  } },
  h("input", { type: "search", name: "text", placeholder: "filter by name",
    value: params.get("text") ?? "", "aria-label": "text" }),
  select("domain", [["", "any domain"], ...domains.map((d) => [d, d.replace(/^domain:/, "")] as [string, string])]),
  select("minRating", [["", "any rating"], ["4", "4★ and up"], ["3", "3★ and up"]]),
  select("certified", [["", "certified or not"], ["true", "certified"], ["false", "not certified"]]),
  select("health", [["", "any health"], ["healthy", "healthy"], ["late", "late"],
    ["failing", "failing"], ["unknown", "unknown"]]),
  h("button", { type: "submit" }, "Filter"));
  return h("article", { class: "page marketplace" },
    pageHeader("Marketplace", [], "Data products to use: ratings, certification, SLA health, " +
      "and access on request."),
    form,
    h("div", { class: "columns-2 usage" },
      section("Most used · 30 days", usage.mostUsedProducts.length
        ? h("ol", { class: "most-used" }, usage.mostUsedProducts.map((u) =>
          h("li", null, entityLink(u.productId, null), h("span", { class: "muted small" },
            ` ${u.score} uses`)))) : empty("No use counted yet.")),
      section("Trending", usage.trendingProducts.length
        ? h("ol", { class: "trending" }, usage.trendingProducts.map((u) =>
          h("li", null, entityLink(u.productId, null)))) : empty("Nothing trending yet."))),
    entries.length ? marketTable(filter, entries) : empty("No products match these filters."));
}

const PAGE = 50;

function marketRow(e: Entry): HTMLElement {
  return h("tr", null, [
    entityLink(e.product.id, e.product.name), (e.domainId ?? "").replace(/^domain:/, ""),
    e.owners.join(", "), stars(e.rating),
    e.certification ? badge("certified", "status-good") : "",
    healthBadge(e.health), String(e.subscribers), String(e.usage),
    h("details", { class: "request" }, h("summary", null, "Request access"),
      requestForm(e.product.id))].map((c) => h("td", null, c)));
}

/** The products, a page at a time: "Show more" asks for the page after the last row. */
function marketTable(filter: Record<string, unknown>, first: Entry[]): HTMLElement {
  const grid = table(["Product", "Domain", "Owners", "Rating", "Certified", "Health",
    "Subscribers", "Use (30 d)", ""], [], "market-table");
  const body = grid.querySelector("tbody")!;
  let last = "";
  const add = (page: Entry[]) => {
    page.forEach((e) => body.append(marketRow(e)));
    if (page.length) last = page[page.length - 1].product.id;
    more.style.display = page.length < PAGE ? "none" : "";  // (button styles beat `hidden`)
  };
  const more = h("button", { type: "button", class: "more", onclick: async () => {
    more.disabled = true;
    try { add(await marketplace(filter, PAGE, last)); } finally { more.disabled = false; }
  } }, "Show more");
  add(first);
  return h("div", null, grid, more);
}

function requestRows(list: Awaited<ReturnType<typeof inbox>>["mine"], owner: boolean): Child {
  if (!list.length) return empty(owner ? "No requests waiting." : "You have requested nothing yet.");
  return table(["Product", "Consumer", "Purpose", "Status", "Requested", "Decision", ""],
    list.map((r) => [entityLink(r.productId, null), r.consumer, r.purpose,
      badge(r.status, `req-${r.status}`), `${fmtTime(r.requestedAt)} by ${r.requestedBy}`,
      r.decidedBy ? `${r.decidedBy}${r.reason ? `: ${r.reason}` : ""}` : "",
      owner && r.status === "pending" ? h("span", { class: "decide", "data-request": r.id },
        h("button", { class: "primary approve", onclick: () => act(() => decide(r.id, true, null)) },
          "Approve"),
        h("button", { class: "deny", onclick: () => {
          const reason = prompt("Why deny?");
          if (reason) act(() => decide(r.id, false, reason));
        } }, "Deny"))
        : !owner && (r.status === "approved" || r.status === "pending")
          ? h("button", { class: "end", onclick: () => act(() => endSubscription(r.id)) },
            r.status === "approved" ? "End subscription" : "Withdraw") : ""]), "requests");
}

function act(fn: () => Promise<unknown>): void {
  fn().then(() => refresh()).catch((e) => alert(`Not saved: ${(e as Error).message}`));
}

export async function inboxPage(): Promise<Node> {
  const data = await inbox();
  return h("article", { class: "page inbox" },
    pageHeader("Inbox", [], "Requests for your team's products, your own requests, and " +
      "notifications of incidents and breaking changes."),
    section(`Requests to decide · ${data.requestInbox.length}`, requestRows(data.requestInbox, true)),
    section("My requests", requestRows(data.mine, false)),
    section(`Notifications · ${data.notifications.length}`, data.notifications.length
      ? table(["When", "Team", "What", "Product", "Downstream products", "Delivery"],
        data.notifications.map((n) => [fmtTime(n.createdAt), n.team, n.kind,
          n.productId ? entityLink(n.productId, null) : "",
          (n.payload.downstream?.products ?? []).join(", "), n.status]), "notifications")
      : empty("No notifications.")));
}

/** The marketplace part of a product page: rating, health, incidents, request and rate. */
export function productMarketSection(id: string, m: ProductMarket): HTMLElement {
  const starsSel = h("select", { name: "stars", "aria-label": "stars" },
    [5, 4, 3, 2, 1].map((n) => h("option", { value: n }, `${n}★`)));
  const comment = h("input", { type: "text", name: "comment", placeholder: "comment (optional)",
    "aria-label": "comment" });
  const note = h("span", { class: "form-message" });
  const rateForm = h("form", { class: "rate-form", onsubmit: async (ev: Event) => {
    ev.preventDefault();
    try {
      await rate(id, Number(starsSel.value), comment.value);
      await refresh();
    } catch (e) {
      const err = e as ApiError;
      message(note, `${err.field ? err.field + ": " : ""}${err.message}`, true);
    }
  } }, starsSel, comment, h("button", { type: "submit" }, "Rate"), note);
  return h("div", { class: "columns-2 market" },
    h("section", { class: "card" }, h("h2", null, "Marketplace"), kv([
      ["Rating", stars(m.rating)],
      ["Certified", m.certification ? `by ${m.certification.by}${m.certification.note
        ? `: ${m.certification.note}` : ""}${m.certification.expiresAt
        ? ` (until ${fmtTime(m.certification.expiresAt)})` : ""}` : "no"],
      ["Subscribers", m.subscriptions.map((s) => s.consumer).join(", ") || "none"],
    ]), requestForm(id), rateForm,
    m.ratings.length ? h("ul", { class: "plain reviews" }, m.ratings.map((r) => h("li", null,
      `${"★".repeat(r.stars)} ${r.consumer}`, r.comment ? h("span", { class: "muted" },
        ` — ${r.comment}`) : null))) : null),
    h("section", { class: "card" }, h("h2", null, "Health"), kv([
      ["State", healthBadge(m.health)],
      ["Last update", fmtTime(m.health?.lastUpdate) || "unknown"],
      ["Due", fmtTime(m.health?.dueAt) || (m.health?.freshnessSeconds
        ? "no successful run seen yet" : "no freshness SLA")],
      ["Completeness", m.health?.completeness != null ? `${Math.round(m.health.completeness * 100)}%` : "unknown"],
    ]), m.incidents.length ? table(["Incident", "Status", "Started", "Closed"], m.incidents.map((i) =>
      [h("span", { title: i.reason ?? "" }, i.kind), i.status, fmtTime(i.startedAt),
        fmtTime(i.closedAt)]), "incidents") : empty("No incidents.")));
}

/** What a consumer gets: each dataset's harvested schema with its classifications, live
 * sample values when the dataset is opened (read from its preview source, never stored), and
 * the contract's terms. */
export function previewSection(m: ProductMarket): HTMLElement {
  const pii = (c: ProductMarket["datasets"][number]["columns"][number]) => c.classifications
    .some((k) => k.status !== "rejected" && (k.classification.name ?? "").toUpperCase().startsWith("PII"));
  return section("Preview", m.contract ? h("p", null, "Contract ",
    h("strong", null, `${m.contract.contractId ?? ""}${m.contract.version ? ` v${m.contract.version}` : ""}`),
    m.contract.status ? ` (${m.contract.status} against the harvested schema)` : "") : empty("No contract."),
  m.datasets.map((d) => {
    const box = h("details", { class: "preview", "data-dataset": d.id }, h("summary", null,
      d.name ?? d.id, h("span", { class: "muted small" }, ` · ${d.columns.length} columns`)),
    table(["Column", "Type", "Classifications", "Sample"], d.columns.map((c) => [c.name ?? "",
      c.type ?? "", c.classifications.filter((k) => k.status !== "rejected")
        .map((k) => k.classification.name).join(", "),
      pii(c) ? badge("masked (PII)", "status-bad") : h("span", { class: "muted" }, "as is")]),
    "preview-columns"));
    box.append(sampleOnOpen(box, d.id));
    return box;
  }),
  h("p", { class: "muted small" }, "Sample values are read live from the dataset's source when " +
    "you open it and never stored; columns classified as PII are masked (the format shows, " +
    "the value does not)."));
}
