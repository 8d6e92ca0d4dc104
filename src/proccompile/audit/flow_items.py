"""The flow in the audit: what a decision's checklist item asks (how each of its outcomes is handled), and the
turtle's "how" lines that cite the flowchart and its decisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from proccompile.model import Corpus
from proccompile.model.flow import END_KEY, Flow, StepKey, flow_of
from proccompile.model.numbering import Numbering, numbering_in
from proccompile.model.procedure import Procedure


def decision_facts(corpus: Corpus, p: Procedure) -> dict[StepKey, dict[str, Any]]:
    """Each decision step's question and outcomes, for its checklist item: an outcome's ``next`` is the printed
    step it leads to, or "" when it ends the flow (the wording says 结束 or end)."""
    flow, number = flow_of(p), numbering_in(corpus, p)
    facts: dict[StepKey, dict[str, Any]] = {}
    for key in flow.keys():
        step = flow.step(key)
        if step.decision is not None:
            outcomes = [{"label": label, "next": "" if target is None else target}
                        for label, target in _outcomes(flow, number, key)]
            facts[key] = {"question": step.decision.question or "", "outcomes": outcomes}
    return facts


def flowchart_how(corpus: Corpus, p: Procedure, label: Callable[[str], str]) -> list[str]:
    """The turtle's first "how" lines: where the flowchart is printed, and each decision with its outcomes."""
    placement = corpus.config.flowcharts.placement
    if placement == "none":
        return []
    number = numbering_in(corpus, p)
    place = {"process": f"§{number.section('process')}", "attachment": f"§{number.section('attachments')}",
             "section": "§" + "、".join(number.subsection(i) for i in range(len(p.process)))}[placement]
    lines = [label("turtle_flowchart") + place]
    flow = flow_of(p)
    zh = corpus.config.language == "zh"
    for key in flow.keys():
        step = flow.step(key)
        if step.decision is None:
            continue
        outcomes = [f"{name} → {label('turtle_end') if target is None else target}"
                    for name, target in _outcomes(flow, number, key)]
        question = step.decision.question or step.text
        lines.append(f"{number.step(*key)} {question}（{'；'.join(outcomes)}）" if zh
                     else f"{number.step(*key)} {question} ({'; '.join(outcomes)})")
    return lines


def _outcomes(flow: Flow, number: Numbering, key: StepKey) -> list[tuple[str, str | None]]:
    """A decision's outcomes as (label, printed step it leads to); None for the end. ``check`` has made sure that
    every outcome names a step (PC350), so an unknown one is printed as written."""
    found: list[tuple[str, str | None]] = []
    for link in flow.outgoing(key):
        target = None if link.target == END_KEY else number.step(*link.target) if link.target else f"? {link.ref}"
        found.append((link.label or "", target))
    return found
