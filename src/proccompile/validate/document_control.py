"""Document control: version scheme, revision history, dates and approvals, for procedures and forms alike.

A form is held to these rules once it has a revision history (`proccompile release` starts one); forms
written before forms carried control records keep only their version."""

from __future__ import annotations

from typing import cast

from proccompile.diagnostics import Diagnostics
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.model import Corpus
from proccompile.model.corpus import AnyDocument
from proccompile.model.versions import format_version, parse_version, scheme_example, successors


def version_scheme(corpus: Corpus, bag: Diagnostics) -> None:
    scheme = corpus.config.versions
    for doc in corpus.documents():
        locs: list[tuple[str | int, ...]] = [("version",)]
        locs += [("revisions", i, "version") for i in range(len(doc.model.revisions))]
        for loc in locs:
            text = _value(doc.model, loc)
            if parse_version(text, scheme) is None:
                bag.add(
                    "PC401",
                    f"Version `{text}` does not follow the {scheme.pattern or scheme.style} version scheme",
                    doc.span(*loc),
                    help=f"Write {scheme_example(scheme)} (versions in proccompile.yaml)",
                )


def revision_history(corpus: Corpus, bag: Diagnostics) -> None:
    scheme = corpus.config.versions
    for doc in _controlled(corpus):
        proc = doc.model
        last = proc.revisions[-1]
        if last.version != proc.version:
            bag.add(
                "PC402",
                f"Last revision entry is `{last.version}`, but the current version is `{proc.version}`",
                doc.span("revisions", len(proc.revisions) - 1, "version"),
                help=f"Add a revision entry for `{proc.version}` describing the change, or correct `version`",
            )
        for i in range(1, len(proc.revisions)):
            before, after = proc.revisions[i - 1], proc.revisions[i]
            prev, this = parse_version(before.version, scheme), parse_version(after.version, scheme)
            if prev and this and this not in successors(prev, scheme):
                allowed = " or ".join(f"`{format_version(v, scheme)}`" for v in successors(prev, scheme))
                bag.add(
                    "PC403",
                    f"Version `{after.version}` cannot follow `{before.version}`",
                    doc.span("revisions", i, "version"),
                    help=f"After `{before.version}` comes {allowed}",
                )
            if after.date < before.date:
                bag.add(
                    "PC403",
                    f"Revision `{after.version}` is dated {after.date}, before `{before.version}` ({before.date})",
                    doc.span("revisions", i, "date"),
                    help="List revisions oldest first with non-decreasing dates",
                )


def date_order(corpus: Corpus, bag: Diagnostics) -> None:
    roles = [r.id for r in corpus.config.approval_roles]
    for doc in _controlled(corpus):
        proc = doc.model
        kind = doc.kind
        if proc.status == "released":
            for field in ("issued", "effective"):
                if getattr(proc, field) is None:
                    bag.add("PC202", f"Missing required field `{field}` for a released {kind}",
                            doc.span("status", key=True),
                            help=f"Add `{field}: YYYY-MM-DD`")
        if proc.issued and proc.effective and proc.effective < proc.issued:
            bag.add("PC404", f"Effective date {proc.effective} is before the issue date {proc.issued}",
                    doc.span("effective"), help="A document takes effect on or after the day it is issued")
        signed = [(role, proc.approvals[role]) for role in roles if role in proc.approvals]
        for role, approval in signed:
            if proc.issued and approval.date and approval.date > proc.issued:
                bag.add("PC404", f"`{role}` signed on {approval.date}, after the issue date {proc.issued}",
                        doc.span("approvals", role, "date"), help="Approvals come before issue")
        for (role_a, a), (role_b, b) in zip(signed, signed[1:], strict=False):
            if a.date and b.date and b.date < a.date:
                bag.add("PC404", f"`{role_b}` signed on {b.date}, before `{role_a}` ({a.date})",
                        doc.span("approvals", role_b, "date"),
                        help=f"Roles sign in order: {', '.join(roles)}")


def approvals(corpus: Corpus, bag: Diagnostics) -> None:
    roles = [r.id for r in corpus.config.approval_roles]
    for doc in _controlled(corpus):
        proc = doc.model
        kind = doc.kind
        for role in proc.approvals:
            if role not in roles:
                bag.add("PC203", f"Unknown approval role `{role}`", doc.span("approvals", role, key=True),
                        help=did_you_mean(role, roles) or f"Approval roles: {', '.join(roles)}")
        if proc.status == "released":
            for role in roles:
                approval = proc.approvals.get(role)
                if approval is None or approval.date is None:
                    what = "signature" if approval is None else "signature date"
                    where = ("approvals", role) if approval else ("approvals",) if proc.approvals else ("status",)
                    bag.add("PC405", f"Released {kind} has no `{role}` {what}", doc.span(*where, key=True),
                            help=f"Record who signed as `{role}` and when, or set `status: draft`")
                elif approval.name is None and corpus.config.signatures == "typed":
                    bag.add("PC405", f"Released {kind} has no `{role}` signer name", doc.span("approvals", role,
                                                                                              key=True),
                            help=f"Record who signed as `{role}`, or set `signatures: by-hand` in proccompile.yaml "
                                 "when names are signed on paper")
        first, last = proc.approvals.get(roles[0]), proc.approvals.get(roles[-1])
        if len(roles) > 1 and first and last and first.name and first.name == last.name:
            bag.add("PC406", f"`{first.name}` signed both as `{roles[0]}` and as `{roles[-1]}`",
                    doc.span("approvals", roles[-1], "name"),
                    help="Have someone other than the author approve the document")


def _controlled(corpus: Corpus) -> list[AnyDocument]:
    """Every chaptered document (procedures, manuals …), and the forms that have a revision history."""
    return [doc for doc in corpus.documents() if corpus.doctype(doc.kind).chaptered or doc.model.revisions]


def _value(model: object, loc: tuple[str | int, ...]) -> str:
    value: object = model
    for part in loc:
        value = cast(list[object], value)[part] if isinstance(part, int) else getattr(value, part)
    return str(value)
