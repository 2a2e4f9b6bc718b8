"""What every source shares: a typed config, the harvest it returns, and the run summary.

A source only reads its system and fills a `Harvest` (nodes and edges in memory); the
runner (`ingestors.runner`) diffs it against what the source's scope holds in the graph,
applies the mass-close guard before anything is written, then writes in batches. Keeping
sources free of writes is what lets the guard refuse a run with nothing written.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from graph import GraphStore, Label, Rel

log = logging.getLogger(__name__)

# Shared vocabulary: several sources point at the same owners, tags and domains, so a
# source that stops mentioning one closes its edge to it, never the node itself.
SHARED_LABELS = frozenset({Label.OWNER, Label.TAG, Label.DOMAIN, Label.CLASSIFICATION})


class SourceConfig(BaseModel):
    """Base of every source's config: unknown keys are refused, so typos surface."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Patterns(SourceConfig):
    """Include/exclude glob patterns (fnmatch, case-insensitive); exclude wins."""

    include: list[str] = ["*"]
    exclude: list[str] = []

    def allows(self, *names: str) -> bool:
        """True when one of `names` is included and none is excluded."""
        from fnmatch import fnmatchcase

        low = [n.lower() for n in names]
        if any(fnmatchcase(n, p.lower()) for p in self.exclude for n in low):
            return False
        return any(fnmatchcase(n, p.lower()) for p in self.include for n in low)


@dataclass
class ColumnSample:
    """Values sampled from one column for the classifier; never written to the graph."""

    dataset_id: str
    column_id: str
    column: str
    type: str | None
    values: list[str]


SampleCallback = Callable[[list[ColumnSample]], None]


class NullProgress:
    """Stands in for a tqdm bar when progress is off."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass

    def close(self) -> None:
        pass


ProgressFactory = Callable[..., Any]


@dataclass
class RunContext:
    """What a source may use besides its config: the store (reads only), the recipe's
    folder for relative paths, the sample callback and a progress-bar factory."""

    store: GraphStore | None = None
    base_dir: Path = field(default_factory=Path.cwd)
    on_samples: SampleCallback | None = None
    progress: ProgressFactory | None = None
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warnings.append(message)

    def bar(self, total: int | None, desc: str) -> Any:
        return self.progress(total=total, desc=desc) if self.progress else NullProgress()

    def path(self, value: str | Path) -> Path:
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)


@dataclass
class Harvest:
    """Nodes and edges one run saw, keyed by id (a later sighting updates the props).

    Each row remembers its provenance `source` (database, dbt, manifest, sql-parse), so
    lineage parsed from SQL is told apart from what a system reported itself."""

    source: str
    nodes: dict[Label, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    edges: dict[Rel, dict[tuple[str, str], dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    node_source: dict[str, str] = field(default_factory=dict)
    edge_source: dict[tuple[Rel, str, str], str] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)

    def node(self, label: Label, node_id: str, *, source: str | None = None,
             **props: Any) -> str:
        row = self.nodes[label].setdefault(node_id, {})
        row.update(props)
        if source:
            self.node_source[node_id] = source
        return node_id

    def edge(self, rel: Rel, src: str, dst: str, *, source: str | None = None,
             **props: Any) -> None:
        self.edges[rel].setdefault((src, dst), {}).update(props)
        if source:
            self.edge_source[(rel, src, dst)] = source

    def has(self, node_id: str) -> bool:
        return any(node_id in rows for rows in self.nodes.values())

    def node_count(self) -> int:
        return sum(len(v) for v in self.nodes.values())

    def edge_count(self) -> int:
        return sum(len(v) for v in self.edges.values())


@dataclass
class RunSummary:
    """What one recipe run did; printed by the CLI."""

    type: str
    scope: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    closed: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(self, k).values())
                for k in ("added", "updated", "unchanged", "closed")}


class Source(ABC):
    """A harvestable system. Subclasses set `type` (the recipe's `source.type`), the
    provenance `source` they write with, and `config_class`; `harvest` returns a Harvest."""

    type: ClassVar[str]
    source: ClassVar[str]
    config_class: ClassVar[type[SourceConfig]]

    def __init__(self, config: SourceConfig, ctx: RunContext):
        self.config = config
        self.ctx = ctx

    @property
    @abstractmethod
    def scope(self) -> str:
        """One string per harvested system instance: what staleness is computed over."""

    @abstractmethod
    def harvest(self) -> Harvest:
        """Read the system; write nothing."""

    def closable_labels(self) -> Iterable[Label]:
        """Node labels this source closes when it no longer sees them."""
        return [label for label in Label if label not in SHARED_LABELS]

    def closable_rels(self) -> Iterable[Rel]:
        return list(Rel)
