"""Config checks pydantic cannot locate: duplicate ids, severity overrides, names in its language."""

from __future__ import annotations

from proccompile.diagnostics import CODES, Diagnostics, Related
from proccompile.load.discover import IN_FORCE_DIR
from proccompile.load.source import SourceFile
from proccompile.model.config import ProjectConfig
from proccompile.model.config_documents import ChapterConfig
from proccompile.model.doctypes import BUILT_IN, chapter_id_taken, document_types
from proccompile.model.named import Named
from proccompile.validate.config_actors import actor_problems

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
        ("companies", "id", "company"),
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
    actor_problems(config, source, bag)
    document_type_problems(config, source, bag)
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
    places += [(("departments", i, "roles", k), r, f"Role `{r.id}`") for i, d in enumerate(config.departments)
               for k, r in enumerate(d.roles)]
    places += [(("groups", i), g, f"Group `{g.id}`") for i, g in enumerate(config.groups)]
    places += [(("companies", i), c, f"Company `{c.id}`") for i, c in enumerate(config.companies)]
    if isinstance(source.data, dict) and "approval_roles" in source.data:  # the packaged default roles have both names
        places += [(("approval_roles", i), r, f"Approval role `{r.id}`") for i, r in enumerate(config.approval_roles)]
    for i, entry in enumerate(config.document_types):
        if entry.id not in BUILT_IN:  # a built-in type is named by the wording; a project's own needs its name
            places.append((("document_types", i), entry, f"Document type `{entry.id}`"))
            places += [(("document_types", i, "chapters", k), c, f"Chapter `{c.id}` of `{entry.id}`")
                       for k, c in enumerate(entry.chapters)]
    for path, named, what in places:
        if getattr(named, language) is None:
            bag.add("PC202", f"{what} has no `{language}` name, which a `language: {language}` project prints",
                    source.span(path), help=f"Add `{language}:` (the `{other}` name is optional)")


_KEYS_OF_NUMBERING = ("pattern", "display", "folder", "chapters")
# Folders the project uses for other things: wording, stored versions in force, outputs, attached files.
_RESERVED_FOLDERS = ("templates", IN_FORCE_DIR, "build", "attachments")


def document_type_problems(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    """`document_types`: each type once, in its own folder, with what its kind of entry needs and no more."""
    seen: dict[str, int] = {}
    folders: dict[str, tuple[int, str]] = {"procedures": (-1, "procedure"), "forms": (-1, "form")}
    for i, entry in enumerate(config.document_types):
        at = ("document_types", i)
        if entry.id in seen:
            bag.add("PC002", f"The document type `{entry.id}` is defined twice", source.span((*at, "id")),
                    related=(Related(source.span(("document_types", seen[entry.id], "id")), "first defined here"),))
            continue
        seen[entry.id] = i
        if entry.id in ("procedure", "form"):
            for key in _KEYS_OF_NUMBERING:
                if getattr(entry, key):
                    where = "`numbering` gives its pattern and printed number" if key in ("pattern", "display") \
                        else f"the {entry.id} type's {key} are fixed"
                    bag.add("PC002", f"`{key}` cannot be set for the built-in `{entry.id}` type: {where}",
                            source.span((*at, key), key=True))
        elif entry.pattern is None:
            bag.add("PC202", f"The document type `{entry.id}` has no `pattern` for its codes", source.span(at),
                    help="Add `pattern:` with the regular expression its codes match, e.g. '^WI-\\d{3}$'")
        if entry.id in BUILT_IN and entry.chapters:
            bag.add("PC002", f"The built-in `{entry.id}` type has its own chapters; `chapters` is for a type the "
                    "project defines", source.span((*at, "chapters"), key=True),
                    help="Use `order` to print its chapters in another order")
        if entry.id not in BUILT_IN:
            _custom_type(entry.id, entry.chapters, at, source, bag)
        folder = entry.folder or f"{entry.id}s"
        if entry.id not in ("procedure", "form"):
            clash = folders.get(folder)
            if folder.split("/")[0] in _RESERVED_FOLDERS:
                bag.add("PC002", f"The folder `{folder}/` of `{entry.id}` is the project's `{folder.split('/')[0]}/`",
                        source.span((*at, "folder") if entry.folder else (*at, "id")),
                        help="Give the document type a folder of its own")
            elif clash is not None:
                bag.add("PC002", f"The folder `{folder}/` of `{entry.id}` is already the folder of `{clash[1]}`",
                        source.span((*at, "folder") if entry.folder else (*at, "id")),
                        help="Give each document type a folder of its own")
            folders.setdefault(folder, (i, entry.id))
    _type_orders(config, source, bag)


def _custom_type(type_id: str, chapters: list[ChapterConfig], at: tuple[str | int, ...], source: SourceFile,
                 bag: Diagnostics) -> None:
    if not chapters:
        bag.add("PC202", f"The document type `{type_id}` is not built in and lists no `chapters`",
                source.span((*at, "id")),
                help="Built-in types are manual and instruction; a type of the project's own lists its chapters, "
                     "e.g. `chapters: [{id: purpose, kind: text, zh: 目的}]`")
    first: dict[str, int] = {}
    for k, chapter in enumerate(chapters):
        where = source.span((*at, "chapters", k, "id"))
        if chapter_id_taken(chapter.id):
            bag.add("PC002", f"Chapter id `{chapter.id}` is a key every document already has", where,
                    help="Name the chapter after its content, e.g. requirements")
        elif chapter.id in first:
            bag.add("PC002", f"Chapter `{chapter.id}` is listed twice in `{type_id}`", where,
                    related=(Related(source.span((*at, "chapters", first[chapter.id], "id")), "first listed here"),))
        first.setdefault(chapter.id, k)


def _type_orders(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    types = {t.id: t for t in document_types(config)}
    for i, entry in enumerate(config.document_types):
        doctype = types.get(entry.id)
        if doctype is None or not entry.order:
            continue
        message = order_problem(entry.order, [c.id for c in doctype.model.CHAPTERS])
        if message is not None:
            bag.add("PC002", f"`order` of `{entry.id}`: {message}", source.span(("document_types", i, "order")),
                    help=f"List each of its chapters once: {', '.join(c.id for c in doctype.model.CHAPTERS)}")


def order_problem(order: list[str], chapters: list[str]) -> str | None:
    """What is wrong with a chapter order (an unknown id, a chapter twice or left out), or None."""
    unknown = [c for c in order if c not in chapters]
    if unknown:
        return f"`{unknown[0]}` is not one of its chapters"
    twice = next((c for c in order if order.count(c) > 1), None)
    if twice is not None:
        return f"`{twice}` is listed twice"
    missing = [c for c in chapters if c not in order]
    if missing:
        return f"`{missing[0]}` is left out"
    return None


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
