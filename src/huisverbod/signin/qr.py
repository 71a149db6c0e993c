"""The authenticator app's set-up code as an inline SVG image (the CSP allows ``img-src data:``)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg: bytes = image.to_string(encoding="unicode").encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def grouped_base32(secret: bytes) -> str:
    """The secret for typing by hand, in groups of four: ``ABCD EFGH ...``."""
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
