"""`python -m vanban` and the `vanban` command installed by pip: the Rust CLI, through the extension."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the `vanban` command line with `sys.argv` and exit with its status."""
    import signal

    from vanban._vanban import cli_main

    # The CLI runs in Rust without returning to the interpreter: let Ctrl-C end the process as it
    # ends the native binary, instead of setting a flag nobody reads.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(cli_main(["vanban", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
