"""A product's live preview: sample rows of a dataset, read on demand from its source.

Any token may read it (the values of PII columns are masked for everyone); without a
token it is refused even when reads are open, since these are live values of the data,
not metadata. A read: not audited.
"""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.permissions import has_role
from catalog.api.graphql.types.dataset_sample import DatasetSample
from catalog.auth import Role
from catalog.preview.service import DEFAULT_ROWS, PreviewService

Info = strawberry.Info[Context, None]
IsAuthenticated = has_role(Role.READER)


@strawberry.type
class PreviewQueries:
    @strawberry.field(permission_classes=[IsAuthenticated], description=(
        "Up to `rows` (1-50) live rows of a dataset's harvested columns, from the preview "
        "source configured for it (setting preview_sources); PII columns masked. Needs a "
        "token."))
    async def dataset_sample(self, info: Info, id: strawberry.ID, rows: int = DEFAULT_ROWS
                             ) -> DatasetSample:
        svc = PreviewService(info.context.store, info.context.settings)
        with argument_paths(dataset_id="id"):
            sample = await asyncio.to_thread(svc.sample, str(id), rows)
        return DatasetSample.of(sample)
