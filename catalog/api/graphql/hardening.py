"""Limits that keep one GraphQL query from taking the server down: depth, aliases, cost,
errors masked to codes, optional introspection; the timeout is enforced at HTTP level. And
what keeps a big answer from taking longer than it must (BigAnswers)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    FieldNode,
    GraphQLError,
    IntValueNode,
    OperationDefinitionNode,
    ValidationRule,
)
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from catalog.settings import Settings
from ingestors.openlineage.gcpause import paused_gc


def _cost_rule(max_cost: int, default_page: int) -> type[ValidationRule]:
    """Each field costs the product of the page sizes (`first`) above it."""

    class CostRule(ValidationRule):
        def enter_operation_definition(self, node, *_):
            fragments = {f.name.value: f for f in self.context.document.definitions
                         if f.kind == "fragment_definition"}
            cost = self._cost(node.selection_set, 1, fragments, set())
            if cost > max_cost:
                self.report_error(GraphQLError(
                    f"query cost {cost} exceeds the limit of {max_cost}; ask for fewer or "
                    "smaller pages", node, extensions={"code": "QUERY_TOO_COSTLY"}))

        def _cost(self, selection_set, mult, fragments, seen) -> int:
            total = 0
            for sel in selection_set.selections if selection_set else ():
                if isinstance(sel, FieldNode):
                    total += mult
                    if sel.selection_set:
                        page = 1
                        for arg in sel.arguments or ():
                            if arg.name.value in ("first", "limit"):
                                page = (int(arg.value.value) if isinstance(arg.value, IntValueNode)
                                        else default_page)
                        total += self._cost(sel.selection_set, mult * max(page, 1), fragments,
                                            seen)
                elif sel.kind == "fragment_spread":
                    name = sel.name.value
                    if name in fragments and name not in seen:
                        total += self._cost(fragments[name].selection_set, mult, fragments,
                                            seen | {name})
                else:  # inline fragment
                    total += self._cost(sel.selection_set, mult, fragments, seen)
            return total

    return CostRule


CACHED_DOCUMENTS = 1024


def _should_mask(error: GraphQLError) -> bool:
    return (error.extensions or {}).get("code") == "INTERNAL"


class BigAnswers(SchemaExtension):
    """Python's cyclic collector paused while an operation that can answer tens of thousands
    of objects runs (impactAnalysis): a hub's answer is about a million short-lived acyclic
    objects, and the collector's passes over them took a third of its time. Other
    operations keep the collector running."""

    FIELDS = frozenset({"impactAnalysis"})

    def on_execute(self) -> Iterator[None]:
        if not self._big():
            yield
            return
        with paused_gc():
            yield

    def _big(self) -> bool:
        doc = self.execution_context.graphql_document
        return doc is not None and any(
            isinstance(sel, FieldNode) and sel.name.value in self.FIELDS
            for op in doc.definitions if isinstance(op, OperationDefinitionNode)
            for sel in op.selection_set.selections)


def extensions(settings: Settings) -> list[SchemaExtension | type[SchemaExtension]]:
    exts: list = [
        # the same documents come again and again (the UI's, a client's): parse and
        # validate each once; safe because every rule here reads the document alone (the
        # cost rule counts a page size given by a variable as the largest page)
        ParserCache(maxsize=CACHED_DOCUMENTS),
        ValidationCache(maxsize=CACHED_DOCUMENTS),
        QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        AddValidationRules([_cost_rule(settings.graphql_max_cost, settings.max_page_size)]),
        MaskErrors(should_mask_error=_should_mask,
                   error_message="internal error (details are in the server log)"),
        BigAnswers,
    ]
    if not settings.graphql_introspection:
        exts.append(DisableIntrospection())
    return exts
