"""The demo's synthetic cases beyond the three seed cases (``demo_cases/*.json``), so that the
scenario lab has enough past cases to count: ex-partners, incidental stay, a minor, structural
and planned violence, ongoing threat without acute danger, intimate terror. Every person is
invented. Each case gets an assessment snapshot through the ordinary service, as a professional
would have saved it."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from huisverbod.accounts.models import User
from huisverbod.assessments.models import Assessment
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.casefiles import import_casefiles, parse_named
from huisverbod.cases.models import Case
from huisverbod.demo.services import grant_rows

DEMO_CASE_DIR = Path(__file__).parent / "demo_cases"
# The demo account that saves the joint assessments (Veilig Thuis assesses together with the police).
ASSESSOR = "veiligthuis"


def demo_case_files() -> list[Path]:
    return sorted(DEMO_CASE_DIR.glob("demo-*.json"))


@transaction.atomic
def load_demo_cases() -> list[Case]:
    """Import the demo case files not yet present and record who is involved in each. Idempotent."""
    files = [parse_named(str(path), path.read_bytes()) for path in demo_case_files()]
    present = set(Case.objects.values_list("reference", flat=True))
    new = import_casefiles([f for f in files if f.casefile.id not in present])
    access = json.loads((DEMO_CASE_DIR / "access.json").read_text(encoding="utf-8"))
    for case in new:
        grant_rows(case, access.get(case.reference, []))
    return new


def save_demo_assessments(references: list[str] | None = None) -> list[Assessment]:
    """A joint assessment snapshot for each demo and seed case that has none yet, saved by the
    demo's Veilig Thuis account and logged as any saved assessment is."""
    assessor = User.objects.filter(username=ASSESSOR).first()
    if assessor is None:
        return []
    cases = Case.objects.filter(assessments__isnull=True)
    if references is not None:
        cases = cases.filter(reference__in=references)
    context = AuditContext.for_command("demo")
    saved = []
    for case in cases.order_by("reference"):
        snapshot = save_snapshot(case, assessor, note="Demo: gezamenlijke beoordeling (synthetisch).")
        record(context, "assessment-save", subjects=of_case(case), detail={"version": snapshot.version})
        saved.append(snapshot)
    return saved
