"""An in-memory index of the graph kept in step with it (the search index, the lineage
index): built from the store at start, fed every committed change by a store listener
registered before the build (changes committed meanwhile are held and applied after it, in
order; applying is idempotent), and rebuilt in the background when applying a change fails
or the change feed reports a gap. The graph stays the truth; the writer never sees a
failure here, its transaction has already committed."""

from __future__ import annotations

import logging
import threading
from typing import Generic, Protocol, TypeVar

from graph import GraphStore
from graph.tx import Changes

log = logging.getLogger(__name__)


class Index(Protocol):
    def apply(self, changes: Changes) -> None: ...


IndexT = TypeVar("IndexT", bound=Index)


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
