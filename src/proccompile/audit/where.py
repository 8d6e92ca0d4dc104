"""Where-used: every document, step and file:line that references a form, document, department, role or group."""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.diagnostics import Span
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.model import Corpus
from proccompile.model.display import department_name
from proccompile.model.numbering import numbering_in
from proccompile.model.refs import department_refs, document_refs, form_refs


@dataclass(frozen=True)
class Use:
    span: Span
    document: str  # code of the referencing procedure or form; "" for the project config
    section: str  # printed section number, e.g. 5.1.3; "" outside the numbered body
    row: int | None  # table row (commitments, records, attachments)
    role: str  # what the reference is, e.g. "step record"


@dataclass(frozen=True)
class WhereResult:
    code: str
    kind: str | None  # a document type, department, role, group or external document; None when unknown
    title: str
    defined: Span | None
    uses: tuple[Use, ...]
    suggestion: str | None = None  # did-you-mean help when the code is unknown


def where_used(corpus: Corpus, code: str) -> WhereResult:
    uses: list[Use] = []
    for doc in corpus.documents():
        num = numbering_in(corpus, doc.model)
        for walker in (department_refs, form_refs, document_refs):
            for ref in walker(doc.model):
                if ref.target == code:
                    section, row = num.cite(ref.loc)
                    uses.append(Use(doc.span(*ref.loc), doc.model.code, section, row, ref.role))
    for i, auditor in enumerate(corpus.config.audit.auditors):
        if auditor.department == code:
            loc = ("audit", "auditors", i, "department")
            uses.append(Use(corpus.config_source.span(loc), "", "", None, f"auditor {auditor.name}"))
    for i, group in enumerate(corpus.config.groups):
        for k, member in enumerate(group.members):
            if member == code:
                uses.append(Use(corpus.config_source.span(("groups", i, "members", k)), "", "", None,
                                f"member of group {group.id}"))
    plan = corpus.config.audit.plan
    for field, mapping in (("locations", plan.locations), ("representatives", plan.representatives)):
        if code in mapping:
            span = corpus.config_source.span(("audit", "plan", field, code), key=True)
            uses.append(Use(span, "", "", None, f"audit plan {field}"))
    # The impact list: uses by documents in force (and the config) first, then drafts, obsolete ones last,
    # each group in file order.
    uses.sort(key=lambda u: (_standing(corpus, u.document), u.span.sort_key))
    kind, title, defined = _definition(corpus, code)
    suggestion = None
    if kind is None and not uses:
        # Codes are typed by hand on the command line; a case slip, the commonest mistake, is suggested first.
        suggestion = did_you_mean(code, _known(corpus))
    return WhereResult(code, kind, title, defined, tuple(uses), suggestion)


_STANDING = {"released": 0, "draft": 1, "obsolete": 2}


def _standing(corpus: Corpus, code: str) -> int:
    if not code:
        return 0  # the project config is always current
    doc = corpus.document(code)
    return _STANDING.get(doc.model.status, 1) if doc is not None else 1


def _definition(corpus: Corpus, code: str) -> tuple[str | None, str, Span | None]:
    if (doc := corpus.document(code)) is not None:
        return doc.kind, doc.model.title, doc.span("code")
    for i, dept in enumerate(corpus.config.departments):
        if dept.id == code:
            return "department", department_name(corpus, dept.id), corpus.config_source.span(("departments", i, "id"))
        for k, role in enumerate(dept.roles):
            if role.id == code:
                return "role", department_name(corpus, role.id), \
                    corpus.config_source.span(("departments", i, "roles", k, "id"))
    for i, group in enumerate(corpus.config.groups):
        if group.id == code:
            return "group", department_name(corpus, group.id), corpus.config_source.span(("groups", i, "id"))
    for i, ext in enumerate(corpus.config.external_documents):
        if ext.code == code:
            return "external document", ext.title, corpus.config_source.span(("external_documents", i, "code"))
    return None, "", None


def _known(corpus: Corpus) -> list[str]:
    return [*(d.model.code for d in corpus.documents()), *corpus.actors,
            *(e.code for e in corpus.config.external_documents)]
