"""Scaffolds: a new project (`init`) and new procedure or form files (`new`), written in the house YAML format."""
