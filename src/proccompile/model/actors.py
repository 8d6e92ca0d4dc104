"""Actors: the departments, the roles within them and the groups of them that duties and steps name, by id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from proccompile.model.config import ProjectConfig
from proccompile.model.named import Named

ActorKind = Literal["department", "role", "group"]


@dataclass(frozen=True)
class Actor:
    id: str
    kind: ActorKind
    names: Named
    department: str | None = None
    """For a role, the id of its department."""
    members: tuple[str, ...] = ()
    """For a group, the ids it stands for."""
    external: bool = False


def actor_index(config: ProjectConfig) -> dict[str, Actor]:
    """Every actor by id: departments, their roles, groups (the first of an id; check reports a second, PC002)."""
    index: dict[str, Actor] = {}
    for dept in config.departments:
        index.setdefault(dept.id, Actor(dept.id, "department", dept, external=dept.external))
        for role in dept.roles:
            index.setdefault(role.id, Actor(role.id, "role", role, department=dept.id, external=dept.external))
    for group in config.groups:
        index.setdefault(group.id, Actor(group.id, "group", group, members=tuple(group.members)))
    return index


def departments_of(index: dict[str, Actor], actor_ids: Iterable[str], depth: int = 0) -> tuple[str, ...]:
    """The department ids behind ``actor_ids``: a department itself, a role's department, a group's members'
    (groups within groups followed three deep); an unknown id stands for itself."""
    found: list[str] = []
    for actor_id in actor_ids:
        actor = index.get(actor_id)
        if actor is None or actor.kind == "department":
            found.append(actor_id)
        elif actor.kind == "role":
            found.append(actor.department or actor_id)
        elif depth < 3:
            found += departments_of(index, actor.members, depth + 1)
    return tuple(dict.fromkeys(found))


def covers(index: dict[str, Actor], named: Iterable[str], actor_id: str) -> bool:
    """Whether an entry naming ``named`` states the duties of ``actor_id``: it names the actor, a group the actor
    is a member of, or (for a role) the role's department."""
    named = set(named)
    if actor_id in named:
        return True
    actor = index.get(actor_id)
    if actor is not None and actor.kind == "role" and actor.department in named:
        return True
    return any(actor_id in index[n].members for n in named if n in index and index[n].kind == "group")
