"""A flowchart's content from a steps chapter: lanes by owner, nodes in reading order, arrows."""

from __future__ import annotations

import re

from proccompile.model import Corpus
from proccompile.model.chapters import Section, Step
from proccompile.model.display import department_name, form_title_number, time_limit_text
from proccompile.model.document import ControlledDocument
from proccompile.model.flow import END_KEY, StepKey, flow_of, start_key
from proccompile.model.numbering import numbering_in
from proccompile.model.refs import responsibilities
from proccompile.render.flowchart.chart import Chart, Edge, Node, NodeKind, Record
from proccompile.views.wording import Texts

# A row shows this many record symbols; a step with more shows one fewer and a note of how many more.
MAX_RECORDS = 4
_CLAUSES = {"zh": re.compile(r"[，；。：,;:]"), "en": re.compile(r"(?<=[,;:.])\s+")}
_BRACKETS = re.compile(r"（[^）]*）|\([^)]*\)")
# A leading clause that only sets the scene (收到反馈表后, 顾客要求现场服务时, 对转来的技术问题, When …, If …) is
# skipped; an English sentence is cut before a second action or a condition.
_CONDITION = {"zh": re.compile(r"(后|时|的|前|内|中)$|^对.*的[^的]{1,4}$"),
              "en": re.compile(r"^(when|if|after|once|where|for|on|before|unless|within)\b", re.I)}
_SECOND_ACTION = re.compile(r"\s(and|when|if|using|after|before)\s")
_LONG_EN = 45


def short_text(step: Step, language: str) -> str:
    """The step's text in its flowchart box: its own ``short``, else its first clause that says what is done."""
    if step.short:
        return step.short
    text = _BRACKETS.sub("", step.text).strip()
    clauses = [c.strip(" ,;:.，；。：") for c in _CLAUSES[language].split(text)]
    clauses = [c for c in clauses if c]
    while len(clauses) > 1 and _CONDITION[language].search(clauses[0]):
        clauses.pop(0)
    text = clauses[0] if clauses else step.text
    if language == "en" and len(text) > _LONG_EN:
        cut = next((m.start() for m in _SECOND_ACTION.finditer(text) if m.start() >= 15), None)
        text = text[:cut] if cut else text
    return text


def procedure_chart(corpus: Corpus, p: ControlledDocument, texts: Texts, chapter: str = "process") -> Chart:
    """The whole steps chapter ``chapter`` of a document (a procedure's 5 工作程序) as one chart, a stage per
    subsection (``chart.per_stage`` cuts it up). A step several actors share is drawn in the lane of the first,
    naming the others."""
    label = texts.label
    language = corpus.config.language
    flow = flow_of(p, chapter)
    numbers = numbering_in(corpus, p)
    sections: list[Section] = getattr(p, chapter)
    lanes = _lanes(p, sections)
    lane_of = {dept: k for k, dept in enumerate(lanes)}
    nodes: list[Node] = []
    index: dict[StepKey, int] = {}
    ends: dict[int, int] = {}
    edges: list[Edge] = []
    for i, section in enumerate(sections):
        if i in flow.starts:
            index[start_key(i)] = len(nodes)
            nodes.append(Node("start", lane_of[section.steps[0].owner[0]], i, section.trigger or label("flow_start")))
        for j, step in enumerate(section.steps):
            index[(i, j)] = len(nodes)
            nodes.append(_step_node(corpus, step, i, numbers.sub(chapter, i, j), lane_of[step.owner[0]], texts))
            for link in flow.outgoing((i, j)):
                if link.target is None:  # reported by check (PC350); drawn as a connector naming the reference
                    nodes.append(Node("connector", lane_of[step.owner[0]], i, f"? {link.ref}"))
                    edges.append(Edge(index[(i, j)], len(nodes) - 1, link.label or ""))
        to_end = [link for link in flow.links if link.target == END_KEY and link.source[0] == i]
        if to_end:
            last = section.steps[-1]
            ender = last if any(link.source == (i, len(section.steps) - 1) for link in to_end) \
                else flow.step(to_end[0].source)
            ends[i] = len(nodes)
            nodes.append(Node("end", lane_of[ender.owner[0]], i, label("flow_end")))
    for link in flow.links:
        if link.target is None:
            continue
        target = ends[link.source[0]] if link.target == END_KEY else index[link.target]
        edges.append(Edge(index[link.source], target, link.label or ""))
    stages = tuple(f"{numbers.item(chapter, i)} {s.title}" for i, s in enumerate(sections))
    names = tuple(department_name(corpus, dept) for dept in lanes)
    chart = Chart(p.title, names, stages, tuple(nodes), tuple(sorted(edges, key=lambda e: (e.source, e.target))),
                  label("flow_stage"), label("flow_records"))
    return with_description(chart, texts, language)


def with_description(chart: Chart, texts: Texts, language: str) -> Chart:
    steps = sum(1 for n in chart.nodes if n.kind in ("process", "decision"))
    decisions = sum(1 for n in chart.nodes if n.kind == "decision")
    lanes = ("、" if language == "zh" else ", ").join(chart.lanes)
    text = texts.render("flowchart_description", title=chart.title, steps=steps, decisions=decisions, lanes=lanes)
    return Chart(chart.title, chart.lanes, chart.stages, chart.nodes, chart.edges, chart.stage_heading,
                 chart.records_heading, text)


def _lanes(p: ControlledDocument, sections: list[Section]) -> list[str]:
    """Owners (a step's first, for one several share) in the order of the responsibilities chapter, then any other
    owner as first met: a department, a role or a group has a lane of its own."""
    owners = [step.owner[0] for section in sections for step in section.steps]
    ordered = [actor for _, duty in responsibilities(p) for actor in duty.department if actor in owners]
    return list(dict.fromkeys([*ordered, *owners]))


def _step_node(corpus: Corpus, step: Step, stage: int, number: str, lane: int, texts: Texts) -> Node:
    language = corpus.config.language
    join = ("、" if language == "zh" else ", ").join
    support = ""
    if step.support:
        support = texts.label("step_support") + join([department_name(corpus, dept) for dept in step.support])
    if len(step.owner) > 1:  # a step shared with other owners says so in its lane's box
        shared = texts.label("flow_shared") + join([department_name(corpus, dept) for dept in step.owner[1:]])
        support = f"{shared}{'；' if language == 'zh' else '; '}{support}" if support else shared
    limit = time_limit_text(step, language)
    records = []
    for code in step.records:
        title, shown = form_title_number(corpus, code) or ("", code)
        records.append(Record(shown, title))
    more = ""
    if len(records) > MAX_RECORDS:
        more = texts.label("flow_more_records").replace("{n}", str(len(records) - MAX_RECORDS + 1))
        records = records[:MAX_RECORDS - 1]
    kind: NodeKind = "process" if step.decision is None else "decision"
    text = step.decision.question if step.decision and step.decision.question else short_text(step, language)
    return Node(kind, lane, stage, text, number=number, support=support,
                limit=texts.label("flow_limit") + limit if limit else "", records=tuple(records), more_records=more,
                link=f"s{number}")
