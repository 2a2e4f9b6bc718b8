"""Long-lived parts of a running app, without routes: the search index and its catch-up,
the re-propagator, the raw event log, the change-feed follower, the governance watcher,
SLA checks, webhook delivery and usage counters.

The app's lifespan creates one `Runtime` beside the store, starts its components in order
and stops them in reverse; routes reach it through `app.state.runtime`, GraphQL resolvers
through `info.context.runtime`. A new background feature is a component here (an object
with `start()` and `stop()`) and a field of `Runtime`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from catalog.crypto import SecretBox, secret_box
from catalog.runtime.column_index import ColumnIndexFeature
from catalog.runtime.event_log import RawEventLog
from catalog.runtime.feed import ChangeFeed
from catalog.runtime.governance import GovernanceWatcher
from catalog.runtime.lineage_index import LineageIndexFeature
from catalog.runtime.propagation import Repropagator
from catalog.runtime.search import SearchFeature
from catalog.runtime.sla import SlaMonitor
from catalog.runtime.usage import UsageCounter
from catalog.runtime.webhooks import WebhookDelivery
from catalog.search import SearchService
from catalog.settings import Settings
from graph import GraphStore


class Component(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


@dataclass
class Runtime:
    store: GraphStore
    settings: Settings
    feed: ChangeFeed  # other processes' writes, to the store's listeners
    event_log: RawEventLog  # the OpenLineage events received (the demo's in a supervisor)
    secrets: SecretBox  # seals secrets kept in the graph (webhook secrets)
    search: SearchFeature | None = None  # when it serves requests
    lineage: LineageIndexFeature | None = None  # when it serves: FEEDS in memory
    columns: ColumnIndexFeature | None = None  # when it serves: DERIVES_FROM in memory
    repropagator: Repropagator | None = None  # background, when classification_auto_propagate
    governance: GovernanceWatcher | None = None  # background, when governance_continuous
    usage: UsageCounter | None = None  # when it serves requests: this worker's counts
    sla: SlaMonitor | None = None  # background: scheduled and event-driven SLA checks
    webhooks: WebhookDelivery | None = None  # background: the notifications outbox
    _started: list[Component] = field(default_factory=list, repr=False)

    @classmethod
    def create(cls, store: GraphStore, settings: Settings, *, serves: bool = True,
               background: bool = True) -> Runtime:
        """`serves`: the parts requests use (the search index); `background`: work
        done once per server, not once per worker (`catalog serve` with several workers
        runs it in the supervising process, and serves in the workers)."""
        secrets = secret_box(settings, store)  # first: a missing key stops the start-up
        feed = ChangeFeed(store, settings)  # its starting point precedes the build
        search = SearchFeature(store, max_page_size=settings.max_page_size) if serves else None
        lineage = LineageIndexFeature(store) if serves and settings.lineage_index else None
        columns = ColumnIndexFeature(store) \
            if serves and settings.column_lineage_index else None
        for part in (search, lineage, columns):
            if part is not None:
                feed.on_gap(part.rebuild_in_background)
        governance = GovernanceWatcher(store, settings) \
            if background and settings.governance_continuous else None
        if governance is not None:  # writes it did not hear of: every kind may have changed
            feed.on_gap(governance.mark_dirty)
        return cls(store, settings, feed=feed,
                   event_log=RawEventLog(settings), secrets=secrets, search=search,
                   lineage=lineage, columns=columns,
                   repropagator=Repropagator(store, settings)
                   if background and settings.classification_auto_propagate else None,
                   governance=governance,
                   usage=UsageCounter(store, settings)
                   if serves and settings.usage_counting else None,
                   sla=SlaMonitor(store, settings) if background else None,
                   webhooks=WebhookDelivery(store, settings, secrets) if background else None)

    @property
    def components(self) -> list[Component]:
        """In start order."""
        return [c for c in (self.event_log, self.search, self.lineage, self.columns,
                            self.repropagator,
                            self.governance, self.usage, self.sla, self.webhooks, self.feed)
                if c is not None]

    @property
    def search_service(self) -> SearchService | None:
        """The search service once the index is built (None before start)."""
        return self.search.service if self.search is not None and \
            self.search in self._started else None

    def start(self) -> None:
        for component in self.components:
            component.start()
            self._started.append(component)

    def stop(self) -> None:
        while self._started:
            self._started.pop().stop()


__all__ = ["ChangeFeed", "ColumnIndexFeature", "Component", "GovernanceWatcher",
           "LineageIndexFeature", "RawEventLog", "Repropagator", "Runtime", "SearchFeature",
           "SlaMonitor", "UsageCounter", "WebhookDelivery"]
