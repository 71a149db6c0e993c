"""The permissions as ``rules`` predicates, so ``user.has_perm("huisverbod.<action>", case)``
answers with the same policy as the queries (``services.can``)."""

from __future__ import annotations

import rules

from huisverbod.access.policy import Action


def _predicate(action: Action) -> rules.Predicate:
    @rules.predicate(name=f"may_{action.value}")
    def check(user, case=None) -> bool:
        from huisverbod.access.services import can

        return can(user, action, case)

    return check


for _action in Action:
    rules.add_perm(f"huisverbod.{_action.value}", _predicate(_action))
