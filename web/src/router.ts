// Client-side routing over the History API. The server answers index.html for these paths
// (catalog/api/web.py UI_PREFIXES), so a reload or a shared link lands on the same page.
import { ApiError } from "./api";
import { clear, h } from "./dom";

export type Page = (arg: string, params: URLSearchParams) => Promise<Node> | Node;
interface Route {
  pattern: RegExp;
  page: Page;
  title: string;
}

const routes: Route[] = [];
let outlet: HTMLElement | null = null;
let renderSeq = 0;
let onTokenNeeded: (() => void) | null = null;
const afterRender: Array<(path: string) => void> = [];

export function route(pattern: RegExp, title: string, page: Page): void {
  routes.push({ pattern, page, title });
}

export function start(el: HTMLElement, tokenNeeded: () => void): void {
  outlet = el;
  onTokenNeeded = tokenNeeded;
  window.addEventListener("popstate", () => void render());
  void render();
}

export function onRender(fn: (path: string) => void): void {
  afterRender.push(fn);
}

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  window.scrollTo(0, 0);
  void render();
}

/** Re-render the current page (after a token change or a write). */
export function refresh(): Promise<void> {
  return render();
}

export function errorView(err: unknown): HTMLElement {
  const e = err instanceof ApiError ? err : new ApiError(String((err as Error)?.message ?? err));
  return h("div", { class: "card error", role: "alert" },
    h("h2", null, e.code === "NOT_FOUND" ? "Not found"
      : e.code === "UNAUTHENTICATED" || e.status === 401 ? "A token is needed"
        : e.code === "FORBIDDEN" ? "Your token may not do this" : "Something went wrong"),
    h("p", null, e.message, e.code ? h("code", { class: "code" }, ` ${e.code}`) : null),
    e.needsToken || e.status === 401
      ? h("p", null, h("button", { class: "primary", onclick: () => onTokenNeeded?.() },
          "Paste an API token"))
      : null);
}

async function render(): Promise<void> {
  if (!outlet) return;
  const seq = ++renderSeq;
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const found = routes
    .map((r) => ({ r, m: path.match(r.pattern) }))
    .find((x) => x.m !== null);
  const target = outlet;
  target.setAttribute("aria-busy", "true");
  let view: Node;
  if (!found) {
    view = h("div", { class: "card" }, h("h2", null, "Not found"),
      h("p", null, `No page at ${path}.`));
    document.title = "Not found · mesh catalog";
  } else {
    const arg = found.m![1] ? decodeURIComponent(found.m![1]) : "";
    document.title = `${found.r.title} · mesh catalog`;
    try {
      view = await found.r.page(arg, params);
    } catch (err) {
      view = errorView(err);
    }
  }
  if (seq !== renderSeq) return; // a later navigation won
  clear(target);
  target.appendChild(view);
  target.removeAttribute("aria-busy");
  afterRender.forEach((fn) => fn(path));
}
