"""A document's flow: which step follows which, decisions and their outcomes, starts and ends of each subsection.

The flow of a steps chapter (a procedure's 5 工作程序, or a steps chapter of a type the project defines); a
document may have several, each with its own flow.

Steps run in list order unless a step names its ``next`` or is a ``decision``; the last step of a subsection
ends its process. A subsection starts at a start terminator (its ``trigger``) unless it has no trigger and
continues another subsection, i.e. a step of another subsection leads to its first step. Shared by validate
(references, reachability), render (the flowcharts), lifecycle (changed flow) and audit (decision questions).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from proccompile.model.chapters import END, Section, Step
from proccompile.model.document import ChapterSpec, ControlledDocument

Loc = tuple[str | int, ...]
StepKey = tuple[int, int]  # (subsection index, step index)
# Flowcharts stay legible with at most this many lanes across a landscape page, and a diamond has three
# free corners (the fourth takes the arrow in) for its outcomes.
MAX_LANES = 10
MAX_OUTCOMES = 3


@dataclass(frozen=True, slots=True)
class Link:
    """One arrow of the flow: from a step (or a subsection's start) to a step, or to the end when ``target`` is END.

    ``source`` is a step key, or (i, -1) for the start of subsection i. ``target`` is a step key, END_KEY, or
    None when ``ref`` names no step. ``loc`` is where the link is written (None when it is implied by order).
    """

    source: StepKey
    target: StepKey | None
    label: str | None = None
    ref: str | None = None
    loc: Loc | None = None


END_KEY: StepKey = (-1, -1)


def start_key(section: int) -> StepKey:
    return (section, -1)


@dataclass
class Flow:
    sections: list[Section]
    chapter: str = "process"
    """The steps chapter's id (its YAML key): where the flow's paths (``loc``) start."""
    ids: dict[str, StepKey] = field(default_factory=dict)
    duplicates: list[tuple[str, Loc, StepKey]] = field(default_factory=list)  # id, where, first holder
    links: list[Link] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # subsections with a start terminator

    def step(self, key: StepKey) -> Step:
        return self.sections[key[0]].steps[key[1]]

    def keys(self) -> Iterator[StepKey]:
        for i, section in enumerate(self.sections):
            for j in range(len(section.steps)):
                yield (i, j)

    def outgoing(self, key: StepKey) -> list[Link]:
        return [link for link in self.links if link.source == key]

    def reachable(self) -> set[StepKey]:
        """Steps some path from a start reaches (a subsection without a start is reached only from elsewhere)."""
        successors = self._successors()
        seen: set[StepKey] = set()
        todo = [start_key(i) for i in self.starts]
        while todo:  # each key is expanded once: bounded by the number of links
            for target in successors.get(todo.pop(), []):
                if target not in seen and target != END_KEY:
                    seen.add(target)
                    todo.append(target)
        return seen

    def reaching_end(self) -> set[StepKey]:
        """Steps from which some path leads to an end (every other step is caught in a loop)."""
        predecessors: dict[StepKey, list[StepKey]] = {}
        for link in self.links:
            if link.target is not None:
                predecessors.setdefault(link.target, []).append(link.source)
        seen: set[StepKey] = set()
        todo = [END_KEY]
        while todo:
            for source in predecessors.get(todo.pop(), []):
                if source not in seen and source[1] >= 0:
                    seen.add(source)
                    todo.append(source)
        return seen

    def _successors(self) -> dict[StepKey, list[StepKey]]:
        successors: dict[StepKey, list[StepKey]] = {}
        for link in self.links:
            if link.target is not None:
                successors.setdefault(link.source, []).append(link.target)
        return successors


def steps_chapters(document: ControlledDocument) -> list[ChapterSpec]:
    """The document's steps chapters, in its type's order (a procedure's one: `process`)."""
    return [spec for spec in type(document).CHAPTERS if spec.kind == "steps"]


def flow_of(document: ControlledDocument, chapter: str = "process") -> Flow:
    """The flow of the steps chapter ``chapter`` of ``document``."""
    return flow_of_sections(getattr(document, chapter), chapter)


def flow_of_sections(sections: list[Section], chapter: str = "process") -> Flow:
    """The flow of the subsections ``sections`` of the steps chapter ``chapter``."""
    flow = Flow(sections, chapter)
    for i, section in enumerate(sections):
        for j, step in enumerate(section.steps):
            if step.id is None:
                continue
            if step.id in flow.ids:
                flow.duplicates.append((step.id, (chapter, i, "steps", j, "id"), flow.ids[step.id]))
            else:
                flow.ids[step.id] = (i, j)
    for i, section in enumerate(sections):
        last = len(section.steps) - 1
        for j, step in enumerate(section.steps):
            loc: Loc = (chapter, i, "steps", j)
            if step.decision is not None:
                for k, outcome in enumerate(step.decision.outcomes):
                    flow.links.append(Link((i, j), _resolve(flow, outcome.next), outcome.label, outcome.next,
                                           (*loc, "decision", "outcomes", k, "next")))
            elif step.next is not None:
                flow.links.append(Link((i, j), _resolve(flow, step.next), None, step.next, (*loc, "next")))
            else:
                flow.links.append(Link((i, j), END_KEY if j == last else (i, j + 1)))
    entered_from_elsewhere = {link.target for link in flow.links
                              if link.target is not None and link.target[0] != link.source[0]}
    for i, section in enumerate(sections):
        if section.trigger is not None or (i, 0) not in entered_from_elsewhere:
            flow.starts.append(i)
            flow.links.append(Link(start_key(i), (i, 0)))
    return flow


def _resolve(flow: Flow, ref: str) -> StepKey | None:
    return END_KEY if ref == END else flow.ids.get(ref)


def has_flow(document: ControlledDocument, chapter: str = "process") -> bool:
    """True when the steps chapter says more than its list order: a jump, a decision or a trigger."""
    sections: list[Section] = getattr(document, chapter)
    return any(s.trigger for s in sections) or any(step.next or step.decision for section in sections
                                                   for step in section.steps)
