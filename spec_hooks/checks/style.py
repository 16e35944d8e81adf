"""Text style: long lines, trailing whitespace, tabs, line endings,
invisible characters and the final newline.

Text-level only: nothing here parses RST or imports docutils, so a style
hook starts fast.  Literal blocks, code-like directives and tables are found
by a line scan that is good enough to exempt them from the length limit.

Trailing whitespace belongs to W102 alone: W103 and W105 look at the rest
of the line, so one stray character gives one finding.
"""
from __future__ import annotations

import bisect
import re
import unicodedata  # a C module: about 0.2 ms to import
from collections.abc import Iterator

from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import W101, W102, W103, W104, W105, W106

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from spec_hooks.context import Context
    from spec_hooks.spec import Spec

# Directives whose body is code, data or a diagram: it cannot be rewrapped.
# Not list-table: its cells are bullet-list paragraphs and wrap like any.
VERBATIM_DIRECTIVES = frozenset((
    'actdiag', 'blockdiag', 'code', 'code-block', 'csv-table', 'graphviz',
    'highlight', 'literalinclude', 'mermaid', 'nwdiag', 'parsed-literal',
    'seqdiag', 'sourcecode', 'uml',
))
# Blank-rendering letters, used to hide text; the rest is by category.
FILLERS = frozenset('\u115f\u1160\u3164\uffa0')
INVISIBLE_CATEGORIES = frozenset(('Cc', 'Cf', 'Zl', 'Zp'))
NEWLINES = {b'\n': 'LF', b'\r\n': 'CRLF', b'\r': 'CR'}

_DIRECTIVE = re.compile(r'\s*\.\.[ ]+(\w+(?:[-.+:]\w+)*)[ ]?::(?:\s|$)')
_ITEM = re.compile(r'\s*(?:[-*+\u2022]|\(?(?:\d+|[a-zA-Z]|#)[.)])\s+')
_GRID_BORDER = re.compile(r'\s*\+(?:-+\+)+\s*$|\s*\+(?:=+\+)+\s*$')
_SIMPLE_BORDER = re.compile(r'\s*=+(?: +=+)+\s*$')
_TARGET = re.compile(r'\s*\.\.[ ]+_')
_PUNCTUATION = re.compile(r'[!-/:-@\[-`{-~]')  # ASCII: may quote a literal
_ENDING = re.compile(rb'\r\n|\r|\n')
_NOT_PLAIN = re.compile(r'[^\t -~]')  # candidates for W105


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    settings = context.settings
    yield from _line_endings(spec)
    yield from _long_lines(spec, settings.max_line_length)
    for number, line in enumerate(spec.lines, 1):
        yield from _characters(spec, number, line)
    if spec.text and not spec.text.endswith('\n'):
        last = spec.lines[-1]
        yield W106(spec.path, len(spec.lines),
                         'no newline at end of file', len(last) + 1)


def _line_endings(spec: Spec) -> Iterator[Diagnostic]:
    """CRLF or CR endings once, at line 1; mixed endings once, at the end
    of the first line whose ending differs from line 1's."""
    if b'\r' not in spec.raw:
        return
    endings = _ENDING.finditer(spec.raw)
    first = next(endings).group()
    if first != b'\n':
        yield W104(spec.path, 1,
                         f'{NEWLINES[first]} line endings; use LF')
    for number, ending in enumerate(endings, 2):
        if ending.group() != first:
            yield W104(
                spec.path, number,
                f'mixed line endings: {NEWLINES[ending.group()]} here, '
                f'{NEWLINES[first]} on line 1; use LF throughout',
                len(spec.lines[number - 1]) + 1,
            )
            return


def _long_lines(spec: Spec, limit: int) -> Iterator[Diagnostic]:
    if not limit:
        return
    long = [
        index for index, line in enumerate(spec.lines)
        if len(line) > limit and len(line.rstrip()) > limit
    ]
    verbatim = _verbatim(spec.lines) if long else set()
    for index in long:
        line = spec.lines[index].rstrip()
        if index in verbatim or _unbreakable(line):
            continue
        yield W101(
            spec.path, index + 1,
            f'line too long ({len(line)} > {limit} characters)', limit + 1,
        )


def _unbreakable(line: str) -> bool:
    """A URL, a hyperlink target or a single token: wrapping cannot help."""
    return (
        '://' in line
        or len(line.split(maxsplit=1)) < 2
        or _TARGET.match(line) is not None
    )


