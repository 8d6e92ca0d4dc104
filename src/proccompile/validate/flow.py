"""The flow of each steps chapter (a procedure's 5 工作程序, a project type's steps): step references resolve, every
step is reached and can end, charts stay legible."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus
from proccompile.model.chapters import END, Section
from proccompile.model.corpus import AnyDocument
from proccompile.model.flow import END_KEY, MAX_LANES, MAX_OUTCOMES, Flow, StepKey, flow_of, steps_chapters
from proccompile.model.numbering import numbering_in

Number = Callable[[int, int], str]


def _flows(corpus: Corpus) -> Iterator[tuple[AnyDocument, Flow, Number]]:
    """Every steps chapter of every document: its flow and how its steps are numbered."""
    for doc in corpus.documents():
        chapters = steps_chapters(doc.model)
        if not chapters:
            continue
        numbers = numbering_in(corpus, doc.model)
        for spec in chapters:
            yield doc, flow_of(doc.model, spec.id), partial(numbers.sub, spec.id)


def flow_references(corpus: Corpus, bag: Diagnostics) -> None:
    """Ids are unique within a steps chapter, and every `next:` and outcome names one of them or `end`."""
    for doc, flow, number in _flows(corpus):
        for step_id, loc, first in flow.duplicates:
            bag.add("PC351", f"Step id `{step_id}` is already the id of step {number(*first)}", doc.span(*loc),
                    help=f"Give each step of the {doc.kind} its own id",
                    related=(Related(doc.span(flow.chapter, first[0], "steps", first[1], "id"), "first used here"),))
        known = [*flow.ids, END]
        for link in flow.links:
            if link.target is not None or link.ref is None or link.loc is None:
                continue
            hint = did_you_mean(link.ref, known) or (
                f"Step ids of this {doc.kind}: {one_of(known)}" if flow.ids else
                f"No step of this {doc.kind} has an `id`; give the step it leads to one, e.g. `id: review`")
            bag.add("PC350", f"Step {number(*link.source)} leads to `{link.ref}`, which is no step of this {doc.kind}",
                    doc.span(*link.loc), help=hint)


def decisions(corpus: Corpus, bag: Diagnostics) -> None:
    """A decision has two outcomes or more, and no more than its diamond can carry."""
    for doc, flow, number in _flows(corpus):
        for i, section in enumerate(flow.sections):
            for j, step in enumerate(section.steps):
                if step.decision is None:
                    continue
                where = doc.span(flow.chapter, i, "steps", j, "decision", "outcomes")
                count = len(step.decision.outcomes)
                if count == 1:
                    bag.add("PC353", f"Decision {number(i, j)} has a single outcome", where,
                            help="Add the other outcome, or make the step a plain step with `next:`")
                elif count > MAX_OUTCOMES and _charted(corpus):
                    bag.add("PC355", f"Decision {number(i, j)} has {count} outcomes; a flowchart diamond carries "
                            f"at most {MAX_OUTCOMES}", where,
                            help="Split the decision into two questions, one after the other")


def reachability(corpus: Corpus, bag: Diagnostics) -> None:
    """Every step lies on a path from a start, and every such path can reach an end."""
    for doc, flow, number in _flows(corpus):
        if flow.duplicates or any(link.target is None for link in flow.links):
            continue  # an unknown or ambiguous step (PC350, PC351) breaks the paths; judging them would repeat it
        reached = flow.reachable()
        _unreachable(doc, flow, number, reached, bag)
        _trapped(doc, flow, number, reached - flow.reaching_end(), bag)


def _unreachable(doc: AnyDocument, flow: Flow, number: Number, reached: set[StepKey], bag: Diagnostics) -> None:
    lost = [key for key in flow.keys() if key not in reached]
    lost_set = set(lost)
    for key in lost:
        # Report where a lost stretch begins; the steps that only it leads to are counted with it.
        if any(link.target == key and link.source in lost_set for link in flow.links):
            continue
        behind = _following(flow, key, lost_set) - {key}
        more = f", nor the {len(behind)} step{'s' if len(behind) > 1 else ''} only it leads to" if behind else ""
        bag.add("PC352", f"No path through the flow reaches step {number(*key)}{more}",
                doc.span(flow.chapter, key[0], "steps", key[1]),
                help="Lead to it with `next:` or a decision outcome, or give its subsection a `trigger`")


def _trapped(doc: AnyDocument, flow: Flow, number: Number, trapped: set[StepKey], bag: Diagnostics) -> None:
    covered: set[StepKey] = set()
    for key in flow.keys():
        if key not in trapped or key in covered:
            continue
        loop = _following(flow, key, trapped)
        covered |= loop
        ordered = sorted(loop)
        closing = next((link for link in flow.links if link.source in loop and link.target in loop
                        and link.target is not None and link.target <= link.source and link.loc), None)
        where = doc.span(*closing.loc) if closing and closing.loc else doc.span(flow.chapter, key[0], "steps", key[1])
        names = ", ".join(number(*k) for k in ordered[:6]) + (" …" if len(ordered) > 6 else "")
        bag.add("PC354", f"Steps {names} lead only to each other: the flow never ends once it gets there",
                where, help="Give a decision in the loop an outcome that leaves it, e.g. `next: end`")


def _following(flow: Flow, key: StepKey, within: set[StepKey]) -> set[StepKey]:
    """``key`` and every step of ``within`` reached from it without leaving ``within``."""
    seen = {key}
    todo = [key]
    while todo:
        source = todo.pop()
        for link in flow.outgoing(source):
            if link.target is not None and link.target != END_KEY and link.target in within \
                    and link.target not in seen:
                seen.add(link.target)
                todo.append(link.target)
    return seen


def chart_lanes(corpus: Corpus, bag: Diagnostics) -> None:
    """A flowchart has a lane per owning department; more than fit across a landscape page are unreadable."""
    placement = corpus.config.flowcharts.placement
    if placement == "none":
        return
    for doc, flow, _ in _flows(corpus):
        sections: list[Section] = flow.sections
        units = [((flow.chapter, i), s.steps) for i, s in enumerate(sections)] if placement == "section" else \
            [((flow.chapter,), [step for s in sections for step in s.steps])]
        for loc, steps in units:
            lanes = len({step.owner[0] for step in steps})  # a step several share is drawn in its first owner's
            if lanes > MAX_LANES:
                bag.add("PC355", f"The flowchart needs {lanes} lanes, one per owner of a step; at most "
                        f"{MAX_LANES} fit across a landscape page", doc.span(*loc),
                        help="Set `flowcharts.placement: section` to draw a chart per subsection, or split the "
                             f"{doc.kind}" if placement != "section" else "Split the subsection")


def _charted(corpus: Corpus) -> bool:
    return corpus.config.flowcharts.placement != "none"
