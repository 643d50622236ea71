"""Plein's tooling: build, run locally, package and deploy."""
