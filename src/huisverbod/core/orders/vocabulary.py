"""The closed vocabularies of an order's lifecycle.

Values are stable string ids: the Django layer stores them in the database and the worker keys
reminders on them. New values may be added; none may be renamed.
"""

from __future__ import annotations

from enum import StrEnum


class OrderState(StrEnum):
    PREPARED = "prepared"  # drafted, e.g. a planned huisverbod; not yet imposed
    IMPOSED_ORALLY = "imposed_orally"  # mondeling aangezegd (art. 2 lid 7 Wth); written version due
    IMPOSED = "imposed"  # opgelegd bij schriftelijke beschikking (art. 2 lid 1 Wth)
    EXTENDED = "extended"  # verlengd (art. 9 lid 1 Wth)
    ENDED_EXPIRED = "ended_expired"  # ten days or the extension have run out
    ENDED_WITHDRAWN = "ended_withdrawn"  # ingetrokken by the mayor
    ENDED_ANNULLED = "ended_annulled"  # vernietigd by the court

    @property
    def in_force(self) -> bool:
        return self in IN_FORCE

    @property
    def ended(self) -> bool:
        return self in ENDED


IN_FORCE = frozenset({OrderState.IMPOSED_ORALLY, OrderState.IMPOSED, OrderState.EXTENDED})
ENDED = frozenset({OrderState.ENDED_EXPIRED, OrderState.ENDED_WITHDRAWN, OrderState.ENDED_ANNULLED})


class OrderAction(StrEnum):
    IMPOSE_ORALLY = "impose_orally"  # mondeling aanzeggen
    IMPOSE_IN_WRITING = "impose_in_writing"  # opleggen bij schriftelijke beschikking
    CONFIRM_IN_WRITING = "confirm_in_writing"  # schriftelijke beschikking na mondelinge aanzegging
    EXTEND = "extend"  # verlengen
    WITHDRAW = "withdraw"  # intrekken
    EXPIRE = "expire"  # aflopen, by the clock
    ANNUL = "annul"  # vernietiging door de rechter vastleggen


class ActorRole(StrEnum):
    POLICE_OFFICER = "police_officer"  # ambtenaar van politie
    ASSISTANT_PUBLIC_PROSECUTOR = "assistant_public_prosecutor"  # hulpofficier van justitie
    VEILIG_THUIS_PROFESSIONAL = "veilig_thuis_professional"
    MAYOR = "mayor"  # burgemeester
    MUNICIPAL_OFFICER = "municipal_officer"  # ambtenaar acting for the mayor
    CARE_PROFESSIONAL = "care_professional"  # hulpverlener
    ANALYST = "analyst"  # beleidsonderzoeker
    ADMINISTRATOR = "administrator"  # functioneel beheerder
    SYSTEM = "system"  # the deadline worker


class ImpositionForm(StrEnum):
    ORAL = "oral"  # mondeling aangezegd (art. 2 lid 7 Wth)
    WRITTEN = "written"  # schriftelijke beschikking
