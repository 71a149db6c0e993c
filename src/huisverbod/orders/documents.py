"""The written beschikking: the PDF decision that imposes, extends or withdraws a huisverbod.

The lead's lifecycle calls :func:`issue_document` inside the transaction that records the
decision. It builds the content (what the document says, as data: ``documents_content``),
renders it to PDF with WeasyPrint, hashes both and stores the :class:`Document` row, which can
never change afterwards.

Two hashes: ``content_sha256`` is the SHA-256 of the canonical JSON of the content and is printed
in every page's footer ("Controlewaarde"); ``sha256`` is the SHA-256 of the PDF bytes, which
cannot be printed inside the PDF itself and is shown on the order page instead.

Rendering is deterministic: the same content gives the same bytes (fixed metadata dates, fixed
producer and creator, a PDF /ID derived from the content, no external resources), so
:func:`regenerate_pdf` can prove that a stored PDF says what its content says. See
docs/beschikking.md.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import structlog
import weasyprint
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from huisverbod.orders.documents_content import DocumentError, build_content
from huisverbod.orders.models import Document, DocumentKind, Order, OrderEvent

__all__ = [
    "TEMPLATE_VERSION",
    "DocumentError",
    "beschikking_content",
    "content_sha256",
    "document_number",
    "issue_document",
    "regenerate_pdf",
    "render_pdf",
]

log = structlog.get_logger(__name__)

#: The layout in use. A change to the template that changes the PDF is a new version with its
#: own file (``document-<version>.html``); old files stay, so old documents regenerate.
TEMPLATE_VERSION = "v1"
TEMPLATES = {"v1": "orders/beschikking/document-v1.html"}

NUMBER_LETTERS = {
    DocumentKind.IMPOSITION: "O",  # opleggen
    DocumentKind.EXTENSION: "V",  # verlenging
    DocumentKind.WITHDRAWAL: "I",  # intrekking
}
PRODUCER = "huisverbod beschikking (WeasyPrint)"


def _kind(kind: str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise DocumentError(f"unknown kind of beschikking '{kind}'") from None


def document_number(order: Order, kind: str) -> str:
    """``<order number>-<O|V|I><n>``: n counts this order's documents of that kind, this one included."""
    document_kind = _kind(kind)
    n = order.documents.filter(kind=document_kind).count() + 1
    return f"{order.number}-{NUMBER_LETTERS[document_kind]}{n}"


def beschikking_content(
    order: Order, event: OrderEvent, kind: str, issued_at: datetime, *, number: str | None = None
) -> dict[str, Any]:
    """Everything the document says, as JSON-serialisable data (the next document number unless given)."""
    document_kind = _kind(kind)
    number = number or document_number(order, document_kind)
    return build_content(order, event, document_kind, issued_at, number, TEMPLATE_VERSION)


def canonical_json(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_sha256(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the content."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The document loads nothing: fonts come from the system, styles are inline."""
    raise ValueError(f"a beschikking loads no external resource ({url[:40]})")


def render_html(content: dict[str, Any]) -> str:
    version = content.get("template_version")
    if version not in TEMPLATES:
        raise DocumentError(f"no template for version '{version}'")
    with translation.override("nl"):
        return render_to_string(TEMPLATES[version], {"c": content, "content_sha256": content_sha256(content)})


def render_pdf(content: dict[str, Any]) -> bytes:
    """The PDF of the content. Deterministic: the same content gives identical bytes."""
    digest = content_sha256(content)

    def finish(_document: Any, pdf: Any) -> None:
        # WeasyPrint writes its version as producer; a fixed string keeps the bytes stable.
        pdf.info["Producer"] = type(pdf.info["Producer"])(PRODUCER)

    html = weasyprint.HTML(string=render_html(content), url_fetcher=_no_fetching)
    pdf: bytes = html.write_pdf(
        pdf_identifier=digest[:32].encode("ascii"),  # /ID from the content, not random
        finisher=finish,
        pdf_tags=True,
    )
    return pdf


def issue_document(order: Order, event: OrderEvent, kind: str, issued_at: datetime | None = None) -> Document:
    """Build, render, hash and store the beschikking for ``event``; ``issued_at`` defaults to ``event.at``.

    Runs in the caller's transaction (a savepoint when one is open). The order row is locked so
    that two documents of one order never get the same number."""
    document_kind = _kind(kind)
    moment = issued_at or event.at
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        number = document_number(locked, document_kind)
        content = beschikking_content(order, event, document_kind, moment, number=number)
        if json.loads(canonical_json(content)) != content:  # must survive a JSON round trip
            raise DocumentError("the content is not plain JSON")
        pdf = render_pdf(content)
        document = Document(
            order=order,
            event=event,
            kind=document_kind,
            number=number,
            issued_at=moment,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            content_sha256=content_sha256(content),
            content=content,
            template_version=TEMPLATE_VERSION,
        )
        document.save(force_insert=True)
    log.info("beschikking issued", order=order.pk, document=document.pk, kind=document_kind.value)
    return document


def regenerate_pdf(document: Document) -> bytes:
    """The PDF again, from the stored content: equal to ``document.pdf`` on the same software."""
    return render_pdf(document.content)