def _characters(spec: Spec, number: int, line: str) -> Iterator[Diagnostic]:
    content = line.rstrip()
    if len(content) < len(line):
        yield W102(spec.path, number, 'trailing whitespace',
                         len(content) + 1)
    tab = content.find('\t')
    if tab >= 0:
        yield W103(spec.path, number,
                         'tab character; use spaces', tab + 1)
    for found in _NOT_PLAIN.finditer(content):
        char = found.group()
        if _invisible(char):
            yield W105(spec.path, number,
                             f'invisible character {_describe(char)}',
                             found.start() + 1)
            return


def _invisible(char: str) -> bool:
    return (char in FILLERS
            or unicodedata.category(char) in INVISIBLE_CATEGORIES)


def _describe(char: str) -> str:
    name = unicodedata.name(char, '(control character)')
    return f'U+{ord(char):04X} {name}'


def _verbatim(lines: list[str]) -> set[int]:
    """Indexes of the lines in literal blocks, code-like directives and
    tables: text that cannot be rewrapped."""
    found: set[int] = set()
    closings = _simple_table_closings(lines)
    index = 0
    while index < len(lines):
        block = _block_at(lines, index, closings)
        found.update(block)
        index = max(index + 1, block.stop)
    return found


def _block_at(lines: list[str], index: int, closings: list[int]) -> range:
    """The verbatim block that the line at ``index`` starts or introduces;
    empty if none."""
    line = lines[index]
    directive = _DIRECTIVE.match(line)
    if directive:
        if directive.group(1).lower() in VERBATIM_DIRECTIVES:
            return range(index, _indented_end(lines, index + 1, _indent(line)))
        return range(index, index)
    if _GRID_BORDER.match(line):
        end = index + 1
        while end < len(lines) and lines[end].lstrip()[:1] in ('+', '|'):
            end += 1
        return range(index, end)
    if _SIMPLE_BORDER.match(line):
        return range(index, _simple_table_end(closings, index))
    if _is_literal_marker(line):
        return _literal_block(lines, index)
    return range(index, index)


def _is_literal_marker(line: str) -> bool:
    """A paragraph line ending in ``::``; not a comment, not an adornment
    of colons."""
    text = line.strip()
    return text.endswith('::') and not text.startswith('..') and (
        text == '::' or text.strip(':') != '')


def _literal_block(lines: list[str], marker: int) -> range:
    """The literal block after a paragraph ending in ``::``: indented, or
    quoted (every line starting with the same punctuation character)."""
    start = marker + 1
    if start < len(lines) and lines[start].strip():
        return range(start, start)  # the paragraph goes on
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines):
        return range(start, start)
    base = _text_indent(lines[marker])
    first = lines[start]
    if _indent(first) > base:
        return range(start, _indented_end(lines, start, base))
    quote = first.lstrip()[:1]
    if _indent(first) < base or not _PUNCTUATION.match(quote):
        return range(start, start)
    end = start
    while end < len(lines) and lines[end].lstrip().startswith(quote):
        end += 1
    return range(start, end)


def _indented_end(lines: list[str], start: int, base: int) -> int:
    """The end of the block of lines, from ``start``, that are blank or
    indented more than ``base``."""
    end = start
    while end < len(lines) and (
            not lines[end].strip() or _indent(lines[end]) > base):
        end += 1
    return end


def _simple_table_closings(lines: list[str]) -> list[int]:
    """The lines that can close a simple table: a border followed by a
    blank line or the end of the file; found once, not per table."""
    return [
        index for index, line in enumerate(lines)
        if _SIMPLE_BORDER.match(line) and (
            index + 1 == len(lines) or not lines[index + 1].strip())
    ]


def _simple_table_end(closings: list[int], top: int) -> int:
    """After the bottom border: the first closing border below ``top``;
    ``top`` (no table) if there is none."""
    at = bisect.bisect_right(closings, top)
    return closings[at] + 1 if at < len(closings) else top


def _indent(line: str) -> int:
    if '\t' in line:
        line = line.expandtabs()
    return len(line) - len(line.lstrip())


def _text_indent(line: str) -> int:
    """Where the text of the line starts, after any list item marker."""
    item = _ITEM.match(line)
    return item.end() if item and '\t' not in line else _indent(line)
