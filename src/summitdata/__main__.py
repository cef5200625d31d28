"""``python -m summitdata``."""

from summitdata.cli import main

raise SystemExit(main())
