"""PynamoDB models over Plein's single DynamoDB table. No HTTP in here."""

from .comments import Comment
from .groups import Group, Membership
from .moderation import AmbassadorEntry, AuditEntry, Flag, Pin, ReadMark, Report
from .people import DirectoryEntry, EmailIndex, Person, SubjectIndex
from .posts import OpenQuestion, PageReactions, Post, Reaction
from .ratelimit import RateCounter
from .schema import TABLE_SCHEMA, bind
from .search import IndexedDocument, TermEntry
from .usage import Marker, OpenQuestionIndex, SeenCount, Tally

__all__ = ["AmbassadorEntry", "AuditEntry", "Comment", "DirectoryEntry", "EmailIndex", "Flag",
           "Group", "IndexedDocument", "Marker", "Membership", "OpenQuestion", "OpenQuestionIndex",
           "PageReactions", "Person", "Pin", "Post", "RateCounter", "Reaction", "ReadMark",
           "Report", "SeenCount", "SubjectIndex", "TABLE_SCHEMA", "Tally", "TermEntry", "bind"]
