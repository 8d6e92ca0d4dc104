"""Audit stage: checklists, coverage, registers and plans derived from the checked corpus (no file formats)."""
