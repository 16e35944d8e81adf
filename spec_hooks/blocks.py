"""The one line scanner: reStructuredText as blocks, without docutils.

Every text-level check (license header, leftover template text, style)
reads the document through it, so they agree on what is prose and what is
verbatim: titles, comments, directives (and the blocks of their bodies
where those are reStructuredText), link targets, literal blocks (indented
or quoted), tables, paragraphs and list items, each with its first and
last line.  It validates nothing; docutils does that for the checks that
need it.
"""
from __future__ import annotations

import bisect
import itertools
import re

from spec_hooks.vocabulary import (
    PROSE_DIRECTIVES,
    VERBATIM_DIRECTIVES,
    directive_name,
)

ADORNMENT = re.compile(r'([!-/:-@\[-`{-~])\1*\s*$')
BULLET = re.compile(r'([-*+\u2022]|#\.|\(?\w{1,3}[.)])\s+(?=\S)')
EXPLICIT = re.compile(r'\.\.(\s|$)')
DIRECTIVE = re.compile(r'\.\.\s+[\w:.+-]+ ?::(\s|$)')
TARGET = re.compile(r'\.\.\s+(_|\||\[)')
LINK_TARGET = re.compile(r'\.\.\s+_')
GRID_BORDER = re.compile(r'\+(?:-+\+)+\s*$|\+(?:=+\+)+\s*$')
SIMPLE_BORDER = re.compile(r'=+(?: +=+)+\s*$')
OPTION = re.compile(r':[^:\s][^:]*:(\s|$)')  # a directive's :option: line
PUNCTUATION = re.compile(r'[!-/:-@\[-`{-~]')  # may quote a literal block
VISIBLE = ('paragraph', 'item')  # the kinds of blocks that render as prose


class Block:
    """A run of lines: ``kind`` is one of title, comment, directive,
    target, literal, table, paragraph, item; lines are 1-based and
    inclusive."""

    __slots__ = ('_text', 'end', 'kind', 'lines', 'start')

    def __init__(self, kind: str, start: int, lines: list[str]) -> None:
        self.kind = kind
        self.start = start
        self.end = start + len(lines) - 1
        self.lines = lines
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The words, whitespace folded, markup markers kept."""
        if self._text is None:
            self._text = ' '.join(' '.join(self.lines).split())
        return self._text

    @property
    def name(self) -> str:
        """For a directive block: the directive's name, lower-case."""
        return directive_name(self.lines[0].lstrip())

    @property
    def verbatim(self) -> bool:
        """Whether the block's text is not prose and cannot be rewrapped:
        a literal block, a table, or a code, data or diagram directive."""
        return self.kind in ('literal', 'table') or (
            self.kind == 'directive' and self.name in VERBATIM_DIRECTIVES)

    def title_text(self) -> str:
        """For a title block: the title without its adornment."""
        text = [line.strip() for line in self.lines
                if line.strip() and not is_adornment(line)]
        return text[0] if text else ''

    def __repr__(self) -> str:
        return f'Block({self.kind!r}, {self.start}-{self.end}, {self.text!r})'


def indent(line: str) -> int:
    """The indentation as docutils sees it: tabs stop every 8 columns."""
    if '\t' in line:
        line = line.expandtabs()
    return len(line) - len(line.lstrip())


def is_adornment(line: str) -> bool:
    return len(line.strip()) >= 2 and not line[0].isspace() and \
        bool(ADORNMENT.fullmatch(line.rstrip()))


