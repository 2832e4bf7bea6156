"""``python -m assistant.cli`` (what the tests and benchmarks start)."""

import sys

from . import main

sys.exit(main())
