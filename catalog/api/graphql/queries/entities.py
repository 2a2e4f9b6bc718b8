"""Entity lookups: node, dataset(s), column, domain(s), data product(s), job."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.selection import asks_any
from catalog.api.graphql.types.column import Column
from catalog.api.graphql.types.connection import Connection, decode_cursor
from catalog.api.graphql.types.data_product import DataProduct
from catalog.api.graphql.types.dataset import Dataset
from catalog.api.graphql.types.domain import Domain
from catalog.api.graphql.types.job import Job
from catalog.api.graphql.types.node import Node, to_node
from graph import Label
from graph.errors import InvalidInput

Info = strawberry.Info[Context, None]
# Dataset fields that DatasetView fetches with the node
PAGE_FIELDS = frozenset({"columns", "owners", "tags", "classifications"})


@strawberry.input
class DatasetFilter:
    namespace: str | None = None
    platform: str | None = None
    kind: str | None = None
    name_contains: str | None = None


async def _one(info: Info, node_id: str, label: Label):
    return await asyncio.to_thread(info.context.browse.node, node_id, label)


def _page_size(info: Info, first: int) -> int:
    limit = info.context.settings.max_page_size
    if not 0 < first <= limit:
        raise InvalidInput("first", f"must be between 1 and {limit}, got {first}")
    return first


@strawberry.type
class EntityQueries:
    @strawberry.field(description="Any entity by its catalog id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node:
        row = await asyncio.to_thread(info.context.browse.node, id)
        return to_node(row)

    @strawberry.field
    async def dataset(self, info: Info, id: strawberry.ID) -> Dataset:
        if asks_any(info, PAGE_FIELDS):  # the page's fields in one round trip
            view = await asyncio.to_thread(info.context.browse.dataset_view, id)
            info.context.loaders.prime_dataset(view)
            return Dataset.from_node(view.node)
        return Dataset.from_node(await _one(info, id, Label.DATASET))

    @strawberry.field(description="Datasets ordered by id, a page at a time.")
    async def datasets(self, info: Info, filter: DatasetFilter | None = None, first: int = 50,
                       after: str | None = None) -> Connection[Dataset]:
        first = _page_size(info, first)
        f = filter or DatasetFilter()
        rows, total = await asyncio.to_thread(
            info.context.browse.page, Label.DATASET, first=first + 1, after=decode_cursor(after),
            namespace=f.namespace, platform=f.platform, kind=f.kind,
            name_contains=f.name_contains)
        page = rows[:first]
        return Connection.of([Dataset.from_node(r) for r in page], [r["id"] for r in page],
                             total, len(rows) > first)

    @strawberry.field
    async def column(self, info: Info, id: strawberry.ID) -> Column:
        return Column.from_node(await _one(info, id, Label.COLUMN))

    @strawberry.field
    async def domain(self, info: Info, id: strawberry.ID) -> Domain:
        return Domain.from_node(await _one(info, id, Label.DOMAIN))

    @strawberry.field
    async def domains(self, info: Info) -> list[Domain]:
        rows, _ = await asyncio.to_thread(info.context.browse.page, Label.DOMAIN,
                                          first=info.context.settings.max_page_size, after=None)
        return [Domain.from_node(r) for r in rows]

    @strawberry.field
    async def data_product(self, info: Info, id: strawberry.ID) -> DataProduct:
        product = DataProduct.from_node(await _one(info, id, Label.DATA_PRODUCT))
        runtime = info.context.runtime
        if runtime is not None and runtime.usage is not None:
            runtime.usage.count(str(id))  # a read, counted in memory
        return product

    @strawberry.field
    async def data_products(self, info: Info, domain: strawberry.ID | None = None
                            ) -> list[DataProduct]:
        if domain is not None:
            dom = await _one(info, domain, Label.DOMAIN)
            return await Domain.from_node(dom).data_products(info)
        rows, _ = await asyncio.to_thread(info.context.browse.page, Label.DATA_PRODUCT,
                                          first=info.context.settings.max_page_size, after=None)
        return [DataProduct.from_node(r) for r in rows]

    @strawberry.field
    async def job(self, info: Info, id: strawberry.ID) -> Job:
        return Job.from_node(await _one(info, id, Label.JOB))
