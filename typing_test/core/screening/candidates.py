"""Candidate records: what makes one valid, and reading a list of them from CSV.

A candidate has a name and a way to reach them (an email address or a phone
number, or both); an HR reference, the role applied for and notes are
optional. :func:`check_candidate` tidies the fields (surrounding spaces,
Unicode NFC) and says what is wrong, one reason per problem.

:func:`read_candidates_csv` reads an applicant list as a spreadsheet saves
it, for a preview before anything is stored: UTF-8 with or without a
byte-order mark, UTF-16 ("Unicode text"), or Excel's Windows-1252; comma,
semicolon or tab separated; headers matched whatever their case, spacing or
common wording ("Full name", "E-mail", "Mobile"). It returns the rows it can
import and, for every other row, its row number (as a spreadsheet numbers
rows: the header is row 1) and the reason, including a second row for the
same person (same email or phone) in the file or in the database already.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

FIELDS = ("name", "email", "phone", "hr_reference", "role", "notes")
MAX_LENGTHS = {"name": 200, "email": 254, "phone": 40, "hr_reference": 100, "role": 100,
               "notes": 2000}
# Phone numbers hold 7 (a local number) to 15 digits (the most ITU-T E.164 allows).
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15
MAX_IMPORT_BYTES = 50_000_000
MAX_IMPORT_ROWS = 200_000

# An address a person can have: something@domain.tld, no spaces, one @.
# Deliberately loose (RFC 5322 allows far more), but it catches the usual
# slips: a missing @ or dot, a space, a comma, two addresses in one cell.
_EMAIL = re.compile(r"[^@\s,;<>()\[\]\"]+@[^@\s,;<>()\[\]\"]+\.[^@\s,;<>()\[\]\".]{2,}")
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()./-]+")

# Header wordings, compared after case folding and dropping everything that
# is not a letter or digit ("E-mail address" -> "emailaddress").
HEADER_SYNONYMS = {
    "name": ("name", "fullname", "candidate", "candidatename", "applicant", "applicantname",
             "nameofapplicant", "nameofcandidate", "completename"),
    "first_name": ("firstname", "givenname", "forename"),
    "last_name": ("lastname", "surname", "familyname"),
    "email": ("email", "emailaddress", "mail", "emailid", "personalemail"),
    "phone": ("phone", "phonenumber", "phoneno", "mobile", "mobilenumber", "mobileno",
              "mobilephone", "cell", "cellphone", "cellnumber", "cellphonenumber", "telephone",
              "tel", "contactnumber", "contactno"),
    "hr_reference": ("hrreference", "hrref", "reference", "ref", "referenceno",
                     "referencenumber", "applicantid", "applicationid", "candidateid",
                     "applicationno", "applicantno", "refno"),
    "role": ("role", "roleappliedfor", "position", "positionappliedfor", "appliedfor", "job",
             "jobtitle", "jobrole", "vacancy", "post"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "remark"),
}
_HEADER_FIELD = {wording: name for name, wordings in HEADER_SYNONYMS.items()
                 for wording in wordings}


class CandidateImportError(ValueError):
    """The whole file cannot be imported (unreadable, no name column...): one line."""


@dataclass(frozen=True)
class Candidate:
    """A candidate's details, tidied. Empty optional fields are ""."""

    name: str
    email: str = ""
    phone: str = ""
    hr_reference: str = ""
    role: str = ""
    notes: str = ""

    def as_json(self) -> dict:
        """The fields as a dict."""
        return {name: getattr(self, name) for name in FIELDS}


