"""Model stage: turn loaded YAML trees into typed documents (pydantic only)."""

from proccompile.model.config import ProjectConfig
from proccompile.model.corpus import Corpus, Document
from proccompile.model.form import Form
from proccompile.model.procedure import Procedure

__all__ = ["Corpus", "Document", "Form", "Procedure", "ProjectConfig"]
