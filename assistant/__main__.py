"""``python -m assistant`` and the ``assistant`` console script.

Ctrl+C while the command line itself is still being imported (rich, argparse and the option
tables take a moment) ends with the same short note as later, never a traceback: nothing but
the standard library is imported before the guard."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("提示:已取消。\n")
        return 130
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
