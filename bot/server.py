"""The Rasa command line, leaving without Python's slow teardown: ``python -m bot.server run ...``.

``rasa run`` stops its Sanic server promptly on SIGINT or SIGTERM, but then the
interpreter's own shutdown (garbage-collecting and freeing the loaded model:
TensorFlow, spaCy, the gazetteer) took longer than honcho's 5 seconds of grace, so
``make run`` ended with a SIGKILL. This entry point runs Rasa's ``main`` unchanged
and, once it has returned, flushes the logs and output and leaves with
:func:`os._exit`. Nothing is lost: the tracker store commits every turn.

Rasa 3.6 takes its HTTP API token only as ``--auth-token`` (``rasa run`` has no
variable or endpoints setting for it), which would show it to anyone on the host
(``ps``, ``/proc/<pid>/cmdline``). So ``tools/rasa_server.sh`` passes ``--enable-api``
alone and this entry point adds ``--auth-token`` from ``RASA_API_TOKEN`` to the
arguments *inside* the process (:func:`with_api_token`): the process's command line
never holds it.

Before Rasa starts, :func:`bot.model_loading.install` makes DIET load without tracing
its training step, and trace its prediction graph in the background (about 60 s less
start-up; ``PATHWAYS_DIET_FAST_LOAD=0`` turns it off, docs/performance.md "Start-up"),
and keeps ``jax`` out of the process (:func:`without_jax`);
:func:`bot.action_validation.install` checks the action server's answers with a schema
compiled once instead of once per call (about 30 ms of CPU per turn less).

``tools/rasa_server.sh`` also sets ``SANIC_GRACEFUL_SHUTDOWN_TIMEOUT`` (Sanic's wait
for open connections, such as a browser's socket.io, 15 s by default) to 3 s.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import List, Mapping

from storage.switches import keep_out


def exit_code(error: SystemExit) -> int:
    """The process exit code a ``SystemExit`` stands for."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    print(error.code, file=sys.stderr)
    return 1


#: environment variable with the token of Rasa's HTTP API
API_TOKEN_ENV = "RASA_API_TOKEN"


def with_api_token(argv: List[str], env: Mapping[str, str]) -> List[str]:
    """``argv`` with ``--auth-token`` from ``RASA_API_TOKEN`` when the API is enabled.

    Raises:
        SystemExit: when ``--enable-api`` is given without a token (the API would be
            open to anyone), or ``--auth-token`` is given on the command line.

    """
    if any(a == "--auth-token" or a.startswith("--auth-token=") for a in argv):
        raise SystemExit(f"pass the API token in {API_TOKEN_ENV}, not on the command line")
    if "--enable-api" not in argv:
        return list(argv)
    token = env.get(API_TOKEN_ENV, "").strip()
    if not token:
        raise SystemExit(f"--enable-api needs {API_TOKEN_ENV}: the API would have no token")
    return [*argv, "--auth-token", token]


#: set to 0 to let TensorFlow import ``jax`` in the Rasa server
NO_JAX_ENV = "RASA_SERVER_NO_JAX"


def without_jax(env: Mapping[str, str]) -> bool:
    """Make ``import jax`` fail in this process (about 1 s of start-up), unless ``env`` says 0.

    TensorFlow's ``tf.lite`` imports ``jax`` only if it is installed (it is, as a
    dependency of TensorFlow) and treats an ImportError as "not installed"; neither
    Rasa nor our code uses it. Returns whether it is now blocked.
    """
    return keep_out("jax", env, NO_JAX_ENV)


def main() -> None:
    """Run ``rasa`` with this process's arguments (and its API token), then exit at once."""
    without_jax(os.environ)
    import rasa.__main__

    from bot import action_validation, model_loading

    code = 0
    try:
        sys.argv = [sys.argv[0], *with_api_token(sys.argv[1:], os.environ)]
        model_loading.install()
        action_validation.install()
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
