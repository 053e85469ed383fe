"""Command line: ``python -m web serve`` and ``python -m web advisers ...``.

``advisers`` is ``add``, ``list``, ``disable`` or ``reset-password``; the last two end
the adviser's console sessions at once.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from typing import List, Optional, Sequence, TextIO

from sqlalchemy.orm import Session

from enquiries.advisers import (
    ROLES,
    AdviserError,
    add_adviser,
    disable_adviser,
    find_adviser,
    list_advisers,
)
from enquiries.db import upgrade
from enquiries.logins import set_password
from insights.db import upgrade as upgrade_insights
from storage import make_engine
from web.config import WeakSecretKey, WebConfig
from web.security import MIN_PASSWORD, PasswordHasher

ACCESS_LOG = '"%r" %s %b %Tfs'



def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="python -m web", description=__doc__)
    parser.add_argument("--db", help="database URL (default: $CATALOGUE_URL or var/pathways.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web front and adviser console")
    serve.add_argument("--host", help="address to listen on (default: $WEB_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: $WEB_PORT or 8000)")
    advisers = sub.add_parser("advisers", help="manage console accounts")
    asub = advisers.add_subparsers(dest="advisers_command", required=True)
    add = asub.add_parser("add", help="add an adviser (asks for the password)")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, default="adviser")
    add.add_argument("--institution", default="", help="catalogue id of their institution")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    asub.add_parser("list", help="list the advisers")
    disable = asub.add_parser(
        "disable", help="stop an adviser from logging in (ends their sessions)"
    )
    disable.add_argument("email")
    reset = asub.add_parser(
        "reset-password", help="give an adviser a new password (ends their sessions)"
    )
    reset.add_argument("email")
    reset.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser


def read_password(from_stdin: bool, stdin: TextIO) -> str:
    """The new password, from standard input or asked twice at the terminal."""
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AdviserError("the passwords differ")
    return first


def advisers_command(args: argparse.Namespace, stdin: TextIO) -> int:
    """Run ``advisers add|list|disable``."""
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        with Session(engine, future=True) as session, session.begin():
            if args.advisers_command == "add":
                password = read_password(args.password_stdin, stdin)
                if len(password) < MIN_PASSWORD:
                    raise AdviserError(f"a password has at least {MIN_PASSWORD} characters")
                adviser = add_adviser(
                    session, args.email, args.name, args.role, args.institution,
                    PasswordHasher().hash(password),
                )  # fmt: skip
                print(f"added {adviser.role} {adviser.email} (id {adviser.id})")
            elif args.advisers_command == "reset-password":
                found = find_adviser(session, args.email)
                if found is None:
                    raise AdviserError(f"no adviser with email {args.email!r}")
                password = read_password(args.password_stdin, stdin)
                if len(password) < MIN_PASSWORD:
                    raise AdviserError(f"a password has at least {MIN_PASSWORD} characters")
                ended = set_password(session, found, PasswordHasher().hash(password))
                print(f"new password for {found.email}; {ended} session(s) ended")
            elif args.advisers_command == "disable":
                adviser = disable_adviser(session, args.email)
                print(f"disabled {adviser.email}")
            else:
                for a in list_advisers(session):
                    state = "active" if a.active else "disabled"
                    where = a.institution_id or "(network)"
                    print(f"{a.id:>4}  {a.email:<40} {a.role:<12} {where:<28} {state}  {a.name}")
    except AdviserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def serve(args: argparse.Namespace) -> int:
    """Run the server until interrupted."""
    from aiohttp import web

    from web.app import create_app

    try:
        config = WebConfig.from_env()
    except WeakSecretKey as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.db:
        config = _replace(config, database_url=args.db)
    host = args.host or config.host
    port = args.port or config.port
    engine = make_engine(config.database_url)
    try:
        upgrade(engine)  # the console's tables, as the action server does at start-up
        upgrade_insights(engine)  # the insights page's, filled by its periodic job
    finally:
        engine.dispose()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    url = f"http://{host}:{port}/"
    print(f"web front and adviser console on {url} (advisers: /advisers/)", flush=True)
    # the access log leaves out client addresses (personal data) and cookies
    web.run_app(
        create_app(config), host=host, port=port, print=None, access_log_format=ACCESS_LOG
    )
    return 0


def _replace(config: WebConfig, **changes: object) -> WebConfig:
    from dataclasses import replace

    return replace(config, **changes)  # type: ignore[arg-type]


def main(argv: Optional[Sequence[str]] = None, stdin: TextIO = sys.stdin) -> int:
    """Run the command; return the exit code."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    if args.command == "serve":
        return serve(args)
    return advisers_command(args, stdin)


if __name__ == "__main__":
    sys.exit(main())

__all__: List[str] = ["build_parser", "main"]
