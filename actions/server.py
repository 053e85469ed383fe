"""The action server: ``python -m actions.server [--host 127.0.0.1] [--port 5055]``.

rasa_sdk's own command line (``rasa run actions``) listens on every address
(0.0.0.0) and takes no host option. This entry point builds the same app with
rasa_sdk's public :func:`rasa_sdk.endpoint.create_app` and runs it:

- on loopback unless told otherwise (``--host``);
- with no CORS (browsers never call the action server);
- with a shared token, ``ACTION_SERVER_TOKEN``: ``/webhook`` and ``/actions`` answer
  401 unless the request carries ``Authorization: Bearer <token>``, which the Rasa
  server sends (``bot/endpoints.yml``); ``/health`` stays open. Without a token it
  refuses to start (:func:`token_or_refusal`), unless ``ACTION_SERVER_ALLOW_NO_TOKEN=1``
  is set *and* it listens on loopback (development on one machine);
- with emails and phone numbers redacted from its logs (:mod:`storage.logs`), and
  errors that do not echo the request (rasa_sdk's send the whole conversation back);
- stopping within :data:`GRACEFUL_SHUTDOWN_S` on SIGINT or SIGTERM;
- with the catalogue's course resolver built before it listens (:func:`warm_up`), so
  the first learner does not wait for it (about a minute on a 50,000-course catalogue),
  its Ofqual index included, read from ``var/cache/`` when stored there before
  (:mod:`pathways_catalogue.resolve.ofqual_cache`);
- without TensorFlow (:func:`without_tensorflow`): spaCy's thinc imports it when it is
  installed (it is, for Rasa), which took 6 to 10 s of the start, and no action uses it.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from storage import logs
from storage.switches import keep_out

if TYPE_CHECKING:
    from sanic import Sanic
    from sanic.request import Request
    from sanic.response import HTTPResponse

#: environment variable with the token shared by the Rasa server and the action server
TOKEN_ENV = "ACTION_SERVER_TOKEN"
#: set to 1 to run without a token on loopback (development only)
NO_TOKEN_ENV = "ACTION_SERVER_ALLOW_NO_TOKEN"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
#: the shortest token accepted
MIN_TOKEN_LENGTH = 16
#: environment variable with the port (``make run``)
PORT_ENV = "ACTION_PORT"
DEFAULT_PORT = 5055
DEFAULT_HOST = "127.0.0.1"
#: paths anyone on the host may call
OPEN_PATHS = frozenset({"/health"})
#: how long open requests may finish after a stop signal
GRACEFUL_SHUTDOWN_S = 3.0

logger = logging.getLogger(__name__)


def authorised(header: str, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``token`` (compared in constant time)."""
    return hmac.compare_digest(header.encode(), f"Bearer {token}".encode())


class NoToken(RuntimeError):
    """The action server would run without its token: it must not start."""


def token_or_refusal(env: Mapping[str, str], host: str) -> Optional[str]:
    """The shared token from ``env``; None only for an explicit loopback opt-out.

    Raises:
        NoToken: with what to do, when the token is missing, empty or too short and
            the opt-out is not set (or the server would listen beyond loopback).

    """
    token = env.get(TOKEN_ENV, "").strip()
    if len(token) >= MIN_TOKEN_LENGTH:
        return token
    opted_out = env.get(NO_TOKEN_ENV, "").strip().lower() in {"1", "true", "yes"}
    if not token and opted_out and host in LOOPBACK_HOSTS:
        return None
    what = "is not set" if not token else f"is shorter than {MIN_TOKEN_LENGTH} characters"
    raise NoToken(
        f"{TOKEN_ENV} {what}: the action server would run actions for anyone who can reach "
        "it. Set it to a long random value shared with the Rasa server (python -c "
        "'import secrets; print(secrets.token_urlsafe(32))'); for development on loopback "
        f"only, {NO_TOKEN_ENV}=1 runs it without one."
    )


def create_app(token: Optional[str] = None, package: str = "actions") -> Sanic:
    """The rasa_sdk app serving ``package``, requiring ``token`` when one is given."""
    from rasa_sdk.endpoint import create_app as create_sdk_app
    from sanic import response

    app = create_sdk_app(package, cors_origins="")
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = GRACEFUL_SHUTDOWN_S

    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        # rasa_sdk's own handler sends the whole request (the learner's conversation)
        # back in the error, which the Rasa server then logs
        logger.error("action call failed: %s", type(exception).__name__, exc_info=exception)
        return response.json({"error": "the action failed"}, status=500)

    app.exception(Exception)(failed)  # replaces rasa_sdk's handler
    if token:

        async def check_token(request: Request) -> Optional[HTTPResponse]:
            if request.path in OPEN_PATHS:
                return None
            if authorised(request.headers.get("Authorization", ""), token):
                return None
            return response.json({"error": "a valid token is required"}, status=401)

        app.register_middleware(check_token, "request")
    return app


#: set to 0 to let the action server import TensorFlow (through spaCy's thinc) again
NO_TENSORFLOW_ENV = "ACTION_SERVER_NO_TENSORFLOW"


def without_tensorflow(env: Mapping[str, str]) -> bool:
    """Make ``import tensorflow`` fail in this process, unless ``env`` turns it off.

    thinc (under spaCy) imports TensorFlow only to offer it as a backend, and treats an
    ImportError as "not installed". Call before anything imports spaCy; returns whether
    it is now blocked (False if TensorFlow was imported already).
    """
    return keep_out("tensorflow", env, NO_TENSORFLOW_ENV)


def warm_up(env: Optional[Mapping[str, str]] = None) -> None:
    """Build the served catalogue's course resolver now; a failure is only logged.

    Turns would otherwise build it on first need, inside a learner's turn. Its Ofqual
    index is built too, from the cache folder of ``env`` (or of the process) when stored.
    """
    from actions import db
    from actions.courses import warm_up as build_resolver
    from pathways_catalogue.resolve import ofqual_cache

    started = time.perf_counter()
    cache = ofqual_cache.folder(os.environ if env is None else env)
    try:
        with db.session() as session:
            build_resolver(session, db.network(), cache)
    except Exception as error:  # no catalogue yet: the first turn that needs it builds it
        logger.warning("the course resolver was not built at start: %s", type(error).__name__)
        return
    logger.info("course resolver ready in %.1f s", time.perf_counter() - started)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the action server until SIGINT or SIGTERM; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m actions.server", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get(PORT_ENV) or DEFAULT_PORT)
    )
    parser.add_argument("--actions", default="actions", help="package of the actions")
    parser.add_argument("--log-level", default=os.environ.get("LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)

    from rasa_sdk.utils import configure_colored_logging, number_of_sanic_workers

    without_tensorflow(os.environ)
    configure_colored_logging(args.log_level)
    logs.install()
    try:
        token = token_or_refusal(os.environ, args.host)
    except NoToken as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    app = create_app(token, args.actions)
    warm_up()
    logger.info(
        "action server on http://%s:%s (%s)", args.host, args.port,
        "token required" if token else f"NO TOKEN ({NO_TOKEN_ENV}, loopback only)",
    )  # fmt: skip
    app.run(
        host=args.host, port=args.port, workers=number_of_sanic_workers(),
        access_log=False, motd=False,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
