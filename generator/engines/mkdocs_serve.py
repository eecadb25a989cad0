"""`mkdocs serve` that stops cleanly on SIGTERM as well as Ctrl+C.

`python -m generator serve` becomes this module (exec). MkDocs removes its temporary site folder
and stops the server only when it sees KeyboardInterrupt; a plain SIGTERM would kill it with the
folder left in the temporary directory. Here both signals raise `Stopped`, a KeyboardInterrupt,
and the exit code is 128 + the signal.
"""

from __future__ import annotations

import signal
import sys

from generator.core.interrupt import stoppable


def main(argv: list[str]) -> int:
    from mkdocs.__main__ import cli

    with stoppable() as received:
        try:
            cli.main(args=argv, prog_name="mkdocs")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    if received:
        print(f"De kennisbank is gestopt ({signal.Signals(received[0]).name}).", file=sys.stderr)
        return 128 + received[0]
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
