"""Tests for finding and masking Swedish personnummer and samordningsnummer in free text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit_app.domain.identity_numbers import (
    IdentityNumberMatch,
    contains_identity_number,
    false_positive_rate,
    find_identity_numbers,
    mask_identity_numbers,
)

# ---------------------------------------------------------------------------------------------
# Published test numbers. Every literal identity number in this file comes from Skatteverket's
# open-data test series ("Testpersonnummer" and "Testsamordningsnummer", CC0, published on
# dataportal.se / skatteverket.entryscape.net) and belongs to no real person:
#   19121212-1212  Tolvan Tolvansson, the classic test number
#   1903-04 series (birth numbers 980/981), 2019 series (birth numbers 238/239),
#   201701012393 (commonly used as the BankID test number),
#   samordningsnummer from the 2026 file and from the 1914-2019 file.
# Everything else is SYNTHETIC and built at test time by ``synthetic()`` below, never written
# down as a literal identity number.
# ---------------------------------------------------------------------------------------------

TOLVAN = "191212121212"
PUBLISHED_PERSONNUMMER = [
    TOLVAN,
    "190308189802",
    "190312049802",
    "190401149810",
    "201901012391",
    "201902242393",
    "201906112386",
    "201701012393",
]
PUBLISHED_SAMORDNINGSNUMMER = [
    "202601612381",  # day field 61 -> born 2026-01-01
    "202601622380",
    "202601912393",  # day field 91 -> born 2026-01-31
    "191401682396",  # born 1914-01-08
    "191406652386",
]


def luhn_check_digit(nine_digits: str) -> str:
    """The Luhn check digit for YYMMDDNNN (written independently of the module under test)."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def synthetic(yyyymmdd: str, birth_number: str = "980") -> str:
    """SYNTHETIC: a 12-digit number with a correct Luhn digit for any (even impossible) date."""
    assert len(yyyymmdd) == 8 and len(birth_number) == 3
    return yyyymmdd + birth_number + luhn_check_digit(yyyymmdd[2:] + birth_number)


def wrong_check_digit(twelve: str) -> str:
    """The same number with its check digit changed, so the Luhn check fails."""
    return twelve[:-1] + str((int(twelve[-1]) + 1) % 10)


def forms(twelve: str, *, plus: bool) -> list[str]:
    """All written forms of a 12-digit number; the short dashed form gets ``+`` if ``plus``."""
    short_sep = "+" if plus else "-"
    return [
        twelve,
        f"{twelve[:8]}-{twelve[8:]}",
        twelve[2:],
        f"{twelve[2:8]}{short_sep}{twelve[8:]}",
    ]


def is_centenarian_form(twelve: str) -> bool:
    """Whether the published number's bearer would be written with ``+`` (born before 1926)."""
    return int(twelve[:4]) < 1926


def only(text: str) -> IdentityNumberMatch:
    matches = find_identity_numbers(text)
    assert len(matches) == 1, matches
    return matches[0]


# --- forms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "191212121212",
        "19121212-1212",
        "1212121212",
        "121212-1212",
        "121212+1212",
        "19121212+1212",
    ],
)
def test_tolvan_is_found_in_every_separator_and_century_form(written: str) -> None:
    match = only(written)
    assert match == IdentityNumberMatch(written, 0, len(written), "personnummer")


@pytest.mark.parametrize("twelve", PUBLISHED_PERSONNUMMER)
def test_published_personnummer_in_all_forms(twelve: str) -> None:
    for written in forms(twelve, plus=is_centenarian_form(twelve)):
        match = only(f"x {written} y")
        assert (match.text, match.start, match.kind) == (written, 2, "personnummer")


@pytest.mark.parametrize("twelve", PUBLISHED_SAMORDNINGSNUMMER)
def test_published_samordningsnummer_in_all_forms(twelve: str) -> None:
    for written in forms(twelve, plus=is_centenarian_form(twelve)):
        match = only(written)
        assert match.kind == "samordningsnummer", written
        assert match.text == written


