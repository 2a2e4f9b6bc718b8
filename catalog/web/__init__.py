"""The built web UI (static assets from `web/`, rebuilt with `make web`)."""

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
