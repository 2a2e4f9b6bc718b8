// The audit log (admins only): every mutation with who, when, what, before and after.
import { gql } from "../api";
import { pageHeader, table } from "../components";
import { empty, fmtTime, h } from "../dom";

const LOG = `query Audit($before: ID, $actor: String, $action: String) {
  auditLog(first: 100, before: $before, actor: $actor, action: $action) {
    id at actor role action target before after detail
  }
}`;

interface Entry {
  id: string; at: string; actor: string; role: string | null; action: string;
  target: string | null; before: unknown; after: unknown; detail: unknown;
}

function json(v: unknown): HTMLElement | string {
  return v === null || v === undefined ? "" : h("code", { class: "code small" }, JSON.stringify(v));
}

export async function auditPage(_arg: string, params: URLSearchParams): Promise<Node> {
  const vars = { before: params.get("before"), actor: params.get("actor"),
    action: params.get("action") };
  const { auditLog } = await gql<{ auditLog: Entry[] }>(LOG, vars);
  document.title = "Audit log · mesh catalog";
  const last = auditLog[auditLog.length - 1];
  return h("article", { class: "page audit" },
    pageHeader("Audit log", [], "Every change made through the catalog, newest first; nothing in it is ever changed."),
    auditLog.length ? table(["When", "Who", "Role", "Action", "Target", "Before", "After"],
      auditLog.map((e) => [fmtTime(e.at), e.actor, e.role ?? "", e.action, e.target ?? "",
        json(e.before), json(e.after)]), "audit-log") : empty("Nothing recorded yet."),
    auditLog.length === 100 && last
      ? h("p", null, h("a", { href: `/audit?${new URLSearchParams({ before: last.id })}` }, "Older entries"))
      : null);
}
