"""MarketplaceService: access requests and subscriptions, ratings, endorsements (webhooks:
`catalog.marketplace.webhooks`).

Each decision is one method and one transaction, so an audit hook is one line per method.
Who may do what: a consumer (or steward, admin) requests; the product's owner team, a
steward of its domain, a steward or an admin approves or denies; the consumer who asked
(or a decider) ends.
Nothing is deleted: a request keeps its history, a replaced rating is closed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from catalog import audit
from catalog.marketplace import checks
from catalog.marketplace.actor import Actor
from catalog.marketplace.aggregates import RatingSummary, summarize
from catalog.marketplace.errors import Conflict, Forbidden
from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput, NotFound
from graph.tx import StoreTx

PENDING, APPROVED, DENIED, ENDED, WITHDRAWN = ("pending", "approved", "denied", "ended",
                                               "withdrawn")
CERTIFIED = "certified"


def _entry(status: str, by: str, at: str, reason: str | None = None) -> str:
    return json.dumps({"status": status, "by": by, "at": at, "reason": reason})


def missing(node_id: str, path: str) -> NotFound:
    """NotFound naming the parameter that held the id."""
    exc = NotFound(node_id)
    exc.path = path  # type: ignore[attr-defined]
    return exc


def consumer_id(name: str) -> str:
    return f"consumer:{name}"


class MarketplaceService:
    def __init__(self, store: GraphStore):
        self.store = store

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _product(tx: StoreTx, product_id: str, path: str = "product_id") -> dict[str, Any]:
        found = gm.product(tx, checks.product_id(product_id, path))
        if found is None or found["product"].get("valid_to") is not None:
            raise missing(product_id, path)
        return found

    @staticmethod
    def _request(tx: StoreTx, request_id: str) -> dict[str, Any]:
        found = gm.get_request(tx, request_id)
        if found is None:
            raise missing(request_id, "request_id")
        return found

    # -- access requests -------------------------------------------------------------------
    def request_access(self, actor: Actor, product_id: str, purpose: str, *,
                       port: str | None = None, team: str | None = None) -> dict[str, Any]:
        """A consumer asks for a product (or one output port of it), saying why."""
        if not actor.may_request:
            raise Forbidden("role", "requesting access needs a consumer, steward or admin "
                                    "token")
        purpose = checks.text(purpose, "purpose", required=True)
        team = checks.text(team, "team", limit=128)
        port = checks.text(port, "port", limit=128)

        def work(tx: StoreTx) -> dict[str, Any]:
            found = self._product(tx, product_id)
            ports = [p.get("name") for p in json.loads(found["product"].get("output_ports")
                                                      or "[]")]
            if port is not None and port not in ports:
                raise InvalidInput("port", f"product {product_id} has no output port "
                                           f"{port!r} (ports: {', '.join(ports) or 'none'})")
            return gm.create_request(tx, {
                "id": f"request:{uuid.uuid4().hex}", "product": product_id, "port": port,
                "consumer": team or actor.name, "team": team, "purpose": purpose,
                "status": PENDING, "by": actor.name,
                "history": [_entry(PENDING, actor.name, tx.now, purpose)]})

        return self._audited(actor, "requestAccess", product_id, work)

    @classmethod
    def _deciders(cls, tx: StoreTx, product_id: str) -> tuple[list[str], list[str]]:
        """(owners, stewards of its domain) of a request's product: who may decide."""
        found = cls._product(tx, product_id, "request_id")
        return found["owners"], found.get("stewards") or []

    def decide(self, actor: Actor, request_id: str, approve: bool, reason: str | None
               ) -> dict[str, Any]:
        """The owner team, a steward of the product's domain, a steward or an admin
        approves (a subscription starts) or denies."""
        reason = checks.text(reason, "reason", required=not approve)

        def work(tx: StoreTx) -> dict[str, Any]:
            req = self._request(tx, request_id)
            owners, stewards = self._deciders(tx, req["product"])
            if not (actor.is_steward or actor.acts_for(owners + stewards)):
                own = " one's own request" if req["requested_by"] == actor.name else " it"
                raise Forbidden("request_id", f"deciding{own} needs the product's owner team "
                                f"({', '.join(owners) or 'none'}), a steward of its domain "
                                f"({', '.join(stewards) or 'none'}) or a steward or admin "
                                "token")
            if req["status"] != PENDING:
                raise Conflict("request_id", f"request is {req['status']}, not pending")
            status = APPROVED if approve else DENIED
            history = [*(req.get("history") or []), _entry(status, actor.name, tx.now, reason)]
            if approve:
                gm.subscribe(tx, product=req["product"], consumer=consumer_id(req["consumer"]),
                             name=req["consumer"], request=request_id, port=req.get("port"),
                             by=actor.name)
            return gm.set_request(tx, request_id, status=status, history=history,
                                  decided_by=actor.name, decided_at=tx.now, reason=reason)

        return self._audited(actor, "approveAccess" if approve else "denyAccess", request_id,
                             work)

    def end(self, actor: Actor, request_id: str, reason: str | None = None) -> dict[str, Any]:
        """End a subscription (or withdraw a pending request): the consumer or a decider."""
        reason = checks.text(reason, "reason")

        def work(tx: StoreTx) -> dict[str, Any]:
            req = self._request(tx, request_id)
            mine = actor.name in (req["requested_by"], req["consumer"]) or \
                actor.team == req["consumer"]
            owners, stewards = ([], []) if mine else self._deciders(tx, req["product"])
            if not (mine or actor.is_steward or actor.acts_for(owners + stewards)):
                raise Forbidden("request_id", "only the consumer, the owner team, a steward "
                                              "of the product's domain, a steward or an "
                                              "admin ends a subscription")
            if req["status"] not in (PENDING, APPROVED):
                raise Conflict("request_id", f"request is {req['status']}; nothing to end")
            status = ENDED if req["status"] == APPROVED else WITHDRAWN
            if status == ENDED:
                gm.unsubscribe(tx, product=req["product"], request=request_id, by=actor.name)
            history = [*(req.get("history") or []), _entry(status, actor.name, tx.now, reason)]
            return gm.set_request(tx, request_id, status=status, history=history,
                                  ended_by=actor.name, ended_at=tx.now)

        return self._audited(actor, "endSubscription", request_id, work)

    def requests(self, *, product_ids: list[str] | None = None, status: str | None = None,
                 requested_by: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        return gm.requests(self.store, products=product_ids, status=status, by=requested_by,
                           limit=limit)

    def inbox(self, actor: Actor, *, status: str | None = PENDING, limit: int = 100
              ) -> list[dict[str, Any]]:
        """Requests for the products the actor's team owns or whose domain it stewards (a
        steward sees all)."""
        products = None if actor.is_steward else \
            gm.owned_products(self.store, sorted({actor.name, actor.team}))
        if products == []:
            return []
        return self.requests(product_ids=products, status=status, limit=limit)

    def subscribers(self, product_id: str) -> list[dict[str, Any]]:
        return gm.subscribers(self.store, [checks.product_id(product_id)])

    # -- ratings and endorsements ----------------------------------------------------------
    def rate(self, actor: Actor, product_id: str, stars: int, comment: str | None = None, *,
             team: str | None = None) -> dict[str, Any]:
        """One current rating per consumer and product; rating again closes the previous."""
        if actor.role is None:
            raise Forbidden("role", "rating needs a token")
        stars = checks.stars(stars)
        comment = checks.text(comment, "comment")
        team = checks.text(team, "team", limit=128)

        def work(tx: StoreTx) -> dict[str, Any]:
            self._product(tx, product_id)
            return gm.rate(tx, {"id": f"rating:{uuid.uuid4().hex}", "product": product_id,
                                "consumer": team or actor.name, "stars": stars,
                                "comment": comment, "by": actor.name})

        return self._audited(actor, "rateProduct", product_id, work)

    def ratings(self, product_id: str, *, history: bool = False) -> list[dict[str, Any]]:
        return gm.ratings(self.store, [checks.product_id(product_id)], history=history)

    def summaries(self, product_ids: list[str]) -> dict[str, RatingSummary]:
        stars: dict[str, list[int]] = {p: [] for p in product_ids}
        for r in gm.ratings(self.store, product_ids):
            stars[r["product"]].append(r["stars"])
        return {p: summarize(s) for p, s in stars.items()}

    def certify(self, actor: Actor, product_id: str, note: str | None,
                expires_at: str | None = None) -> dict[str, Any]:
        """A steward certifies a product (replacing an earlier certification)."""
        if not actor.is_steward:
            raise Forbidden("role", "certifying needs a steward or admin token")
        note = checks.text(note, "note")
        expires = checks.future_time(expires_at, "expires_at")

        def work(tx: StoreTx) -> dict[str, Any]:
            self._product(tx, product_id)
            return gm.endorse(tx, {"id": f"endorsement:{uuid.uuid4().hex}",
                                   "product": product_id, "kind": CERTIFIED, "note": note,
                                   "by": actor.name, "expires_at": expires})

        return self._audited(actor, "certifyProduct", product_id, work)

    def certifications(self, product_ids: list[str], now: str) -> dict[str, dict[str, Any]]:
        """The current, unexpired certification of each product that has one."""
        return {e["product"]: e for e in gm.endorsements(self.store, product_ids)
                if e.get("kind") == CERTIFIED and (e.get("expires_at") is None
                                                   or e["expires_at"] > now)}

    def notifications(self, teams: list[str] | None, limit: int = 50) -> list[dict[str, Any]]:
        """Notifications of these teams (None: all), newest first."""
        return gm.notifications(self.store, teams, limit)

    def _audited(self, actor: Actor, action: str, target: str,
                 work: Callable[[StoreTx], dict[str, Any]]) -> dict[str, Any]:
        """`work` in one transaction with its audit entry: what it left (never a secret)."""
        def audited(tx: StoreTx) -> dict[str, Any]:
            out = work(tx)
            kept = {k: v for k, v in out.items() if "secret" not in k} \
                if isinstance(out, dict) else out
            audit.record(tx, actor.audited, action, target, after=kept)
            return out
        return self.store.write(audited)

