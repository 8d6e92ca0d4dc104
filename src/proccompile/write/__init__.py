"""Write stage: rendered files onto disk atomically with a manifest, and PDF export (no python-docx here)."""

from proccompile.write.files import write_build
from proccompile.write.pdf import PdfExportError, PdfExportUnavailable, export_pdfs

__all__ = ["PdfExportError", "PdfExportUnavailable", "export_pdfs", "write_build"]
