"""The config's actors besides departments: roles (job titles) within a department, and groups of actors."""

from __future__ import annotations

from pydantic import Field

from proccompile.model.named import Named
from proccompile.model.types import DeptId, DeptRef, Text


class Role(Named):
    id: DeptId
    """Id that duties, steps, keepers and approvals use, e.g. quality-manager; unique among departments, roles
    and groups."""
    zh: Text | None = None
    """Chinese title, e.g. 质量经理; required when the project language is zh."""
    en: Text | None = None
    """English title, e.g. Quality Manager; required when the project language is en."""


class Group(Named):
    id: DeptId
    """Id that duties and steps use, e.g. department-heads."""
    zh: Text | None = None
    """Chinese name, e.g. 各部门负责人; required when the project language is zh."""
    en: Text | None = None
    """English name, e.g. All department heads; required when the project language is en."""
    members: list[DeptRef] = Field(min_length=1)
    """Ids of the departments and roles the group stands for; its duties are theirs, and the audit plan keeps
    their auditors away from what it does."""


class Company(Named):
    id: DeptId
    """Id a document's `company` names, e.g. xx-motor."""
    zh: Text | None = None
    """Chinese name printed in the header of its documents; required when the project language is zh."""
    en: Text | None = None
    """English name; required when the project language is en."""
