"""OpenLineage ingestion: events (RunEvent, JobEvent, DatasetEvent) into the graph.

    from ingestors.openlineage import ingest_events
    result = ingest_events(store, events)   # one transaction, a result per event

Used by the HTTP receiver (catalog/api/openlineage.py) and `catalog replay`.
"""

from ingestors.openlineage.ingest import (
    EventResult,
    IngestResult,
    Prepared,
    ingest_event,
    ingest_events,
    prepare_events,
    write_prepared,
)
from ingestors.openlineage.validate import Problem

__all__ = ["EventResult", "IngestResult", "Prepared", "Problem", "ingest_event",
           "ingest_events", "prepare_events", "write_prepared"]
