// Small views shared by the pages: owners, tags, key-value grids, classification chips.
import { badge, h, type Child } from "./dom";
import { entityLink, link } from "./links";
import type { Assignment, Owner, Tag } from "./queries";

export function ownersView(owners: Owner[]): Child {
  if (!owners.length) return h("span", { class: "muted" }, "no owner");
  return h("ul", { class: "inline-list" }, owners.map((o) =>
    h("li", null, link(`/search?${new URLSearchParams({ q: "*", owner: o.name ?? "" })}`,
      o.name ?? o.id), o.role && o.role !== "owner" ? ` (${o.role})` : null,
      o.email ? h("a", { class: "muted small", href: `mailto:${o.email}` }, ` ${o.email}`) : null)));
}

export function tagsView(tags: Tag[]): Child {
  if (!tags.length) return h("span", { class: "muted" }, "none");
  return h("span", { class: "tags" }, tags.map((t) =>
    link(`/search?${new URLSearchParams({ q: "*", tag: t.name ?? "" })}`, badge(t.name ?? t.id, "tag"))));
}

export function kv(rows: [string, Child][]): HTMLElement {
  return h("dl", { class: "kv" }, rows.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

export function isPii(a: Assignment): boolean {
  return a.status !== "rejected" && (a.classification.name ?? "").toUpperCase().startsWith("PII");
}

export interface StewardActions {
  accept(a: Assignment): Promise<void>;
  reject(a: Assignment): Promise<void>;
}

/** Classification chips; a steward gets accept/reject buttons beside each. */
export function classificationChips(list: Assignment[], actions: StewardActions | null): Child {
  if (!list.length) return null;
  return h("span", { class: "chips" }, list.map((a) => {
    const status = a.status ?? "suggested";
    const title = [`${a.classification.name}: ${status}`,
      a.score !== null ? `score ${a.score.toFixed(2)}` : "",
      a.source ? `source: ${a.source}` : "", a.classifierVersion ? `classifier ${a.classifierVersion}` : "",
      a.decidedBy ? `decided by ${a.decidedBy}${a.decidedAt ? ` at ${a.decidedAt}` : ""}` : "",
      a.path?.length ? `propagated along ${a.path.join(" → ")}` : "",
      ...(a.reasons ?? [])].filter(Boolean).join("\n");
    const buttons: Child[] = [];
    if (actions) {
      const run = (fn: (a: Assignment) => Promise<void>, el: HTMLButtonElement) => {
        el.disabled = true;
        fn(a).catch((e) => {
          el.disabled = false;
          alert(`Not saved: ${(e as Error).message}`);
        });
      };
      if (status !== "accepted") {
        buttons.push(h("button", { class: "mini accept", title: "Accept this classification",
          "aria-label": `accept ${a.classification.name}`,
          onclick: (ev: Event) => run(actions.accept, ev.currentTarget as HTMLButtonElement) }, "✓"));
      }
      if (status !== "rejected") {
        buttons.push(h("button", { class: "mini reject", title: "Reject this classification",
          "aria-label": `reject ${a.classification.name}`,
          onclick: (ev: Event) => run(actions.reject, ev.currentTarget as HTMLButtonElement) }, "✗"));
      }
    }
    return h("span", { class: `chip ${status} ${isPii(a) ? "pii" : ""}`, title,
      "data-classification": a.classification.name ?? "", "data-status": status },
      h("span", { class: "chip-name" }, a.classification.name),
      a.score !== null ? h("span", { class: "chip-score" }, a.score.toFixed(2)) : null,
      h("span", { class: "chip-status" }, status), buttons);
  }));
}

export function breadcrumb(items: ([string, string | null] | null)[]): HTMLElement {
  const parts = items.filter((x): x is [string, string | null] => x !== null);
  return h("nav", { class: "crumbs", "aria-label": "breadcrumb" }, parts.map(([id, name], i) =>
    [i ? h("span", { class: "sep" }, "›") : null, entityLink(id, name)]));
}

export function pageHeader(title: string, kindBadges: Child[], subtitle?: Child): HTMLElement {
  return h("header", { class: "page-head" },
    h("h1", null, title, " ", kindBadges),
    subtitle ? h("div", { class: "subtitle" }, subtitle) : null);
}

export function table(head: string[], rows: Child[][], cls = ""): HTMLElement {
  return h("table", { class: `grid ${cls}`.trim() },
    h("thead", null, h("tr", null, head.map((c) => h("th", null, c)))),
    h("tbody", null, rows.map((r) => h("tr", null, r.map((c) => h("td", null, c))))));
}

/** A status word as a coloured badge: good, bad or unknown. */
export function statusBadge(status: string | null | undefined, good: boolean | null): HTMLElement {
  const cls = good === null ? "status-unknown" : good ? "status-good" : "status-bad";
  return badge(status ?? "unknown", cls);
}
