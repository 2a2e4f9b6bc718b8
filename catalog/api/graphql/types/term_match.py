from __future__ import annotations

import strawberry


@strawberry.type(description="How one query term matched a hit (token null: it did not).")
class TermMatch:
    term: str
    expanded: str | None = strawberry.field(description="What an abbreviation stands for.")
    token: str | None = strawberry.field(description="The index token it matched.")
    field: str | None
    tier: str | None = strawberry.field(description="exact, synonym, prefix or fuzzy.")
    edits: int = strawberry.field(description="Typing errors forgiven (fuzzy).")
    weight: float = strawberry.field(description="Tier weight times field weight.")
    compound: str | None = strawberry.field(
        default=None, description="When a split or join made the match: \"split of "
        "unitprice\", \"joined from home page\", \"part of INVOICEDATE\".")

    @classmethod
    def from_match(cls, m) -> TermMatch:
        return cls(term=m.term, expanded=m.expanded, token=m.token, field=m.field, tier=m.tier,
                   edits=m.edits, weight=m.weight, compound=m.compound)
