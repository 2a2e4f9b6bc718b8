from __future__ import annotations

import strawberry

from catalog.api.graphql.types.score_boost import ScoreBoost
from catalog.api.graphql.types.term_match import TermMatch


@strawberry.type(description="score = (coverage * sum(term weights) + nameBonus) * "
                 "(1 + sum(boosts)); coverage = (terms matched / terms)^2.")
class SearchExplanation:
    score: float
    terms: list[TermMatch]
    coverage: float
    name_tier: str | None = strawberry.field(
        description="exact name, name prefix or all terms in name.")
    name_bonus: float
    boosts: list[ScoreBoost]

    @classmethod
    def from_explanation(cls, e) -> SearchExplanation:
        return cls(score=e.score, terms=[TermMatch.from_match(t) for t in e.terms],
                   coverage=e.coverage, name_tier=e.name_tier, name_bonus=e.name_bonus,
                   boosts=[ScoreBoost(reason=k, value=v) for k, v in e.boosts.items()])
