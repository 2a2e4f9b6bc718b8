"""The built web UI is committed with the package: present, current with web/, in the wheel."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile

import pytest

from catalog.web import STATIC
from tests.conftest import ROOT

WEB = ROOT / "web"
# the inputs of the build, as web/vite.config.ts hashes them
SOURCES = ["index.html", "graphiql.html", "package.json", "package-lock.json", "tsconfig.json",
           "vite.config.ts", "public", "src"]


def source_hash() -> str:
    files = []
    for name in SOURCES:
        path = WEB / name
        files += [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    h = hashlib.sha256()
    for rel in sorted(p.relative_to(WEB).as_posix() for p in files):
        h.update(rel.encode() + b"\0")
        h.update((WEB / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@pytest.mark.parametrize("page", ["index.html", "graphiql.html"])  # the UI; GraphiQL
def test_committed_assets_are_present_and_complete(page: str) -> None:
    index = STATIC / page
    assert index.is_file(), f"catalog/web/static/{page} is missing: run `make web`"
    refs = re.findall(r'(?:src|href)="(/[^"]+)"', index.read_text())
    bundles = [r for r in refs if r.startswith("/assets/")]
    assert any(r.endswith(".js") for r in bundles) and any(r.endswith(".css") for r in bundles)
    for ref in refs:
        assert (STATIC / ref.lstrip("/")).is_file(), f"{ref} named by {page} is missing"


@pytest.mark.skipif(not WEB.is_dir(), reason="no web/ sources beside this install")
def test_committed_assets_were_built_from_the_current_sources():
    info = json.loads((STATIC / "build-info.json").read_text())
    assert info["sources"] == source_hash(), (
        "web/ changed since catalog/web/static was built: run `make web` and commit the assets")


def test_the_wheel_ships_the_assets(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                          "--no-build-isolation", str(ROOT), "-w", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = tmp_path.glob("mesh_catalog-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in STATIC.rglob("*") if p.is_file()}
    assert expected and expected <= names, sorted(expected - names)


@pytest.mark.skipif(not WEB.is_dir(), reason="no web/ sources beside this install")
def test_graphiql_tabs_hold_the_readme_examples() -> None:
    """GraphiQL's example tabs (web/src/graphiql/examples.json) are the README's GraphQL
    examples, character for character, so the two do not drift apart."""
    readme = re.findall(r"```graphql\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)
    examples = json.loads((WEB / "src" / "graphiql" / "examples.json").read_text())["readme"]
    assert readme and [e["query"] for e in examples] == readme
