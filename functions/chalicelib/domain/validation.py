"""The one text validator: posts, comments, groups and profiles ask the same questions of
what people type and answer in the same words, a 400 naming the field and the reason."""

from ..errors import invalid


def text(value, field: str, limit: int, required: bool = True, as_typed: bool = False) -> str:
    """`value` as text of at most `limit` characters, not blank when `required`. Stripped of
    surrounding spaces, unless `as_typed` (Markdown bodies are stored exactly as written)."""
    label = field.capitalize()
    if not isinstance(value, str):
        raise invalid(field, f"{label} must be text.")
    if required and not value.strip():
        raise invalid(field, f"{label} is empty.")
    value = value if as_typed else value.strip()
    if len(value) > limit:
        raise invalid(field, f"{label} is longer than {limit} characters.")
    return value
