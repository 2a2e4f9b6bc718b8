"""WebhookService: a team's webhook (where its notifications are POSTed, signed with its
shared secret). The URL must reach a public address (`egress`); the secret is kept sealed
(`catalog.crypto`), never returned, never in the audit log; older graphs' plain secrets
are sealed when a server starts (`seal_stored`), as are secrets sealed with a previous key
(rotation)."""

from __future__ import annotations

import logging
from typing import Any

from catalog import audit
from catalog.crypto import SecretBox, SecretUnreadable
from catalog.marketplace import checks, egress
from catalog.marketplace.actor import Actor
from catalog.marketplace.errors import Forbidden
from catalog.settings import Settings
from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput
from graph.tx import StoreTx

log = logging.getLogger(__name__)


class WebhookService:
    def __init__(self, store: GraphStore, settings: Settings, secrets: SecretBox):
        self.store, self.settings, self.secrets = store, settings, secrets

    def set(self, actor: Actor, team: str, url: str, secret: str) -> dict[str, Any]:
        """Set (or replace) a team's webhook: the team itself, a steward or an admin."""
        team = checks.text(team, "team", required=True, limit=128)
        url, secret = checks.webhook_url(url), checks.secret(secret)
        if not (actor.is_steward or actor.acts_for([team])):
            raise Forbidden("team", f"only team {team}, a steward or an admin sets its webhook")
        try:  # after the permission: only those allowed learn how a name resolves
            egress.check_url(url, self.settings.webhook_allowed_networks)
        except egress.Refused as exc:
            raise InvalidInput("url", f"webhooks go to public addresses only: {exc.reason} "
                                      "(an operator allows networks in "
                                      "CATALOG_WEBHOOK_ALLOWED_NETWORKS)") from None
        sealed = self.secrets.seal(secret)

        def work(tx: StoreTx) -> dict[str, Any]:
            out = gm.set_webhook(tx, team=team, url=url, sealed=sealed, by=actor.name)
            audit.record(tx, actor.audited, "setTeamWebhook", team,
                         after={k: v for k, v in out.items() if "secret" not in k})
            return out
        return self.store.write(work)

    def secret_of(self, hook: dict[str, Any]) -> str:
        """The shared secret of a stored webhook (SecretUnreadable: not with these keys)."""
        if hook.get("secret_sealed"):
            return self.secrets.open(hook["secret_sealed"])
        if hook.get("secret"):  # a graph from before sealing, not yet sealed
            return hook["secret"]
        raise SecretUnreadable("the webhook has no secret")

    def seal_stored(self) -> int:
        """Seal plain secrets (older graphs) and re-seal those of a previous key; returns
        how many were written. Unreadable ones are logged and left as they are."""
        rows = []
        for w in gm.webhook_secrets(self.store):
            try:
                if w.get("sealed"):
                    if self.secrets.is_current(w["sealed"]):
                        continue
                    sealed = self.secrets.reseal(w["sealed"])
                elif w.get("plain"):
                    sealed = self.secrets.seal(w["plain"])
                else:
                    continue
            except SecretUnreadable:
                log.error("the webhook secret of team %s is sealed with a key this server "
                          "does not have (CATALOG_SECRET_KEYS_PREVIOUS)", w["id"])
                continue
            rows.append({"id": w["id"], "plain": w.get("plain"), "was": w.get("sealed"),
                         "sealed": sealed})
        if not rows:
            return 0
        return len(self.store.write(lambda tx: gm.reseal_webhooks(tx, rows)))
