"""Telling a scanner's burst from typing, and what a payload is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.scan import BurstDetector, ScanKind, classify

CODE = "000.00.19.H57-261120-1001"
CARD = "001090123456|012345678|Nguyễn Văn Bình|01011990|Nam|Phường Bến Nghé, Quận 1|15042021"


def feed(detector: BurstDetector, text: str, gap_ms: float, start: float = 0.0) -> float:
    now = start
    for ch in text:
        now += gap_ms
        detector.feed(ch, now)
    return now


def test_a_fast_burst_ending_in_enter_is_a_scan() -> None:
    detector = BurstDetector()
    end = feed(detector, CODE, 5)
    assert detector.finish(end + 5) == CODE


def test_typing_is_not_a_scan_even_when_long() -> None:
    detector = BurstDetector()
    end = feed(detector, "Nguyễn Văn Bình ở Phú Mỹ", 120)
    assert detector.finish(end + 120) is None


def test_a_short_fast_word_is_not_a_scan() -> None:
    detector = BurstDetector()
    end = feed(detector, "abc", 5)
    assert detector.finish(end + 5) is None


def test_a_pause_restarts_the_candidate() -> None:
    detector = BurstDetector()
    now = feed(detector, "typed by hand", 150)
    assert detector.feed(CODE[0], now + 500)  # a new burst begins
    now = feed(detector, CODE[1:], 4, now + 500)
    assert detector.finish(now + 4) == CODE


def test_input_method_replacements_edit_the_burst() -> None:
    detector = BurstDetector()
    now = feed(detector, "Nguyeenx Vaa", 3)
    detector.replace_last(2, "â", now + 3)
    assert detector.finish(now + 6) == "Nguyeenx Vâ"


def test_reset_forgets() -> None:
    detector = BurstDetector()
    now = feed(detector, CODE, 3)
    detector.reset()
    assert detector.finish(now + 3) is None


@given(
    st.text(min_size=8, max_size=40).filter(lambda t: t.isprintable()), st.floats(min_value=85, max_value=400)
)
def test_nothing_typed_at_human_speed_is_a_scan(text: str, gap: float) -> None:
    detector = BurstDetector()
    end = feed(detector, text, gap)
    assert detector.finish(end + gap) is None


def test_classify_payloads() -> None:
    assert classify(CODE).kind is ScanKind.DOSSIER_CODE
    assert classify(CODE.lower()).code == CODE
    slip = classify(f"OSD1|{CODE}|desk-1|abcdef")
    assert slip.kind is ScanKind.SLIP_QR
    assert slip.code == CODE
    card = classify(CARD)
    assert card.kind is ScanKind.CITIZEN_CARD
    assert card.card is not None
    assert card.card.full_name == "Nguyễn Văn Bình"
    assert classify("BG-2026-0001").kind is ScanKind.HANDOVER_BATCH
    assert classify("hello world").kind is ScanKind.UNKNOWN


def test_classify_explains_bad_payloads() -> None:
    bad_day = classify("000.00.19.H57-261340-1001")
    assert bad_day.kind is ScanKind.UNKNOWN
    assert bad_day.problem
    bad_card = classify("12|x")
    assert bad_card.kind is ScanKind.UNKNOWN
    assert bad_card.problem
    bad_slip = classify("OSD1|not-a-code|desk|mac")
    assert bad_slip.kind is ScanKind.UNKNOWN
    assert bad_slip.problem
