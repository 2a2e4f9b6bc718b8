"""The write tools, offered only when `mcp_writes` is set, and each refused unless the
caller's token has the steward role (admin too). Each is one stewardship service call,
audited under the token's name and role like the API's mutations."""

from __future__ import annotations

from typing import Literal

from mcp.server.mcpserver import Context, MCPServer

from catalog.api.mcp.access import CatalogAccess
from catalog.api.mcp.answer import fit
from catalog.api.mcp.reads import Id, call
from catalog.audit import Actor
from catalog.auth import Role
from catalog.stewardship.items import ClassificationItem, DescriptionItem, OwnerItem, TagItem
from catalog.stewardship.service import ACCEPTED, REJECTED, StewardshipService


def register_writes(server: MCPServer, access: CatalogAccess) -> None:
    settings = access.settings

    def service() -> StewardshipService:
        return StewardshipService(access.store(), settings)

    @server.tool(description="Tag an entity (needs a steward token).")
    async def add_tag(id: Id, tag: str, ctx: Context) -> str:
        who = Actor.of_principal(access.require(ctx, Role.STEWARD))
        done = await call(service().add_tags, [TagItem(id, tag)], who)
        return fit(settings, f"tagged {id} with {tag!r}", {"changed": done})

    @server.tool(description="Accept or reject a classification of a column or dataset "
                 "(needs a steward token); a rejected one is never suggested again.")
    async def classify(id: Id, classification: str, decision: Literal["accept", "reject"],
                       ctx: Context) -> str:
        who = Actor.of_principal(access.require(ctx, Role.STEWARD))
        status = ACCEPTED if decision == "accept" else REJECTED
        done = await call(service().decide, [ClassificationItem(id, classification)], status, who)
        return fit(settings, f"{classification} {status} on {id}",
                   {"changed": [d["subject"] for d in done]})

    @server.tool(description="Set an owner (team or user) of an entity (needs a steward "
                 "token).")
    async def set_owner(id: Id, owner: str, ctx: Context,
                        owner_type: Literal["team", "user"] = "team",
                        role: str = "owner") -> str:
        who = Actor.of_principal(access.require(ctx, Role.STEWARD))
        done = await call(service().set_owners, [OwnerItem(id, owner, owner_type, role)],
                          who)
        return fit(settings, f"{owner} ({owner_type}) is {role} of {id}", {"changed": done})

    @server.tool(description="Set the description of an entity (needs a steward token).")
    async def set_description(id: Id, description: str, ctx: Context) -> str:
        who = Actor.of_principal(access.require(ctx, Role.STEWARD))
        done = await call(service().set_descriptions, [DescriptionItem(id, description)],
                          who)
        return fit(settings, f"description of {id} set", {"changed": done})
