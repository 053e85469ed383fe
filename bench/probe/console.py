"""Attacks on the adviser console: cookie replay, lockout, ``next=``, a forged cookie.

They need an account: :class:`ProbeAccount` adds a throwaway adviser with the
project's own command line (``python -m web advisers add``) and disables it afterwards
(the command line cannot delete one; disabling also ends its sessions).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import subprocess
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional
from urllib.parse import urlencode, urljoin, urlsplit

from bench.probe.http import Answer, request
from bench.probe.report import NotTried, Verdict
from bench.probe.target import ROOT, Target

COOKIE = "pathways_console"
QUEUE = "/advisers/"
LOGIN = "/advisers/login"
#: the institution the probe's adviser belongs to (one of the demo network's)
INSTITUTION = "northgate"
#: where ``next=`` must never send an adviser, in the spellings that have fooled checks
REDIRECTS = ["/advisers/..//evil.example", "//evil.example", "https://evil.example",
             "https:evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
             "/advisers/%2e%2e//evil.example", "/advisers/..%2f..%2f%2fevil.example",
             "/%5Cevil.example", "/advisers/../..//evil.example/", "\t//evil.example",
             "/advisers/\\..\\..\\evil.example"]  # fmt: skip
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class ProbeAccount:
    """A throwaway adviser, made and disabled with ``python -m web advisers``."""

    target: Target
    email: str = ""
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    adviser_id: Optional[int] = None
    problem: str = ""

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        """Run ``python -m web advisers ...`` in the project root."""
        return subprocess.run([self.target.python, "-m", "web", "advisers", *args], cwd=ROOT,
                              input=stdin, capture_output=True, text=True, timeout=120)  # fmt: skip

    def create(self) -> None:
        """Add the adviser; on failure :attr:`problem` says why."""
        self.email = f"probe.{self.target.run}@example.com"
        done = self.cli("add", "--email", self.email, "--name", "Security Probe",
                        "--institution", INSTITUTION, "--password-stdin",
                        stdin=self.password + "\n")  # fmt: skip
        found = re.search(r"\(id (\d+)\)", done.stdout)
        if done.returncode or not found:
            self.problem = f"could not add an adviser: {(done.stderr or done.stdout).strip()}"
            return
        self.adviser_id = int(found.group(1))

    def disable(self) -> str:
        """Disable the adviser (ends its sessions); what the command said."""
        if self.adviser_id is None:
            return "no adviser was added"
        done = self.cli("disable", self.email)
        return (done.stdout or done.stderr).strip()

    def need(self) -> None:
        """Check the account exists.

        Raises:
            NotTried: without one.

        """
        if self.adviser_id is None:
            raise NotTried(self.problem or "no probe adviser")


class Browser:
    """One visitor's cookies for the web front; waits out the public rate limit."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: Dict[str, str] = {}

    def send(self, method: str, path: str, form: Optional[Dict[str, str]] = None,
             cookies: Optional[Dict[str, str]] = None) -> Answer:  # fmt: skip
        """A request with this visitor's cookies (or ``cookies``), which it then keeps."""
        jar = self.cookies if cookies is None else cookies
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for _ in range(20):
            answer = request(self.base, method, path, body, headers)
            if answer.status != 429:
                break
            time.sleep(float(answer.header("Retry-After") or 1))
        if cookies is None:
            for name, value in answer.cookies().items():
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
        return answer

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on ``path``.

        Raises:
            NotTried: when the page has none.

        """
        answer = self.send("GET", path)
        found = CSRF.search(answer.text())
        if not found:
            raise NotTried(f"no CSRF token on {path} ({answer.status})")
        return found.group(1)

    def log_in(self, email: str, password: str, next_path: str = "") -> Answer:
        """Open the login form and post it."""
        token = self.csrf(LOGIN)
        return self.send("POST", LOGIN, {"csrf_token": token, "email": email,
                                         "password": password, "next": next_path})  # fmt: skip

    def in_console(self, cookies: Optional[Dict[str, str]] = None) -> int:
        """The status of the queue page (200 only when logged in)."""
        return self.send("GET", QUEUE, cookies=cookies).status


def logged_in(target: Target, account: ProbeAccount) -> Browser:
    """A browser logged in as the probe's adviser (the control of every console attack).

    Raises:
        NotTried: when the real password does not get in.

    """
    account.need()
    browser = Browser(target.web_url)
    answer = browser.log_in(account.email, account.password)
    if answer.status != 303 or browser.in_console() != 200:
        raise NotTried(f"control failed: the real password got {answer.status}, "
                       "not the console")  # fmt: skip
    return browser


def cookie_replay(target: Target, account: ProbeAccount) -> Verdict:
    """A copy of the session cookie taken before logout does not work after it."""
    browser = logged_in(target, account)
    copied = dict(browser.cookies)
    token = browser.csrf(QUEUE)
    out = browser.send("POST", "/advisers/logout", {"csrf_token": token})
    replay = browser.send("GET", QUEUE, cookies=copied)
    where = replay.header("Location") or ""
    return replay.status != 200, (f"logged in: 200; logout: {out.status}; the copied cookie "
                                  f"after logout: {replay.status} {where}").strip()


def login_backoff(target: Target, account: ProbeAccount, failures: int = 6) -> Verdict:
    """After failures an attacker makes on purpose, the real password still gets in at once."""
    account.need()
    attacker = Browser(target.web_url)
    waits: List[float] = []
    for n in range(failures):
        started = time.monotonic()
        attacker.log_in(account.email, f"wrong password {n}")
        waits.append(time.monotonic() - started)
    owner = Browser(target.web_url)
    answer = owner.log_in(account.email, account.password)
    inside = owner.in_console()
    observed = (f"{failures} wrong passwords (answered in "
                f"{', '.join(f'{w:.1f}' for w in waits)} s), then the owner's: "
                f"{answer.status}, console {inside}")
    return answer.status == 303 and inside == 200, observed


def escapes(base: str, location: str) -> bool:
    """Whether a ``Location`` leaves the console, as a browser resolves it (a backslash as /)."""
    cleaned = "".join(c for c in location if c not in "\t\r\n").replace("\\", "/")
    resolved = urlsplit(urljoin(base + LOGIN, cleaned))
    return resolved.netloc != urlsplit(base).netloc or not resolved.path.startswith(QUEUE)


def next_redirect(target: Target, account: ProbeAccount) -> Verdict:
    """``next=`` after login never leads off the console, however it is spelt."""
    account.need()
    bad = []
    for variant in REDIRECTS:
        browser = Browser(target.web_url)
        answer = browser.log_in(account.email, account.password, variant)
        location = answer.header("Location") or ""
        if answer.status != 303:
            raise NotTried(f"login with next={variant!r} got {answer.status}")
        if escapes(target.web_url, location):
            bad.append(f"{variant!r} -> {location!r}")
        again = browser.send("GET", f"{LOGIN}?{urlencode({'next': variant})}")
        location = again.header("Location") or ""
        if again.status in (301, 302, 303, 307, 308) and escapes(target.web_url, location):
            bad.append(f"(logged in) {variant!r} -> {location!r}")
    observed = (f"{len(REDIRECTS)} spellings, each at login and when logged in; "
                + ("all stayed under /advisers/" if not bad else "left: " + "; ".join(bad)))
    return not bad, observed


def forged_cookie(target: Target, account: ProbeAccount) -> Verdict:
    """A session cookie encrypted with the key a weak passphrase gives is not accepted."""
    from cryptography.fernet import Fernet

    browser = logged_in(target, account)
    key = base64.urlsafe_b64encode(hashlib.sha256(b"changeme").digest())
    seen = []
    for adviser in sorted({account.adviser_id or 1, 1}):
        payload = {"created": int(time.time()), "session": {"adviser_id": adviser,
                                                            "csrf": "probe"}}  # fmt: skip
        forged = Fernet(key).encrypt(json.dumps(payload).encode()).decode()
        seen.append((adviser, browser.in_console(cookies={COOKIE: forged})))
    seen.append((0, browser.in_console(cookies={COOKIE: "A" * 43})))
    observed = ("the real session: 200; forged under sha256('changeme'): "
                + ", ".join(f"adviser {a}: {s}" for a, s in seen[:-1])
                + f"; a made-up token: {seen[-1][1]}")
    return all(status != 200 for _, status in seen), observed
