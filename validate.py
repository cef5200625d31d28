#!/usr/bin/env python3
"""Validate the summitdata package in this checkout.

Usage: ``python validate.py [PACKAGE_DIR] [--format text|json]``.

A shim around ``summitdata validate``; defaults to the checkout this file sits in.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src"))  # validate the checkout with the checkout's own code

try:
    from summitdata.cli import main
except ImportError as exc:  # pydantic missing: say what to do instead of a traceback
    sys.stderr.write(f"validate.py: {exc}. Install first: python -m pip install -e '.[validate]'\n")
    raise SystemExit(2) from None

raise SystemExit(main(["validate", *sys.argv[1:]], default_package=HERE))
