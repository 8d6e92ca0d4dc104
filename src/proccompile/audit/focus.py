"""Focus without blind spots: at most ``items_per_procedure`` items per procedure in one audit, the highest-risk
ones every time and the others in turn, so that every item is audited at least once per programme cycle."""

from __future__ import annotations

from dataclasses import dataclass, replace

from proccompile.audit.items import Item
from proccompile.model.programme import Occasion


@dataclass(frozen=True)
class Dropped:
    """An item this audit leaves out, and the audit of the cycle (0-based) that takes it."""

    item: Item
    occasion: int
    count: int  # audits of the procedure in the cycle


@dataclass(frozen=True)
class Selection:
    items: list[Item]  # audited now, numbered 1…n in document order
    dropped: list[Dropped]  # left out now, in document order
    budgets: dict[str, int]  # procedure → items it may have this time, where raised above the configured size


def select(items: list[Item], size: int, occasions: dict[str, Occasion]) -> Selection:
    """``items`` (from derive_items, in document order) focused per procedure; point-of-use items are all kept.

    The items of a procedure are ranked by risk (document order on a tie). With n items and A audits of the
    procedure in the cycle, each audit takes ``budget`` = max(size, ⌈n ÷ A⌉) items: a core of the highest-ranked
    items every time, as large as still leaves room for the rest to be shared out, and every A-th of the rest in
    turn (audit k of the cycle takes ranks k, k + A, k + 2A … of the rest), so the A audits together cover all.
    """
    by_procedure: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        if item.procedure:
            by_procedure.setdefault(item.procedure, []).append(k)
    left_out: dict[int, tuple[int, int]] = {}
    budgets: dict[str, int] = {}
    for code, indices in by_procedure.items():
        occ = occasions.get(code, Occasion(0, 1))
        count = max(1, occ.count)
        n = len(indices)
        if n <= size:
            continue
        budget = max(size, -(-n // count))
        if budget > size:
            budgets[code] = budget
        ranked = sorted(indices, key=lambda k: (items[k].risk, k))
        core = next(c for c in range(budget, -1, -1) if -(-(n - c) // count) <= budget - c)
        rest = ranked[core:]
        for rank, k in enumerate(rest):
            if rank % count != occ.index % count:
                left_out[k] = (rank % count, count)
    kept = [replace(item, number=n) for n, item in
            enumerate((item for k, item in enumerate(items) if k not in left_out), 1)]
    dropped = [Dropped(items[k], *left_out[k]) for k in sorted(left_out)]
    return Selection(kept, dropped, budgets)
