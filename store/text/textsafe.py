"""Making untrusted text inert: for terminals, markup and spreadsheets.

Article bodies, titles, sources and user dictionary entries come from
scraped files. Before such text reaches a terminal or an export, escape
sequences, C0/C1 control characters and bidi override/isolate characters
(the "Trojan Source" trick) are removed. Arabic letters and the marks that
belong to them are kept.
"""
from __future__ import annotations

import re

# C0 except tab/newline, DEL, C1, bidi embeddings/overrides/isolates, the
# Unicode line/paragraph separators that break line-based output, and lone
# surrogates (JSON "\ud800" decodes to one; UTF-8 and SQLite refuse them).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c"
    "\ud800-\udfff]"
)
# ANSI CSI and OSC/DCS/SOS/PM/APC sequences: removed whole, not only their ESC.
# A string sequence ends at BEL or ST on its own line; one never terminated
# loses only its introducer, never the text after it. A lone ESC takes at most
# one printable ASCII character with it (ESC c, ESC 7), never a letter or a line break.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)|\x1b[ -~]?", re.S)
_WORD_BREAKS = str.maketrans(dict.fromkeys("\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """`text` without escape sequences and control or bidi-control
    characters. Newlines and tabs survive when keep_newlines is set."""
    if not text:
        return text or ""
    text = _ESCAPE.sub("", text)
    # a line ended the old Mac way is a line: «Aleppo\rIdlib» is two words, not one;
    # on a single line every character that ends a line separates words
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_newlines:
        text = text.translate(_WORD_BREAKS)
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    """A single display line: controls removed, breaks and runs of spaces folded."""
    if not text:
        return ""
    return " ".join(strip_controls(text, keep_newlines=False).split())


# A formula start after a separator: a spreadsheet that splits the file on
# «;» (or «|») instead of «,» sees a new cell there, unquoted, a formula.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;|][ \t]*)(?=[=+\-@])")


def spreadsheet_safe(value: str) -> str:
    """OWASP CSV-injection advice: a cell that a spreadsheet would read as a
    formula is prefixed with an apostrophe, and so is every formula start
    that follows a separator character inside it («خبر;'=cmd|…»)."""
    if not value:
        return value
    if _FORMULA_AFTER_SEPARATOR.search(value):
        value = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value
