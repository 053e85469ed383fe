"""The Rasa command line, leaving without Python's slow teardown: ``python -m bot.server run ...``.

``rasa run`` stops its Sanic server promptly on SIGINT or SIGTERM, but then the
interpreter's own shutdown (garbage-collecting and freeing the loaded model:
TensorFlow, spaCy, the gazetteer) took longer than honcho's 5 seconds of grace, so
``make run`` ended with a SIGKILL. This entry point runs Rasa's ``main`` unchanged
and, once it has returned, flushes the logs and output and leaves with
:func:`os._exit`. Nothing is lost: the tracker store commits every turn.

``tools/rasa_server.sh`` also sets ``SANIC_GRACEFUL_SHUTDOWN_TIMEOUT`` (Sanic's wait
for open connections, such as a browser's socket.io, 15 s by default) to 3 s.
"""

from __future__ import annotations

import logging
import os
import sys


def exit_code(error: SystemExit) -> int:
    """The process exit code a ``SystemExit`` stands for."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    print(error.code, file=sys.stderr)
    return 1


def main() -> None:
    """Run ``rasa`` with this process's arguments, then exit at once."""
    import rasa.__main__

    code = 0
    try:
        rasa.__main__.main()
    except SystemExit as error:
        code = exit_code(error)
    except BaseException:  # reported as Python would, then the fast exit
        import traceback

        traceback.print_exc()
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
