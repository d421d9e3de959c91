"""In public mode every log line, Streamlit's own included, is one JSON object: a message with quotes, a
newline or a traceback does not break the line a log collector reads."""
from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
from examencijfers.logs import streamlit_json_logs
from streamlit import logger
early = logger.get_logger("streamlit.early")        # made before the switch
streamlit_json_logs()
late = logger.get_logger("streamlit.late")          # made after it
logger.update_formatter()                            # what Streamlit does once its config is read
early.warning('a "quoted" message\\nover two lines')
try:
    raise ValueError("boom")
except ValueError:
    late.exception("failed")
"""


def test_streamlit_loggers_write_one_json_object_per_line():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]          # every line parses
    assert [(e["logger"], e["level"], e["message"]) for e in entries] == [
        ("streamlit.early", "WARNING", 'a "quoted" message\nover two lines'),
        ("streamlit.late", "ERROR", "failed"),
    ]
    assert "ValueError: boom" in entries[1]["traceback"]
