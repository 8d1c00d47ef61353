"""Strings a student controls, made safe to show a person: in a terminal, a report file, a spreadsheet.

A submission controls its exception messages and class names, what it prints,
the strings it returns and the names of its files and folders. Shown raw, such
a string can drive the reader's terminal (ANSI and OSC escape sequences clear
the screen, draw a fake score, hide text, set the window title, write the
clipboard with OSC 52), reorder what the reader sees (Unicode bidi overrides,
the "Trojan Source" trick), or run as a spreadsheet formula (``=HYPERLINK(...)``
in a cell of grades.csv).

- ``clean`` is for text: control characters go, newlines and tabs stay.
- ``file_stem`` is for a name that becomes a file name and a row of grades.csv:
  printable, and reversible (``name_from_stem``) so the row leads back to the folder.
- ``csv_cell`` is for a spreadsheet cell: OWASP's CSV-injection rule.
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import unquote_to_bytes

# C0 controls but tab and newline, DEL, C1 controls (U+0080-U+009F: U+009B is a one-character CSI
# and U+009D an OSC to terminals that take 8-bit controls), the bidi marks, embeddings, overrides
# and isolates, the line and paragraph separators (shown as newlines), the invisible interlinear
# annotation and tag characters (text no reader sees), and lone surrogates (undecodable bytes of a
# file name, or a broken string).
_UNSAFE_CLASS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufff9-\ufffb"
                 "\U000e0000-\U000e007f\ud800-\udfff")
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_NAME_UNSAFE = re.compile(f"[%~\t\n{_UNSAFE_CLASS}]")
_NEWLINES = ("\r", "\u2028", "\u2029")
_ESCAPED_BYTE = range(0xDC80, 0xDD00)  # how os.fsdecode ("surrogateescape") carries an undecodable byte
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # with full-width forms


def clean(text: object) -> str:
    """``text`` with no control characters but newline and tab, and no bidi controls or invisible tags.

    A carriage return becomes a newline (it would let a line overwrite what
    was printed before it), and so do the Unicode line and paragraph
    separators; an undecodable byte of a file name shows as
    ``\\xNN``, another lone surrogate as U+FFFD. Idempotent, and linear in the
    length of ``text``.
    """
    text = text if isinstance(text, str) else str(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NEWLINES:
        return "\n"
    code = ord(character)
    if code in _ESCAPED_BYTE:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return ""


MAX_STEM_BYTES = 200  # a file name holds 255 bytes: room for ".<stem>.results.json.partial-<pid>"


def file_stem(name: str) -> str:
    """A folder's name as a printable file-name stem: each byte of anything unsafe as ``%XX``.

    Unsafe are control characters (newline and tab too), bidi controls and
    invisible characters, bytes that are not UTF-8, and ``%`` and ``~``
    themselves, so that distinct names never share a stem and
    ``name_from_stem`` gives the name back. Ordinary names (``student-042``,
    ``Zoë Ng``) are their own stem. A stem that would pass ``MAX_STEM_BYTES``
    (a long name, or one made long by escaping) is cut there and ends in
    ``~`` and a hash of the whole name: still distinct, but only found again
    by making the stems of the folders' names.
    """
    stem = _NAME_UNSAFE.sub(_percent, name)
    if len(stem.encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    kept = stem.encode("utf-8")[: MAX_STEM_BYTES - 17].decode("utf-8", "ignore")
    kept = re.sub(r"%[0-9A-F]?$", "", kept)  # never half an escape
    return f"{kept}~{digest}"


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8", "surrogateescape"))


def name_from_stem(stem: str) -> str:
    """The folder name ``file_stem`` made ``stem`` from (as ``os.listdir`` spells it).

    ``ValueError`` for the stem of a name too long to be spelled out in it.
    """
    if "~" in stem:
        raise ValueError(f"{stem!r} is the stem of a long name: compare it with the stems of the folders' names")
    return os.fsdecode(unquote_to_bytes(stem))


def csv_cell(text: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading ``= + - @``, tab or CR gets a ``'``.

    OWASP's rule for CSV injection; the quote shows in the cell, and the csv
    module quotes separators and quotes inside it. For text cells only:
    numbers gradekit formats itself (scores) are never formulas.
    """
    text = clean(text)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
