"""docker-compose.yml is valid Compose, checked by docker-compose without a Docker engine."""

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.support.databases import need_service

ROOT = Path(__file__).resolve().parents[2]


def _need_compose() -> None:
    need_service("docker-compose", shutil.which("docker-compose") is not None,
                 "not on PATH (it validates the file without a Docker engine)")


def test_compose_file_validates():
    _need_compose()
    env = {"NEO4J_PASSWORD": "change-me-please", "CATALOG_SECRET_KEY": "k" * 44,
           "PATH": "/usr/bin:/bin:/usr/local/bin"}
    proc = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    cfg = yaml.safe_load(proc.stdout)
    assert cfg["services"]["catalog"]["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "healthcheck" in cfg["services"]["neo4j"]


def test_compose_refuses_a_missing_password():
    _need_compose()
    proc = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=ROOT)
    assert proc.returncode != 0 and "NEO4J_PASSWORD" in proc.stderr


def test_compose_refuses_a_missing_secret_key():
    _need_compose()
    env = {"NEO4J_PASSWORD": "change-me-please", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode != 0 and "CATALOG_SECRET_KEY" in proc.stderr


def test_compose_runs_the_neo4j_version_the_tests_run():
    pom = (ROOT / "tests" / "neo4j_service" / "pom.xml").read_text()
    version = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", pom).group(1)
    image = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["neo4j"]["image"]
    assert image == f"neo4j:{version}-community"
