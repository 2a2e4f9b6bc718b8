"""`catalog classify`: classify datasets by id, by domain or all, and propagate.

Without a recipe, columns already in the graph are classified by name and type. With a
database recipe, the database ingestor samples values per column and hands them over;
they are classified as they arrive and never stored.
"""

from __future__ import annotations

import argparse
import sys

from catalog.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="classify columns (PII) and propagate downstream")
    p.add_argument("recipe", nargs="?", help="a database recipe: harvest it and classify "
                                             "with sampled values")
    p.add_argument("--dataset", action="append", default=[], metavar="ID",
                   help="a dataset id (repeatable); with a recipe, only these are classified")
    p.add_argument("--domain", help="every dataset of this domain's data products")
    p.add_argument("--all", action="store_true", help="every open dataset")
    p.add_argument("--force", action="store_true",
                   help="also re-suggest what stewards rejected (accepted ones stay)")
    p.add_argument("--sample-size", type=int, default=None,
                   help="values sampled per column with a recipe (default: the recipe's)")
    p.add_argument("--no-propagate", action="store_true",
                   help="do not propagate along column lineage afterwards")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from catalog import audit
    from catalog.audit import Actor
    from catalog.classification.service import ClassificationService
    from catalog.store import open_store
    from graph.errors import GraphError

    settings = Settings()
    store = open_store(settings)
    try:
        svc = ClassificationService(store, settings)
        if args.recipe:
            from catalog.cli.classify_recipe import classify_recipe

            try:
                summary = classify_recipe(svc, args.recipe, force=args.force,
                                          sample_size=args.sample_size,
                                          propagate=not args.no_propagate,
                                          progress=_bars, datasets=args.dataset,
                                          domain=args.domain)
            except (ValueError, GraphError) as exc:  # a bad recipe names its file and key
                print(f"catalog classify: {exc}", file=sys.stderr)
                return 2
        else:
            try:
                ids = svc.resolve(args.dataset, args.domain, args.all)
            except GraphError as exc:
                print(f"catalog classify: {exc}", file=sys.stderr)
                return 2
            with tqdm(total=len(ids), unit="dataset", desc="classifying",
                      disable=not sys.stderr.isatty()) as bar:
                summary = svc.classify_datasets(ids, force=args.force,
                                                propagate=not args.no_propagate,
                                                progress=bar.update)
        audit.record_now(store, Actor.local(), "classifyDatasets", args.domain,
                         after=summary, detail={"datasets": args.dataset, "all": args.all,
                                                "recipe": str(args.recipe or "")})
    finally:
        store.close()
    print(format_summary(summary, svc.classifier.version))
    return 0


def _bars(total: int | None, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="table", leave=False, file=sys.stderr,
                disable=not sys.stderr.isatty())


def format_summary(summary, version: str) -> str:
    c = summary.counts
    lines = [f"classified {summary.columns} columns of {summary.datasets} datasets "
             f"({version}): {c.get('accepted', 0)} accepted, {c.get('suggested', 0)} "
             f"suggested, {c.get('closed', 0)} closed",
             f"left as stewards decided: {c.get('kept_human', 0)} "
             f"(+{c.get('kept_rejected', 0)} rejected not suggested again)"]
    if summary.propagation is not None:
        p = summary.propagation
        lines.append(f"propagation: {p.get('propagated', 0)} written, "
                     f"{p.get('unchanged', 0)} unchanged, {p.get('closed', 0)} closed, "
                     f"{p.get('kept', 0)} kept")
    return "\n".join(lines)
