"""proccompile: check and compile controlled procedures and record forms kept as YAML."""

__version__ = "0.1.0"
