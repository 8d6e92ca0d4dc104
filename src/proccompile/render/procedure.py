"""The view-model of a procedure (程序文件): a chaptered document like any other (render/document_view.py)."""

from __future__ import annotations

from proccompile.render.document_view import document_view

procedure_view = document_view

__all__ = ["procedure_view"]
