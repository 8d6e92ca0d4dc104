"""Entry point for ``python -m proccompile``."""

from proccompile.cli import main

main()
