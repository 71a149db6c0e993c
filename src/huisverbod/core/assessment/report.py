"""The human-readable report the command line prints without ``--json``.

Sections: the legal test, the instruments with their signals and the facts they cite, the
advice with every measure, and the order's dates. Dutch first; English on request.
"""

from __future__ import annotations

from huisverbod.core.assessment.messages import term
from huisverbod.core.assessment.result import AssessmentResult
from huisverbod.core.calendar.instants import isoformat
from huisverbod.core.casefile.model import Fact
from huisverbod.core.law.persons import describe


def render_text(result: AssessmentResult, language: str = "nl") -> str:
    def t(key: str) -> str:
        return term(key, language)

    subject = result.subject
    lines = [
        f"{t('report_title')} - {t('case')} {result.casefile.id}",
        f"{t('sources')}: {', '.join(t(s) for s in result.sources) or t('none')}",
        f"{t('parameter_set')}: {result.parameter_set}",
        f"{t('perpetrator')}: {describe(subject) if subject is not None else t('none')}",
        "",
        t("section_legal"),
    ]
    for criterion in result.criteria:
        mark = "[x]" if criterion.met else "[ ]"
        lines.append(
            f"  {mark} {t(criterion.id)} ({criterion.article}): {t('met' if criterion.met else 'not_met')}"
        )
        lines.append(f"      {result.text(criterion.findings, language)}")
    lines.append(f"  {t('possible')}: {t('yes' if result.possible else 'no')}")
    if result.requirements:
        lines.append(f"  {t('requirements')}:")
        for duty in result.requirements:
            due = f" ({t('due_by')} {isoformat(duty.due_by)})" if duty.due_by is not None else ""
            lines.append(f"   - {t(duty.id)} ({duty.article}){due}: {result.text((duty.finding,), language)}")

    lines += ["", t("section_instruments")]
    for instrument, outcome in zip(result.instruments, result.run.results, strict=True):
        lines.append(f"  {instrument.title(language)} ({outcome.id} {outcome.version})")
        for index, part in enumerate(outcome.parts, start=1):
            lines.append(f"   {index}. {instrument.label(part.id, language)}")
            for signal in part.signals:
                facts = f"  [{', '.join(signal.facts)}]" if signal.facts else ""
                lines.append(
                    f"      {t(signal.rating.value):<6} {instrument.label(signal.id, language)}{facts}"
                )
        lines.append(f"   {t('conclusion')}: {instrument.label(outcome.conclusion, language)}")

    advice = result.advice
    verdict = t(advice.huisverbod.value)
    if advice.route is not None:
        verdict += f" ({t('route').lower()}: {t(advice.route.value)})"
    lines += ["", t("section_advice"), f"  {t('huisverbod')}: {verdict}"]
    lines.append(f"  {t('reason')}: {result.text(advice.findings, language)}")
    if advice.route_finding is not None:
        lines.append(f"  {t('route')}: {result.text((advice.route_finding,), language)}")
    lines.append(f"  {t('measures')}:")
    for measure in advice.measures:
        mark = "[+]" if measure.advised else "[-]"
        status = t("advised" if measure.advised else "not_advised")
        lines.append(f"   {mark} {t(measure.id)} ({t(measure.track.value)}; {measure.basis}): {status}")
        lines.append(f"       {result.text((measure.finding,), language)}")

    if result.order is not None:
        lines += [
            "",
            t("section_order"),
            f"  {t('imposed_at')}: {isoformat(result.order.imposed_at)}",
            f"  {t('ends_at')}: {isoformat(result.order.ends_at)}",
            f"  {t('latest_extension_end')}: {isoformat(result.order.latest_extension_end)}",
        ]

    cited = _cited(result)
    if cited:
        lines += ["", t("section_facts")]
        lines += [f"  {_fact_line(fact, language)}" for fact in cited]
    return "\n".join(lines) + "\n"


def _cited(result: AssessmentResult) -> list[Fact]:
    """The facts the report cites, in file order."""
    named = {f for r in result.run.results for s in r.signals() for f in s.facts}
    named |= {f for c in result.criteria for f in c.facts}
    named |= {f for m in result.advice.measures for f in m.finding.facts}
    return [fact for fact in result.casefile.facts if fact.id in named]


def _fact_line(fact: Fact, language: str) -> str:
    when = f", {fact.date.text}" if fact.date is not None else ""
    return f"{fact.id} ({fact.type}; {term(fact.source.value, language)}{when}): {fact.text}"
