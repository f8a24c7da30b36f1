"""Continuation pages that say what they belong to: "Mã hồ sơ … – Liên 2 – Trang 2/3".

A part of a document (a copy of the receipt, the control sheet) starts with a :class:`PartStart`
marker. Every later page of that part carries the part's label and its page number within the part,
a part's first page already shows all of it in its body. Where parts start and how long they are is
only known once the document is laid out, so a document with continuation pages is built twice
(:func:`desk_app.printing.layout.render_counted` does it): the first build records, the second draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desk_app.printing.fonts import REGULAR


@dataclass
class Parts:
    """Where each part started (page numbers, 1-based), and each part's page count once known."""

    starts: list[tuple[int, str]] = field(default_factory=list)
    totals: dict[int, int] = field(default_factory=dict)  # part index -> pages
    counted: bool = False  # the first build is over: the starts are known, the second draws them

    def start(self, page: int, label: str) -> None:
        """A part begins on ``page`` (recorded in the first build only)."""
        if not self.counted:
            self.starts.append((page, label))

    def count(self, last_page: int) -> bool:
        """Fix each part's page total after the first build; True when some part has continuation pages."""
        bounds = [p for p, _ in self.starts[1:]] + [last_page + 1]
        self.totals = {i: bounds[i] - start for i, (start, _) in enumerate(self.starts)}
        self.counted = True
        return any(total > 1 for total in self.totals.values())

    def caption(self, page: int) -> str:
        """The running caption of ``page``: "" on a part's first page or before any part."""
        current = [(i, start, label) for i, (start, label) in enumerate(self.starts) if start <= page]
        if not current:
            return ""
        i, start, label = current[-1]
        if start == page:
            return ""
        total = self.totals.get(i)
        of = f"/{total}" if total else ""
        return f"{label} – Trang {page - start + 1}{of}"


class PartStart(Flowable):  # type: ignore[misc]
    """A zero-size marker: the part ``label`` starts where it is drawn."""

    def __init__(self, parts: Parts, label: str) -> None:
        super().__init__()
        self.parts = parts
        self.label = label
        self.width = self.height = 0

    def wrap(self, *_args: Any) -> tuple[float, float]:
        """Takes no room."""
        return 0, 0

    def draw(self) -> None:
        """Record the page the part starts on."""
        self.parts.start(self.canv.getPageNumber(), self.label)


def draw_caption(canvas: Any, doc: Any, parts: Parts) -> None:
    """The running caption at the top left of a continuation page (second build)."""
    if not parts.counted:
        return
    text = parts.caption(canvas.getPageNumber())
    if not text:
        return
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.drawString(doc.leftMargin, doc.pagesize[1] - 7 * mm, text)
    canvas.restoreState()
