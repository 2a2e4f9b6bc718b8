"""`catalog ingest recipe.yaml [...]`: run harvest recipes against the catalog's store.

Exit codes: 0 done; 1 the run failed (a source could not be read, the store refused);
2 a recipe, manifest or contract is invalid (the message names the key); 3 the mass-close
guard refused the run (nothing was written); 4 `--fail-on-contract` and a contract check
failed. Recipes run in the order given and the first failure stops the rest.

A database recipe with `classification: {enabled: true}` is classified as it is harvested:
samples go to the classifier and are never stored, and the summary is `catalog classify`'s.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from typing import Any

log = logging.getLogger(__name__)

EXIT_FAILED, EXIT_INVALID, EXIT_GUARD, EXIT_CONTRACT = 1, 2, 3, 4


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="harvest metadata from the sources in YAML recipes")
    p.add_argument("recipes", nargs="+", help="recipe files (source: {type, config})")
    p.add_argument("--dry-run", action="store_true",
                   help="read the sources and report what would change; write nothing")
    p.add_argument("--max-close-ratio", type=float, default=None,
                   help="override the share of a source's facts one run may close")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.add_argument("--json", action="store_true", help="print the summaries as JSON")
    p.add_argument("--fail-on-contract", action="store_true",
                   help="exit 4 when a data contract check fails")
    p.set_defaults(func=run)


def _progress(disabled: bool):
    from tqdm import tqdm

    def bar(total: int | None, desc: str) -> Any:
        return tqdm(total=total, desc=desc, unit="row", leave=False, file=sys.stderr,
                    disable=True if disabled else None)
    return bar


def _line(title: str, counts: dict[str, int]) -> str:
    body = ", ".join(f"{n:,} {k}" for k, n in counts.items()) or "-"
    return f"  {title:<10} {body}"


def print_summary(summary: Any, out=None) -> None:
    out = out or sys.stdout  # looked up per call: a default bound at import goes stale
    mode = " (dry run: nothing written)" if summary.dry_run else ""
    print(f"{summary.type} {summary.scope} in {summary.seconds:.1f}s{mode}", file=out)
    for key in ("added", "updated", "unchanged", "closed"):
        print(_line(key, getattr(summary, key)), file=out)
    print(f"  {'warnings':<10} {len(summary.warnings)}", file=out)
    for w in summary.warnings:
        print(f"    - {w}", file=out)
    for c in summary.report.get("contracts", []):
        status = c.get("status", "not checked")
        print(f"  contract   {c['product']} ({c['format']}): {status}", file=out)
        for v in c.get("violations", []):
            where = v["dataset"] + (f"#{v['column']}" if v.get("column") else "")
            detail = (f" expected {v['expected']}, found {v['actual']}"
                      if "expected" in v else "")
            print(f"    - {v['severity']}: {v['kind']} {where}{detail}", file=out)


def run(args: argparse.Namespace) -> int:
    from catalog.classification.service import ClassificationService
    from catalog.cli.classify import format_summary
    from catalog.cli.classify_recipe import SampledVerdicts, samples_wanted
    from catalog.settings import Settings
    from catalog.store import open_store
    from graph import GraphError, StaleGuardError
    from ingestors.recipe import RecipeError, load_recipe
    from ingestors.runner import run_recipe

    try:
        recipes = [load_recipe(path) for path in args.recipes]
    except RecipeError as exc:
        print(f"error: invalid recipe: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.max_close_ratio is not None and not 0 <= args.max_close_ratio <= 1:
        print("error: --max-close-ratio must be between 0 and 1", file=sys.stderr)
        return EXIT_INVALID
    settings = Settings()
    store = open_store(settings)
    summaries, code = [], 0
    try:
        for recipe in recipes:
            verdicts = None  # a dry run writes nothing, verdicts included
            if samples_wanted(recipe) and not args.dry_run:
                verdicts = SampledVerdicts(ClassificationService(store, settings))
            try:
                summary = run_recipe(recipe, store, progress=_progress(args.no_progress),
                                     max_close_ratio=args.max_close_ratio,
                                     dry_run=args.dry_run, on_samples=verdicts)
                classified = verdicts.apply() if verdicts is not None else None
            except StaleGuardError as exc:
                print(f"error: {recipe.file}: {exc}", file=sys.stderr)
                code = EXIT_GUARD
                break
            except (RecipeError, GraphError, ValueError) as exc:
                print(f"error: {recipe.file}: {exc}", file=sys.stderr)
                code = EXIT_INVALID if isinstance(exc, RecipeError | ValueError) \
                    else EXIT_FAILED
                break
            except Exception as exc:  # a source that cannot be read: say which and why
                log.debug("run failed", exc_info=True)
                print(f"error: {recipe.file}: {exc.__class__.__name__}: {exc}",
                      file=sys.stderr)
                code = EXIT_FAILED
                break
            summaries.append((summary, classified))
            if not args.json:
                print_summary(summary)
                if classified is not None:
                    print(format_summary(classified, verdicts.svc.classifier.version))
            failed = [c for c in summary.report.get("contracts", [])
                      if c.get("status") == "fail"]
            if failed and args.fail_on_contract:
                code = EXIT_CONTRACT
    finally:
        store.close()
    if args.json:
        json.dump([asdict(s) | {"totals": s.totals}
                   | ({"classification": asdict(c)} if c is not None else {})
                   for s, c in summaries], sys.stdout, indent=2, default=str)
        print()
    return code
