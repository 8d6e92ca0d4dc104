"""The flow of each procedure: step references resolve, every step is reached and can end, charts stay legible."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean, one_of
from proccompile.model import Corpus, Procedure
from proccompile.model.corpus import Document
from proccompile.model.flow import END_KEY, MAX_LANES, MAX_OUTCOMES, Flow, StepKey, flow_of
from proccompile.model.numbering import numbering
from proccompile.model.procedure import END


def flow_references(corpus: Corpus, bag: Diagnostics) -> None:
    """Ids are unique within a procedure, and every `next:` and outcome names one of them or `end`."""
    for doc in corpus.procedures:
        flow = flow_of(doc.model)
        number = numbering(doc.model).step
        for step_id, loc, first in flow.duplicates:
            bag.add("PC351", f"Step id `{step_id}` is already the id of step {number(*first)}", doc.span(*loc),
                    help="Give each step of the procedure its own id",
                    related=(Related(doc.span("process", first[0], "steps", first[1], "id"), "first used here"),))
        known = [*flow.ids, END]
        for link in flow.links:
            if link.target is not None or link.ref is None or link.loc is None:
                continue
            hint = did_you_mean(link.ref, known) or (
                f"Step ids of this procedure: {one_of(known)}" if flow.ids else
                "No step of this procedure has an `id`; give the step it leads to one, e.g. `id: review`")
            bag.add("PC350", f"Step {number(*link.source)} leads to `{link.ref}`, which is no step of this procedure",
                    doc.span(*link.loc), help=hint)


def decisions(corpus: Corpus, bag: Diagnostics) -> None:
    """A decision has two outcomes or more, and no more than its diamond can carry."""
    for doc in corpus.procedures:
        number = numbering(doc.model).step
        for i, section in enumerate(doc.model.process):
            for j, step in enumerate(section.steps):
                if step.decision is None:
                    continue
                where = doc.span("process", i, "steps", j, "decision", "outcomes")
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
    for doc in corpus.procedures:
        flow = flow_of(doc.model)
        if flow.duplicates or any(link.target is None for link in flow.links):
            continue  # an unknown or ambiguous step (PC350, PC351) breaks the paths; judging them would repeat it
        reached = flow.reachable()
        _unreachable(doc, flow, reached, bag)
        _trapped(doc, flow, reached - flow.reaching_end(), bag)


def _unreachable(doc: Document[Procedure], flow: Flow, reached: set[StepKey], bag: Diagnostics) -> None:
    number = numbering(doc.model).step
    lost = [key for key in flow.keys() if key not in reached]
    lost_set = set(lost)
    for key in lost:
        # Report where a lost stretch begins; the steps that only it leads to are counted with it.
        if any(link.target == key and link.source in lost_set for link in flow.links):
            continue
        behind = _following(flow, key, lost_set) - {key}
        more = f", nor the {len(behind)} step{'s' if len(behind) > 1 else ''} only it leads to" if behind else ""
        bag.add("PC352", f"No path through the flow reaches step {number(*key)}{more}",
                doc.span("process", key[0], "steps", key[1]),
                help="Lead to it with `next:` or a decision outcome, or give its subsection a `trigger`")


def _trapped(doc: Document[Procedure], flow: Flow, trapped: set[StepKey], bag: Diagnostics) -> None:
    number = numbering(doc.model).step
    covered: set[StepKey] = set()
    for key in flow.keys():
        if key not in trapped or key in covered:
            continue
        loop = _following(flow, key, trapped)
        covered |= loop
        ordered = sorted(loop)
        closing = next((link for link in flow.links if link.source in loop and link.target in loop
                        and link.target is not None and link.target <= link.source and link.loc), None)
        where = doc.span(*closing.loc) if closing and closing.loc else doc.span("process", key[0], "steps", key[1])
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
    for doc in corpus.procedures:
        p = doc.model
        units = [(("process", i), s.steps) for i, s in enumerate(p.process)] if placement == "section" else \
            [(("process",), [step for s in p.process for step in s.steps])]
        for loc, steps in units:
            lanes = len({step.owner for step in steps})
            if lanes > MAX_LANES:
                bag.add("PC355", f"The flowchart needs {lanes} lanes, one per department owning a step; at most "
                        f"{MAX_LANES} fit across a landscape page", doc.span(*loc),
                        help="Set `flowcharts.placement: section` to draw a chart per subsection, or split the "
                             "procedure" if placement != "section" else "Split the subsection")


def _charted(corpus: Corpus) -> bool:
    return corpus.config.flowcharts.placement != "none"
