"""The national reference organisations as ``accounts.Organisation`` rows: the 10 police units,
the 25 Veilig Thuis regions and the municipalities of ``core/synth/data/national.json``.

Idempotent and additive: an organisation whose code exists already (the demo's, or one an
administrator edited) is left exactly as it is; only missing ones are created. So the demo's
organisations, accounts and codes keep working.
"""

from __future__ import annotations

from django.db import transaction

from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.core.synth.history_regions import national_data


@transaction.atomic
def load_national_organisations() -> dict[str, int]:
    """Create the missing national organisations; returns how many were created per kind."""
    data = national_data()
    existing = set(Organisation.objects.values_list("code", flat=True))
    created = {"police_unit": 0, "veilig_thuis": 0, "municipality": 0}

    def add(code: str, **fields: object) -> None:
        if code in existing:
            return
        Organisation.objects.create(code=code, **fields)
        existing.add(code)
        created[str(fields["kind"])] += 1

    for unit in data.police_units:
        add(unit["code"], name=unit["name"], kind=OrganisationKind.POLICE_UNIT)
    for region in data.veilig_thuis_regions:
        add(region["code"], name=region["name"], kind=OrganisationKind.VEILIG_THUIS)
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=existing)}
    for m in data.municipalities:
        add(
            m.code,
            name=m.name,
            kind=OrganisationKind.MUNICIPALITY,
            police_unit=by_code[m.police_unit],
            veilig_thuis_region=by_code[m.veilig_thuis_region],
            places="\n".join(m.places),
            court=m.court,
        )
    return created


def national_organisations() -> dict[str, Organisation]:
    """Code -> organisation for every national code (after ``load_national_organisations``)."""
    data = national_data()
    codes = [
        *(u["code"] for u in data.police_units),
        *(r["code"] for r in data.veilig_thuis_regions),
        *(m.code for m in data.municipalities),
    ]
    return {o.code: o for o in Organisation.objects.filter(code__in=codes)}
