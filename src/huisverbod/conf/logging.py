"""Structured logging: structlog for the project's own events, and the standard library's
records (Django, gunicorn) rendered through the same processors. JSON lines in production,
readable key=value lines in development."""

from __future__ import annotations

import logging.config
import sys
from typing import Any

import structlog

_SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]


def configure_logging(log_format: str = "console", level: str = "INFO") -> None:
    renderer: Any
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer()
        shared = [*_SHARED_PROCESSORS, structlog.processors.format_exc_info]
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
        shared = list(_SHARED_PROCESSORS)
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "structured": {
                    "()": structlog.stdlib.ProcessorFormatter,
                    "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
                    "foreign_pre_chain": shared,
                }
            },
            "handlers": {
                # Logs go to stderr, so command output on stdout stays clean for pipes.
                "stderr": {"class": "logging.StreamHandler", "stream": sys.stderr, "formatter": "structured"}
            },
            "root": {"handlers": ["stderr"], "level": level},
            "loggers": {
                "django.server": {"level": "INFO"},
                "django.db.backends": {"level": "WARNING"},
                "weasyprint": {"level": "ERROR"},
                "fontTools": {"level": "WARNING"},
                "matplotlib": {"level": "WARNING"},
            },
        }
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
