"""Write stage: rendered files onto disk atomically with a manifest, and PDF export (no python-docx here)."""

from proccompile.write.files import read_previous, write_build
from proccompile.write.pdf import PdfExportError, PdfExportUnavailable, export_pdfs

__all__ = ["PdfExportError", "PdfExportUnavailable", "export_pdfs", "read_previous", "write_build"]
