"""The audit plan: each item goes to an independent auditor (by department and by person), balanced, departments
whole; an item nobody may take stays unassigned and is listed, never given to someone who is not independent."""

from __future__ import annotations

from dataclasses import dataclass, replace

from proccompile.audit.items import Item
from proccompile.model import Corpus
from proccompile.model.config import Auditor
from proccompile.model.names import audit_names
from proccompile.validate.independence import conflict


@dataclass(frozen=True)
class Assignment:
    auditor: Auditor
    departments: tuple[str, ...]
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    items: list[Item]  # with ``auditor`` set ("" where nobody is independent)
    assignments: list[Assignment]  # one per auditor, in the order given
    unassigned: tuple[Item, ...] = ()  # items no auditor may take, with why (``reasons``)
    reasons: dict[int, str] | None = None  # item number → each auditor's conflict, for the plan's note


def eligible(corpus: Corpus, auditors: list[Auditor], item: Item) -> tuple[list[int], str]:
    """Indexes of the auditors who may take ``item``, and each excluded one's reason."""
    doc = corpus.procedure(item.procedure) if item.procedure else None
    subject = (doc.model.code, audit_names(doc.model)) if doc else None
    ok, why = [], []
    for i, auditor in enumerate(auditors):
        reason = conflict(corpus.config, auditor, item.departments, subject)
        if reason is None:
            ok.append(i)
        else:
            why.append(f"{auditor.name}: {reason}")
    return ok, "; ".join(why)


def plan(corpus: Corpus, items: list[Item], auditors: list[Auditor]) -> Plan:
    """Every item given to an independent auditor where one exists.

    No auditor takes an item of their own department (or a group including it), of a procedure they signed,
    or of the audit process (ISO 9001 9.2.2 c, ISO 19011 4 e). Everyone's fair share is ceil(items ÷ auditors).
    Items that the same auditors may take are grouped by auditee; groups are placed largest first, whole, with
    an eligible auditor who still has room — one who already audits that department first, else the least
    loaded — and split only when no one has; only when every eligible auditor is full does the least-loaded one
    go over the share. Each auditor takes a consecutive run of a group's items.

    Auditors are told apart by their position, never by name, so two people with the same name in different
    departments still never audit their own.
    """
    groups: dict[tuple[tuple[str, ...], tuple[int, ...]], list[Item]] = {}
    reasons: dict[int, str] = {}
    unassigned: list[Item] = []
    for item in items:
        allowed, why = eligible(corpus, auditors, item)
        if not allowed:
            unassigned.append(item)
            reasons[item.number] = why
            continue
        groups.setdefault((item.departments, tuple(allowed)), []).append(item)
    share = -(-(len(items) - len(unassigned)) // max(1, len(auditors)))
    load = [0] * len(auditors)
    chosen: dict[int, int] = {}  # item number -> auditor index
    auditing: list[set[str]] = [set() for _ in auditors]  # auditee departments each auditor already has
    for (depts, eligible_ones), members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0].number)):
        ok = list(eligible_ones)
        runs: list[tuple[int, int]] = []  # (auditor index, items taken)
        left = len(members)
        while left:
            room = [i for i in ok if load[i] < share]
            whole = [i for i in room if share - load[i] >= left]
            if whole:
                pick = min(whole, key=lambda i: (depts[0] not in auditing[i], load[i], i))
            elif room:
                pick = max(room, key=lambda i: (share - load[i], -i))
            else:
                pick = min(ok, key=lambda i: (load[i], i))
            take = left if not room else min(left, share - load[pick])
            runs.append((pick, take))
            auditing[pick].add(depts[0])
            load[pick] += take
            left -= take
        queue = iter(members)
        for who, count in runs:
            for _ in range(count):
                chosen[next(queue).number] = who
    out = []
    for index, auditor in enumerate(auditors):
        mine = [item for item in items if chosen.get(item.number) == index]
        depts = tuple(dict.fromkeys(item.department for item in mine))
        out.append(Assignment(auditor, depts, tuple(item.number for item in mine)))
    assigned = [replace(item, auditor=auditors[chosen[item.number]].name) if item.number in chosen else item
                for item in items]
    return Plan(assigned, out, tuple(unassigned), reasons)


def number_ranges(numbers: tuple[int, ...]) -> str:
    """1, 2, 3, 7 → '1–3, 7'."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
