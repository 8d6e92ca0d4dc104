"""Which clauses the configured exclusions take out (ISO 9001 4.3), and which exclusions IATF 16949 4.3.2 allows."""

from __future__ import annotations

from proccompile.model.clauses import clause_index, clause_table, is_within
from proccompile.model.config import ProjectConfig

DESIGN = "8.3"


def exclusion_problem(config: ProjectConfig, clause: str) -> str | None:
    """Why ``clause`` cannot be excluded, or None when it can."""
    clause_set = config.audit.clause_set
    index = clause_index(clause_set)
    if clause not in index:
        return f"{clause} is not a clause of the {'IATF 16949' if clause_set == 'iatf16949' else 'ISO 9001'} table"
    if clause_set == "iatf16949" and clause != DESIGN and not index[clause].product_design:
        return (f"IATF 16949 4.3.2 allows excluding only product design within {DESIGN}; {clause} "
                f"{index[clause].en} stays applicable")
    return None


def excluded_clauses(config: ProjectConfig) -> dict[str, str]:
    """Clause → justification for every row of the clause table an allowed exclusion takes out. With IATF 16949,
    excluding 8.3 takes out the product-design clauses alone: manufacturing process design (8.3.3.2, 8.3.5.2 and
    the ISO 8.3 requirements as they apply to it) stays applicable."""
    clause_set = config.audit.clause_set
    out: dict[str, str] = {}
    for exclusion in config.audit.exclusions:
        if exclusion_problem(config, exclusion.clause) is not None:
            continue  # PC327 in check
        for info in clause_table(clause_set):
            if not is_within(info.number, exclusion.clause):
                continue
            if clause_set == "iatf16949" and not info.product_design:
                continue
            out.setdefault(info.number, exclusion.reason)
    return out
