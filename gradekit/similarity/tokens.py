"""A solution's source as normalised tokens: what survives renaming, reformatting and new comments.

Python's own ``tokenize`` reads the source, so any formatting (line breaks
inside brackets, indentation width, quotes, blank lines) gives the same
tokens. Then, in the spirit of MOSS and JPlag:

- comments, docstrings (a string alone on its line) and import lines go:
  they are free to change and carry no logic;
- the student's own names become ``N``: keywords, builtins (``len``,
  ``range``) and attributes (``np.log2``, ``.reshape``) stay, because a
  renamer leaves them and they are the logic;
- strings become ``S`` and numbers ``#``; a statement ends with ``;``, and
  an indented block is bracketed by ``{`` and ``}``.

Each token keeps its line in the original source, for showing shared lines.
A source that does not tokenize to the end (a syntax error) keeps the tokens
read before the error.
"""

from __future__ import annotations

import builtins
import io
import keyword
import tokenize
from dataclasses import dataclass

KEPT_NAMES = frozenset(keyword.kwlist) | frozenset(getattr(keyword, "softkwlist", ())) | frozenset(dir(builtins))
DROPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12 splits f-strings into tokens
FSTRING_END = getattr(tokenize, "FSTRING_END", None)


@dataclass(frozen=True)
class Token:
    text: str  # the normalised token
    line: int  # 1-based line of the original source


def raw_tokens(source: str) -> list[tokenize.TokenInfo]:
    """The source's tokens, up to the first error (a student's file need not be valid Python)."""
    read: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            read.append(token)
    except (tokenize.TokenError, SyntaxError):  # IndentationError is a SyntaxError
        pass
    return read


def logical_lines(tokens: list[tokenize.TokenInfo]) -> list[list[tokenize.TokenInfo]]:
    """Statements: the tokens up to each NEWLINE (INDENT and DEDENT open the next one)."""
    lines: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0  # inside an f-string (3.12+), whose inner tokens belong to the string
    for token in tokens:
        if token.type in DROPPED:
            continue
        if token.type == FSTRING_START:
            depth += 1
            if depth == 1:
                lines[-1].append(token)
            continue
        if token.type == FSTRING_END:
            depth -= 1
            continue
        if depth:
            continue
        lines[-1].append(token)
        if token.type == tokenize.NEWLINE:
            lines.append([])
    return [line for line in lines if line]


def normalized_tokens(source: str) -> list[Token]:
    """The normalised token stream of ``source`` (see the module's docstring)."""
    normalized: list[Token] = []
    for line in logical_lines(raw_tokens(source)):
        body = [t for t in line if t.type not in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE)]
        for token in line:
            if token.type == tokenize.INDENT:
                normalized.append(Token("{", token.start[0]))
            elif token.type == tokenize.DEDENT:
                normalized.append(Token("}", token.start[0]))
        if not body or _is_import(body) or _is_docstring(body):
            continue
        previous = ""
        for token in body:
            normalized.append(Token(_normalize(token, previous), token.start[0]))
            previous = token.string
        normalized.append(Token(";", body[-1].end[0]))
    return normalized


def _normalize(token: tokenize.TokenInfo, previous: str) -> str:
    if token.type == tokenize.NAME:
        return token.string if token.string in KEPT_NAMES or previous == "." else "N"
    if token.type == tokenize.NUMBER:
        return "#"
    if token.type == tokenize.STRING or token.type == FSTRING_START:
        return "S"
    return token.string


def _is_import(body: list[tokenize.TokenInfo]) -> bool:
    return body[0].type == tokenize.NAME and body[0].string in ("import", "from")


def _is_docstring(body: list[tokenize.TokenInfo]) -> bool:
    return all(t.type == tokenize.STRING for t in body)  # implicit concatenation: several strings
