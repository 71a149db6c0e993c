"""Running the joint assessment on a stored case, and saving it as an immutable snapshot."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max

from huisverbod.accounts.models import User
from huisverbod.assessments.models import Assessment, DraftOverride
from huisverbod.cases.casefiles import casefile_of
from huisverbod.cases.models import Case
from huisverbod.core.assessment import AssessmentResult, Comparison, ItemOverride, assess, compare
from huisverbod.core.casefile import to_dict
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments.registry import default_registry

POLICE_ONLY = frozenset({OrganisationKind.POLICE})


def overrides_of(case: Case) -> tuple[ItemOverride, ...]:
    return tuple(
        ItemOverride(
            item=d.item, answer=d.answer, reason=d.reason, facts=tuple(d.facts), by=d.created_by.username
        )
        for d in case.draft_overrides.select_related("created_by").order_by("created_at")
    )


def run(
    case: Case,
    *,
    sources: frozenset[OrganisationKind] | None = None,
    overrides: Sequence[ItemOverride] | None = None,
) -> AssessmentResult:
    """The assessment of the case as it stands (all sources: the joint view)."""
    return assess(
        casefile_of(case), sources=sources, overrides=overrides_of(case) if overrides is None else overrides
    )


def side_by_side(case: Case) -> Comparison:
    """Police alone next to police and Veilig Thuis together (the seed's two scenarios)."""
    return compare(casefile_of(case), POLICE_ONLY, None, overrides=overrides_of(case))


def item_questions(language: str) -> dict[str, str]:
    items = default_registry().items
    return {
        item_id: item.question.get(language) or item.question.get("nl", item_id)
        for item_id, item in items.items()
    }


def add_override(
    case: Case, user: User, *, item: str, answer: bool, reason: str, facts: Sequence[str]
) -> DraftOverride:
    """Record a confirmed or overridden item; refused (OverrideError) when it could not stand."""
    override = ItemOverride(item=item, answer=answer, reason=reason, facts=tuple(facts), by=user.username)
    others = tuple(o for o in overrides_of(case) if o.item != item)
    assess(casefile_of(case), overrides=(*others, override))  # validates: unknown item, facts, reason
    draft, _ = DraftOverride.objects.update_or_create(
        case=case,
        item=item,
        defaults={"answer": answer, "reason": reason, "facts": list(facts), "created_by": user},
    )
    return draft


def _digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def save_snapshot(
    case: Case, user: User, *, sources: frozenset[OrganisationKind] | None = None, note: str = ""
) -> Assessment:
    """Save the assessment as it stands: inputs, instrument versions, law, result, who confirmed it.

    The draft overrides become part of the snapshot and are cleared."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    overrides = overrides_of(case)
    casefile = casefile_of(case)
    result = assess(casefile, sources=sources, overrides=overrides)
    contract = result.to_contract()
    inputs = {
        "casefile": to_dict(casefile),
        "overrides": [
            {"item": o.item, "answer": o.answer, "reason": o.reason, "facts": list(o.facts), "by": o.by}
            for o in overrides
        ],
    }
    previous = case.assessments.order_by("-version").first()
    version = (case.assessments.aggregate(top=Max("version"))["top"] or 0) + 1
    snapshot = Assessment(
        case=case,
        version=version,
        supersedes=previous,
        sources=list(result.sources),
        joint=sources is None,
        parameter_set=result.parameter_set,
        instrument_versions={r.id: r.version for r in result.run.results},
        casefile=inputs["casefile"],
        overrides=inputs["overrides"],
        result=contract,
        result_nl=result.to_contract("nl"),
        advice=contract["advice"]["huisverbod"],
        route=contract["advice"].get("route") or "",
        red_signals=result.red_count(),
        note=note,
        digest=_digest({"inputs": inputs, "result": contract}),
        created_by=user,
        organisation=user.organisation,
        role=user.role,
    )
    snapshot.save(force_insert=True)
    case.draft_overrides.all().delete()
    return snapshot
