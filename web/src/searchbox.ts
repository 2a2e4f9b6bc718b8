// The search box in the header: autocomplete as you type (arrow keys, Enter, Escape);
// Enter without a pick searches.
import { clear, h, highlighted } from "./dom";
import { entityUrl } from "./links";
import { navigate } from "./router";
import { autocomplete, type Suggestion } from "./search-api";

const KIND_LABEL: Record<string, string> = {
  DATASET: "dataset", COLUMN: "column", JOB: "job", DATA_PRODUCT: "product", DOMAIN: "domain",
};
export const kindLabel = (k: string) => KIND_LABEL[k] ?? k.toLowerCase();

export function searchBox(): { el: HTMLElement; setQuery(q: string): void } {
  const input = h("input", {
    type: "search", id: "search-input", placeholder: "Search datasets, columns, products… (typos welcome)",
    autocomplete: "off", "aria-label": "Search the catalog", role: "combobox",
    "aria-autocomplete": "list", "aria-controls": "suggestions", "aria-expanded": "false",
  });
  const list = h("ul", { id: "suggestions", class: "suggestions", role: "listbox", hidden: true });
  let items: Suggestion[] = [];
  let active = -1;
  let seq = 0;
  let timer: number | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const paint = () => {
    clear(list);
    items.forEach((s, i) => list.appendChild(h("li", {
      role: "option", id: `sugg-${i}`, class: i === active ? "active" : "",
      "aria-selected": i === active ? "true" : "false",
      onmousedown: (ev: Event) => { ev.preventDefault(); pick(i); },
    }, h("span", { class: `kind k-${s.kind}` }, kindLabel(s.kind)), highlighted(s.highlight || s.text))));
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (active >= 0) input.setAttribute("aria-activedescendant", `sugg-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const pick = (i: number) => {
    const s = items[i];
    close();
    if (s) navigate(entityUrl(s.id));
  };
  const submit = () => {
    close();
    const q = input.value.trim();
    if (q) navigate(`/search?${new URLSearchParams({ q })}`);
  };
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < 2) { items = []; paint(); return; }
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      try {
        const found = await autocomplete(prefix);
        if (mine !== seq) return;
        items = found;
        active = -1;
        paint();
      } catch {
        items = [];
        paint();
      }
    }, 120);
  });
  input.addEventListener("keydown", (ev: KeyboardEvent) => {
    if (ev.key === "ArrowDown" && items.length) {
      active = (active + 1) % items.length; paint(); ev.preventDefault();
    } else if (ev.key === "ArrowUp" && items.length) {
      active = (active - 1 + items.length) % items.length; paint(); ev.preventDefault();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (active >= 0 && !list.hidden) pick(active);
      else submit();
    } else if (ev.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  const form = h("form", { class: "searchbox", role: "search",
    onsubmit: (ev: Event) => { ev.preventDefault(); submit(); } },
    input, list, h("button", { type: "submit", class: "primary" }, "Search"));
  return { el: form, setQuery: (q: string) => { input.value = q; } };
}
