// The header's token control: paste an API token (kept in this browser's localStorage),
// see which name and role the server knows it by, or forget it.
import { ApiError, gql } from "./api";
import { clear, h } from "./dom";
import { WHOAMI, type Viewer } from "./queries";
import { refresh } from "./router";
import { getToken, onTokenChange, setToken } from "./token";

export function tokenControl(): { el: HTMLElement; open(): void } {
  const button = h("button", { class: "token-button", id: "token-button", type: "button" });
  const input = h("textarea", { id: "token-input", rows: 3, placeholder: "Paste an API token",
    "aria-label": "API token", spellcheck: "false" });
  const message = h("p", { class: "token-message", role: "status" });
  const dialog = h("dialog", { class: "token-dialog", id: "token-dialog" },
    h("form", { method: "dialog", onsubmit: (ev: Event) => { ev.preventDefault(); void save(); } },
      h("h2", null, "API token"),
      h("p", { class: "muted small" },
        "Reading may work without one; stewards need theirs to accept or reject classifications. " +
        "Create one with ", h("code", null, "catalog token create --name you --role steward"),
        ". It stays in this browser (localStorage) and is sent as a bearer token to /graphql."),
      input, message,
      h("div", { class: "dialog-actions" },
        h("button", { type: "submit", class: "primary", id: "token-save" }, "Save"),
        h("button", { type: "button", id: "token-clear", onclick: () => { setToken(null);
          input.value = ""; dialog.close(); void refresh(); } }, "Forget token"),
        h("button", { type: "button", onclick: () => dialog.close() }, "Close"))));

  async function save(): Promise<void> {
    const previous = getToken();
    setToken(input.value);
    clear(message);
    try {
      const { viewer } = await gql<{ viewer: Viewer }>(WHOAMI);
      message.textContent = `Signed in as ${viewer.name} (${viewer.role}).`;
      dialog.close();
      await refresh();
    } catch (e) {
      setToken(previous);
      message.textContent = e instanceof ApiError && e.status === 401
        ? "The server does not know this token (invalid or revoked)."
        : `Could not check the token: ${(e as Error).message}`;
      message.classList.add("error");
    }
  }

  async function paint(): Promise<void> {
    if (!getToken()) {
      button.textContent = "Sign in with a token";
      button.removeAttribute("data-role");
      return;
    }
    try {
      const { viewer } = await gql<{ viewer: Viewer }>(WHOAMI);
      button.textContent = `${viewer.name} · ${viewer.role}`;
      button.setAttribute("data-role", viewer.role ?? "");
    } catch {
      button.textContent = "Token rejected: paste another";
      button.setAttribute("data-role", "invalid");
    }
  }

  const open = () => {
    input.value = getToken() ?? "";
    message.textContent = "";
    message.classList.remove("error");
    dialog.showModal();
    input.focus();
  };
  button.addEventListener("click", open);
  onTokenChange(() => void paint());
  void paint();
  return { el: h("div", { class: "token" }, button, dialog), open };
}
