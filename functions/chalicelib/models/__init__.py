"""PynamoDB models over Plein's single DynamoDB table. No HTTP in here."""

from .people import EmailIndex, Person
from .posts import Post
from .schema import TABLE_SCHEMA

__all__ = ["EmailIndex", "Person", "Post", "TABLE_SCHEMA"]
