"""`catalog replay FILE|DIR ...`: rebuild or catch up the graph from raw OpenLineage events
(the receiver's log in CATALOG_DATA_DIR/events, a JSON array, NDJSON, or folders of them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="ingest raw OpenLineage events from files or folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR",
                   help="NDJSON or JSON files, or folders of them (searched recursively)")
    p.add_argument("--batch-size", type=int, default=500,
                   help="events per transaction (default 500)")
    p.add_argument("--no-validate", action="store_true",
                   help="skip schema validation (events the receiver logged were validated)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from catalog.settings import Settings
    from catalog.store import open_store
    from ingestors.openlineage.eventlog import count_events, files_of, read_file
    from ingestors.openlineage.replay import replay

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"catalog replay: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("catalog replay: --batch-size must be at least 1", file=sys.stderr)
        return 2
    files = [f for p in args.paths for f in files_of(p)]
    total = sum(count_events(f) for f in files)
    items = (item for f in files for item in read_file(f))
    store = open_store(Settings())
    try:
        with tqdm(total=total, unit="ev", disable=args.quiet, file=sys.stderr) as bar:
            summary = replay(store, items, batch_size=args.batch_size,
                             validate=not args.no_validate, progress=bar.update)
    finally:
        store.close()
    print(f"replayed {summary.read} events from {len(files)} files in {summary.seconds:.1f} s "
          f"({summary.rate:.0f} events/s): {summary.accepted} accepted, "
          f"{summary.rejected} rejected, {summary.unreadable} unreadable")
    for line in summary.problems:
        print(f"  {line}")
    return 0 if summary.rejected == 0 and summary.unreadable == 0 else 1
