"""The process (turtle) view of a procedure: inputs, outputs, with what, with whom, how and how measured."""

from __future__ import annotations

from proccompile.audit.flow_items import flowchart_how
from proccompile.audit.registers import matrix_cell
from proccompile.audit.wording import Wording
from proccompile.model import Corpus
from proccompile.model.display import (
    department_name,
    document_citation,
    form_number_of,
    form_title_of,
    numbered,
    procedure_number,
    time_limit_text,
)
from proccompile.model.numbering import numbering_in
from proccompile.model.procedure import Procedure
from proccompile.model.refs import produced_records
from proccompile.views.tables import TURTLE_BOXES, Column, Group, Sheet, Turtle


def turtle(corpus: Corpus, p: Procedure, wording: Wording) -> Turtle:
    """Derived from the model alone; the procedure YAML has no input field, so inputs are the scope,
    the cited requirements and the event that starts each subsection (its `trigger`, else its first step)."""
    label = wording.label
    language = corpus.config.language
    num = numbering_in(corpus, p)
    colon = "：" if language == "zh" else ": "

    def dept(dept_id: str) -> str:
        return department_name(corpus, dept_id)

    def cite(code: str) -> str:
        return document_citation(corpus, code)

    produced = list(dict.fromkeys(ref.target for ref in produced_records(p)))
    forms = [numbered(form_number_of(corpus, c), form_title_of(corpus, c), language) if corpus.form(c) else c
             for c in produced]
    storage = list(dict.fromkeys(f"{form_title_of(corpus, r.form) if r.form else r.name}{colon}{r.storage}"
                                 for r in p.records if r.storage))
    tools = list(dict.fromkeys(cite(c) for s in p.process for step in s.steps for c in step.related))
    people = list(dict.fromkeys([p.owner, *(a for r in p.responsibilities for a in r.department),
                                 *(d for s in p.process for step in s.steps for d in (*step.owner, *step.support))]))
    boxes = {
        "process": [numbered(procedure_number(corpus, p), p.title, language), label("turtle_owner") + dept(p.owner),
                    label("turtle_scope") + p.scope],
        "inputs": [*(f"{label('turtle_trigger')}{num.subsection(i)} {s.title}{colon}{s.trigger or s.steps[0].text}"
                     for i, s in enumerate(p.process)),
                   *(label("turtle_requirement") + cite(c) for c in p.related_documents)],
        "outputs": forms,
        "with_what": [*(label("turtle_form") + f for c, f in zip(produced, forms, strict=True) if corpus.form(c)),
                      *(label("turtle_requirement") + t for t in tools),
                      *(label("turtle_storage") + s for s in storage),
                      *(label("turtle_attachment") + a.title for a in p.attachments)],
        "with_whom": [dept(d) + colon + matrix_cell(p, d, wording) for d in people],
        "how": [*flowchart_how(corpus, p, label),
                *(f"{num.step(i, j)} {step.text}" for i, s in enumerate(p.process) for j, step in enumerate(s.steps))],
        "measures": [*(f"{c.metric}{colon}{c.target or label('target_not_set')}" for c in p.commitments),
                     *(f"{num.step(i, j)} {label('turtle_limit')}{time_limit_text(step, language)}"
                       for i, s in enumerate(p.process) for j, step in enumerate(s.steps) if step.time_limit)],
    }
    none = label("none_text")
    return Turtle(p.code, numbered(procedure_number(corpus, p), p.title, language),
                  tuple((label(f"turtle_{key}"), tuple(boxes[key]) or (none,)) for key in TURTLE_BOXES))


def turtle_sheet(turtles: list[Turtle], wording: Wording) -> Sheet:
    """The turtles as a two-column table per procedure, for xlsx and md."""
    columns = (Column(wording.label("col_turtle_box"), 18), Column(wording.label("col_turtle_content"), 90))
    groups = tuple(Group(t.heading, tuple((name, "\n".join(lines)) for name, lines in t.boxes)) for t in turtles)
    groups = groups or (Group("", ()),)
    return Sheet("turtle", wording.label("sheet_turtle"), columns, groups)
