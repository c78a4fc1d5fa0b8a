#!/usr/bin/env python3
"""Build and verify the briefing site: `python build.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
