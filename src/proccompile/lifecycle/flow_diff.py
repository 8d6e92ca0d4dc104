"""The flow's part of a semantic diff: arrows of the flowchart added or removed (a new branch, a moved step, a loop),
and changed triggers, questions and box texts. Steps are matched by their text, so renumbering alone changes
nothing; an arrow is printed with the step numbers of its own version."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from proccompile.model.chapters import Section
from proccompile.model.flow import END_KEY, StepKey, flow_of_sections
from proccompile.model.numbering import Numbering

Arrow = tuple[str, str, str]  # source, target, outcome label: steps by their text, "start:<title>", "end"
# (action, where, what, old, new), the fields of lifecycle.semantic.Change
FlowChange = tuple[Literal["added", "removed", "changed"], str, str, str | None, str | None]


def flow_changes(old: list[Section], new: list[Section], chapter: str, n_old: Numbering,
                 n_new: Numbering) -> Iterator[FlowChange]:
    """The flow changes of the steps chapter ``chapter`` between two versions' subsections, each version's step
    numbers from its own numbering."""
    before, after = _arrows(old, chapter, n_old), _arrows(new, chapter, n_new)
    for arrow, where in after.items():
        if arrow not in before:
            yield ("added", where[0], "flow", None, where[1])
    for arrow, where in before.items():
        if arrow not in after:
            yield ("removed", where[0], "flow", where[1], None)
    titles = {s.title: s for s in old}
    for i, section in enumerate(new):
        earlier = titles.get(section.title)
        if earlier is not None and earlier.trigger != section.trigger:
            yield _changed(n_new.item(chapter, i), "section trigger", earlier.trigger, section.trigger)
    steps = {step.text: step for s in old for step in s.steps}
    for i, section in enumerate(new):
        for j, step in enumerate(section.steps):
            earlier_step = steps.get(step.text)
            if earlier_step is None:
                continue
            question = step.decision.question if step.decision else None
            earlier_question = earlier_step.decision.question if earlier_step.decision else None
            if question != earlier_question:
                yield _changed(n_new.sub(chapter, i, j), "decision question", earlier_question, question)
            if step.short != earlier_step.short:
                yield _changed(n_new.sub(chapter, i, j), "step box text", earlier_step.short, step.short)


def _changed(where: str, what: str, old: str | None, new: str | None) -> FlowChange:
    if old is None:
        return ("added", where, what, old, new)
    return ("removed", where, what, old, new) if new is None else ("changed", where, what, old, new)


def _arrows(sections: list[Section], chapter: str, number: Numbering) -> dict[Arrow, tuple[str, str]]:
    """Each arrow of the flow, with where it starts and how it reads (5.4.2 → 5.4.4 否), in this version."""
    flow = flow_of_sections(sections, chapter)

    def name(key: StepKey | None, ref: str | None) -> tuple[str, str]:
        if key is None:
            return f"?{ref}", f"? {ref}"
        if key == END_KEY:
            return "end", "end"
        if key[1] < 0:
            section = sections[key[0]]
            return f"start:{section.title}", f"{number.item(chapter, key[0])} start"
        return flow.step(key).text, number.sub(chapter, *key)

    arrows: dict[Arrow, tuple[str, str]] = {}
    for link in flow.links:
        (source, shown_source), (target, shown_target) = name(link.source, None), name(link.target, link.ref)
        label = link.label or ""
        arrows[(source, target, label)] = (shown_source.removesuffix(" start"),
                                           f"{shown_source} → {shown_target}" + (f" ({label})" if label else ""))
    return arrows
