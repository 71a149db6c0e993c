from __future__ import annotations


class MonitoringError(Exception):
    """An operation is refused; ``field`` names what to mend when a form field is at fault."""

    def __init__(self, message: str, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
