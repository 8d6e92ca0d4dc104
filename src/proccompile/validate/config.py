"""Config checks pydantic cannot locate: duplicate ids, severity overrides, names in its language."""

from __future__ import annotations

from proccompile.diagnostics import CODES, Diagnostics, Related
from proccompile.load.source import SourceFile
from proccompile.model.config import Named, ProjectConfig

# Load and model findings mean a file was not read at all; demoting them would drop documents silently.
_NOT_DOWNGRADABLE = ("PC0", "PC1", "PC2")
# The records of change control itself: a release is never allowed past them.
_ALWAYS_ERRORS = ("PC419", "PC420", "PC421", "PC427")


def config_problems(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    for code_id, value in config.severity.items():
        where = source.span(("severity", code_id), key=True)
        if code_id not in CODES:
            bag.add("PC002", f"Unknown diagnostic code `{code_id}` in `severity`", where,
                    help="`proccompile explain` lists the codes")
        elif code_id.startswith(_NOT_DOWNGRADABLE) and value != "error":
            bag.add("PC002", f"`{code_id}` cannot be set to `{value}`: a file with this problem is not read at all",
                    where, help="Only PC3xx, PC4xx and PC5xx findings can be downgraded")
        elif code_id in _ALWAYS_ERRORS and value != "error":
            bag.add("PC002", f"`{code_id}` cannot be set to `{value}`: it guards the record of an approval or a "
                    "release", where)
    groups = (
        ("departments", "id", "department"),
        ("approval_roles", "id", "approval role"),
        ("external_documents", "code", "external document"),
    )
    for field, key, what in groups:
        first: dict[str, int] = {}
        for i, item in enumerate(getattr(config, field)):
            value = getattr(item, key)
            if value in first:
                bag.add("PC002", f"The {what} `{value}` is defined twice", source.span((field, i, key)),
                        related=(Related(source.span((field, first[value], key)), "first defined here"),))
            first.setdefault(value, i)
    _names_in_language(config, source, bag)
    _signer_pairs(config, source, bag)
    names: dict[str, int] = {}
    for i, auditor in enumerate(config.audit.auditors):
        if auditor.name in names:
            bag.add("PC002", f"The auditor `{auditor.name}` is listed twice",
                    source.span(("audit", "auditors", i, "name")),
                    help="Give each auditor once, with their own department")
        names.setdefault(auditor.name, i)


def _names_in_language(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    """Names are printed in the project language only, so only that one is required."""
    language = config.language
    other = "en" if language == "zh" else "zh"
    places: list[tuple[tuple[str | int, ...], Named, str]] = [(("company",), config.company, "The company")]
    places += [(("departments", i), d, f"Department `{d.id}`") for i, d in enumerate(config.departments)]
    if isinstance(source.data, dict) and "approval_roles" in source.data:  # the packaged default roles have both names
        places += [(("approval_roles", i), r, f"Approval role `{r.id}`") for i, r in enumerate(config.approval_roles)]
    for path, named, what in places:
        if getattr(named, language) is None:
            bag.add("PC202", f"{what} has no `{language}` name, which a `language: {language}` project prints",
                    source.span(path), help=f"Add `{language}:` (the `{other}` name is optional)")


def _signer_pairs(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    """`change_control.same_signer` names two different configured roles, and never lets the author approve."""
    roles = [r.id for r in config.approval_roles]
    for i, pair in enumerate(config.change_control.same_signer):
        where = source.span(("change_control", "same_signer", i))
        unknown = [role for role in pair if role not in roles]
        if unknown:
            bag.add("PC002", f"Unknown approval role `{unknown[0]}` in `change_control.same_signer`", where,
                    help=f"Approval roles: {', '.join(roles)}")
        elif pair[0] == pair[1]:
            bag.add("PC002", f"`change_control.same_signer` pairs `{pair[0]}` with itself", where)
        elif len(roles) > 1 and set(pair) == {roles[0], roles[-1]}:
            bag.add("PC002", f"The author (`{roles[0]}`) may not also approve (`{roles[-1]}`) a document", where,
                    help="A document approved by its own author is not approved; remove the pair")