def check_candidate(fields: Mapping[str, object]) -> tuple[Candidate | None, list[str]]:
    """Tidy and check one candidate's fields: (the candidate, []) or (None, reasons).

    >>> check_candidate({"name": "  Nguyễn Thị  Minh ", "phone": "+63 917 555 0101"})[0].name
    'Nguyễn Thị Minh'
    >>> check_candidate({"name": "Ana Cruz", "email": "ana.cruz@example"})[1]
    ["email 'ana.cruz@example' is not an address like name@example.com"]
    >>> check_candidate({"name": "Ana Cruz"})[1]
    ['an email address or a phone number is needed']
    """
    values: dict[str, str] = {}
    problems: list[str] = []
    for name in FIELDS:
        raw = fields.get(name)
        text = "" if raw is None else str(raw)
        text = unicodedata.normalize("NFC", text).strip()
        if name != "notes":
            text = " ".join(text.split())  # a line break in a name cell is a slip
        if _has_control(text, allow_newlines=name == "notes"):
            problems.append(f"{_label(name)} holds control characters")
        if len(text) > MAX_LENGTHS[name]:
            problems.append(f"{_label(name)} is {len(text)} characters long; the most is "
                            f"{MAX_LENGTHS[name]}")
        values[name] = text
    if not values["name"]:
        problems.append("the name is missing")
    elif not any(unicodedata.category(char).startswith("L") for char in values["name"]):
        problems.append(f"the name {values['name']!r} has no letter in it")
    email, phone = values["email"], values["phone"]
    if not email and not phone:
        problems.append("an email address or a phone number is needed")
    if email and not _EMAIL.fullmatch(email):
        problems.append(f"email {email!r} is not an address like name@example.com")
    if phone:
        digits = phone_key(phone)
        if re.fullmatch(r"[0-9.,]+[eE]\+?[0-9]+", phone):
            problems.append(f"phone {phone!r} was turned into a number by the spreadsheet: "
                            "format the column as Text and save again")
        elif not _PHONE_CHARACTERS.fullmatch(phone):
            problems.append(f"phone {phone!r} may hold only digits, spaces, + ( ) . / and -")
        elif not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
            problems.append(f"phone {phone!r} has {len(digits)} digits; a phone number has "
                            f"{MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS}")
    if problems:
        return None, problems
    return Candidate(**values), []


def email_key(email: str) -> str:
    """The form two addresses are compared in: case-folded.

    >>> email_key(" Ana.Cruz@Example.COM ")
    'ana.cruz@example.com'
    """
    return email.strip().casefold()


def phone_key(phone: str) -> str:
    """The form two phone numbers are compared in: the digits alone.

    >>> phone_key("+63 (917) 555-0101")
    '639175550101'
    """
    return "".join(char for char in phone if char.isdigit() and char.isascii())


def _has_control(text: str, allow_newlines: bool) -> bool:
    allowed = "\n\t" if allow_newlines else ""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def _label(name: str) -> str:
    return {"hr_reference": "the HR reference"}.get(name, f"the {name}")


# ---------------------------------------------------------------------------
# CSV import


@dataclass(frozen=True)
class ImportedRow:
    """A row that can be imported: its row number and the candidate."""

    row: int
    candidate: Candidate


@dataclass(frozen=True)
class RefusedRow:
    """A row that cannot be imported, with its row number and the reasons."""

    row: int
    reasons: tuple[str, ...]

    def as_json(self) -> dict:
        return {"row": self.row, "reasons": list(self.reasons)}


@dataclass
class ImportPreview:
    """What an import would do.

    ``columns`` maps each candidate field to the header it was read from;
    ``ignored_columns`` are headers matched to no field. ``rows_read``
    counts the data rows, blank ones left out.
    """

    encoding: str
    delimiter: str
    columns: dict[str, str]
    ignored_columns: list[str]
    rows_read: int = 0
    good: list[ImportedRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)

    def as_json(self) -> dict:
        """The preview as JSON data."""
        return {
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "rows_read": self.rows_read,
            "rows_to_import": len(self.good),
            "rows_refused": len(self.refused),
            "candidates": [{"row": row.row, **row.candidate.as_json()} for row in self.good],
            "refused": [row.as_json() for row in self.refused],
        }


@dataclass(frozen=True)
class KnownContact:
    """An existing candidate's contact keys, for the duplicate check."""

    candidate_id: str
    name: str
    email_key: str
    phone_key: str


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes.

    UTF-16 and UTF-8 are recognised by their byte-order mark; UTF-8 without
    one is tried next; Windows-1252, what Excel writes for "CSV" on a Western
    Windows, is the fallback. CandidateImportError when none reads it.

    >>> decode_csv(b"\\xef\\xbb\\xbfName\\r\\n")
    ('Name\\r\\n', 'UTF-8')
    >>> decode_csv("Zoë".encode("cp1252"))
    ('Zoë', 'Windows-1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise CandidateImportError(
                f"the file is not readable UTF-16 text ({error.reason})") from None
    if b"\x00" in data:
        raise CandidateImportError("the file is not a text file (it holds NUL bytes): save the "
                                   "sheet as CSV")
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise CandidateImportError(
            f"the file is neither UTF-8 nor Windows-1252 text (byte {error.object[error.start]:#x} "
            f"at position {error.start}): save it as 'CSV UTF-8'"
        ) from None


