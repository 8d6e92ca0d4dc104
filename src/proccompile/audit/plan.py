"""The audit plan: each item goes to an auditor from none of the departments it names, balanced, departments whole."""

from __future__ import annotations

from dataclasses import dataclass, replace

from proccompile.audit.items import Item
from proccompile.diagnostics.counts import counted
from proccompile.diagnostics.usage import UsageError
from proccompile.model.config import Auditor


class PlanImpossible(UsageError):
    """No auditor is independent of ``departments`` (every auditor belongs to one of them, or there are none).

    Exit 1, not 2: the options are well-formed, but the audit team cannot cover the project.
    """

    def __init__(self, departments: tuple[str, ...], items: int) -> None:
        named = ", ".join(f"`{d}`" for d in departments)
        many, verb = counted(items, "checklist item"), "judges" if items == 1 else "judge"
        if len(departments) == 1:
            what = f"no auditor may audit department {named} ({many}): every auditor belongs to it"
        else:
            what = (f"no auditor is independent of departments {named} ({many} {verb} them "
                    "together, e.g. document control at every point of use): every auditor belongs to one of them")
        super().__init__(f"{what}. Add an auditor from another department (audit.auditors in proccompile.yaml or "
                         "--auditor NAME:DEPT)", exit_code=1)
        self.department, self.departments, self.items = departments[0], departments, items


@dataclass(frozen=True)
class Assignment:
    auditor: Auditor
    departments: tuple[str, ...]
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    items: list[Item]  # with ``auditor`` set
    assignments: list[Assignment]  # one per auditor, in the order given


def assign(items: list[Item], auditors: list[Auditor]) -> list[Item]:
    """``items`` with ``auditor`` set; see ``plan``."""
    return plan(items, auditors).items


def plan(items: list[Item], auditors: list[Auditor]) -> Plan:
    """Every item given to an auditor from another department. Raises PlanImpossible naming the first
    department nobody may audit.

    No auditor takes an item that names their department (ISO 9001 9.2.2 c, ISO 19011 5.5.4).
    Everyone's fair share is ceil(items / auditors). Departments are placed largest first, whole, with
    the least-loaded eligible auditor who still has room for all of them; a department too big for
    anyone's room is split, the auditor with the most room first. Only when every eligible auditor is
    full does the least-loaded one go over the share. Each auditor takes a consecutive run of the
    department's items, so a person covers whole procedures where the counts allow it.

    Auditors are told apart by their position, never by name, so two people with the same name in
    different departments still never audit their own.
    """
    # Items are grouped by every department they judge, not only the auditee: a document-control item
    # that asks whether 质控部 and 销售部 have the current version goes to someone from neither.
    by_dept: dict[tuple[str, ...], list[Item]] = {}
    for item in items:
        by_dept.setdefault(item.departments, []).append(item)
    share = -(-len(items) // max(1, len(auditors)))
    load = [0] * len(auditors)
    chosen: dict[int, int] = {}  # item number -> auditor index
    auditing: list[set[str]] = [set() for _ in auditors]  # auditee departments each auditor already has
    for dept, dept_items in sorted(by_dept.items(), key=lambda kv: (-len(kv[1]), kv[1][0].number)):
        eligible = [i for i, a in enumerate(auditors) if a.department not in dept]
        if not eligible:
            raise PlanImpossible(dept, len(dept_items))
        runs: list[tuple[int, int]] = []  # (auditor index, items taken)
        left = len(dept_items)
        while left:
            room = [i for i in eligible if load[i] < share]
            whole = [i for i in room if share - load[i] >= left]
            if whole:
                # Whole departments per auditor: one who already audits this auditee takes it, if they have room.
                pick = min(whole, key=lambda i: (dept[0] not in auditing[i], load[i], i))
            elif room:
                pick = max(room, key=lambda i: (share - load[i], -i))
            else:
                pick = min(eligible, key=lambda i: (load[i], i))
            take = left if not room else min(left, share - load[pick])
            runs.append((pick, take))
            auditing[pick].add(dept[0])
            load[pick] += take
            left -= take
        queue = iter(dept_items)
        for who, count in runs:
            for _ in range(count):
                chosen[next(queue).number] = who
    out = []
    for index, auditor in enumerate(auditors):
        mine = [item for item in items if chosen[item.number] == index]
        depts = tuple(dict.fromkeys(item.department for item in mine))
        out.append(Assignment(auditor, depts, tuple(item.number for item in mine)))
    return Plan([replace(item, auditor=auditors[chosen[item.number]].name) for item in items], out)


def number_ranges(numbers: tuple[int, ...]) -> str:
    """1, 2, 3, 7 → '1–3, 7'."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
