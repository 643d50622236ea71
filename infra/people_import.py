"""`plein people import FILE.csv`: creates or updates employees from an HR export.

Each row is one transaction (profile, email link, directory entries, tallies), so a row is
imported whole or not at all; a bad row is reported with its line number and the others still
go in. Running the same file twice changes nothing the second time.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

# Column names as HR systems export them, English or Dutch; matched case-insensitively.
COLUMNS = {
    "email": ("email", "e-mail", "mail", "emailadres", "e-mailadres"),
    "name": ("name", "naam", "volledige naam", "full name"),
    "title": ("title", "job title", "functie", "functietitel"),
    "department": ("department", "afdeling"),
    "location": ("location", "locatie", "werklocatie"),
    "phone": ("phone", "telefoon", "telefoonnummer"),
    "expertise": ("expertise", "expertises", "tags"),
}
EXPERTISE_SEPARATOR = ";"


class ImportFileError(Exception):
    """The file as a whole cannot be read (no header, no email column)."""


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.unchanged + len(self.rejected)

    def summary(self) -> str:
        return (f"created {self.created}, updated {self.updated}, skipped {self.skipped} "
                f"({self.unchanged} unchanged, {len(self.rejected)} rejected)")


def _columns(header: list[str]) -> tuple[dict[int, str], list[str]]:
    lookup = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    mapped, ignored = {}, []
    for index, title in enumerate(header):
        name = lookup.get(title.strip().lower())
        if name and name not in mapped.values():
            mapped[index] = name
        else:
            ignored.append(title)
    if "email" not in mapped.values():
        raise ImportFileError("The header has no email column (email or e-mail).")
    return mapped, ignored


def _fields(row: list[str], columns: dict[int, str], width: int) -> dict:
    if len(row) != width:
        raise ValueError(f"expected {width} fields, found {len(row)}")
    fields = {name: row[index].strip() for index, name in columns.items()}
    if "expertise" in fields:
        fields["expertise"] = [t for t in (p.strip() for p in
                                           fields["expertise"].split(EXPERTISE_SEPARATOR)) if t]
    return fields


def run(text: str, clock, new_id) -> Report:
    """Imports CSV text (comma, semicolon or tab separated, as spreadsheets export it)."""
    from chalicelib.domain import people
    from chalicelib.errors import ApiError

    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise ImportFileError("The file is empty.")
    columns, ignored = _columns(header)
    report = Report(ignored_columns=ignored)
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        try:
            fields = _fields(row, columns, len(header))
        except ValueError as err:
            report.rejected.append((start, str(err)))
            continue
        try:
            outcome = people.upsert(fields, clock, new_id)
        except ApiError as err:
            report.rejected.append((start, f"{err.field}: {err.reason}" if err.field
                                    else err.reason))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def read(path: Path) -> str:
    # utf-8-sig: spreadsheet programs put a byte-order mark in front of the header.
    return path.read_text(encoding="utf-8-sig")


def main(path: Path, out=print) -> int:
    """Imports into the table the environment points at; prints the report."""
    import sys

    from chalicelib.clock import system_clock
    from chalicelib.ids import new_id

    try:
        text = read(path)
    except (OSError, UnicodeDecodeError) as err:
        out(f"plein people import: cannot read {path}: {err}", file=sys.stderr)
        return 2
    try:
        report = run(text, system_clock, new_id)
    except ImportFileError as err:
        out(f"plein people import: {path}: {err}", file=sys.stderr)
        return 2
    if report.ignored_columns:
        out(f"ignored columns: {', '.join(report.ignored_columns)}")
    for line, reason in report.rejected:
        out(f"{path}:{line}: rejected: {reason}")
    out(report.summary())
    return 1 if report.rejected else 0
