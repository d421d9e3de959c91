"""Log lines for a platform's log collector: one JSON object per line, whatever the message holds.

The dashboard's own log (examencijfers.ui.frame) and, in public mode, Streamlit's loggers write through
JsonLines. Streamlit's `logger.messageFormat` is a printf template, so a JSON-shaped template breaks on a
message with a quote or a traceback over several lines; `streamlit_json_logs` swaps Streamlit's formatter
for this one instead.
"""
from __future__ import annotations

import json
import logging


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message, any `fields` of the record, the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage(), **getattr(record, "fields", {})}
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _json_console_handler(logger: logging.Logger) -> None:
    """Streamlit's setup_formatter, with JsonLines in place of its printf template."""
    if hasattr(logger, "streamlit_console_handler"):
        logger.removeHandler(logger.streamlit_console_handler)
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines())
    logger.streamlit_console_handler = handler
    logger.addHandler(handler)


def streamlit_json_logs() -> None:
    """Every Streamlit logger, those made so far and those made later, writes JsonLines. Streamlit calls
    `streamlit.logger.setup_formatter` for each logger it makes and again for all of them once its config is
    read, so replacing that one function is enough."""
    from streamlit import logger as streamlit_logger

    streamlit_logger.setup_formatter = _json_console_handler
    for logger in list(getattr(streamlit_logger, "_loggers", {}).values()):
        _json_console_handler(logger)
