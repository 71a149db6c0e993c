"""The figures as they leave the system: the dashboard, CSV, PDF and API, for analysts only,
small cells suppressed (primary and secondary) end to end, every read and export logged."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from huisverbod.accounts.models import Role
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.core.disclosure import TOTAL
from huisverbod.figures import labels
from huisverbod.figures.services import refresh_all
from tests.core.test_disclosure import recomputable
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db

QUERY = "period=month&level=national&start=2025-01-01&end=2025-04-30"


@pytest.fixture
def analyst(world, users):
    refresh_all()
    client = Client()
    force_login_verified(client, users[Role.ANALYST])
    return client


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


class _Published:
    """What a reader of the CSV knows: the shown cells and which are hidden."""

    def __init__(self, rows, columns, hidden):
        self.rows, self.columns, self.suppressed = rows, columns, hidden


def test_the_csv_suppresses_small_cells_and_what_would_reveal_them(analyst, settings):
    settings.FIGURES_SUPPRESSION_THRESHOLD = 2
    response = analyst.get(f"/figures/criminal.csv?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = _csv(response)
    header, body = lines[0], lines[1:6]
    with translation.override("nl"):
        assert header[:5] == [
            _("Period"),
            *(labels.column(f"orders.criminal.{c}") for c in ("arrest", "other", "none")),
            labels.column(TOTAL, "criminal"),
        ]
        total = _("Total")
    assert [line[0] for line in body] == ["2025-01", "2025-02", "2025-03", "2025-04", total]
    columns = ["arrest", "other", "none", TOTAL]
    shown = {(line[0], c): line[1 + i] for line in body for i, c in enumerate(columns)}
    # Hand count (tests/figures/conftest.py): January arrest 1 (case 1); February other 1 (2),
    # none 1 (3); March none 1 (4); April nothing. Threshold 2: every 1 is hidden, in the body and
    # the margins (January and March row totals, the arrest and other column totals).
    for key in [
        ("2025-01", "arrest"),
        ("2025-01", TOTAL),
        ("2025-02", "other"),
        ("2025-02", "none"),
        ("2025-03", "none"),
        ("2025-03", TOTAL),
        (total, "arrest"),
        (total, "other"),
    ]:
        assert shown[key] == "x", key
    # Zero counts nobody and April is all zeros: shown.
    assert [shown[("2025-04", c)] for c in columns] == ["0", "0", "0", "0"]
    # Whatever is shown is the hand count.
    truth = {
        ("2025-01", "arrest"): 1,
        ("2025-02", "other"): 1,
        ("2025-02", "none"): 1,
        ("2025-03", "none"): 1,
        ("2025-02", TOTAL): 2,
        (total, "none"): 2,
        (total, TOTAL): 4,
        (total, "arrest"): 1,
        (total, "other"): 1,
        ("2025-01", TOTAL): 1,
        ("2025-03", TOTAL): 1,
    }
    for key, text in shown.items():
        if text != "x":
            assert int(text) == truth.get(key, 0), key
    # Secondary suppression: the shown cells and the sums do not give any hidden cell away
    # (exact recomputation by linear algebra, independent of the implementation).
    hidden = {(r if r != total else TOTAL, c) for (r, c), text in shown.items() if text == "x"}
    published = _Published(["2025-01", "2025-02", "2025-03", "2025-04"], ["arrest", "other", "none"], hidden)
    assert recomputable(published) == set()  # here the hidden cells already form a cycle
    # Shares follow their counts: the share of arrests in January is hidden with its count.
    assert lines[1][5] == "x"
    assert lines[-1][0].startswith("x = ")


def test_secondary_suppression_end_to_end_through_the_csv(analyst, settings):
    settings.FIGURES_SUPPRESSION_THRESHOLD = 2
    lines = _csv(analyst.get(f"/figures/orders.csv?{QUERY}"))
    columns = ["acute", "planned", "unknown", TOTAL]
    body = {line[0]: dict(zip(columns, line[1:5], strict=True)) for line in lines[1:6]}
    total = list(body)[-1]
    # Hand count: January acute 1 (case 1), February acute 2 (2, 3), March planned 1 (4).
    truth = {
        ("2025-01", "acute"): 1,
        ("2025-01", TOTAL): 1,
        ("2025-02", "acute"): 2,
        ("2025-02", TOTAL): 2,
        ("2025-03", "planned"): 1,
        ("2025-03", TOTAL): 1,
        (total, "acute"): 3,
        (total, "planned"): 1,
        (total, TOTAL): 4,
    }
    hidden = {(r, c) for r, row in body.items() for c, text in row.items() if text == "x"}
    primary = {k for k, v in truth.items() if 0 < v < 2}
    assert primary <= hidden
    # The primary cells alone form a path (acute - January - total - March - planned - total):
    # each could be worked out from the sums, so other cells (2 or more, or a zero) are hidden too.
    secondary = hidden - primary
    assert secondary and all(truth.get(k, 0) >= 2 or truth.get(k, 0) == 0 for k in secondary)
    published = _Published(
        ["2025-01", "2025-02", "2025-03", "2025-04"],
        ["acute", "planned", "unknown"],
        {(TOTAL if r == total else r, c) for r, c in hidden},
    )
    assert recomputable(published) == set()
    for r, row in body.items():
        for c, text in row.items():
            assert text == "x" or int(text) == truth.get((r, c), 0), (r, c)


def test_the_dashboard_shows_every_table_and_charts_without_inline_css(analyst):
    page = analyst.get(f"/figures/?{QUERY}")
    assert page.status_code == 200
    html = page.content.decode()
    with translation.override("nl"):
        titles = [str(t) for t in labels.TABLE_TITLES.values()]
    for title in titles:
        assert escape(title) in html, title
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    assert all("style=" not in svg and "<style" not in svg and "<script" not in svg for svg in svgs)
    # Ten cases and a threshold of 10: nearly everything is hidden, and said so.
    assert 'class="num suppressed"' in html
    partial = analyst.get(f"/figures/?{QUERY}", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "<svg" in partial.content.decode()
    assert ProcessingLogEntry.objects.filter(
        processing_activity_id="figures-view", data_subject_id=""
    ).exists()


def test_the_pdf_report(analyst):
    response = analyst.get(f"/figures/report.pdf?{QUERY}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ProcessingLogEntry.objects.filter(processing_activity_id="figures-export").count() == 1


def test_the_api_gives_null_for_a_suppressed_cell(analyst, settings):
    settings.FIGURES_SUPPRESSION_THRESHOLD = 2
    data = analyst.get(f"/api/v1/figures/?{QUERY}&table=orders").json()
    assert data["threshold"] == 2 and [t["id"] for t in data["tables"]] == ["orders"]
    february = next(r for r in data["tables"][0]["rows"] if r["period"] == "2025-02")
    # February: 2 acute orders (cases 2 and 3), shown; the total 2 as well.
    assert february["values"][0] == 2 and february["suppressed"][0] is False
    january = next(r for r in data["tables"][0]["rows"] if r["period"] == "2025-01")
    assert january["values"][0] is None and january["suppressed"][0] is True
    assert analyst.get("/api/v1/figures/?level=province").status_code == 400


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ANALYST])
def test_only_analysts_see_figures(world, users, role):
    client = Client()
    force_login_verified(client, users[role])
    assert client.get("/figures/").status_code == 403
    assert client.get("/figures/orders.csv").status_code == 403
    assert client.get("/api/v1/figures/").status_code == 403


@pytest.mark.parametrize(
    ("role", "target"),
    [
        (Role.ANALYST, "/figures/"),
        (Role.POLICE_OFFICER, "/cases/"),
        (Role.CARE_PROFESSIONAL, "/cases/"),
        (Role.ADMINISTRATOR, "/cases/"),
    ],
)
def test_the_home_page_leads_each_role_to_its_work(users, role, target):
    """Analysts never see a case: their start page is the figures."""
    client = Client()
    force_login_verified(client, users[role])
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == target
