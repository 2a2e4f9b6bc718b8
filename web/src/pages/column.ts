// Column page: its dataset, type, classifications (steward decisions) and lineage links.
import { gql } from "../api";
import { breadcrumb, classificationChips, kv, pageHeader, tagsView } from "../components";
import { badge, h, section } from "../dom";
import { impactUrl, link, lineageUrl } from "../links";
import { COLUMN_PAGE, type ColumnDetail, type Viewer } from "../queries";
import { refresh } from "../router";
import { stewardActions } from "../stewardship";

export async function columnPage(id: string): Promise<Node> {
  const data = await gql<{ column: ColumnDetail; viewer: Viewer }>(COLUMN_PAGE, { id });
  const c = data.column;
  const ds = c.dataset;
  const product = ds?.dataProduct;
  document.title = `${ds?.name ?? ""}.${c.name} · mesh catalog`;
  return h("article", { class: "page column", "data-id": c.id },
    breadcrumb([product?.domain ? [product.domain.id, product.domain.name] : null,
      product ? [product.id, product.name] : null, ds ? [ds.id, ds.name] : null]),
    pageHeader(c.path ?? c.name ?? c.id, [badge("column", "b-kind"), c.type ? badge(c.type, "platform") : null]),
    c.description ? h("p", { class: "description" }, c.description) : null,
    h("div", { class: "actions" },
      link(lineageUrl(c.id, { level: "COLUMN" }), h("span", { class: "button" }, "Column lineage")),
      link(impactUrl(c.id), h("span", { class: "button" }, "Impact analysis"))),
    section("About", kv([
      ["Type", h("code", null, c.type ?? "")],
      ["Nullable", c.nullable === null ? "" : c.nullable ? "yes" : "no"],
      ["Tags", tagsView(c.tags)],
      ["Classifications", classificationChips(c.classifications,
        data.viewer.canSteward ? stewardActions(c.id, refresh) : null) ?? "none"],
      ["Id", h("code", null, c.id)],
    ])));
}
