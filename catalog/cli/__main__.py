"""`python -m catalog.cli` runs the CLI."""

import sys

from catalog.cli import main

sys.exit(main())
