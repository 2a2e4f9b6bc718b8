"""Webhook delivery (background: once per server): the notifications outbox in the graph is
POSTed to each team's URL as JSON signed with HMAC-SHA256 of the team's shared secret
(`X-Mesh-Signature: sha256=<hex>`), retried with exponential back-off, each attempt kept
in the notification's delivery log. An endpoint that is down delays only its own deliveries:
ingestion and incidents never wait for it. Connections go to public addresses only (checked
on the address connected to: `catalog.marketplace.egress`); a refused delivery fails at once
with the reason in its log. At start, plain secrets of older graphs are sealed."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from datetime import UTC, datetime, timedelta

import httpx

from catalog.crypto import SecretBox, SecretUnreadable
from catalog.marketplace import egress
from catalog.marketplace.webhooks import WebhookService
from catalog.settings import Settings
from graph import GraphStore
from graph import marketplace as gm
from graph.props import now_iso

log = logging.getLogger(__name__)
BATCH = 50


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookDelivery:
    def __init__(self, store: GraphStore, settings: Settings, secrets: SecretBox):
        self.store, self.settings = store, settings
        self.hooks = WebhookService(store, settings, secrets)
        self._sealed = False  # stored secrets checked (sealed, current key) since start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="webhooks", daemon=True)
        self._client: httpx.Client | None = None

    def start(self) -> None:
        self._client = httpx.Client(
            timeout=self.settings.webhook_timeout_s, follow_redirects=False,
            transport=egress.GuardedTransport(self.settings.webhook_allowed_networks))
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        if self._client is not None:
            self._client.close()

    def _loop(self) -> None:
        while not self._stop.wait(self.settings.webhook_poll_s):
            try:
                if not self._sealed:
                    if n := self.hooks.seal_stored():
                        log.info("sealed %d stored webhook secrets with the current key", n)
                    self._sealed = True
                self.deliver_due()
            except Exception:
                log.exception("webhook delivery round failed")

    def deliver_due(self) -> int:
        now = datetime.now(UTC)
        due = gm.due_deliveries(self.store, _iso(now), BATCH)
        if not due:
            return 0
        lease = timedelta(seconds=self.settings.webhook_timeout_s * (len(due) + 1) + 30)
        due = gm.claim_deliveries(self.store, [n["id"] for n in due], now=_iso(now),
                                  until=_iso(now + lease), by=self.store.origin)
        hooks = gm.webhooks(self.store, sorted({n["team"] for n in due}))
        for n in due:
            if self._stop.is_set():
                break
            self._attempt(n, hooks.get(n["team"]))
        return len(due)

    def _attempt(self, n: dict, hook: dict | None) -> None:
        attempts = int(n.get("attempts") or 0) + 1
        error, code, final = None, None, hook is None
        if hook is None:
            error = "the team has no webhook"
        else:
            body = n["payload"].encode()
            try:
                assert self._client is not None
                headers = {"Content-Type": "application/json", "X-Mesh-Event": n["kind"],
                           "X-Mesh-Delivery": n["id"], "X-Mesh-Signature": signature(
                               self.hooks.secret_of(hook), body)}
                resp = self._client.post(hook["url"], content=body, headers=headers)
                code = resp.status_code
                if not 200 <= code < 300:
                    error = f"HTTP {code}"
            except egress.Unresolvable as exc:  # retried: DNS may be back
                error = f"refused: {exc.reason}"
            except egress.Refused as exc:  # not retried: an address is no passing failure
                error, final = f"refused: {exc.reason}", True
            except SecretUnreadable as exc:
                error, final = f"secret unreadable: {exc}", True
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
        now = datetime.now(UTC)
        entry = json.dumps({"at": now_iso(), "attempt": attempts, "status": code,
                            "error": error, "url": hook["url"] if hook else None})
        log_ = [*(n.get("log") or []), entry][-20:]
        if error is None:
            fields = {"status": "delivered", "delivered_at": now_iso(), "next_at": None}
        elif attempts >= self.settings.webhook_max_attempts or final:
            fields = {"status": "failed", "delivered_at": None, "next_at": None}
        else:
            wait = self.settings.webhook_backoff_s * 2 ** (attempts - 1)
            nxt = _iso(now + timedelta(seconds=wait))
            fields = {"status": "pending", "delivered_at": None, "next_at": nxt}
        if error:
            log.warning("webhook %s for %s: %s", n["id"], n["team"], error)
        gm.record_attempt(self.store, n["id"], attempts=attempts, error=error, log=log_,
                          **fields)
