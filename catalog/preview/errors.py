"""The preview's own errors (the API gives them their codes and argument paths)."""

from __future__ import annotations

from graph.errors import GraphError


class NoPreviewSource(GraphError, LookupError):
    """No configured preview source names this dataset: its values cannot be read."""

    code = "NO_PREVIEW_SOURCE"

    def __init__(self, dataset_id: str, problems: list[str] | None = None,
                 path: str = "dataset_id"):
        self.path = path
        self.dataset_id = dataset_id
        also = f" ({'; '.join(problems)})" if problems else ""
        super().__init__(f"no preview source is configured for dataset {dataset_id} "
                         f"(setting preview_sources): its values cannot be read{also}")


class PreviewSourceError(GraphError):
    """The source could not be reached or read; names the source, never its password."""

    code = "PREVIEW_SOURCE_UNAVAILABLE"

    def __init__(self, source: str, reason: str):
        self.source = source
        super().__init__(f"preview source {source}: {reason}")
