// Domain page (its products and owners) and the domains overview.
import { gql } from "../api";
import { kv, ownersView, pageHeader, table, tagsView } from "../components";
import { badge, empty, h, section } from "../dom";
import { entityLink, link } from "../links";
import { DOMAIN, DOMAINS, type DomainDetail, type Ref } from "../queries";
import { meshSection } from "./mesh";

export async function domainPage(id: string): Promise<Node> {
  const [{ domain: d }, mesh] = await Promise.all([
    gql<{ domain: DomainDetail }>(DOMAIN, { id }), meshSection("domainLineage", id, "Domain")]);
  document.title = `${d.name} · mesh catalog`;
  return h("article", { class: "page domain", "data-id": d.id },
    pageHeader(d.name ?? d.id, [badge("domain", "b-kind")]),
    d.description ? h("p", { class: "description" }, d.description) : null,
    h("div", { class: "actions" }, link(`/search?${new URLSearchParams({ q: "*", domain: d.id })}`,
      h("span", { class: "button" }, "Search in this domain")), " ",
    link(`/governance/${encodeURIComponent(d.id)}`, h("span", { class: "button" }, "Governance"))),
    section("About", kv([["Owners", ownersView(d.owners)], ["Tags", tagsView(d.tags)]])),
    section(`Data products · ${d.dataProducts.length}`, d.dataProducts.length
      ? table(["Product", "Version", "Status", "Owners", "Datasets", "Description"],
        d.dataProducts.map((p) => [entityLink(p.id, p.name), p.version ?? "", p.status ?? "",
          ownersView(p.owners), String(p.datasets.length), p.description ?? ""]))
      : empty("No data products in this domain yet.")),
    mesh,
  );
}

interface DomainSummary extends Ref {
  description: string | null;
  dataProducts: (Ref & { description: string | null; datasets: { id: string }[] })[];
}

export async function domainsPage(): Promise<Node> {
  const { domains } = await gql<{ domains: DomainSummary[] }>(DOMAINS);
  return h("article", { class: "page domains" },
    pageHeader("Domains", []),
    domains.length ? h("div", { class: "tiles" }, domains.map((d) =>
      h("section", { class: "card tile" },
        h("h2", null, entityLink(d.id, d.name)),
        d.description ? h("p", { class: "muted" }, d.description) : null,
        h("ul", { class: "plain" }, d.dataProducts.map((p) => h("li", null,
          entityLink(p.id, p.name), h("span", { class: "muted small" },
            ` · ${p.datasets.length} dataset${p.datasets.length === 1 ? "" : "s"}`)))))))
      : empty("No domains yet: load data products (catalog ingest) to see them here."));
}
