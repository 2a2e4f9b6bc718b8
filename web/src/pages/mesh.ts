// Upstream and downstream data products (or domains) of one, rolled up from table lineage.
import { gql } from "../api";
import { table } from "../components";
import { empty, h, section } from "../dom";
import { entityLink } from "../links";

interface MeshAnswer {
  nodes: { id: string; side: string; degree: number; node: { name: string | null } | null }[];
  dependencies: { upstream: string; downstream: string; edgeCount: number }[];
  truncated: boolean;
}

const QUERY = (field: string) => `query Mesh($input: MeshLineageInput!) {
  ${field}(input: $input) {
    truncated nodes { id side degree node { name } }
    dependencies { upstream downstream edgeCount }
  }
}`;

/** "Upstream" and "Downstream" tables of direct neighbours, with how many dataset edges join. */
export async function meshSection(kind: "productLineage" | "domainLineage", id: string,
  noun: string): Promise<HTMLElement> {
  const answer = (await gql<Record<string, MeshAnswer>>(QUERY(kind),
    { input: { id, direction: "BOTH", depth: 1 } }))[kind];
  const name = new Map(answer.nodes.map((n) => [n.id, n.node?.name ?? n.id]));
  const up = answer.dependencies.filter((d) => d.downstream === id && d.upstream !== id);
  const down = answer.dependencies.filter((d) => d.upstream === id && d.downstream !== id);
  const list = (deps: typeof up, other: (d: (typeof up)[0]) => string, what: string) =>
    deps.length ? table([noun, "Dataset edges"], deps.map((d) => [entityLink(other(d),
      name.get(other(d))), String(d.edgeCount)]))
      : empty(`No ${what} ${noun.toLowerCase()}s.`);
  return h("div", { class: "columns-2 mesh" },
    section(`Upstream ${noun.toLowerCase()}s · ${up.length}`,
      list(up, (d) => d.upstream, "upstream")),
    section(`Downstream ${noun.toLowerCase()}s · ${down.length}`,
      list(down, (d) => d.downstream, "downstream")));
}
