"""In-place edits touch only their own lines, whatever the mapping around them (property tests)."""

from __future__ import annotations

import datetime as dt
import difflib

from hypothesis import given
from hypothesis import strategies as st

from proccompile.lifecycle.yamledit import append_item, block, set_key
from proccompile.load import dump_house, house_yaml

_KEYS = st.text("abcdefghijklmnopqrstuvwxyz_", max_size=8).map(lambda s: "k" + s)  # never null, true …
_SCALARS = st.one_of(st.text("abc 中文服务记录", min_size=1, max_size=12).map(str.strip).filter(bool),
                     st.integers(0, 999), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, min_size=1, max_size=3))
_COMMENTS = st.sampled_from(["", "  # 注释", ""])


@st.composite
def documents(draw: st.DrawFn) -> str:
    keys = draw(st.lists(_KEYS, min_size=2, max_size=8, unique=True))
    lines = []
    for key in keys:
        value = draw(_VALUES)
        if isinstance(value, list):
            lines.append(f"{key}:{draw(_COMMENTS)}")
            lines += [f"  - {_plain(v)}" for v in value]
        else:
            lines.append(f"{key}: {_plain(value)}{draw(_COMMENTS)}")
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n"


def _plain(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _changed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


@given(documents(), st.data())
def test_setting_an_existing_scalar_changes_one_line(text: str, data: st.DataObject) -> None:
    tree = house_yaml().load(text)
    scalars = [k for k, v in tree.items() if not isinstance(v, list)]
    if not scalars:
        return
    key = data.draw(st.sampled_from(scalars))
    set_key(tree, key, dt.date(2031, 1, 2))
    removed, added = _changed(text, dump_house(tree).decode("utf-8"))
    assert len(removed) == len(added) == 1
    assert removed[0].startswith(f"{key}:") and added[0].startswith(f"{key}: 2031-01-02")


@given(documents(), st.data())
def test_a_new_key_is_one_block_right_after_its_anchor(text: str, data: st.DataObject) -> None:
    tree = house_yaml().load(text)
    anchor = data.draw(st.sampled_from(list(tree)))
    set_key(tree, "zz_new", block({"name": "王建国", "date": dt.date(2031, 1, 2)}), after=(anchor,))
    after = dump_house(tree).decode("utf-8")
    removed, added = _changed(text, after)
    assert removed == [] and added == ["zz_new:", "  name: 王建国", "  date: 2031-01-02"]
    assert list(house_yaml().load(after)) == [*[k for k in tree if k != "zz_new"][: list(tree).index(anchor) + 1],
                                              "zz_new", *list(tree)[list(tree).index(anchor) + 2:]]


@given(documents())
def test_appending_to_a_list_adds_only_the_item(text: str) -> None:
    tree = house_yaml().load(text)
    lists = [k for k, v in tree.items() if isinstance(v, list)]
    if not lists:
        return
    append_item(tree[lists[-1]], block({"version": "B/1", "date": dt.date(2031, 1, 2)}))
    removed, added = _changed(text, dump_house(tree).decode("utf-8"))
    assert removed == [] and added == ["  - version: B/1", "    date: 2031-01-02"]
