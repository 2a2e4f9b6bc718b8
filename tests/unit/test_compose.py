"""docker-compose.yml is valid Compose, checked by docker-compose without a Docker engine."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("docker-compose") is None,
                    reason="docker-compose not installed (make test installs Debian's package)")
def test_compose_file_validates():
    env = {"NEO4J_PASSWORD": "change-me-please", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    proc = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    cfg = yaml.safe_load(proc.stdout)
    assert cfg["services"]["catalog"]["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "healthcheck" in cfg["services"]["neo4j"]


@pytest.mark.skipif(shutil.which("docker-compose") is None,
                    reason="docker-compose not installed (make test installs Debian's package)")
def test_compose_refuses_a_missing_password():
    proc = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=ROOT)
    assert proc.returncode != 0 and "NEO4J_PASSWORD" in proc.stderr
