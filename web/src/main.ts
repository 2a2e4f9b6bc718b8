// Entry point: the header (search with autocomplete, navigation, token) and the routes.
import "./styles.css";
import { h } from "./dom";
import { link } from "./links";
import { auditPage } from "./pages/audit";
import { columnPage } from "./pages/column";
import { datasetPage } from "./pages/dataset";
import { domainPage, domainsPage } from "./pages/domain";
import { governancePage } from "./pages/governance";
import { impactPage } from "./pages/impact";
import { jobPage } from "./pages/job";
import { lineagePage } from "./pages/lineage";
import { inboxPage, marketplacePage } from "./pages/marketplace";
import { productPage } from "./pages/product";
import { searchPage } from "./pages/search";
import { onRender, route, start } from "./router";
import { searchBox } from "./searchbox";
import { tokenControl } from "./tokenui";

const box = searchBox();
const token = tokenControl();
const main = h("main", { id: "main" });

document.getElementById("app")!.append(
  h("header", { class: "topbar" },
    link("/", h("span", { class: "brand" }, h("img", { src: "/favicon.svg", alt: "" }), "mesh catalog")),
    box.el,
    h("nav", null, link("/domains", "Domains"), link("/marketplace", "Marketplace"),
      link("/inbox", "Inbox"), link("/search?q=*", "Browse"), link("/governance", "Governance")),
    token.el),
  main);

onRender((path) => {
  const q = path === "/search" ? new URLSearchParams(location.search).get("q") ?? "" : "";
  box.setQuery(q === "*" ? "" : q);
});

async function home(): Promise<Node> {
  const domains = await domainsPage();
  return h("div", { class: "home" },
    h("section", { class: "hero" },
      h("h1", null, "Find data in the mesh"),
      h("p", null, "Search tables, columns, data products and domains by name or description " +
        "(typos and abbreviations are fine), see where data comes from and where it goes, " +
        "and which columns hold personal data.")),
    domains);
}

route(/^\/$/, "Home", home);
route(/^\/search\/?$/, "Search", searchPage);
route(/^\/datasets\/(.+)$/, "Dataset", datasetPage);
route(/^\/columns\/(.+)$/, "Column", columnPage);
route(/^\/products\/(.+)$/, "Data product", productPage);
route(/^\/domains\/?$/, "Domains", domainsPage);
route(/^\/domains\/(.+)$/, "Domain", domainPage);
route(/^\/jobs\/(.+)$/, "Job", jobPage);
route(/^\/marketplace\/?$/, "Marketplace", marketplacePage);
route(/^\/inbox\/?$/, "Inbox", inboxPage);
route(/^\/lineage\/(.+)$/, "Lineage", lineagePage);
route(/^\/impact\/(.+)$/, "Impact", impactPage);
route(/^\/governance\/?$/, "Governance", () => governancePage(""));
route(/^\/governance\/(.+)$/, "Governance", governancePage);
route(/^\/audit\/?$/, "Audit log", auditPage);
route(/^\/token\/?$/, "Token", () => { token.open(); return h("div", { class: "card" },
  h("p", null, "Paste your API token in the dialog.")); });

start(main, token.open);
