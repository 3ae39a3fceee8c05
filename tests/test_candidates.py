"""Candidate records and the CSV import: the checks, the header matching, the
encodings spreadsheets write, the duplicates, and `typing-test candidates import`."""

from __future__ import annotations

import json
import unicodedata

import pytest

from typing_test.cli import main
from typing_test.core.screening.candidates import (
    Candidate,
    CandidateImportError,
    KnownContact,
    check_candidate,
    read_candidates_csv,
)
from typing_test.store.database import Store
from typing_test.store.screenings import add_candidate, search_candidates

# ------------------------------------------------------------------ one record

ODD_NAMES = [
    "Nguyễn Thị Minh Khai",
    "李小龍",
    "Siobhán Ó Súilleabháin",
    "Zoë O'Brien-Smith",
    "محمد عبد الله",
    "X Æ A-12",
    "Suharto",  # one name only, as many people have
    "Þórunn Ægisdóttir",
    "Ngozi Okonjo-Iweala",
    "Dr. José María de la Cruz y Álvarez",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_real_names_in_any_script_are_accepted_as_written(name):
    candidate, problems = check_candidate({"name": name, "email": "a@example.com"})
    assert problems == [] and candidate.name == name


def test_a_name_is_tidied_to_nfc_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị\nMinh ")
    candidate, _ = check_candidate({"name": decomposed, "phone": "0917 555 0101"})
    assert candidate.name == "Nguyễn Thị Minh"
    assert candidate.name == unicodedata.normalize("NFC", candidate.name)


@pytest.mark.parametrize("name, problem", [
    ("", "the name is missing"),
    ("   ", "the name is missing"),
    ("12345", "the name '12345' has no letter in it"),
    ("😀😀", "the name '😀😀' has no letter in it"),
    ("Ana\x00Cruz", "the name holds control characters"),
    ("A" * 201, "the name is 201 characters long; the most is 200"),
])
def test_a_missing_or_impossible_name_is_refused(name, problem):
    candidate, problems = check_candidate({"name": name, "email": "a@example.com"})
    assert candidate is None and problems == [problem]


@pytest.mark.parametrize("email", [
    "ana@example.com", "a.b+screening@sub.example.co.uk", "ANA.CRUZ@EXAMPLE.PH",
    "jose.nuñez@example.es",
])
def test_plausible_email_addresses_are_accepted(email):
    assert check_candidate({"name": "Ana", "email": email})[1] == []


@pytest.mark.parametrize("email", [
    "ana@example", "ana example.com", "ana@@example.com", "ana@exa mple.com",
    "ana@example.com, bo@example.com", "@example.com", "ana@example.c",
    "Ana Cruz <ana@example.com>",
])
def test_implausible_email_addresses_are_refused(email):
    assert check_candidate({"name": "Ana", "email": email})[1] == [
        f"email {email!r} is not an address like name@example.com"]


@pytest.mark.parametrize("phone", [
    "+63 917 555 0101", "(02) 8123-4567", "0917.555.0101", "09175550101", "+44 20 7946 0958",
])
def test_phone_numbers_as_people_write_them_are_accepted(phone):
    assert check_candidate({"name": "Ana", "phone": phone})[1] == []


@pytest.mark.parametrize("phone, problem", [
    ("12", "phone '12' has 2 digits; a phone number has 7 to 15"),
    ("+63 917 555 0101 9999", "phone '+63 917 555 0101 9999' has 16 digits; a phone number "
     "has 7 to 15"),
    ("call after 5", "phone 'call after 5' may hold only digits, spaces, + ( ) . / and -"),
    ("6.39176E+11", "phone '6.39176E+11' was turned into a number by the spreadsheet: format "
     "the column as Text and save again"),
])
def test_implausible_phone_numbers_are_refused_with_the_reason(phone, problem):
    assert check_candidate({"name": "Ana", "phone": phone})[1] == [problem]


def test_email_or_phone_is_needed_and_the_optional_fields_are_kept():
    assert check_candidate({"name": "Ana"})[1] == ["an email address or a phone number is needed"]
    candidate, _ = check_candidate({"name": "Ana", "phone": "09175550101",
                                    "hr_reference": " HR-114 ", "role": "Voice",
                                    "notes": "Walk-in.\nPrefers mornings."})
    assert (candidate.hr_reference, candidate.role, candidate.notes) == (
        "HR-114", "Voice", "Walk-in.\nPrefers mornings.")


# ------------------------------------------------------------------ CSV import


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def test_headers_are_matched_whatever_their_case_spacing_and_wording():
    data = csv_bytes("  FULL NAME ,E-mail Address,Mobile No.,Position applied for,Remarks,"
                     "Applicant ID,Source\nAna Cruz,ana@example.com,0917 555 0101,Voice,"
                     "walk-in,A-1,job fair\n")
    preview = read_candidates_csv(data)
    assert preview.columns == {"name": "  FULL NAME ", "email": "E-mail Address",
                               "phone": "Mobile No.", "role": "Position applied for",
                               "notes": "Remarks", "hr_reference": "Applicant ID"}
    assert preview.ignored_columns == ["Source"]
    assert preview.good[0].candidate == Candidate("Ana Cruz", "ana@example.com",
                                                  "0917 555 0101", "A-1", "Voice", "walk-in")


def test_first_and_last_name_columns_make_the_name():
    preview = read_candidates_csv(csv_bytes("First name;Surname;Phone\nAna;Cruz;09175550101\n"))
    assert preview.delimiter == ";"
    assert preview.good[0].candidate.name == "Ana Cruz"


@pytest.mark.parametrize("encoding, prefix, label", [
    ("utf-8", b"", "UTF-8"),
    ("utf-8", b"\xef\xbb\xbf", "UTF-8"),  # Excel's "CSV UTF-8" writes a byte-order mark
    ("cp1252", b"", "Windows-1252"),  # Excel's plain "CSV" on a Western Windows
    ("utf-16", b"", "UTF-16"),  # Excel's "Unicode text" (the codec writes the mark)
])
def test_the_encodings_spreadsheets_write_are_read(encoding, prefix, label):
    text = "Name,Email\r\nZoë Ångström,zoe@example.com\r\nJosé Núñez,jose@example.com\r\n"
    preview = read_candidates_csv(prefix + text.encode(encoding))
    assert preview.encoding == label
    assert [row.candidate.name for row in preview.good] == ["Zoë Ångström", "José Núñez"]
    assert preview.columns["name"] == "Name"  # the mark is not part of the first header


def test_a_tab_separated_file_is_read():
    preview = read_candidates_csv(csv_bytes("Name\tPhone\nAna Cruz\t0917 555 0101\n"))
    assert preview.delimiter == "\t" and len(preview.good) == 1


def test_refused_rows_carry_their_spreadsheet_row_number_and_every_reason():
    data = csv_bytes(
        "Name,Email,Phone,Notes\n"
        "Ana Cruz,ana@example.com,,\n"          # row 2
        ",,,\n"                                 # row 3: blank, skipped
        "Bo,bo@example,12,\n"                   # row 4
        'Cy Diaz,cy@example.com,,"two\nlines"\n'  # row 5 (a quoted line break)
        "Dee Ek,dee@example.com,,note,extra\n"   # row 6
        "Fay,,,\n"                              # row 7
    )
    preview = read_candidates_csv(data)
    assert preview.rows_read == 5
    assert [row.row for row in preview.good] == [2, 5]
    assert preview.good[1].candidate.notes == "two\nlines"
    assert [(row.row, row.reasons) for row in preview.refused] == [
        (4, ("email 'bo@example' is not an address like name@example.com",
             "phone '12' has 2 digits; a phone number has 7 to 15")),
        (6, ("5 values but the header has 4 columns (a comma inside a value that is not in "
             "quotes?)",)),
        (7, ("an email address or a phone number is needed",)),
    ]


def test_a_quote_left_open_is_pointed_out_where_it_swallowed_the_rows_after_it():
    rows = "".join(f"Person {n},p{n}@example.com\n" for n in range(3, 40))
    preview = read_candidates_csv(csv_bytes(
        'Name,Email\nAna Cruz,ana@example.com\n"Bo Diaz,bo@example.com\n' + rows))
    assert [row.row for row in preview.good] == [2]
    (refused,) = preview.refused
    assert refused.row == 3
    assert refused.reasons[-1] == ('a value runs over several lines: a quote (") left open may '
                                   "have joined the rows after it into this one")


def test_a_row_the_csv_reader_cannot_read_stops_the_preview_and_says_so():
    huge = "x" * 200_000  # past the csv module's limit on one value
    preview = read_candidates_csv(csv_bytes(
        f'Name,Email\nAna Cruz,ana@example.com\n"{huge}\nBo,bo@example.com\n'))
    assert [row.row for row in preview.good] == [2]
    (refused,) = preview.refused
    assert refused.row == 3
    assert refused.reasons[0].startswith("cannot be read (field larger than field limit")
    assert refused.reasons[0].endswith("the rows after it were not read")


def test_duplicates_within_the_file_are_reported_against_the_first_row():
    data = csv_bytes("Name,Email,Phone\n"
                     "Ana Cruz,ana@example.com,+63 917 555 0101\n"
                     "Ana M. Cruz,ANA@Example.com,\n"
                     "Ben Cruz,,0063-917-555-0101\n"
                     "Ben Cruz,,(63) 917 555 0101\n")
    preview = read_candidates_csv(data)
    assert [row.row for row in preview.good] == [2, 4]
    assert [(row.row, row.reasons) for row in preview.refused] == [
        (3, ("the same email as row 2",)),
        (5, ("the same phone as row 2",)),
    ]


def test_duplicates_of_existing_candidates_are_reported_by_name():
    existing = [KnownContact("id-1", "Ana Cruz", "ana@example.com", "639175550101")]
    preview = read_candidates_csv(
        csv_bytes("Name,Email,Phone\nAna,ana@EXAMPLE.com,\nAnna,,+63 917 555 0101\n"), existing)
    assert preview.good == []
    assert [row.reasons for row in preview.refused] == [
        ("the same email as Ana Cruz, already a candidate",),
        ("the same phone as Ana Cruz, already a candidate",),
    ]


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"Email,Phone\na@example.com,\n", "no name column in the header row (found 'Email', "
     "'Phone'); name one 'Name' or 'Full name'"),
    (b"Name,Role\nAna,Voice\n", "no email or phone column in the header row"),
    (b"First name,Email\nAna,a@example.com\n", "a first-name or last-name column but not both"),
    (b"PK\x03\x04\x00\x00binary", "not a text file (it holds NUL bytes): save the sheet as CSV"),
    (b"Name,Email\nAna\x81\x8d,a@example.com\n", "neither UTF-8 nor Windows-1252"),
])
def test_a_file_that_cannot_be_used_at_all_says_why_in_one_line(data, message):
    with pytest.raises(CandidateImportError) as raised:
        read_candidates_csv(data)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_ten_thousand_rows_are_previewed_and_their_duplicates_found():
    lines = ["Name,Email,Phone"]
    for index in range(10_000):
        lines.append(f"Candidate Ñame {index},c{index}@example.com,+63 917 {index:07d}")
    lines.append("Late Duplicate,c42@example.com,")
    preview = read_candidates_csv("\n".join(lines).encode())
    assert (preview.rows_read, len(preview.good)) == (10_001, 10_000)
    assert [(row.row, row.reasons) for row in preview.refused] == [
        (10_002, ("the same email as row 44",))]


