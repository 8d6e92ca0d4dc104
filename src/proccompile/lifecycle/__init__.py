"""Lifecycle stage: release, lock, diff, review and retire documents by editing their YAML in place."""
