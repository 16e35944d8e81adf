"""A line scanner that splits reStructuredText into blocks, without docutils.

Good enough for text-level checks (license header, leftover template text)
that must stay fast: titles, comments, directives, literal blocks,
paragraphs and list items, each with its first and last line.  It does not
validate anything; docutils does that for the checks that need it.
"""
from __future__ import annotations

import itertools
import re

ADORNMENT = re.compile(r'([!-/:-@\[-`{-~])\1*\s*$')
BULLET = re.compile(r'([-*+\u2022]|#\.|\(?\w{1,3}[.)])\s+(?=\S)')
EXPLICIT = re.compile(r'\.\.(\s|$)')
DIRECTIVE = re.compile(r'\.\.\s+[\w:.+-]+::')
TARGET = re.compile(r'\.\.\s+(_|\||\[)')
VISIBLE = ('paragraph', 'item')  # the kinds of blocks that render as prose

# Directives whose body is prose a person wrote, scanned like the document.
PROSE_DIRECTIVES = frozenset((
    'attention', 'caution', 'danger', 'error', 'hint', 'important', 'note',
    'seealso', 'tip', 'todo', 'warning', 'admonition', 'topic', 'sidebar',
))


class Block:
    """A run of lines: ``kind`` is one of title, comment, directive,
    target, literal, paragraph, item; lines are 1-based and inclusive."""

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

    def title_text(self) -> str:
        """For a title block: the title without its adornment."""
        text = [line.strip() for line in self.lines
                if line.strip() and not is_adornment(line)]
        return text[0] if text else ''

    def __repr__(self) -> str:
        return f'Block({self.kind!r}, {self.start}-{self.end}, {self.text!r})'


def indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def is_adornment(line: str) -> bool:
    return len(line.strip()) >= 2 and not line[0].isspace() and \
        bool(ADORNMENT.fullmatch(line.rstrip()))


def split(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i, literal_next, literal_base = 0, False, 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if literal_next and indent(line) > literal_base:
            end = _indented_end(lines, i, literal_base)
            blocks.append(Block('literal', i + 1, lines[i:end]))
            i, literal_next = end, False
            continue
        stripped = line.lstrip()
        if EXPLICIT.match(stripped):
            end = _indented_end(lines, i + 1, indent(line))
            kind = _explicit_kind(stripped)
            blocks.append(Block(kind, i + 1, lines[i:end]))
            if kind == 'directive' and _directive_name(stripped) in \
                    PROSE_DIRECTIVES:
                blocks.extend(_nested(lines, i + 1, end))
            i = end
            continue
        title = _title_at(lines, i)
        if title:
            blocks.append(Block('title', i + 1, lines[i:i + title]))
            i += title
            continue
        end = _paragraph_end(lines, i)
        found = _paragraphs(lines, i, end)
        blocks.extend(found)
        literal_next = lines[end - 1].rstrip().endswith('::')
        literal_base = _text_column(found[-1])
        i = end
    return blocks


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


def _directive_name(stripped: str) -> str:
    return stripped[2:].split('::', 1)[0].strip().lower()


def _nested(lines: list[str], start: int, end: int) -> list[Block]:
    """The blocks of a prose directive's body, with their real lines; text
    on the directive's own line starts the body."""
    head, _, argument = lines[start - 1].partition('::')
    body = [' ' * (len(head) + 2) + argument, *lines[start:end]]
    return [
        Block(b.kind, b.start + start - 1, b.lines) for b in split(body)
    ]


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