def test_plus_form_of_a_1903_number_and_dash_form_of_a_2019_number() -> None:
    assert only("031204+9802").kind == "personnummer"
    assert only("190101-2391").kind == "personnummer"


# --- invalid numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("twelve", PUBLISHED_PERSONNUMMER + PUBLISHED_SAMORDNINGSNUMMER)
def test_invalid_luhn_is_not_a_match_in_any_form(twelve: str) -> None:
    broken = wrong_check_digit(twelve)
    for written in forms(broken, plus=True) + forms(broken, plus=False):
        assert find_identity_numbers(written) == [], written


@pytest.mark.parametrize(
    "yyyymmdd",
    [
        "19990230",  # 30 February
        "19991301",  # month 13
        "19990001",  # month 00
        "19990100",  # day 00
        "19990132",  # day 32
        "19990431",  # 31 April
        "19990160",  # coordination day field 60 = day 0
        "19990192",  # coordination day field 92 = day 32
        "19990290",  # coordination 30 February
        "19990491",  # coordination 31 April
        "21000101",  # century 21 is not a birth year of anyone on file
        "17991231",  # nor is century 17
    ],
)
def test_invalid_dates_are_rejected_even_with_a_correct_check_digit(yyyymmdd: str) -> None:
    twelve = synthetic(yyyymmdd)
    assert find_identity_numbers(twelve) == []
    assert find_identity_numbers(f"{twelve[:8]}-{twelve[8:]}") == []
    if yyyymmdd[:2] in {"19", "20", "18"}:
        for written in forms(twelve, plus=True) + forms(twelve, plus=False):
            assert find_identity_numbers(written) == [], written


# --- leap days ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written_from", "expected"),
    [
        # (how to write the synthetic number, is it a valid identity number)
        (("20000229", "12"), True),  # 2000 is a leap year
        (("19000229", "12"), False),  # 1900 is not
        (("19040229", "12"), True),
        (("20230229", "12"), False),
        (("20000289", "12"), True),  # samordningsnummer on a leap day
        (("19000289", "12"), False),
        (("20000229", "-"), True),  # 000229-: 2000 (or 1900), 2000 is leap
        (("20000229", ""), True),
        (("20000229", "+"), False),  # 000229+: 1800 or 1900, neither is leap
        (("19040229", "+"), True),  # 040229+: 1904 is leap
        (("19040229", "-"), True),  # 040229-: 1904 or 2004, both leap
        (("20010229", "-"), False),  # 01 is never leap
        (("20010229", "+"), False),
        (("20010229", ""), False),
    ],
)
def test_leap_days(written_from: tuple[str, str], expected: bool) -> None:
    yyyymmdd, form = written_from
    twelve = synthetic(yyyymmdd)
    written = twelve if form == "12" else f"{twelve[2:8]}{form}{twelve[8:]}"
    assert contains_identity_number(written) is expected, written


# --- embedding ----------------------------------------------------------------------------------


def test_embedded_in_swedish_sentences_with_exact_spans() -> None:
    text = (
        "Klienten (pnr 19121212-1212) kontaktade socialtjänsten.\n"
        "Medsökande har samordningsnummer 140168-2396, se även 201701012393."
    )
    matches = find_identity_numbers(text)
    assert [(m.text, m.kind) for m in matches] == [
        ("19121212-1212", "personnummer"),
        ("140168-2396", "samordningsnummer"),
        ("201701012393", "personnummer"),
    ]
    for match in matches:
        assert text[match.start : match.end] == match.text