# ------------------------------------------------------------------------ CLI


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


APPLICANTS = ("Full name,E-mail,Mobile,Role\n"
              "Ana Cruz,ana@example.com,,Back office\n"
              "Bo,,12,\n"
              "Zoë Ångström,zoe@example.com,+46 8 123 456 78,Voice\n")


def test_a_dry_run_reports_and_stores_nothing(tmp_path, capsys):
    path = tmp_path / "applicants.csv"
    path.write_text(APPLICANTS, encoding="utf-8-sig")
    db = tmp_path / "hr.db"
    code, out, err = run(capsys, "--db", str(db), "candidates", "import", str(path), "--dry-run")
    assert code == 0
    assert "rows read      3" in out and "rows to import 2" in out and "rows refused   1" in out
    assert "  row 3: phone '12' has 2 digits; a phone number has 7 to 15" in out
    assert "nothing was stored" in err
    store = Store.open(db)
    assert search_candidates(store).total == 0


def test_an_import_stores_the_good_rows_and_a_second_run_finds_them_all_present(tmp_path,
                                                                                  capsys):
    path = tmp_path / "applicants.csv"
    path.write_text(APPLICANTS, encoding="utf-8")
    db = tmp_path / "hr.db"
    code, out, _ = run(capsys, "candidates", "import", str(path), "--db", str(db), "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["rows_read"], report["imported"], report["rows_refused"]) == (3, 2, 1)
    assert report["refused"] == [{"row": 3, "reasons": [
        "phone '12' has 2 digits; a phone number has 7 to 15"]}]
    store = Store.open(db)
    assert [row["name"] for row in search_candidates(store).rows] == ["Ana Cruz", "Zoë Ångström"]
    assert search_candidates(store, "zoe").rows[0]["role"] == "Voice"
    store.close()
    code, out, _ = run(capsys, "--db", str(db), "candidates", "import", str(path), "--json")
    report = json.loads(out)
    assert (code, report["imported"], report["rows_refused"]) == (0, 0, 3)
    assert report["refused"][0]["reasons"] == ["the same email as Ana Cruz, already a candidate"]


@pytest.mark.parametrize("content, message", [
    (None, "candidates file not found"),
    (b"\x00\x01\x02", "not a text file"),
    (b"Email\nx@example.com\n", "no name column"),
])
def test_an_unreadable_file_exits_2_with_one_line(tmp_path, capsys, content, message):
    path = tmp_path / "applicants.csv"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(tmp_path / "hr.db"), "candidates", "import",
                         str(path))
    assert code == 2 and out == ""
    assert err.startswith("typing-test: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_the_import_command_sees_candidates_added_in_the_app(tmp_path, capsys):
    db = tmp_path / "hr.db"
    store = Store.open(db)
    add_candidate(store, Candidate("Ana Cruz", email="ana@example.com"))
    store.close()
    path = tmp_path / "applicants.csv"
    path.write_text("Name,Email\nAna,ana@example.com\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db), "candidates", "import", str(path))
    assert code == 0 and "rows imported  0" in out
    assert "row 2: the same email as Ana Cruz, already a candidate" in out
