"""Config checks of the actors: one id per department, role or group, and groups made of known actors."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics, Related
from proccompile.diagnostics.suggest import did_you_mean
from proccompile.load.source import SourceFile
from proccompile.model.config import ProjectConfig

Loc = tuple[str | int, ...]


def actor_problems(config: ProjectConfig, source: SourceFile, bag: Diagnostics) -> None:
    """Roles and groups share one id space with departments (a duty names any of them by id)."""
    first: dict[str, Loc] = {d.id: ("departments", i, "id") for i, d in reversed(list(enumerate(config.departments)))}
    places: list[tuple[str, Loc, str]] = []
    for i, dept in enumerate(config.departments):
        places += [(role.id, ("departments", i, "roles", k, "id"), "role") for k, role in enumerate(dept.roles)]
    places += [(group.id, ("groups", i, "id"), "group") for i, group in enumerate(config.groups)]
    for actor_id, loc, what in places:
        if actor_id in first:
            bag.add("PC002", f"The {what} id `{actor_id}` is already used", source.span(loc),
                    related=(Related(source.span(first[actor_id]), "first used here"),),
                    help="Departments, roles and groups share one set of ids; give this one its own")
        first.setdefault(actor_id, loc)
    for i, group in enumerate(config.groups):
        for k, member in enumerate(group.members):
            if member not in first:
                bag.add("PC002", f"Group `{group.id}` names `{member}`, which is not a department, role or group",
                        source.span(("groups", i, "members", k)),
                        help=did_you_mean(member, list(first)) or "Name departments and roles defined above")
            elif member == group.id:
                bag.add("PC002", f"Group `{group.id}` names itself", source.span(("groups", i, "members", k)))