@pytest.mark.parametrize(
    "text",
    [
        "121212-1212",
        "Pnr:121212-1212.",
        "Födelsedatum/pnr 121212-1212, bor i Malmö.",
        "ärende\t1212121212\nnästa rad",
        "(191212121212)",
        "barnet,121212+1212;",
        "Åsa121212-1212ö",
    ],
)
def test_punctuation_and_letters_around_a_number_do_not_hide_it(text: str) -> None:
    assert contains_identity_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "0701234567890123",  # part of a longer digit run
        "1" + TOLVAN,
        TOLVAN + "0",
        "3" + TOLVAN[2:],  # 11 digits
        TOLVAN[2:] + "99",  # 12 digits but not a valid 12-digit form
        "121212-12120",
        "9121212-1212",
    ],
)
def test_a_number_inside_a_longer_run_of_digits_is_not_a_match(text: str) -> None:
    assert find_identity_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "070-123 45 67",
        "08-508 000 00",
        "0701234567",
        "+46 70 123 45 67",
        "+46701234567",
        "Beslut 2024-03-15, uppföljning 2024-06-30.",
        "HV-07",
        "Dnr SN 2024/123-7",
        "",
    ],
)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert find_identity_numbers(text) == []
    assert mask_identity_numbers(text) == text


# --- masking ------------------------------------------------------------------------------------


def test_mask_replaces_each_number_with_a_same_length_mask() -> None:
    text = "Pnr 19121212-1212 och 140168+2396, tel 070-123 45 67; även 1212121212."
    masked = mask_identity_numbers(text)
    assert masked == "Pnr ********-**** och ******-****, tel 070-123 45 67; även **********."
    assert len(masked) == len(text)
    assert not contains_identity_number(masked)


def test_match_is_frozen() -> None:
    match = only(TOLVAN)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 3  # type: ignore[misc]


# --- false-positive rate --------------------------------------------------------------------------


def test_false_positive_rate_counts_flagged_samples() -> None:
    assert false_positive_rate([]) == 0.0
    assert false_positive_rate(["hej", "pnr 121212-1212", "070-123 45 67", "x"]) == 0.25
    assert false_positive_rate(iter(["121212-1212"])) == 1.0


def _digits(rng: random.Random, count: int, *, first_nonzero: bool = False) -> str:
    first = str(rng.randint(1, 9)) if first_nonzero else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in range(count - 1))


def _mobile(rng: random.Random, style: int) -> str:
    """A Swedish mobile number (07X + 7 digits) written in one of the common styles."""
    operator = rng.choice("02369")
    s = _digits(rng, 7)
    styles = [
        f"07{operator}-{s[:3]} {s[3:5]} {s[5:]}",
        f"07{operator} {s[:3]} {s[3:5]} {s[5:]}",
        f"07{operator}-{s}",
        f"07{operator}{s}",
        f"+46 7{operator} {s[:3]} {s[3:5]} {s[5:]}",
        f"+467{operator}{s}",
        f"07{operator}-{s[:3]} {s[3:]}",
    ]
    return styles[style % len(styles)]


def _landline(rng: random.Random, style: int) -> str:
    """A Swedish landline number (area code + subscriber number) in one of the common styles."""
    area = rng.choice(["8", "31", "40", "18", "13", "90", "470", "980", "920", "611"])
    length = {1: 8, 2: 7, 3: 6}[len(area)] - rng.randint(0, 1)
    s = _digits(rng, length, first_nonzero=True)
    grouped = {
        8: f"{s[:3]} {s[3:6]} {s[6:]}",
        7: f"{s[:3]} {s[3:5]} {s[5:]}",
        6: f"{s[:2]} {s[2:4]} {s[4:]}",
        5: f"{s[:3]} {s[3:]}",
    }[length]
    styles = [
        f"0{area}-{grouped}",
        f"0{area} {grouped}",
        f"0{area}-{s}",
        f"0{area}{s}",
        f"+46 {area} {grouped}",
        f"(0{area}) {grouped}",
    ]
    return styles[style % len(styles)]


def _iso_date(rng: random.Random) -> str:
    day = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 80 * 365))
    return day.isoformat()


SENTENCES = [
    "{}",
    "Ring {} efter kl. 15.",
    "Tel: {}",
    "Kontakt via mobil {}, alt. e-post.",
]


