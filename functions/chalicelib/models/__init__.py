"""PynamoDB models over Plein's single DynamoDB table. No HTTP in here."""

from .comments import Comment
from .people import DirectoryEntry, EmailIndex, Person, Tally
from .posts import OpenQuestion, Post, Reaction
from .schema import TABLE_SCHEMA

__all__ = ["Comment", "DirectoryEntry", "EmailIndex", "OpenQuestion", "Person", "Post",
           "Reaction", "TABLE_SCHEMA", "Tally"]
