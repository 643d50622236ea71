"""PynamoDB models over Plein's single DynamoDB table. No HTTP in here."""

from .comments import Comment
from .people import EmailIndex, Person
from .posts import OpenQuestion, Post, Reaction
from .ratelimit import RateCounter
from .schema import TABLE_SCHEMA

__all__ = ["Comment", "EmailIndex", "OpenQuestion", "Person", "Post", "RateCounter", "Reaction",
           "TABLE_SCHEMA"]
