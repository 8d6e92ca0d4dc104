"""Content fingerprints: a hash of a document's parsed content, blind to comments, layout and control records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

# Keys that change without a new version: editor hints, and records kept *about* the document
# (periodic reviews, issued copies, withdrawal). Everything else is released content.
UNLOCKED_KEYS = frozenset({"$schema", "reviews", "distribution", "withdrawn", "open_revision"})
FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


# A form prints these in the order its file writes them; that order is content, which the sorted JSON of
# a fingerprint would otherwise not see. Written in this order (the order they always printed in), they
# add nothing to the fingerprint, so the fingerprints of documents written before stay as they were.
PRINTED_ORDER = ("fields", "table", "tables", "sections", "text", "signers", "signoffs")
_ORDER_KEY = "(printed order)"


def locked_content(data: object) -> object:
    """The part of a document's plain data that a release freezes."""
    if not isinstance(data, dict):
        return data
    content = _with_order({k: v for k, v in data.items() if k not in UNLOCKED_KEYS})
    # Withdrawing a released version (status obsolete) does not change what it said.
    if content.get("status") == "obsolete":
        content["status"] = "released"
    return content


def _with_order(mapping: dict[str, object]) -> dict[str, object]:
    """``mapping`` with the order of its printed parts when it is not the usual one, its sections' too."""
    out = dict(mapping)
    sections = out.get("sections")
    if isinstance(sections, list):
        out["sections"] = [_with_order(s) if isinstance(s, dict) else s for s in sections]
    written = [key for key in mapping if key in PRINTED_ORDER]
    if written != sorted(written, key=PRINTED_ORDER.index):
        out[_ORDER_KEY] = written
    return out


def fingerprint(data: object) -> str:
    """``sha256:`` and the hash of the canonical JSON of the locked content (sorted keys, UTF-8)."""
    text = json.dumps(locked_content(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_json_default)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):  # datetime too: both are written as ISO text
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def content_fingerprints(data: object, *, form: bool = False) -> tuple[str, ...]:
    """Every fingerprint that stands for the content of ``data``: its own, and for a form one without and one
    with `status: released`, since a form's `status` defaults to released (see ``same_content``)."""
    if not form or not isinstance(data, dict) or data.get("status", "released") not in ("released", "obsolete"):
        return (fingerprint(data),)
    without = {k: v for k, v in data.items() if k != "status"}
    # The data's own fingerprint is one of these two: obsolete counts as released.
    return tuple(dict.fromkeys((fingerprint({**without, "status": "released"}), fingerprint(without))))


def same_content(data: object, locked: str, *, form: bool = False) -> bool:
    """Whether ``data`` holds the content fingerprinted as ``locked``.

    A form's `status` defaults to released, so for forms a missing `status:` line, `status: released` and
    `status: obsolete` are one content: withdrawing a form that never had the line, or adding the line,
    changes nothing it says.
    """
    return locked in content_fingerprints(data, form=form)
