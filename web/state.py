"""What the application holds, under typed keys, and running database work off the loop."""

from __future__ import annotations

import asyncio
import functools
from typing import Callable, TypeVar

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from web.config import WebConfig
from web.metrics import Metrics
from web.security import ClientLimit, LoginBackoff, PasswordHasher

T = TypeVar("T")

CONFIG = web.AppKey("config", WebConfig)
ENGINE = web.AppKey("engine", Engine)
METRICS = web.AppKey("metrics", Metrics)
PUBLIC_LIMIT = web.AppKey("public_limit", ClientLimit)
LOGINS = web.AppKey("logins", LoginBackoff)
HASHER = web.AppKey("hasher", PasswordHasher)


def _in_session(engine: Engine, work: Callable[[Session], T]) -> T:
    with Session(engine, future=True) as session, session.begin():
        return work(session)


async def run_db(app: web.Application, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in one transaction, in a worker thread; return its result."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(_in_session, app[ENGINE], work))


async def run_blocking(work: Callable[[], T]) -> T:
    """Run CPU-heavy ``work()`` (password hashing) in a worker thread."""
    return await asyncio.get_running_loop().run_in_executor(None, work)