def split(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    closings = _simple_table_closings(lines)
    i, literal_after = 0, -1  # the column a literal block must pass
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        expected, literal_after = literal_after, -1
        if expected >= 0:
            end = _literal_end(lines, i, expected)
            if end > i:
                blocks.append(Block('literal', i + 1, lines[i:end]))
                i = end
                continue
        stripped = line.lstrip()
        if EXPLICIT.match(stripped):
            end = _explicit_end(lines, i, stripped)
            block = Block(_explicit_kind(stripped), i + 1, lines[i:end])
            blocks.append(block)
            if block.kind == 'directive' and not block.verbatim:
                blocks.extend(_body(lines, i + 1, end, block.name))
            i = end
            continue
        title = _title_at(lines, i)
        if title:
            blocks.append(Block('title', i + 1, lines[i:i + title]))
            i += title
            continue
        end = _table_end(lines, i, closings)
        if end > i:
            blocks.append(Block('table', i + 1, lines[i:end]))
            i = end
            continue
        end = _paragraph_end(lines, i)
        found = _paragraphs(lines, i, end)
        blocks.extend(found)
        if _ends_with_literal_marker(lines[end - 1]):
            literal_after = _text_column(found[-1])
        i = end
    return blocks


def _explicit_end(lines: list[str], i: int, stripped: str) -> int:
    """Where the explicit markup at ``i`` ends: a link target at the first
    blank line, as in docutils; anything else with its indented block."""
    if LINK_TARGET.match(stripped):
        end = i + 1
        while end < len(lines) and lines[end].strip() and \
                indent(lines[end]) > indent(lines[i]):
            end += 1
        return end
    return _indented_end(lines, i + 1, indent(lines[i]))


def _ends_with_literal_marker(line: str) -> bool:
    """A paragraph line ending in ``::``, not a line of colons alone."""
    text = line.strip()
    return text.endswith('::') and (text == '::' or text.strip(':') != '')


def _literal_end(lines: list[str], i: int, column: int) -> int:
    """The end of the literal block at ``i`` after a paragraph whose text
    starts at ``column``: indented deeper, or quoted (each line starting
    with the same punctuation, at the paragraph's indentation); ``i`` if
    there is none."""
    if indent(lines[i]) > column:
        return _indented_end(lines, i, column)
    quote = lines[i].lstrip()[:1]
    if indent(lines[i]) < column or not PUNCTUATION.match(quote):
        return i
    end = i
    while end < len(lines) and lines[end].lstrip().startswith(quote):
        end += 1
    return end


def _table_end(lines: list[str], i: int, closings: list[int]) -> int:
    """The end of the grid or simple table at ``i``; ``i`` if none."""
    stripped = lines[i].lstrip()
    if GRID_BORDER.match(stripped):
        end = i + 1
        while end < len(lines) and lines[end].lstrip()[:1] in ('+', '|'):
            end += 1
        return end
    if SIMPLE_BORDER.match(stripped):
        at = bisect.bisect_right(closings, i)
        return closings[at] + 1 if at < len(closings) else i
    return i


def _simple_table_closings(lines: list[str]) -> list[int]:
    """The lines that can close a simple table: a border followed by a
    blank line or the end; found once, not per table."""
    return [
        index for index, line in enumerate(lines)
        if SIMPLE_BORDER.match(line.lstrip()) and (
            index + 1 == len(lines) or not lines[index + 1].strip())
    ]


def _text_column(block: Block) -> int:
    """Where a paragraph's text starts: a literal block after it must be
    indented deeper than that."""
    first = block.lines[0]
    bullet = BULLET.match(first.lstrip()) if block.kind == 'item' else None
    return indent(first) + (bullet.end() if bullet else 0)


def _explicit_kind(stripped: str) -> str:
    if DIRECTIVE.match(stripped):
        return 'directive'
    if TARGET.match(stripped):
        return 'target'
    return 'comment'


def _body(lines: list[str], start: int, end: int, name: str) -> list[Block]:
    """The blocks of a directive's body (1-based lines ``start`` to
    ``end``), with their real lines.  A directive's options are not part
    of it; text on an admonition's own line is where its body starts."""
    skip = 0
    while start + skip < end and OPTION.match(lines[start + skip].lstrip()):
        skip += 1
    body, first = lines[start + skip:end], start + skip
    head, _, argument = lines[start - 1].partition('::')
    if name in PROSE_DIRECTIVES and argument.strip() and not skip:
        body, first = [' ' * (len(head) + 2) + argument, *body], start - 1
    return [Block(b.kind, b.start + first, b.lines) for b in split(body)]


def _indented_end(lines: list[str], i: int, base: int) -> int:
    """The end of the lines from ``i`` indented deeper than ``base``,
    blank lines included, trailing blank lines excluded."""
    end = i
    while i < len(lines):
        if lines[i].strip():
            if indent(lines[i]) <= base:
                break
            end = i + 1
        i += 1
    return end


def _title_at(lines: list[str], i: int) -> int:
    """How many lines the section title starting at ``i`` has (0: none)."""
    line = lines[i]
    below = lines[i + 1] if i + 1 < len(lines) else ''
    if is_adornment(line) and i + 2 < len(lines) and \
            is_adornment(lines[i + 2]) and lines[i + 1].strip() and \
            lines[i + 2].rstrip()[0] == line.rstrip()[0]:
        return 3
    if line[0].isspace() or not is_adornment(below):
        return 0
    return 2 if len(below.rstrip()) >= len(line.rstrip()) - 1 else 0


def _paragraph_end(lines: list[str], i: int) -> int:
    """A paragraph runs to the next blank line: docutils reads a title-like
    line inside it as text."""
    end = i + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _paragraphs(lines: list[str], start: int, end: int) -> list[Block]:
    """A paragraph, or one block per list item where bullets start lines."""
    base = indent(lines[start])
    starts = [
        i for i in range(start, end)
        if indent(lines[i]) == base and BULLET.match(lines[i].lstrip())
    ]
    if not starts or starts[0] != start:
        return [Block('paragraph', start + 1, lines[start:end])]
    bounds = [*starts, end]
    return [
        Block('item', a + 1, lines[a:b]) for a, b in itertools.pairwise(bounds)
    ]
