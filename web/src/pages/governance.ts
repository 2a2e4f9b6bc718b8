// Governance page of a domain (or the whole catalog): the policies that apply there, the
// open findings with their layer, age and fix, what was fixed lately, policies refused at
// load, and the trend of open findings over the last evaluations.
import { gql } from "../api";
import { pageHeader, statusBadge, table } from "../components";
import { badge, empty, fmtTime, h, section, type Child } from "../dom";
import { entityLink, link } from "../links";
import { refresh } from "../router";

const REPORT = `query Governance($domain: ID) {
  complianceReport(domain: $domain, findingsPerPolicy: 200) {
    domain generatedAt compliant
    policies { id description severity layer checked open errors
               policy { key subject when checks origin line } violations { subjectId } }
    violations { policy severity layer subjectId subjectKind message firstSeen
                 remedy { hint mutation arguments } }
    fixed { policy subjectId message resolvedAt }
    problems { origin line policy message }
    trend { at errors warnings trigger }
  }
}`;

interface Finding {
  policy: string; severity: string; layer: string; subjectId: string; subjectKind: string;
  message: string; firstSeen: string | null;
  remedy: { hint: string; mutation: string | null; arguments: Record<string, unknown> } | null;
}
interface Outcome {
  id: string; description: string; severity: string; layer: string; checked: number;
  open: number; errors: string[]; violations: { subjectId: string }[];
  policy: { key: string; subject: string; when: string; checks: string[]; origin: string; line: number };
}
interface Report {
  domain: string | null; generatedAt: string | null; compliant: boolean;
  policies: Outcome[]; violations: Finding[];
  fixed: { policy: string; subjectId: string; message: string; resolvedAt: string }[];
  problems: { origin: string; line: number; policy: string | null; message: string }[];
  trend: { at: string; errors: number; warnings: number; trigger: string | null }[];
}

function severity(s: string): HTMLElement {
  return badge(s, s === "error" ? "status-bad" : "status-warn");
}

// The catalog mutations a remedy may offer: their input type, fields and a selection.
const FIXES: Record<string, { input: string; fields: string[]; select: string }> = {
  setOwner: { input: "OwnerInput", fields: ["subjectId", "owner"], select: "id" },
  addTag: { input: "TagInput", fields: ["subjectId", "tag"], select: "id" },
  setDescription: { input: "DescriptionInput", fields: ["subjectId", "description"], select: "id" },
  setClassification: { input: "ClassificationDecisionInput",
    fields: ["subjectId", "classification"], select: "status" },
};

/** Run a remedy's mutation (asking for what it leaves to a person), re-evaluate, re-render. */
async function applyFix(f: Finding, button: HTMLButtonElement): Promise<void> {
  const r = f.remedy!;
  const fix = FIXES[r.mutation!];
  const input: Record<string, unknown> = { ...r.arguments };
  for (const field of fix.fields) {
    if (input[field] !== undefined && input[field] !== null && input[field] !== "") continue;
    const value = field === "subjectId" ? f.subjectId : prompt(`${field} for ${f.subjectId}`);
    if (value === null || value === "") return;
    input[field] = value;
  }
  button.disabled = true;
  try {
    await gql(`mutation($input: ${fix.input}!) { ${r.mutation}(input: $input) { ${fix.select} } }`,
      { input });
    await gql("mutation { evaluatePolicies { findings } }");
    await refresh();
  } catch (e) {
    button.disabled = false;
    alert(`Not fixed: ${(e as Error).message}`);
  }
}

function remedyView(f: Finding): Child {
  const r = f.remedy;
  if (!r) return null;
  const args = Object.entries(r.arguments ?? {}).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return h("span", null, r.hint, r.mutation
    ? h("code", { class: "code small remedy" }, ` ${r.mutation}(${args.join(", ")})`) : null,
  r.mutation && FIXES[r.mutation]
    ? h("button", { class: "mini fix", title: `Run ${r.mutation} (needs a steward token)`,
      onclick: (ev: Event) => void applyFix(f, ev.currentTarget as HTMLButtonElement) }, "Fix")
    : null);
}

/** Open findings after each evaluation, oldest left: one bar per evaluation. */
function trendView(trend: Report["trend"]): Child {
  if (!trend.length) return empty("Not evaluated yet.");
  const points = [...trend].reverse();
  const top = Math.max(1, ...points.map((p) => p.errors + p.warnings));
  return h("div", { class: "trend", role: "img",
    "aria-label": `open findings over the last ${points.length} evaluations` },
  points.map((p) => h("div", { class: "trend-bar",
    title: `${fmtTime(p.at)}: ${p.errors} errors, ${p.warnings} warnings (${p.trigger ?? ""})` },
  h("span", { class: "trend-warn", style: `height:${(p.warnings / top) * 100}%` }),
  h("span", { class: "trend-error", style: `height:${(p.errors / top) * 100}%` }))));
}

export async function governancePage(arg: string): Promise<Node> {
  const domain = arg || null;
  const { complianceReport: r } = await gql<{ complianceReport: Report }>(REPORT, { domain });
  const title = domain ? `Governance of ${domain.replace(/^domain:/, "")}` : "Governance";
  document.title = `${title} · mesh catalog`;
  return h("article", { class: "page governance", "data-domain": domain ?? "" },
    pageHeader(title, [statusBadge(r.compliant ? "compliant" : "not compliant", r.compliant)],
      h("span", null, r.generatedAt ? `evaluated ${fmtTime(r.generatedAt)}` : "not evaluated yet",
        domain ? [" · ", entityLink(domain, "the domain")] : null)),
    section("Open findings over time", trendView(r.trend)),
    section(`Open findings · ${r.policies.reduce((n, p) => n + p.open, 0)}`, r.violations.length
      ? table(["Severity", "Policy", "Layer", "Subject", "Finding", "Open since", "Fix"],
        r.violations.map((v) => [severity(v.severity), v.policy, badge(v.layer, `layer-${v.layer}`),
          entityLink(v.subjectId), v.message, fmtTime(v.firstSeen), remedyView(v)]),
        "findings")
      : empty("Nothing open: every policy holds.")),
    section(`Policies · ${r.policies.length}`, table(
      ["Policy", "Layer", "Severity", "Subject", "Condition", "Checked", "Open", "From"],
      r.policies.map((p) => [h("span", { title: p.description }, p.id),
        badge(p.layer, `layer-${p.layer}`), severity(p.severity), p.policy.subject,
        h("code", { class: "code small" }, [p.policy.when !== "true" ? `when ${p.policy.when}; ` : "",
          p.policy.checks.join(" ∧ ")]),
        String(p.checked), String(p.open),
        h("span", { class: "muted small" }, `${p.policy.origin}:${p.policy.line}`,
          p.errors.length ? h("span", { class: "error" }, ` · failed on ${p.errors.length}`) : null)]),
      "policies")),
    r.problems.length ? section(`Refused policies · ${r.problems.length}`, table(
      ["File", "Line", "Policy", "Problem"],
      r.problems.map((p) => [p.origin, String(p.line), p.policy ?? "", p.message]), "problems"))
      : null,
    section(`Fixed lately · ${r.fixed.length}`, r.fixed.length
      ? table(["Policy", "Subject", "Was", "Fixed"], r.fixed.map((f) => [f.policy,
        entityLink(f.subjectId), f.message, fmtTime(f.resolvedAt)]), "fixed")
      : empty("Nothing fixed in the last 7 days.")),
    domain ? null : h("p", null, link("/audit", "The audit log (admins)")),
  );
}
