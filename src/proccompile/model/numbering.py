"""Section numbers of a procedure exactly as the Word output prints them; one helper for render, audit and where."""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.model.procedure import Procedure

# Standard order (standards.md §2.7); `commitments` is printed only when the procedure has any,
# so every later section shifts by one. Numbers are computed, never stored, to stay in step.
SECTION_ORDER = ("purpose", "scope", "terms", "responsibilities", "process", "commitments", "related",
                 "attachments", "records")

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Numbering:
    """Printed numbers of one procedure: sections 1…n, 4.i duties, 5.i subsections, 5.i.j steps."""

    sections: dict[str, int]

    def section(self, key: str) -> str:
        return str(self.sections[key])

    def term(self, i: int) -> str:
        return f"{self.sections['terms']}.{i + 1}"

    def responsibility(self, i: int) -> str:
        return f"{self.sections['responsibilities']}.{i + 1}"

    def subsection(self, i: int) -> str:
        return f"{self.sections['process']}.{i + 1}"

    def step(self, i: int, j: int) -> str:
        return f"{self.sections['process']}.{i + 1}.{j + 1}"

    def related(self, i: int) -> str:
        return f"{self.sections['related']}.{i + 1}"

    def cite(self, loc: Loc) -> tuple[str, int | None]:
        """The printed number a YAML path falls under, and the table row (1-based) for tabular sections.

        ("process", 0, "steps", 2, "owner") → ("5.1.3", None); ("records", 1, "keeper") → ("9", 2) when
        the procedure has commitments. Paths outside the numbered body (code, owner …) give ("", None).
        """
        head = loc[0] if loc else ""
        index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        if head == "process" and index is not None:
            if len(loc) > 3 and loc[2] == "steps" and isinstance(loc[3], int):
                return self.step(index, loc[3]), None
            return self.subsection(index), None
        if head == "responsibilities" and index is not None:
            return self.responsibility(index), None
        if head == "terms" and index is not None:
            return self.term(index), None
        if head == "related_documents" and index is not None:
            return self.related(index), None
        if head in ("commitments", "records", "attachments") and head in self.sections:
            return self.section(head), None if index is None else index + 1
        if head in self.sections:
            return self.section(head), None
        return "", None


def numbering(procedure: Procedure) -> Numbering:
    keys = [k for k in SECTION_ORDER if k != "commitments" or procedure.commitments]
    return Numbering({key: number for number, key in enumerate(keys, 1)})
