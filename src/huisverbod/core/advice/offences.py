"""Which fact types describe a criminal offence, with the article of the Wetboek van Strafrecht.

Used to weigh the criminal track: arrest on a reasonable suspicion of an offence (art. 27 Sv;
art. 53 Sv in the act, art. 54 Sv outside it) and a criminal contact ban (art. 38v Sr, or a
condition of suspended pre-trial detention, art. 80 Sv). Whether the facts prove the offence is
for the public prosecutor; this table only says which track is open.
"""

from __future__ import annotations

from collections.abc import Sequence

from huisverbod.core.casefile.model import Fact, Person
from huisverbod.core.instruments.base import CaseRoles

OFFENCES: dict[str, str] = {
    "physical_violence": "art. 300 Sr",  # mishandeling
    "injury": "art. 300-302 Sr",  # (zware) mishandeling
    "strangulation": "art. 300-302 Sr",
    "sexual_violence": "art. 242-246 Sr",  # verkrachting, aanranding
    "threat_to_kill": "art. 285 Sr",  # bedreiging
    "threat": "art. 285 Sr",  # only threats of the crimes it lists [U]
    "weapon_used": "art. 285 Sr",
    "deprivation_of_liberty": "art. 282 Sr",  # wederrechtelijke vrijheidsberoving
    "coercion_extortion": "art. 284 Sr; art. 317 Sr",  # dwang; afpersing
    "stalking": "art. 285b Sr",  # belaging
    "child_hit": "art. 300 jo. 304 Sr",  # mishandeling of one's child: a third higher
    "property_damage": "art. 350 Sr",  # vernieling
}


def offence_facts(subject: Person | None, facts: Sequence[Fact], roles: CaseRoles) -> tuple[Fact, ...]:
    """Facts by the person that describe an offence against someone the case protects."""
    if subject is None:
        return ()
    return tuple(
        f
        for f in facts
        if f.type in OFFENCES
        and subject.id in f.about
        and (not f.harmed or any(p in roles.protected for p in f.harmed))
    )


def articles(facts: Sequence[Fact]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(OFFENCES[f.type] for f in facts))
