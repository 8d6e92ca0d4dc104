"""The numbered steps of a procedure (工作程序): subsections of step tables, each step's own table after it."""

from __future__ import annotations

from collections.abc import Iterator

from proccompile.model.chapters import Operation, Section, Step, StepTable
from proccompile.model.display import LIST_SEPARATOR, document_citation, record_citation, time_limit_text
from proccompile.render.blocks import Block, Cell, Para, Table
from proccompile.render.chapters.context import ChapterContext
from proccompile.render.chapters.flowcharts import charts_of, with_charts
from proccompile.render.chapters.pictures import picture_blocks
from proccompile.render.chapters.records_cell import records_cell

# Relative column widths: the builder sizes columns to their text and shares out what is left by these.
_PROCESS_WIDTHS = (1.3, 6.9, 2.0, 1.8, 3.8)


def render_steps(ctx: ChapterContext, chapter: str, sections: list[Section]) -> Iterator[Block]:
    """The chapter with its heading (a flowchart placed at its start keeps the heading on its page), then each
    subsection, under its own chart when charts are placed by subsection."""
    charts = charts_of(ctx, chapter)
    yield from with_charts(ctx, charts.get(("process", None)), ctx.heading(chapter, sections))
    heading = ctx.heading_row(("step_no", "step_text", "step_owner", "step_limit", "step_records"))
    rows = [[_step_row(ctx, chapter, i, j, step) for j, step in enumerate(section.steps)]
            for i, section in enumerate(sections)]
    # Every step table of the document has the same columns, sized to the text of all of them.
    everything = (heading, *(row for section in rows for row in section))
    for i, section in enumerate(sections):
        yield from with_charts(ctx, charts.get(("section", i)),
                               Para(f"{ctx.numbers.item(chapter, i)} {section.title}", style="heading2"))
        if section.intro:
            yield Para(section.intro)
        pending: list[tuple[Cell, ...]] = []
        for j, step in enumerate(section.steps):
            pending.append(rows[i][j])
            if step.table is None:
                continue
            # A step's own table follows its row; the step table resumes, heading repeated, after it.
            yield Table(widths=_PROCESS_WIDTHS, rows=(heading, *pending), measure_with=everything)
            pending = []
            yield from _step_table(ctx, ctx.numbers.sub(chapter, i, j), step.table)
        if pending:
            yield Table(widths=_PROCESS_WIDTHS, rows=(heading, *pending), measure_with=everything)


def _step_row(ctx: ChapterContext, chapter: str, i: int, j: int, step: Step) -> tuple[Cell, ...]:
    label = ctx.label
    lines = [step.text, *(f"{label('bullet')}{item}" for item in step.items)]
    lines += [f"{label('step_note')}{note}" for note in step.notes]
    if step.related:
        lines.append(label("step_related") + LIST_SEPARATOR[ctx.language].join(
            document_citation(ctx.corpus, c) for c in step.related))
    owner = ctx.cell_actors(step.owner)
    if step.support:
        owner += "\n" + label("step_support") + ctx.join([ctx.dept(d) for d in step.support])
    return (Cell(ctx.numbers.sub(chapter, i, j), align="center"), Cell("\n".join(lines)), Cell(owner, align="center"),
            Cell(time_limit_text(step, ctx.language, ctx.empty), align="center"),
            Cell(records_cell(ctx.corpus, step.records, ctx.language) or ctx.empty))


def _step_table(ctx: ChapterContext, number: str, table: StepTable) -> Iterator[Block]:
    caption = f"{ctx.label('step_table')}{number}"
    if table.title:
        caption += f"{ctx.label('gap')}{table.title}"
    yield Para(caption, style="normal", align="center", keep_next=True, space_before=6)
    yield Table(widths=(1.0,) * len(table.columns),
                rows=(tuple(Cell(c, heading=True) for c in table.columns),
                      *(tuple(Cell(v) for v in row) for row in table.rows)))
    yield Para("", style="normal")  # keeps the resumed step table apart from this one


def render_operations(ctx: ChapterContext, chapter: str, operations: list[Operation]) -> Iterator[Block]:
    """A work instruction's steps: number and text, key points, the records made, then the picture."""
    label = ctx.label
    for i, operation in enumerate(operations):
        # A step's text, key points and records line stay on one page; the picture may start the next.
        yield Para(operation.text, style="normal", lead=f"{ctx.numbers.item(chapter, i)} ", space_before=6,
                   keep_next=bool(operation.key_points or operation.records or operation.picture))
        if operation.key_points:
            yield Para("", style="normal", lead=label("key_points"), keep_next=True)
            last = len(operation.key_points) - 1
            for k, point in enumerate(operation.key_points):
                yield Para(point, style="normal", lead=label("bullet"),
                           keep_next=k < last or bool(operation.records))
        if operation.records:
            made = (record_citation(ctx.corpus, code) for code in operation.records)
            yield Para(LIST_SEPARATOR[ctx.language].join(made), style="normal", lead=label("operation_records"))
        if operation.picture is not None:
            yield from picture_blocks(ctx, operation.picture.file, operation.picture.title)
