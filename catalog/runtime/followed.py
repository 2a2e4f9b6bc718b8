"""An in-memory index of the graph kept in step with it (the search index, the lineage
index): built from the store at start, fed every committed change by a store listener
registered before the build (changes committed meanwhile are held and applied after it, in
order; applying is idempotent), and rebuilt in the background when applying a change fails
or the change feed reports a gap. The graph stays the truth; the writer never sees a
failure here, its transaction has already committed."""

from __future__ import annotations

import gc
import logging
import threading
from typing import Generic, Protocol, TypeVar

from graph import GraphStore
from graph.tx import Changes

log = logging.getLogger(__name__)


class Index(Protocol):
    def apply(self, changes: Changes) -> None: ...


class Sized(Index, Protocol):
    def __len__(self) -> int: ...


IndexT = TypeVar("IndexT", bound=Index)
SizedT = TypeVar("SizedT", bound=Sized)


class FollowedIndex(Generic[IndexT]):
    """A subclass says how to load a fresh index, which one answers now, how a new one
    takes over, and what a failure means for the one answering (`failed`)."""

    name = "index"  # in log lines and the rebuild thread's name

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._guard = threading.Lock()
        self._held: list[Changes] | None = None  # not None while a build runs
        self._active = True
        self._rebuilding = False

    def current(self) -> IndexT | None:
        raise NotImplementedError

    def load(self) -> IndexT:
        raise NotImplementedError

    def install(self, index: IndexT) -> None:
        raise NotImplementedError

    def failed(self) -> None:
        """The index answering may now be behind the graph (default: it keeps answering)."""

    def start(self) -> None:
        self._active = True
        self.store.add_listener(self._on_changes)
        self._build()

    def stop(self) -> None:
        self._active = False  # the store keeps its listeners; this one goes quiet

    def _build(self) -> None:
        with self._guard:
            self._held = []
        fresh: IndexT | None = None
        try:
            fresh = self.load()
        finally:  # on failure, the changes held go to the index that keeps answering
            with self._guard:
                index = fresh if fresh is not None else self.current()
                if index is not None:
                    for changes in self._held:
                        index.apply(changes)
                self._held = None
                if fresh is not None:
                    self.install(fresh)
                else:
                    self.failed()

    def _on_changes(self, changes: Changes) -> None:
        if not self._active:
            return
        with self._guard:
            if self._held is not None:
                self._held.append(changes)
                return
            index = self.current()
            if index is None:
                return
            try:
                index.apply(changes)
            except Exception:
                log.exception("%s update failed; rebuilding it from the store", self.name)
                self.failed()
                self.rebuild_in_background()

    def rebuild_in_background(self) -> None:
        if self._rebuilding or not self._active:
            return
        self._rebuilding = True

        def run() -> None:
            try:
                self._build()
            except Exception:
                log.exception("%s rebuild failed", self.name)
            finally:
                self._rebuilding = False

        threading.Thread(target=run, name=f"{self.name}-rebuild", daemon=True).start()


class AttachedIndex(FollowedIndex[SizedT]):
    """An index that walks read from the store while it is attached (`store.<attribute>`):
    a new one takes over, a failed one is detached (walks go back to the graph: wrong
    lineage is worse than slower lineage) until a rebuild succeeds. A subclass names the
    attribute and says how to load one and what its log line says."""

    attribute = ""  # the GraphStore attribute walks read ("lineage_index", ...)

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store)
        self.index: SizedT | None = None

    def describe(self, index: SizedT) -> str:
        return f"{len(index)} entries"

    def current(self) -> SizedT | None:
        return self.index

    def install(self, index: SizedT) -> None:
        self.failed()
        self.index = index
        # long-lived objects: out of the collector's full passes (as the search index), which
        # walked them again and again while a large answer was being built
        gc.freeze()
        if self._active:
            setattr(self.store, self.attribute, index)
        log.info("%s: %s", self.name, self.describe(index))

    def failed(self) -> None:
        """Detach: walks read the graph until a rebuild succeeds."""
        if self.index is not None and getattr(self.store, self.attribute) is self.index:
            setattr(self.store, self.attribute, None)

    def stop(self) -> None:
        super().stop()
        self.failed()
