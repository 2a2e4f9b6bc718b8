"""LineageService: checks requests against the settings and the graph, then runs the
operation (no HTTP, no Cypher). An unknown id is NotFound, never an empty answer; bad input
is InvalidInput naming the method's own parameter (`max_nodes_per_hop`), which the API layers
map to theirs."""

from __future__ import annotations

from catalog.lineage.answer import LineageQuery, page, subgraph
from catalog.lineage.diff import LineageDiff, diff
from catalog.lineage.impact import analyse
from catalog.lineage.impact_model import Impact, ImpactFilters
from catalog.lineage.mesh import MeshLineage, mesh_lineage
from catalog.lineage.model import EdgeDetail, Level, LineageDirection, LineageGraph
from catalog.lineage.paths import LineagePath, shortest_path
from catalog.settings import Settings
from graph.errors import InvalidInput, NotFound
from graph.labels import Label, label_of
from graph.lineage import Window
from graph.store import GraphStore

LINEAGE_LABELS = (Label.DATASET, Label.COLUMN)


class LineageService:
    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings

    # -- checks -------------------------------------------------------------------------
    def _check(self, node_id: str, field: str, labels: tuple[Label, ...]) -> Label:
        """The id's label, refusing malformed ids and ids of other labels (no query)."""
        try:
            label = label_of(node_id)
        except InvalidInput as exc:
            raise InvalidInput(field, exc.reason) from None
        if label not in labels:
            raise InvalidInput(field, f"{node_id!r} is a {label}; expected a "
                                      f"{' or a '.join(lab.value for lab in labels)}")
        return label

    def _exists(self, *node_ids: str) -> None:
        """NotFound for an id that is not in the graph. Asked only when an answer came back
        empty: an edge found from a node proves the node, and saves a round trip."""
        found = self.store.get_nodes(node_ids)
        for node_id in node_ids:
            if node_id not in found:
                raise NotFound(node_id)

    def _depth(self, depth: int | None, field: str = "depth") -> int:
        limit = self.settings.lineage_max_depth
        depth = self.settings.lineage_default_depth if depth is None else depth
        if not 1 <= depth <= limit:
            raise InvalidInput(field, f"must be between 1 and {limit}, got {depth}")
        return depth

    def _cap(self, cap: int | None, limit: int, field: str = "max_nodes_per_hop") -> int:
        cap = limit if cap is None else cap
        if not 1 <= cap <= limit:
            raise InvalidInput(field, f"must be between 1 and {limit}, got {cap}")
        return cap

    def _level(self, label: Label, level: Level | None, field: str = "level") -> Level:
        if level is None:
            return Level.COLUMN if label is Label.COLUMN else Level.DATASET
        if label is Label.COLUMN and level is Level.DATASET:
            raise InvalidInput(field, "a column's lineage is at COLUMN level; ask for its "
                                      "dataset's id for table lineage")
        return level

    # -- operations ---------------------------------------------------------------------
    def lineage(self, node_id: str, *, direction: LineageDirection = LineageDirection.DOWNSTREAM,
                depth: int | None = None, level: Level | None = None,
                include_jobs: bool = False, as_of: str | None = None,
                max_nodes_per_hop: int | None = None, first: int | None = None,
                after: str | None = None, edge_detail: EdgeDetail = EdgeDetail.ALL
                ) -> LineageGraph:
        """`edge_detail`: what the caller shows of the edges (less can mean no graph read)."""
        label = self._check(node_id, "node_id", LINEAGE_LABELS)
        if first is not None and first < 1:
            raise InvalidInput("first", f"must be at least 1, got {first}")
        q = LineageQuery(node_id, direction, self._depth(depth), self._level(label, level),
                         include_jobs, Window.as_of(as_of),
                         self._cap(max_nodes_per_hop, self.settings.lineage_max_nodes_per_hop),
                         detail=edge_detail)
        sub = subgraph(self.store, q)
        if not sub.edges:
            self._exists(node_id)
        return page(node_id, sub, first, after)

    def impact(self, node_id: str, *, depth: int | None = None,
               filters: ImpactFilters | None = None) -> Impact:
        self._check(node_id, "node_id", LINEAGE_LABELS)
        depth = self.settings.lineage_max_depth if depth is None else self._depth(depth)
        found = analyse(self.store, node_id, depth=depth,
                        cap=self.settings.impact_max_nodes_per_hop, filters=filters)
        if not found.dataset_count and not found.column_count:
            self._exists(node_id)
        return found

    def path(self, source: str, target: str) -> LineagePath:
        self._check(source, "source", LINEAGE_LABELS)
        self._check(target, "target", LINEAGE_LABELS)
        found = shortest_path(self.store, source, target,
                              max_depth=self.settings.lineage_max_depth,
                              cap=self.settings.impact_max_nodes_per_hop)
        if not found.found or source == target:
            self._exists(source, target)
        return found

    def mesh(self, label: Label, node_id: str | None, *,
             direction: LineageDirection = LineageDirection.BOTH, depth: int | None = None,
             as_of: str | None = None) -> MeshLineage:
        if node_id is not None:
            self._check(node_id, "node_id", (label,))
        found = mesh_lineage(self.store, label, node_id, direction=direction,
                             depth=self._depth(depth),
                             cap=self.settings.lineage_max_nodes_per_hop,
                             window=Window.as_of(as_of))
        if node_id is not None and not found.dependencies:
            self._exists(node_id)
        return found

    def diff(self, node_id: str, since: str, until: str, *,
             direction: LineageDirection = LineageDirection.BOTH, depth: int | None = None,
             level: Level | None = None) -> LineageDiff:
        label = self._check(node_id, "node_id", LINEAGE_LABELS)
        if not since < until:
            raise InvalidInput("until", f"must be later than from ({since}), got {until}")
        q = LineageQuery(node_id, direction, self._depth(depth),
                         self._level(label, level),
                         cap=self.settings.lineage_max_nodes_per_hop)
        found = diff(self.store, q, since, until)
        if len(found.nodes) <= 1 and not found.added and not found.closed:
            self._exists(node_id)
        return found