def read_candidates_csv(
    data: bytes, existing: Iterable[KnownContact] = ()
) -> ImportPreview:
    """The preview of importing the CSV file ``data`` next to ``existing`` candidates.

    Raises CandidateImportError when the file as a whole cannot be used.

    >>> csv_bytes = "Full name,E-mail,Mobile\\nAna Cruz,ana@example.com,\\nBo,,12\\n".encode()
    >>> preview = read_candidates_csv(csv_bytes)
    >>> [row.candidate.name for row in preview.good], preview.refused[0].row
    (['Ana Cruz'], 3)
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise CandidateImportError(f"the file is {len(data):,} bytes; the most is "
                                   f"{MAX_IMPORT_BYTES:,}")
    text, encoding = decode_csv(data)
    if not text.strip():
        raise CandidateImportError("the file is empty")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise CandidateImportError(f"the header row cannot be read: {error}") from None
    columns, ignored = _match_header(header)
    preview = ImportPreview(encoding, delimiter, {name: header[i] for name, i in columns.items()},
                            ignored)

    by_email: dict[str, str] = {}
    by_phone: dict[str, str] = {}
    for known in existing:
        if known.email_key:
            by_email.setdefault(known.email_key, f"{known.name}, already a candidate")
        if known.phone_key:
            by_phone.setdefault(known.phone_key, f"{known.name}, already a candidate")

    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The reader cannot be trusted after this: stop, and say so.
            preview.refused.append(RefusedRow(row_number + 1, (
                f"cannot be read ({error}); the rows after it were not read",
                _OPEN_QUOTE_HINT)))
            break
        row_number += 1
        if not any(cell.strip() for cell in cells):
            continue
        preview.rows_read += 1
        if preview.rows_read > MAX_IMPORT_ROWS:
            raise CandidateImportError(f"more than {MAX_IMPORT_ROWS:,} rows; split the file")
        reasons = []
        extra = [cell for cell in cells[len(header):] if cell.strip()]
        if extra:
            reasons.append(f"{len(cells)} values but the header has {len(header)} columns "
                           "(a comma inside a value that is not in quotes?)")
        fields = _row_fields(cells, columns)
        candidate, problems = check_candidate(fields)
        reasons.extend(problems)
        if reasons and any(cell.count("\n") > 1 for cell in cells):
            reasons.append(_OPEN_QUOTE_HINT)
        if candidate is not None and not reasons:
            reasons.extend(_duplicate_reasons(candidate, by_email, by_phone))
        if reasons:
            preview.refused.append(RefusedRow(row_number, tuple(reasons)))
            continue
        preview.good.append(ImportedRow(row_number, candidate))
        if candidate.email:
            by_email[email_key(candidate.email)] = f"row {row_number}"
        if candidate.phone:
            by_phone[phone_key(candidate.phone)] = f"row {row_number}"
    return preview


# A quote opened and never closed takes the rows after it into one value.
_OPEN_QUOTE_HINT = ('a value runs over several lines: a quote (") left open may have joined '
                    "the rows after it into this one")


def _duplicate_reasons(candidate: Candidate, by_email: dict[str, str],
                       by_phone: dict[str, str]) -> list[str]:
    reasons = []
    if candidate.email and email_key(candidate.email) in by_email:
        reasons.append(f"the same email as {by_email[email_key(candidate.email)]}")
    if candidate.phone and phone_key(candidate.phone) in by_phone:
        reasons.append(f"the same phone as {by_phone[phone_key(candidate.phone)]}")
    return reasons


def _delimiter(text: str) -> str:
    """The separator of the header line: comma, semicolon (Excel where the
    decimal mark is a comma) or tab, whichever it holds most of."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _header_key(header: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKC", header).casefold()
                   if char.isalnum())


def _match_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and the headers matched to none.

    The first column of a wording wins; a second one is ignored (and listed).
    """
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        name = _HEADER_FIELD.get(_header_key(title))
        if name is None or name in columns:
            if title.strip():
                ignored.append(title.strip())
            continue
        columns[name] = index
    if "name" not in columns and not ("first_name" in columns and "last_name" in columns):
        if "first_name" in columns or "last_name" in columns:
            raise CandidateImportError("the header has a first-name or last-name column but "
                                       "not both; add the other, or a 'Name' column")
        found = ", ".join(repr(title) for title in header if title.strip()) or "nothing"
        raise CandidateImportError(f"no name column in the header row (found {found}); "
                                   "name one 'Name' or 'Full name'")
    if "email" not in columns and "phone" not in columns:
        raise CandidateImportError("no email or phone column in the header row; name one "
                                   "'Email' or 'Phone'")
    return columns, ignored


def _row_fields(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    fields = {name: cell(name) for name in FIELDS}
    if "name" not in columns or not fields["name"].strip():
        fields["name"] = f"{cell('first_name').strip()} {cell('last_name').strip()}"
    return fields
