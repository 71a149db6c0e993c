"""Texts for the extension advice and the start verdicts, in the interface's language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huisverbod.cases.labels import fact_type_label
from huisverbod.cases.models import RoleChoices, SourceChoices
from huisverbod.monitoring.models import EntryKind, ReferralStatusChoices

CONCLUSIONS = {
    "threat_continues": _(
        "Signs that the threat continues were recorded since the imposition. An extension can rest on them "
        "(art. 9 lid 1 Wth); the mayor weighs them."
    ),
    "waiting_list_only": _(
        "No new sign of threat since the imposition: the only open issue is that help is on a waiting list. "
        "A waiting list alone is not a reason to extend (art. 9 lid 1 Wth). Extending anyway needs a "
        "recorded reason."
    ),
    "no_new_threat": _(
        "Nothing recorded since the imposition shows that the threat continues. Consider letting the order "
        "end, or withdrawing it."
    ),
}
VERDICTS = {
    "before_end": _("before the order ends"),
    "only_if_extended": _("only if the order is extended"),
    "after_latest_end": _("after the latest possible end"),
}


def _date(text: str | None) -> date | datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return timezone.localtime(moment) if len(text) > 10 else moment.date()


def advice_display(content: dict[str, Any]) -> dict[str, Any]:
    """The advice's content (codes and ids) with the labels and dates a page shows."""
    roles = dict(RoleChoices.choices)
    sources = dict(SourceChoices.choices)
    kinds = dict(EntryKind.choices)
    statuses = dict(ReferralStatusChoices.choices)
    threat = content.get("threat", {})
    names = {p["person"]: p.get("name", "") for p in content.get("help", [])}
    return {
        **content,
        "conclusion_text": CONCLUSIONS.get(content.get("conclusion", ""), ""),
        "dates": {
            k: _date(content.get(k))
            for k in ("prepared_at", "imposed_at", "ends_at", "latest_extension_end", "decision_due")
        },
        "facts": [
            {
                **f,
                "type_label": fact_type_label(f["type"]),
                "source_label": sources.get(f["source"], f["source"]),
            }
            for f in threat.get("facts", [])
        ],
        "signals": [
            {**s, "kind_label": kinds.get(s["kind"], s["kind"]), "when": _date(s["at"])}
            for s in threat.get("signals", [])
        ],
        "violations": [_date(v) for v in threat.get("violations", [])],
        "help": [
            {
                **p,
                "role_label": roles.get(p.get("role", ""), ""),
                "started": _date(p.get("started_on")),
                "waiting": [
                    {
                        **w,
                        "status_label": statuses.get(w["status"], w["status"]),
                        "expected": _date(w.get("expected_start")),
                    }
                    for w in p.get("waiting", [])
                ],
            }
            for p in content.get("help", [])
        ],
        "statements": [
            {
                **s,
                "kind_label": kinds.get(s["kind"], s["kind"]),
                "when": _date(s["at"]),
                "name": names.get(s["person"], ""),
            }
            for s in content.get("statements", [])
        ],
    }
