"""The scenario lab in the browser: the seed and demo cases re-run under the motion Mutluer's
proposal (a one-year maximum and a lower threshold), and the changed advice counts on the page.

The expected numbers are computed here by the core, independently of the app: from the case
files on disk, not from the database or the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from huisverbod.core.casefile import parse_text
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.scenario import ScenarioCase, run_scenario, summarise
from huisverbod.core.scenario.summary import ADVICE
from huisverbod.demo.extra_cases import demo_case_files, load_demo_cases, save_demo_assessments
from tests.helpers import example_paths

pytestmark = pytest.mark.django_db(transaction=True)

MOTION = "wth-motie-2026"


def _expected():
    cases = []
    for path in [*example_paths(), *demo_case_files()]:
        casefile = parse_text(path.read_bytes()).casefile
        cases.append(ScenarioCase(reference=casefile.id, casefile=casefile))
    return summarise(run_scenario(cases, parameter_set(MOTION)))


@pytest.fixture
def lab(users, seed_cases):
    load_demo_cases()
    save_demo_assessments()


def _run_motion(page: Page, url: str) -> None:
    page.goto(f"{url}/cases/")
    page.locator('nav a[href="/scenarios/"]').click()
    form = page.locator("form.scenario-form")
    form.locator("select[name=alternative]").select_option(MOTION)
    form.locator("select[name=baseline]").select_option("")
    form.locator("input[name=kind][value=all]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{url}/scenarios/*/")


def test_motion_changes_the_advice_counts(live_server, page: Page, lab, sign_in):
    expected = _expected()
    assert expected.advice_changed > 0  # the proposal must visibly change something

    sign_in("veiligthuis")  # Veilig Thuis Zuidoost-Brabant is involved in every seed and demo case
    _run_motion(page, live_server.url)

    expect(page.locator("[data-count=cases]")).to_have_text(str(expected.cases))
    expect(page.locator("[data-count=advice_changed]")).to_have_text(str(expected.advice_changed))
    advice = page.locator("[data-table=advice]")
    table = expected.table("advice")
    for before in ADVICE:
        for after in ADVICE:
            cell = advice.locator(f"tbody tr[data-row={before}] td[data-col={after}]")
            expect(cell).to_have_text(str(table.count(before, after)))
    route = page.locator("[data-table=route]")
    expect(route.locator("tbody tr[data-row=no_order] td[data-col=planned]")).to_have_text(
        str(expected.table("route").count("no_order", "planned"))
    )
    # Each case whose advice changed is shown with its changes, and links to the case.
    examples = page.locator(".scenario-case")
    expect(examples.filter(has=page.locator("tr[data-subject=advice]"))).to_have_count(
        expected.advice_changed
    )

    # The run is listed on the lab page.
    page.locator('nav a[href="/scenarios/"]').click()
    expect(page.locator("table.scenario-runs tbody tr")).to_have_count(1)


def test_analyst_sees_the_counts_without_small_cells_or_cases(live_server, page: Page, lab, sign_in):
    expected = _expected()
    sign_in("analist")
    _run_motion(page, live_server.url)
    expect(page.locator("[data-count=cases]")).to_have_text(str(expected.cases))
    shown = "<10" if 0 < expected.advice_changed < 10 else str(expected.advice_changed)
    expect(page.locator("[data-count=advice_changed]")).to_have_text(shown)
    expect(page.locator(".scenario-case")).to_have_count(0)
