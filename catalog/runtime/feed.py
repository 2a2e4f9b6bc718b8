"""Following the change feed: other processes' writes, handed to this process's listeners.

Created with the runtime, before the search index is built, so the feed is read from a point
before the build (a write committed during it is applied after it: the listeners are
idempotent); it starts polling last, once what it feeds is ready. Records that may have been
missed (the feed unread for longer than its retention) rebuild the search index.
"""

from __future__ import annotations

from catalog.settings import Settings
from graph import GraphStore, feed


class ChangeFeed:
    def __init__(self, store: GraphStore, settings: Settings):
        self.follower = feed.Follower(store, poll_s=settings.change_feed_poll_s,
                                      retention_s=settings.change_feed_retention_s)
        self.follower.start_at(feed.now_ms(store))
        self.follower.subscribe(store.apply_foreign)

    def on_gap(self, fn) -> None:
        self.follower.on_gap(fn)

    def start(self) -> None:
        self.follower.start()

    def stop(self) -> None:
        self.follower.stop()
