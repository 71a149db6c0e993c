"""Keep the summaries correct when records change: every save or delete of a record a figure
reads marks its case, and after the commit the marked cases are brought into the summaries
(``services.refresh_cases``). A rolled-back transaction leaves its marks, which only cause a
harmless recomputation at the next commit."""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case, Dwelling
from huisverbod.decisions.models import Decision, MeasureTaken
from huisverbod.monitoring.models import Closing, ExtensionAdvice, PersonEvaluation
from huisverbod.orders.models import Appeal, Order, OrderEvent, Violation

_local = threading.local()


def _pending() -> set[int]:
    if not hasattr(_local, "cases"):
        _local.cases = set()
    cases: set[int] = _local.cases
    return cases


def _flush() -> None:
    from huisverbod.figures.services import refresh_cases

    cases = set(_pending())
    _pending().clear()
    if cases:
        refresh_cases(cases)


def mark(case_id: int | None) -> None:
    if case_id is None or getattr(_local, "paused", False):
        return
    _pending().add(case_id)
    transaction.on_commit(_flush, robust=True)  # a failed refresh must not fail the change itself


class paused:
    """Suspend the receivers (e.g. while loading history in bulk; run ``refresh_all`` after)."""

    def __enter__(self) -> paused:
        _local.paused = True
        return self

    def __exit__(self, *exc: object) -> None:
        _local.paused = False


def _case_of_order(order_id: int | None) -> int | None:
    if order_id is None:
        return None
    return Order.objects.filter(pk=order_id).values_list("case_id", flat=True).first()


def _on_case(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(instance.pk if isinstance(instance, Case) else instance.case_id)


def _on_order_child(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(_case_of_order(instance.order_id))


def _on_evaluation(sender: Any, instance: PersonEvaluation, **kwargs: Any) -> None:
    order_id = Closing.objects.filter(pk=instance.closing_id).values_list("order_id", flat=True).first()
    mark(_case_of_order(order_id))


CASE_RECORDS: tuple[type[Any], ...] = (Case, Dwelling, Assessment, Decision, MeasureTaken, Order)
ORDER_RECORDS: tuple[type[Any], ...] = (OrderEvent, Appeal, Violation, ExtensionAdvice, Closing)
for _model in CASE_RECORDS:
    post_save.connect(_on_case, sender=_model, dispatch_uid=f"figures-{_model.__name__}-save")
    post_delete.connect(_on_case, sender=_model, dispatch_uid=f"figures-{_model.__name__}-delete")
for _model in ORDER_RECORDS:
    post_save.connect(_on_order_child, sender=_model, dispatch_uid=f"figures-{_model.__name__}-save")
    post_delete.connect(_on_order_child, sender=_model, dispatch_uid=f"figures-{_model.__name__}-delete")
post_save.connect(_on_evaluation, sender=PersonEvaluation, dispatch_uid="figures-evaluation-save")
post_delete.connect(_on_evaluation, sender=PersonEvaluation, dispatch_uid="figures-evaluation-delete")
