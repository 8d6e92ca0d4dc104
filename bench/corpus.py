"""A deterministic synthetic corpus: the shipped example cloned with fresh codes, all references valid."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_CODE = re.compile(r"Q/(FL\d\.\d{4}|JL\d{6})")


def shipped_documents() -> int:
    return len(list((ROOT / "procedures").glob("*.yaml"))) + len(list((ROOT / "forms").glob("*.yaml")))


def make_corpus(target: Path, docs: int) -> int:
    """Write about ``docs`` documents under ``target`` (whole copies of the example); returns how many.

    Every copy suffixes its codes with -NNN, so the config's numbering patterns are widened to accept
    that suffix. The example's ratio holds: one procedure (about six pages) to four forms.
    """
    copies = max(1, min(999, round(docs / shipped_documents())))
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "proccompile.yaml").read_text(encoding="utf-8")
    config = re.sub(r"^(  (?:procedure|form): .*)\$$", r"\1(-\\d{3})?$", config, flags=re.MULTILINE)
    # The audit programme names procedures by code: point it at the first copy.
    config = _CODE.sub(lambda m: f"{m.group(0)}-000", config)
    (target / "proccompile.yaml").write_text(config, encoding="utf-8")
    count = 0
    for folder in ("procedures", "forms"):
        (target / folder).mkdir(exist_ok=True)
        for source in sorted((ROOT / folder).glob("*.yaml")):
            text = source.read_text(encoding="utf-8")
            for copy in range(copies):
                cloned = _CODE.sub(lambda m, c=copy: f"{m.group(0)}-{c:03d}", text)
                (target / folder / f"{copy:03d}-{source.name}").write_text(cloned, encoding="utf-8")
                count += 1
    return count
