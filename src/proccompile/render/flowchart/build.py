"""A procedure's flowchart content from its steps: lanes by owning department, nodes in reading order, arrows."""

from __future__ import annotations

import re

from proccompile.model import Corpus
from proccompile.model.display import department_name, form_title_number, time_limit_text
from proccompile.model.flow import END_KEY, StepKey, flow_of, start_key
from proccompile.model.numbering import numbering
from proccompile.model.procedure import Procedure, Step
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


def procedure_chart(corpus: Corpus, p: Procedure, texts: Texts) -> Chart:
    """The whole procedure as one chart, a stage per subsection (``chart.per_stage`` cuts it up)."""
    label = texts.label
    language = corpus.config.language
    flow = flow_of(p)
    numbers = numbering(p)
    lanes = _lanes(p)
    lane_of = {dept: k for k, dept in enumerate(lanes)}
    nodes: list[Node] = []
    index: dict[StepKey, int] = {}
    ends: dict[int, int] = {}
    edges: list[Edge] = []
    for i, section in enumerate(p.process):
        if i in flow.starts:
            index[start_key(i)] = len(nodes)
            nodes.append(Node("start", lane_of[section.steps[0].owner], i, section.trigger or label("flow_start")))
        for j, step in enumerate(section.steps):
            index[(i, j)] = len(nodes)
            nodes.append(_step_node(corpus, step, i, numbers.step(i, j), lane_of[step.owner], texts))
            for link in flow.outgoing((i, j)):
                if link.target is None:  # reported by check (PC350); drawn as a connector naming the reference
                    nodes.append(Node("connector", lane_of[step.owner], i, f"? {link.ref}"))
                    edges.append(Edge(index[(i, j)], len(nodes) - 1, link.label or ""))
        to_end = [link for link in flow.links if link.target == END_KEY and link.source[0] == i]
        if to_end:
            last = section.steps[-1]
            ender = last if any(link.source == (i, len(section.steps) - 1) for link in to_end) \
                else flow.step(to_end[0].source)
            ends[i] = len(nodes)
            nodes.append(Node("end", lane_of[ender.owner], i, label("flow_end")))
    for link in flow.links:
        if link.target is None:
            continue
        target = ends[link.source[0]] if link.target == END_KEY else index[link.target]
        edges.append(Edge(index[link.source], target, link.label or ""))
    stages = tuple(f"{numbers.subsection(i)} {s.title}" for i, s in enumerate(p.process))
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


def _lanes(p: Procedure) -> list[str]:
    """Owning departments in the order of the responsibilities section, then any other owner as first met."""
    owners = [step.owner for section in p.process for step in section.steps]
    ordered = [duty.department for duty in p.responsibilities if duty.department in owners]
    return list(dict.fromkeys([*ordered, *owners]))


def _step_node(corpus: Corpus, step: Step, stage: int, number: str, lane: int, texts: Texts) -> Node:
    language = corpus.config.language
    support = ""
    if step.support:
        support = texts.label("step_support") + ("、" if language == "zh" else ", ").join(
            department_name(corpus, dept) for dept in step.support)
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
