"""Page limits of the printed output that can be judged before rendering: one-page forms that cannot fit."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.model import Corpus
from proccompile.model.form_layout import plan_form

# The packaged house filling notes printed under every form, as widths in ems (full-width spaces stand
# in for their text): the check cannot read wording templates, which the render stage owns.
_HOUSE_NOTES_EMS = {"zh": (28, 24, 72), "en": (40, 45, 96)}


def form_overflows_page(corpus: Corpus, bag: Diagnostics) -> None:
    house = ["\u3000" * n for n in _HOUSE_NOTES_EMS[corpus.config.language]]
    for doc in corpus.forms:
        form = doc.model
        if not form.one_page:
            continue
        plan = plan_form(form, [*form.instructions, *house])
        if plan.fits:
            continue
        where = "sections" if form.sections else "fields" if form.fields else "code"
        cut = ", even with its tables cut to 3 rows" if form.all_tables() else ""
        bag.add("PC504", f"Form `{form.code}` needs about {plan.height_cm:.1f} cm but one page holds "
                f"{plan.limit_cm:.1f} cm{cut}", doc.span(where))
