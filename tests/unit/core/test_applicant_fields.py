"""The applicant's fields: the rule the screen hints with is the rule the reception enforces."""

from __future__ import annotations

import pytest

from desk_app.core.applicant_fields import email_problem, field_problems, id_problem, phone_problem
from desk_app.core.dossier import Applicant, ApplicantKind
from desk_app.core.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("001090123456", True),  # CCCD, Hà Nội, male born in the 1900s
        ("079198001234", True),
        ("00109012345", False),  # 11 digits: printed on a receipt before this rule
        ("999090123456", False),  # not a province code
        ("012345678", True),  # the old CMND
        ("C1234567", True),  # a Vietnamese passport
        ("X12345678", True),  # a foreigner's passport
        ("12345", False),
        ("ABCDEFGHIJ", False),
        ("", True),  # none given: not this rule's business
    ],
)
def test_identity_numbers(text: str, ok: bool) -> None:
    assert (id_problem(text) == "") is ok


def test_an_organisation_gives_its_tax_code() -> None:
    assert id_problem("0312345678", person=False) == ""
    assert id_problem("0312345678-001", person=False) == ""
    assert id_problem("031234567", person=False)


def test_phone_and_email() -> None:
    assert phone_problem("0901 234 567") == ""
    assert phone_problem("+84901234567") == ""
    assert phone_problem("09012") != ""
    assert email_problem("ten@gmail.com") == ""
    assert email_problem("ten@gmail") != ""


def test_every_problem_at_once_in_the_forms_order() -> None:
    problems = field_problems("", "00109012345", "12", "x@", person=True)
    assert list(problems) == ["name", "id_number", "phone", "email"]


def test_the_reception_refuses_what_the_screen_marks() -> None:
    with pytest.raises(InvalidInput, match="12 chữ số"):
        Applicant("Nguyễn Văn Bình", ApplicantKind.PERSON, "00109012345").normalised()
    assert Applicant("Nguyễn Văn Bình", ApplicantKind.PERSON, "c1234567").normalised().id_number == "C1234567"
