"""Made-up candidates for demonstration databases (``typing-test demo-data``).

Names are drawn from common given names and family names of ten countries
where back-office and contact-centre staff are hired, paired at random, so a
name is plausible but belongs to nobody in particular. Contact details are
unreachable on purpose:

- every email address is at ``example.com``, ``example.net`` or
  ``example.org``, the domains reserved for examples (RFC 2606);
- phone numbers are given only to candidates from the two countries that
  reserve numbers for fiction: the UK (07700 900000 to 900999, Ofcom's
  numbers for drama) and the US (555-0100 to 555-0199 in any area code);
  the others give an email address only.

Every demo candidate's HR reference starts with ``DEMO-`` and their notes say
they are demonstration data, so HR never mistakes one for an applicant and
``demo-data`` can tell its own results from real ones.

>>> import random
>>> people = DemoPeople(random.Random(1))
>>> person = people.candidate(1, "voice")
>>> person.hr_reference, person.role, person.email.endswith(
...     ("@example.com", "@example.net", "@example.org"))
('DEMO-00001', 'Customer service representative (voice)', True)
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from typing_test.core.screening.candidates import Candidate, email_key, phone_key

DEMO_REFERENCE_PREFIX = "DEMO-"
DEMO_NOTE = "Demonstration data made by typing-test demo-data; not a real applicant."

# The job applied for, per preset battery id: what a job advert would call it.
ROLES = {
    "back-office": ("Data entry clerk (back office)", "Claims processor (non-voice)",
                    "Accounts processing associate (back office)"),
    "semi-voice": ("Chat and email support agent (semi-voice)",
                   "Email support associate (semi-voice)"),
    "voice": ("Customer service representative (voice)", "Inbound call agent (voice)"),
    "team-leader": ("Team leader, back office", "Operations team leader"),
}


@dataclass(frozen=True)
class _Country:
    given: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False  # Vietnamese names: family name, middle name, given name
    phone: str = ""  # "uk" or "us": a country with numbers reserved for fiction


COUNTRIES: dict[str, _Country] = {
    "Philippines": _Country(
        ("Maria", "Jose", "Angelica", "Mark", "Kristine", "John Paul", "Jericho", "Camille",
         "Rowena", "Ramil", "Lovely", "Carlo", "Joanna", "Rhea", "Arnel"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Villanueva",
         "Dela Cruz", "Aquino", "Castillo", "Navarro", "Manalo", "Pascual", "Soriano")),
    "India": _Country(
        ("Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan", "Deepika",
         "Sanjay", "Meera", "Aditya", "Pooja", "Karthik", "Nisha"),
        ("Sharma", "Iyer", "Patel", "Reddy", "Nair", "Gupta", "Menon", "Singh", "Rao",
         "Kulkarni", "Desai", "Banerjee", "Pillai", "Joshi", "Chatterjee")),
    "Nigeria": _Country(
        ("Chinedu", "Ngozi", "Oluwaseun", "Aisha", "Emeka", "Funmilayo", "Ibrahim", "Chiamaka",
         "Tunde", "Blessing", "Yusuf", "Adaeze", "Segun", "Halima", "Obinna"),
        ("Okafor", "Adeyemi", "Balogun", "Eze", "Okonkwo", "Bello", "Nwosu", "Adebayo",
         "Ogunleye", "Chukwu", "Abubakar", "Olawale", "Obi", "Danjuma", "Afolabi")),
    "Kenya": _Country(
        ("Brian", "Faith", "Kevin", "Mercy", "Dennis", "Esther", "Collins", "Purity", "Victor",
         "Caroline", "Ian", "Joy", "Samuel", "Grace", "Felix"),
        ("Otieno", "Kamau", "Wanjiru", "Mwangi", "Ochieng", "Kiprono", "Njoroge", "Achieng",
         "Mutua", "Chebet", "Odhiambo", "Kariuki", "Wambui", "Onyango", "Kiptoo")),
    "Egypt": _Country(
        ("Ahmed", "Mariam", "Omar", "Nour", "Youssef", "Salma", "Mostafa", "Yasmin", "Karim",
         "Habiba", "Mahmoud", "Aya", "Tarek", "Rana", "Hassan"),
        ("Hassan", "Ibrahim", "Mahmoud", "Abdelrahman", "El-Sayed", "Mostafa", "Fathy",
         "Soliman", "Kamel", "Farouk", "Ashour", "Saleh", "Nasser", "Hamdy", "Abdallah")),
    "Mexico": _Country(
        ("Alejandro", "Sofía", "Diego", "Valeria", "Javier", "Camila", "Luis", "Fernanda",
         "Andrés", "Lucía", "Miguel", "Daniela", "Carlos", "Mariana", "Pablo"),
        ("Hernández", "García", "Martínez", "López", "González", "Ramírez", "Torres", "Flores",
         "Rivera", "Gómez", "Morales", "Ortiz", "Castro", "Ruiz", "Vargas")),
    "Poland": _Country(
        ("Jakub", "Zofia", "Mateusz", "Maja", "Piotr", "Aleksandra", "Kacper", "Natalia",
         "Tomasz", "Wiktoria", "Michał", "Agnieszka", "Paweł", "Katarzyna", "Łukasz"),
        # Family names that do not change with the bearer's sex (not -ski/-ska).
        ("Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając",
         "Król", "Wieczorek", "Pawlak", "Michalak", "Sikora", "Baran", "Duda")),
    "Vietnam": _Country(
        ("Thị Lan", "Văn Minh", "Thu Hà", "Quốc Bảo", "Ngọc Anh", "Đức Huy", "Thanh Tâm",
         "Minh Châu", "Hoàng Nam", "Bảo Ngọc", "Thị Hương", "Văn Long"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Huỳnh"),
        family_first=True),
    "United Kingdom": _Country(
        ("Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Chloe", "Thomas",
         "Hannah", "Callum", "Megan", "Rhys", "Eleanor", "Aidan"),
        ("Smith", "Taylor", "Hughes", "Evans", "Walker", "Wright", "Thompson", "Robinson",
         "Wood", "Clarke", "Jenkins", "Morgan", "Hall", "Turner", "Bennett"),
        phone="uk"),
    "United States": _Country(
        ("Jessica", "Tyler", "Brianna", "Marcus", "Ashley", "Jordan", "Kayla", "Derek",
         "Alyssa", "Brandon", "Destiny", "Austin", "Trevor", "Jasmine", "Dylan"),
        ("Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Jackson",
         "Harris", "Martin", "Lee", "Young", "King", "Scott", "Green"),
        phone="us"),
}
# US area codes in use (555-0100 to 0199 is fictional in every one of them).
_US_AREA_CODES = ("212", "213", "312", "415", "469", "512", "602", "617", "702", "713",
                  "754", "786", "801", "813", "832", "901", "917", "949", "972", "980")
_DOMAINS = ("example.com", "example.net", "example.org")


def ascii_name(text: str) -> str:
    """A name as an email address's local part may hold it: accents dropped,
    lower case, letters only ("Łukasz" -> "lukasz", "Dela Cruz" -> "delacruz").

    >>> ascii_name("Đặng"), ascii_name("El-Sayed"), ascii_name("Łukasz")
    ('dang', 'elsayed', 'lukasz')
    """
    text = text.replace("Đ", "D").replace("đ", "d").replace("Ł", "L").replace("ł", "l")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z]", "", plain.lower())


class DemoPeople:
    """Draws demo candidates from ``rng``, never two with the same email or
    phone (nor one that ``taken_emails``/``taken_phones`` already hold, as
    ``email_key``/``phone_key`` give them)."""

    def __init__(self, rng: random.Random, taken_emails: set[str] | None = None,
                 taken_phones: set[str] | None = None):
        self._rng = rng
        self._emails = set(taken_emails or ())
        self._phones = set(taken_phones or ())

    def candidate(self, number: int, preset: str) -> Candidate:
        """Demo candidate number ``number`` (1, 2, ...), applying for a job
        that ``preset`` (a preset battery id) screens for."""
        rng = self._rng
        country_name = rng.choice(list(COUNTRIES))
        country = COUNTRIES[country_name]
        given, family = rng.choice(country.given), rng.choice(country.family)
        name = f"{family} {given}" if country.family_first else f"{given} {family}"
        phone = self._phone(country.phone) if country.phone else ""
        # A few with a phone give no email, as on a paper application form.
        email = "" if phone and rng.random() < 0.25 else self._email(given, family)
        notes = f"{DEMO_NOTE} From {country_name}."
        return Candidate(name=name, email=email, phone=phone,
                         hr_reference=f"{DEMO_REFERENCE_PREFIX}{number:05d}",
                         role=rng.choice(ROLES[preset]), notes=notes)

    def _email(self, given: str, family: str) -> str:
        rng = self._rng
        first, last = ascii_name(given.split()[-1]), ascii_name(family)
        styles = (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{last}.{first}")
        local = rng.choice(styles)
        domain = rng.choice(_DOMAINS)
        address = f"{local}@{domain}"
        while email_key(address) in self._emails:  # a namesake: add digits, as people do
            address = f"{local}{rng.randint(1, 9999)}@{domain}"
        self._emails.add(email_key(address))
        return address

    def _phone(self, kind: str) -> str:
        """A fictional number, or "" when the reserved range is used up."""
        rng = self._rng
        for _ in range(50):
            if kind == "uk":
                number = f"07700 900{rng.randint(0, 999):03d}"
            else:
                number = f"+1 ({rng.choice(_US_AREA_CODES)}) 555-01{rng.randint(0, 99):02d}"
            if phone_key(number) not in self._phones:
                self._phones.add(phone_key(number))
                return number
        return ""
