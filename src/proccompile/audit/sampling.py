"""What an auditor samples: each form's declared record kind, and the sampling table by population."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proccompile.model import Corpus
from proccompile.model.audit_config import SamplingRule
from proccompile.model.display import form_number_of, form_title_of


@dataclass(frozen=True, slots=True)
class FormRef:
    code: str
    number: str  # printed form number, e.g. Q/JL081701-A
    title: str
    # Declared on the form (record_kind), never guessed from its title: 'event' (a copy per event, sampled by
    # copy), 'register' (one running register or log, sampled by entry) or 'periodic' (one per period).
    kind: str = "event"
    period: str = ""  # for a periodic record: month, quarter, half-year or year

    @property
    def ledger(self) -> bool:
        """The name templates before record kinds were declared used for a running register."""
        return self.kind == "register"


def form_ref(corpus: Corpus, code: str) -> FormRef:
    form = corpus.form(code)
    kind, period = (form.model.record_kind, form.model.period or "") if form else ("event", "")
    return FormRef(code, form_number_of(corpus, code), form_title_of(corpus, code), kind, period)


def sampling_table_text(rules: list[SamplingRule], label: Callable[[str], str], separator: str) -> str:
    """The sampling table in words, e.g. 总体1–3：全部；4–20：5；21–100：8；100以上：12."""
    parts = []
    low = 1
    for rule in rules:
        if rule.up_to is None:
            population = label("sampling_above").replace("{n}", str(low - 1))
        elif rule.up_to == low:
            population = str(low)
        else:
            population = f"{low}–{rule.up_to}"
        sample = label("sampling_all") if rule.sample == "all" else str(rule.sample)
        parts.append(label("sampling_rule").replace("{population}", population).replace("{sample}", sample))
        low = (rule.up_to or low) + 1
    return separator.join(parts)


def sample_size(rules: list[SamplingRule], population: int) -> int:
    """How many of ``population`` records the table asks for."""
    for rule in rules:
        if rule.up_to is None or population <= rule.up_to:
            return population if rule.sample == "all" else min(population, rule.sample)
    return population  # unreachable: the last rule has no bound (checked on load)
