"""Receipt PDF with Code128 and QR (both copies) vs. a bare reportlab canvas drawing the same strings and
bars (target ≤ 25 ms and ≤ 1.5× the floor); the register book of 1,000 rows.
"""

from __future__ import annotations

import statistics
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

from common import timed
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk_app.printing.barcodes import bar_runs, code128_modules
from desk_app.printing.fonts import BOLD, REGULAR, register_fonts
from desk_app.printing.forms import receipt, register_book
from desk_app.printing.layout import nfc
from tests.unit.printing.pdfcheck import text_of
from tests.unit.printing.test_forms import AGENCY, DOSSIER

N = 40


def floor(strings: list[str], code: str, qr_text: str) -> bytes:
    import segno

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    modules = code128_modules(code)
    matrix = segno.make(qr_text, error="m").matrix
    for _copy in range(2):
        y = 200 * mm
        for i, line in enumerate(strings):
            canvas.setFont(BOLD if i % 5 == 0 else REGULAR, 10)
            canvas.drawString(10 * mm, y, nfc(line)[:95])
            y -= 4.2 * mm
            if y < 10 * mm:
                y = 200 * mm
        for start, width in bar_runs(modules):
            canvas.rect((12 + start * 0.25) * mm, 150 * mm, width * 0.25 * mm, 10 * mm, stroke=0, fill=1)
        path = canvas.beginPath()
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    path.rect((110 + c * 0.4) * mm, (150 + r * 0.4) * mm, 0.4 * mm, 0.4 * mm)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    register_fonts()
    pdf = receipt.render(DOSSIER)
    words = text_of(pdf).split()
    lines = [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)]
    ours = [timed(lambda: receipt.render(DOSSIER)) for _ in range(N)]
    bare = [timed(lambda: floor(lines, DOSSIER.code or "", DOSSIER.qr_text or "")) for _ in range(N)]
    o, f = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    print(f"receipt PDF, two copies, Code128 + QR: median {o:.1f} ms ({len(pdf) // 1024} KB)")
    print(f"  floor, bare canvas with the same strings and bars: {f:.1f} ms")
    print(
        f"  ratio {o / f:.2f}x; targets <= 25 ms and <= 1.5x: "
        f"{'met' if o <= 25 and o <= 1.5 * f else 'NOT met'}"
    )
    rows = tuple(
        register_book.RegisterLine(
            n,
            f"000.00.19.H57-261122-{1000 + n % 999:04d}",
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            f"Nguyễn Thị Người Nộp {n}",
            "Phường Bến Nghé, 0901234567",
            "Tư pháp - Hộ tịch",
            "22/11/2026 09:30",
            "25/11/2026 09:30",
            "24/11/2026 10:00",
            "tại bộ phận",
        )
        for n in range(1, 1001)
    )
    data = register_book.RegisterData(AGENCY, "TT03-2025", date(2026, 1, 1), date(2026, 12, 31), 2026, rows)
    seconds = timed(lambda: register_book.render(data))
    print(f"register book of 1,000 rows: {seconds:.2f} s")


if __name__ == "__main__":
    main()
