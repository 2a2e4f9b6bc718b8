"""The fast completion of plain objects (catalog/api/graphql/execution.py) answers exactly as
graphql-core: the same data and the same errors (messages and paths) for aliases, fragments,
directives, `__typename`, nested lists, nulls, enums, interfaces and resolvers with
arguments; and it does take over the plain objects (a plain field is not executed alone).
And the collector is paused while impactAnalysis runs, only then (BigAnswers)."""

from __future__ import annotations

import asyncio
import enum
import gc
from collections import Counter
from typing import Any

import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from catalog.api.graphql.execution import FastExecutionContext
from catalog.api.graphql.hardening import BigAnswers


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Ref:
    id: strawberry.ID
    name: str | None
    role: str | None = None


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Thing(Named):
    size: int


@strawberry.type
class Item:
    id: strawberry.ID
    degree: int
    colour: Colour
    owner: Ref | None
    refs: list[Ref]
    grid: list[list[int]]
    must: str  # non-null: a None here is an error graphql-core reports

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.id.upper() * times


@strawberry.type
class Answer:
    total: int
    items: list[Item]
    things: list[Named]


def items(broken: bool = False) -> list[Item]:
    out = [Item(id=strawberry.ID(f"i{k}"), degree=k, colour=Colour.RED if k % 2 else Colour.BLUE,
                owner=Ref(id=strawberry.ID(f"o{k}"), name=f"owner {k}") if k % 3 else None,
                refs=[Ref(id=strawberry.ID(f"r{k}.{j}"), name=None, role="x")
                      for j in range(k % 4)],
                grid=[[k, j] for j in range(2)], must="ok") for k in range(12)]
    if broken:
        out[5].must = None  # type: ignore[assignment]
    return out


@strawberry.type
class Query:
    @strawberry.field
    def answer(self, broken: bool = False) -> Answer:
        return Answer(total=12, items=items(broken), things=[Thing(name="t", size=3)])

    @strawberry.field
    async def later(self) -> Answer:
        return Answer(total=1, items=items()[:3], things=[])


class Counting(FastExecutionContext):
    """Counts the fields graphql-core executes one by one."""

    executed: Counter = Counter()

    def execute_field(self, parent_type, source, field_details_list, path, *args: Any):
        Counting.executed[f"{parent_type.name}.{field_details_list[0].node.name.value}"] += 1
        return super().execute_field(parent_type, source, field_details_list, path, *args)


SLOW = strawberry.Schema(query=Query, types=[Thing],
                         execution_context_class=StrawberryGraphQLCoreExecutionContext)
FAST = strawberry.Schema(query=Query, types=[Thing], execution_context_class=Counting)

QUERIES = [
    "{ answer { total items { id degree colour owner { id name role } refs { id name } "
    "grid must } } }",
    "{ answer { __typename t: total items { __typename alias: id ...F owner { ... on Ref "
    "{ n: name } } } } } fragment F on Item { degree refs { role } }",
    "query($yes: Boolean!) { answer { items { id @include(if: $yes) degree @skip(if: $yes) "
    "owner @include(if: $yes) { id } } } }",
    "{ answer { items { id shout(times: 2) refs { id } } things { name ... on Thing "
    "{ size } } } }",
    "{ later { items { id owner { name } } } }",
    "{ answer(broken: true) { total items { id must owner { id } } } }",
]


def run(schema: strawberry.Schema, query: str) -> tuple[Any, list[tuple[str, Any]]]:
    res = asyncio.run(schema.execute(query, variable_values={"yes": True}))
    return res.data, [(e.message, e.path) for e in res.errors or ()]


def test_fast_completion_answers_as_graphql_core() -> None:
    for query in QUERIES:
        assert run(FAST, query) == run(SLOW, query), query
    data, errors = run(FAST, QUERIES[-1])
    assert data is None and errors[0][1] == ["answer", "items", 5, "must"]


def test_plain_objects_are_completed_in_one_pass() -> None:
    Counting.executed.clear()
    run(FAST, QUERIES[0])
    assert Counting.executed == Counter({"Query.answer": 1})
    Counting.executed.clear()
    run(FAST, QUERIES[3])  # a field with a resolver: its type takes graphql-core's path
    assert Counting.executed["Item.shout"] == 12 and Counting.executed["Ref.id"] == 0


@strawberry.type
class GcQuery:
    @strawberry.field
    def impact_analysis(self) -> bool:
        return gc.isenabled()

    @strawberry.field
    def other(self) -> bool:
        return gc.isenabled()


def test_the_collector_pauses_for_impact_analysis_only() -> None:
    schema = strawberry.Schema(query=GcQuery, extensions=[BigAnswers])
    assert gc.isenabled()
    assert asyncio.run(schema.execute("{ impactAnalysis }")).data == {"impactAnalysis": False}
    assert asyncio.run(schema.execute("{ other }")).data == {"other": True}
    assert asyncio.run(schema.execute("query Q { a: impactAnalysis other }")).data == {
        "a": False, "other": False}
    assert gc.isenabled()
