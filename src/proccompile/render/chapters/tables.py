"""Tabular chapters: service commitments and KPIs (服务承诺), and the records table (记录)."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.chapters import Commitment, DataTable, RecordEntry
from proccompile.model.display import duration_text, form_title_number, record_retention
from proccompile.render.blocks import Block, Cell, Para, Table
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.chapters.records_cell import records_cell

_COMMITMENT_WIDTHS = (1.1, 2.4, 2.6, 4.8, 2.0, 3.3)
_RECORD_WIDTHS = (1.1, 3.4, 2.8, 2.1, 1.8, 4.8)


def render_commitments(ctx: ChapterContext, chapter: str, commitments: list[Commitment]) -> Iterator[Block]:
    rows = [ctx.heading_row(("col_no", "commit_metric", "commit_target", "commit_measure", "commit_owner",
                             "commit_records"))]
    for i, c in enumerate(commitments, 1):
        rows.append((Cell(str(i), align="center"), Cell(c.metric),
                     Cell(c.target or ctx.label("target_not_set")), Cell(c.measured_by),
                     Cell(ctx.dept(c.owner), align="center"),
                     Cell(records_cell(ctx.corpus, c.records, ctx.language) or ctx.empty)))
    yield Table(widths=_COMMITMENT_WIDTHS, rows=tuple(rows))


def render_records(ctx: ChapterContext, chapter: str, records: list[RecordEntry]) -> Iterator[Block]:
    rows = [ctx.heading_row(("col_no", "record_name", "record_form", "record_keeper", "record_retention",
                             "record_storage"))]
    for i, entry in enumerate(records, 1):
        retention = record_retention(ctx.corpus, entry)
        if entry.form is None:  # a record kept without a form of ours: its name, and no form number
            name, shown = entry.record or "", ctx.empty
        else:
            name, shown = form_title_number(ctx.corpus, entry.form) or (ctx.empty, entry.form)
        rows.append((Cell(str(i), align="center"), Cell(name), Cell(shown, align="center"),
                     Cell(ctx.dept(entry.keeper), align="center"),
                     Cell(duration_text(retention, ctx.language, ctx.empty), align="center"),
                     Cell(entry.storage or ctx.empty)))
    yield Table(widths=_RECORD_WIDTHS, rows=tuple(rows))


def render_tables(ctx: ChapterContext, chapter: str, tables: list[DataTable]) -> Iterator[Block]:
    """Parameter or inspection tables, captioned 表 6.1, 表 6.2 … so a finding can cite one."""
    for i, table in enumerate(tables):
        yield from data_table(ctx, table, ctx.numbers.item(chapter, i) if chapter in ctx.numbers.sections else "")


def data_table(ctx: ChapterContext, table: DataTable, number: str) -> Iterator[Block]:
    caption = ctx.label("gap").join(part for part in (f"{ctx.label('step_table')}{number}" if number else "",
                                                      table.title or "") if part)
    if caption:
        yield Para(caption, style="normal", align="center", keep_next=True, space_before=6)
    yield Table(widths=(1.0,) * len(table.columns),
                rows=(tuple(Cell(c, heading=True) for c in table.columns),
                      *(tuple(Cell(v) for v in row) for row in table.rows)))
    for note in table.notes:
        yield Para(note, style="note", lead=ctx.label("step_note"))
