"""The case file (``huisverbod-casus/1``) as an HTTP media type."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer

from huisverbod.core.casefile import CaseFileError, dumps, loads

CASEFILE_MEDIA_TYPE = "application/vnd.huisverbod.casus+json"


class CaseFileRenderer(BaseRenderer):
    media_type = CASEFILE_MEDIA_TYPE
    format = "casefile"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return dumps(data).encode("utf-8")


class CaseFileParser(BaseParser):
    """Decodes a case-file body; validation happens in the view, so errors name fields."""

    media_type = CASEFILE_MEDIA_TYPE

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return loads(stream.read())
        except CaseFileError as exc:
            raise ParseError(exc.describe()) from None
