"""The dated facts of one order: what happened when.

The lifecycle (``lifecycle.apply``) records its actions here; the appeal and the Veilig Thuis
report are facts the Django layer records as they arrive. Deadlines are computed from this
timeline plus the state and the law parameters, never kept in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from huisverbod.core.orders.vocabulary import ImpositionForm


@dataclass(frozen=True)
class OrderTimeline:
    imposed_at: datetime | None = None  # the moment of imposition, oral or written
    imposition_form: ImpositionForm | None = None
    written_beschikking_at: datetime | None = None  # after an oral imposition (art. 2 lid 7 Wth)
    extended_at: datetime | None = None  # when the extension was decided (art. 9 lid 1 Wth)
    extended_until: datetime | None = None  # the end the extension set
    ended_at: datetime | None = None  # expiry, withdrawal or annulment
    appeal_lodged_at: datetime | None = None  # beroep or verzoek om voorlopige voorziening
    veilig_thuis_report_received_at: datetime | None = None  # melding received by Veilig Thuis

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, datetime) and value.tzinfo is None:
                raise ValueError(f"{item.name} needs a timezone offset")
        if (self.imposed_at is None) != (self.imposition_form is None):
            raise ValueError("imposed_at and imposition_form are recorded together")
        if self.extended_until is not None and self.imposed_at is None:
            raise ValueError("an order that was never imposed cannot have an extension")