def ordinary_samples(rng: random.Random) -> list[str]:
    """Phone numbers (mobile and landline, many styles) and ISO dates, some inside sentences."""
    samples: list[str] = []
    for i in range(140):
        samples.append(SENTENCES[i % len(SENTENCES)].format(_mobile(rng, i)))
    for i in range(120):
        samples.append(SENTENCES[i % len(SENTENCES)].format(_landline(rng, i)))
    for i in range(60):
        date = _iso_date(rng)
        samples.append(date if i % 2 else f"Beslut fattat {date}, verkställt {_iso_date(rng)}.")
    return samples


def test_false_positive_rate_on_phone_numbers_and_iso_dates_is_below_five_percent() -> None:
    samples = ordinary_samples(random.Random(20240315))
    assert len(samples) >= 200
    rate = false_positive_rate(samples)
    flagged = [s for s in samples if contains_identity_number(s)]
    print(f"\nfalse-positive rate over {len(samples)} phone numbers/ISO dates: {rate:.2%}")
    print(f"flagged: {flagged}")
    assert rate < 0.05


def test_measured_ambiguity_of_unseparated_ten_digit_mobile_numbers() -> None:
    """A bare 07XXXXXXXX can pass date + Luhn by chance; that is a true ambiguity, measured here."""
    rng = random.Random(70)
    mobiles = [_mobile(rng, 3) for _ in range(2000)]
    only_070 = [f"070{_digits(rng, 7)}" for _ in range(2000)]
    rate_all = false_positive_rate(mobiles)
    rate_070 = false_positive_rate(only_070)
    print(f"\nunseparated 07X mobile numbers flagged: {rate_all:.2%}; 070 only: {rate_070:.2%}")
    # Only 070 numbers can form a month (01-09); ~60 % of those have a possible day and
    # one in ten of those passes Luhn, so about 5-6 % of bare 070 numbers are ambiguous.
    assert rate_070 < 0.10
    assert rate_all < 0.05


# --- properties ---------------------------------------------------------------------------------


@given(st.text())
def test_find_never_raises_and_results_are_consistent(text: str) -> None:
    matches = find_identity_numbers(text)
    previous_end = 0
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert match.start >= previous_end
        assert match.kind in {"personnummer", "samordningsnummer"}
        previous_end = match.end
    assert contains_identity_number(text) is bool(matches)
    masked = mask_identity_numbers(text)
    assert len(masked) == len(text)
    assert not contains_identity_number(masked)


@given(st.text(alphabet="0123456789-+ \n", max_size=60))
def test_digit_heavy_text_never_raises(text: str) -> None:
    for match in find_identity_numbers(text):
        assert text[match.start : match.end] == match.text


letters = st.text(alphabet=st.characters(categories=("Lu", "Ll")), max_size=20)


@st.composite
def written_valid_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """SYNTHETIC: a valid number written in a form consistent with its century, and its kind."""
    born = draw(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)))
    coordination = draw(st.booleans())
    day_field = born.day + (60 if coordination else 0)
    twelve = synthetic(
        f"{born.year:04d}{born.month:02d}{day_field:02d}",
        f"{draw(st.integers(min_value=0, max_value=999)):03d}",
    )
    choices = [twelve, f"{twelve[:8]}-{twelve[8:]}", twelve[2:]]
    if born.year < 2000:
        choices.append(f"{twelve[2:8]}+{twelve[8:]}")
    if born.year >= 1900:
        choices.append(f"{twelve[2:8]}-{twelve[8:]}")
    return draw(st.sampled_from(choices)), "samordningsnummer" if coordination else "personnummer"


@given(written_valid_numbers(), letters, letters)
def test_every_valid_number_is_found_inside_random_letters(
    number: tuple[str, str], before: str, after: str
) -> None:
    written, kind = number
    text = before + written + after
    assert find_identity_numbers(text) == [
        IdentityNumberMatch(written, len(before), len(before) + len(written), kind)
    ]
    assert (
        mask_identity_numbers(text)
        == before + "".join("*" if c.isdigit() else "-" for c in written) + after
    )
