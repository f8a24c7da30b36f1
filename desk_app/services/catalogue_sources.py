"""Readers for the three catalogue formats; each yields ProcedureData records.

- the national portal's Excel export (code, name, issuing body, agency, field);
- the normalised national JSON (full records with components);
- the app's own release format (versioned, with a content hash), which is
  what central publishes and what ships as the default catalogue.

A reader checks every record and raises CatalogueImportError naming the
record; nothing is written by a reader.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from desk_app.core.catalogue import (
    CHANNEL_LABELS,
    ChannelTerms,
    ComponentData,
    ComponentKind,
    ProcedureData,
    clean_agency,
    parse_levels,
)
from desk_app.core.codes import is_procedure_code
from desk_app.core.components import derive
from desk_app.core.errors import CatalogueImportError
from desk_app.core.text import clean, clean_line
from desk_app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

RELEASE_FORMAT = "onestop-catalogue-release"
RELEASE_FORMAT_VERSION = 1
PORTAL_HEADER = ("mã số", "tên", "cơ quan ban hành", "cơ quan thực hiện", "lĩnh vực")
# The portal's Excel export is its own listing of names, bodies and fields, so it
# owns those; the crawled JSON (a few names are wrong in it) owns the rest and
# only fills the header fields in. A release from central owns everything.
HEADER_FIELDS = frozenset({"name", "issuing_body", "agency", "field_name"})
ALL_FIELDS = frozenset(f for f in ProcedureData.__dataclass_fields__ if f != "code")
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SourceBatch:
    """What a reader found in one file."""

    kind: str  # xlsx | json | release
    name: str
    sha256: str
    procedures: tuple[ProcedureData, ...]
    owned_fields: frozenset[str]  # replaced by this source's non-empty values
    fill_only_fields: frozenset[str]  # taken only where the desk has nothing yet
    release_version: int | None = None


def _fail(source: str, where: str, problem: str) -> CatalogueImportError:
    return CatalogueImportError(
        _("Không nhập được danh mục từ “{source}”: {where}: {problem}. Chưa có gì thay đổi.").format(
            source=source, where=where, problem=problem
        )
    )


def _check_code(source: str, where: str, code: str) -> str:
    code = clean_line(code)
    if not is_procedure_code(code):
        raise _fail(source, where, _("mã thủ tục “{code}” không hợp lệ").format(code=code))
    return code


def _check_unique(source: str, records: Iterable[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for code, where in records:
        if code in seen:
            raise _fail(source, where, _("mã {code} đã có ở {other}").format(code=code, other=seen[code]))
        seen[code] = where


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_portal_xlsx(path: Path) -> SourceBatch:
    """The portal's "DANH SÁCH THỦ TỤC HÀNH CHÍNH" export: a title row, a header, then rows."""
    from openpyxl import load_workbook  # imported lazily: only an import needs it

    source = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _fail(
            source, _("tệp"), _("không đọc được tệp Excel ({error})").format(error=type(exc).__name__)
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    header_index = next(
        (
            i
            for i, row in enumerate(rows[:20])
            if tuple(clean_line(str(c or "")).lower() for c in row[:5]) == PORTAL_HEADER
        ),
        None,
    )
    if header_index is None:
        raise _fail(
            source,
            _("tệp"),
            _("không tìm thấy dòng tiêu đề “Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực”"),
        )
    procedures: list[ProcedureData] = []
    places: list[tuple[str, str]] = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = [str(c) if c is not None else "" for c in (*row[:5], "", "", "", "", "")[:5]]
        if not any(clean_line(c) for c in cells):
            continue
        where = _("dòng {row}").format(row=offset)
        code = _check_code(source, where, cells[0])
        name = clean_line(cells[1])
        if not name:
            raise _fail(source, where, _("thủ tục {code} không có tên").format(code=code))
        procedures.append(
            ProcedureData(
                code=code,
                name=name,
                issuing_body=clean_line(cells[2]),
                agency=clean_agency(cells[3]),
                field_name=clean_line(cells[4]),
            )
        )
        places.append((code, where))
    if not procedures:
        raise _fail(source, _("tệp"), _("không có thủ tục nào"))
    _check_unique(source, places)
    return SourceBatch("xlsx", source, _sha256(path), tuple(procedures), HEADER_FIELDS, NOTHING)


def _int(value: Any, source: str, where: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(source, where, _("{label} phải là số nguyên không âm").format(label=label))
    return value


def _components(
    raw: Any, source: str, where: str, offered: tuple[ChannelTerms, ...]
) -> tuple[ComponentData, ...]:
    if not isinstance(raw, list):
        raise _fail(source, where, _("“components” phải là một danh sách"))
    items: list[ComponentData] = []
    for position, comp in enumerate(raw, start=1):
        here = _("{where}, thành phần {n}").format(where=where, n=position)
        if not isinstance(comp, dict):
            raise _fail(source, here, _("thành phần phải là một đối tượng"))
        name = clean(str(comp.get("name") or ""))
        if not name:
            raise _fail(source, here, _("thành phần không có tên"))
        originals = _int(comp.get("originals", 0), source, here, "originals")
        copies = _int(comp.get("copies", 0), source, here, "copies")
        group = clean_line(str(comp.get("group") or ""))
        items.append(
            ComponentData(
                position=position,
                name=name,
                kind=ComponentKind.SUBMIT,  # read with its neighbours below
                originals=originals,
                copies=copies,
                group=group,
                note=clean(str(comp.get("note") or "")),
                form_file=clean_line(str(comp.get("form_file") or "")),
            )
        )
    return derive(items, tuple(dict.fromkeys(t.channel for t in offered)))


def _channels(raw: Any, source: str, where: str) -> tuple[ChannelTerms, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(source, where, _("“channels” phải là một danh sách"))
    terms: list[ChannelTerms] = []
    for item in raw:
        if not isinstance(item, dict):
            raise _fail(source, where, _("kênh thực hiện phải là một đối tượng"))
        channel = CHANNEL_LABELS.get(clean_line(str(item.get("channel") or "")).lower())
        if channel is None:
            continue  # a channel the desk does not receive through
        terms.append(
            ChannelTerms(
                channel,
                clean_line(str(item.get("time_limit_text") or "")),
                clean(str(item.get("fee_text") or "")),
            )
        )
    return tuple(terms)


def _procedure_from_json(item: Any, source: str, where: str) -> ProcedureData:
    if not isinstance(item, dict):
        raise _fail(source, where, _("mỗi thủ tục phải là một đối tượng JSON"))
    code = _check_code(source, where, str(item.get("code") or ""))
    where = f"{where} ({code})"
    name = clean_line(str(item.get("name") or ""))
    if not name:
        raise _fail(source, where, _("thủ tục không có tên"))
    levels_raw = item.get("levels") or []
    if not isinstance(levels_raw, list):
        raise _fail(source, where, _("“levels” phải là một danh sách"))
    channels = _channels(item.get("channels"), source, where)
    return ProcedureData(
        code=code,
        name=name,
        field_name=clean_line(str(item.get("field") or item.get("field_name") or "")),
        level_text=clean_line(str(item.get("level") or item.get("level_text") or "")),
        levels=parse_levels(
            str(item.get("level") or item.get("level_text") or ""), [str(v) for v in levels_raw]
        ),
        agency=clean_agency(str(item.get("agency") or "")),
        issuing_body=clean_line(str(item.get("issuing_body") or "")),
        competent_agency=clean_agency(str(item.get("competent_agency") or "")),
        time_limit_text=clean_line(str(item.get("time_limit_text") or "")),
        fees_text=clean(str(item.get("fees_text") or "")),
        legal_basis=clean(str(item.get("decision") or item.get("legal_basis") or "")),
        procedure_type=clean_line(str(item.get("procedure_type") or "")),
        audience=clean_line(str(item.get("audience") or "")),
        url=clean_line(str(item.get("url") or "")),
        components=_components(item.get("components", []), source, where, channels),
        channels=channels,
    )


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path.name, _("tệp"), _("không phải JSON hợp lệ ({error})").format(error=exc)) from exc


def _procedures(items: list[Any], source: str) -> tuple[ProcedureData, ...]:
    procedures = tuple(
        _procedure_from_json(item, source, _("bản ghi {n}").format(n=i))
        for i, item in enumerate(items, start=1)
    )
    _check_unique(source, ((p.code, p.code) for p in procedures))
    return procedures


def read_json(path: Path) -> SourceBatch:
    """The normalised national JSON (a list), or a release (an object with ``format``)."""
    data = _load_json(path)
    source = path.name
    if isinstance(data, dict) and data.get("format") == RELEASE_FORMAT:
        return _read_release(data, path)
    if not isinstance(data, list) or not data:
        raise _fail(source, _("tệp"), _("cần một danh sách thủ tục hoặc một bản phát hành danh mục"))
    procedures = _procedures(data, source)
    return SourceBatch("json", source, _sha256(path), procedures, ALL_FIELDS - HEADER_FIELDS, HEADER_FIELDS)


def release_hash(procedures: list[dict[str, Any]]) -> str:
    """The content hash of a release body: SHA-256 of its canonical JSON."""
    body = json.dumps(procedures, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def _read_release(data: dict[str, Any], path: Path) -> SourceBatch:
    return read_release_body(data, path.name, _sha256(path))


def read_release_body(data: dict[str, Any], source: str, sha256: str) -> SourceBatch:
    """A release document already parsed (from a file, or pulled from central)."""
    if data.get("format_version") != RELEASE_FORMAT_VERSION:
        raise _fail(
            source,
            _("tệp"),
            _("phiên bản định dạng {v} chưa được hỗ trợ").format(v=data.get("format_version")),
        )
    version = data.get("release_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(source, _("tệp"), _("“release_version” phải là số nguyên dương"))
    items = data.get("procedures")
    if not isinstance(items, list) or not items:
        raise _fail(source, _("tệp"), _("bản phát hành không có thủ tục nào"))
    if data.get("content_hash") != release_hash(items):
        raise _fail(source, _("tệp"), _("mã băm nội dung không khớp: tệp bị hỏng hoặc đã bị sửa"))
    return SourceBatch(
        "release",
        source,
        sha256,
        _procedures(items, source),
        ALL_FIELDS,
        NOTHING,
        release_version=version,
    )


def procedure_to_release_item(procedure: ProcedureData) -> dict[str, Any]:
    """The release-format object of one procedure (the JSON shape, with our names)."""
    item = asdict(procedure)
    item["levels"] = list(procedure.levels)
    item["components"] = [
        {
            "name": c.name,
            "originals": c.originals,
            "copies": c.copies,
            "group": c.group,
            "note": c.note,
            "form_file": c.form_file,
        }
        for c in procedure.components
    ]
    item["channels"] = [
        {
            "channel": _CHANNEL_NAMES[t.channel.value],
            "time_limit_text": t.time_limit_text,
            "fee_text": t.fee_text,
        }
        for t in procedure.channels
    ]
    return item


_CHANNEL_NAMES = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}


def make_release(
    procedures: Iterable[ProcedureData], version: int, source: dict[str, str], published_at: str
) -> dict[str, Any]:
    """A release document for ``procedures`` (sorted by code, hashed)."""
    items = [procedure_to_release_item(p) for p in sorted(procedures, key=lambda p: p.code)]
    return {
        "format": RELEASE_FORMAT,
        "format_version": RELEASE_FORMAT_VERSION,
        "release_version": version,
        "published_at": published_at,
        "source": source,
        "content_hash": release_hash(items),
        "procedures": items,
    }


def read_catalogue_file(path: Path) -> SourceBatch:
    """Pick the reader by the file's ending."""
    if not path.is_file():
        raise CatalogueImportError(_("Không tìm thấy tệp “{path}”.").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_portal_xlsx(path)
    if suffix == ".json":
        return read_json(path)
    raise CatalogueImportError(
        _("Tệp “{name}” không phải .xlsx hoặc .json: không nhận dạng được định dạng danh mục.").format(
            name=path.name
        )
    )
