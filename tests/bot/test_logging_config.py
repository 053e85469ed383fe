"""The Rasa server's logging configuration (bot/logging.yml) redacts emails and phone numbers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_logs_are_redacted_after_its_own_console_set_up() -> None:
    # what rasa/__main__.py does with --logging-config-file, then its coloured console
    # handler (which replaces ours); in a separate interpreter, as it changes logging
    script = textwrap.dedent(
        """
        import logging
        import rasa.utils.common, rasa.utils.io
        rasa.utils.common.configure_logging_and_warnings(
            logging.DEBUG, "bot/logging.yml", warn_only_once=True, filter_repeated_logs=True
        )
        rasa.utils.io.configure_colored_logging(logging.DEBUG)
        log = logging.getLogger("rasa.core.processor")
        log.debug("Received user message 'im sam.patel@example.com or 07700 900123'")
        try:
            raise ValueError("insert failed for sam.patel@example.com")
        except ValueError:
            log.exception("could not save")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=True,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert "Received user message 'im [email] or [phone]'" in output
    assert "insert failed for [email]" in output
    assert "sam.patel" not in output and "900123" not in output
