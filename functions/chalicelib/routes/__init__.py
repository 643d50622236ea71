"""Blueprints, one per resource: parse the request, call one domain function, return."""
