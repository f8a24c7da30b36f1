"""An argparse parser that speaks Vietnamese and exits with code 2 on bad input."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, NoReturn

from desk_app.i18n import _

EXIT_REFUSED = 2

_TRANSLATIONS = (
    (re.compile(r"the following arguments are required: (.*)"), "thiếu tham số bắt buộc: {0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "không nhận ra tham số: {0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
        "tham số {0}: lựa chọn {1} không hợp lệ (chọn một trong {2})",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "tham số {0} cần một giá trị"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), "tham số {0}: giá trị {2} không hợp lệ"),
    (re.compile(r"one of the arguments (.*) is required"), "cần một trong các tham số {0}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "tham số {0} không dùng cùng {1}"),
)


def translate_argparse(message: str) -> str:
    """Vietnamese for argparse's own error messages."""
    for pattern, template in _TRANSLATIONS:
        match = pattern.search(message)
        if match is not None:
            return _(template).format(*match.groups())
    return message


class VietnameseArgumentParser(argparse.ArgumentParser):
    """Prints usage errors in Vietnamese and exits with code 2."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error and exit."""
        self.print_usage(sys.stderr)
        sys.stderr.write(_("Lỗi: {message}").format(message=translate_argparse(message)) + "\n")
        raise SystemExit(EXIT_REFUSED)


if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[VietnameseArgumentParser]  # noqa: SLF001 - argparse's own type
