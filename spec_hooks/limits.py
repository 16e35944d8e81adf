"""Input docutils cannot check in bounded time or memory, found before
parsing, in one pass over the text.

The limits, and what was measured to set them (CPU seconds of a docutils
parse, CPython 3.11, docutils 0.23; real specs: the 2,359 files of the
OpenStack corpus):

* Size, ``MAX_CHARACTERS``: every step is at least linear, at 3 to 5 us a
  character for prose (1.25 MB of corpus specs: 3.9 s for check-spec) and
  up to 20 us for text made of nested list items (1.1 MB: 11 s, 130 MB);
  the largest real spec has 90,405 characters.
* Nesting, ``MAX_DEPTH``: docutils parses each list, quote or directive
  inside another by recursion, and fails with RecursionError at 120 to 200
  levels; the deepest real spec reaches 14 levels of indentation.
* Inline markup in one paragraph, ``MAX_BACKQUOTES``: docutils' inliner
  slices the rest of the paragraph at each construct, and keeps a node and a
  message for each unknown role: 32,000 unknown roles in one paragraph took
  4.6 s and 8 KB each; 5,000 take about 0.5 s.  The most in a real
  paragraph is 482 markup characters.
* Substitutions, ``MAX_SUBSTITUTIONS``: a definition may refer to others,
  and docutils copies each definition's nodes into every reference to it.
  Definitions that each refer twice to the one before double the nodes at
  each step: 14 of them (16,384 references made) take 0.5 s; docutils
  stops a definition at its line-length limit (100,000 characters here)
  but still copies that much into the next, so in check-spec 32 of them
  (1 KB) took 5.5 s and 200 MB, 128 took 24 s and 800 MB, 256 did not
  finish in 150 s.  Real specs define a few, used a few times each.
"""
from __future__ import annotations

import re

MAX_CHARACTERS = 500_000
MAX_DEPTH = 50
MAX_BACKQUOTES = 10_000  # about 5,000 roles or literals
MAX_SUBSTITUTIONS = 10_000  # references, as docutils expands them

# Bullets, enumerators and directives that open a nested body on the line
# they stand on: '- - - text' is three lists deep.
OPENER = re.compile(
    r'(?:[-*+\u2022\u2023\u2043]|[#\d]+[.)]|\(\w+\)|\.\.\s+[\w:.+-]+::)'
    r'(?:[ \t]+|$)',
)
DEFINITION = re.compile(
    r'\.\.\s+\|(?P<name>[^|]+)\|\s+[\w:.+-]+::(?P<text>.*)',
)
REFERENCE = re.compile(r'\|(?P<name>[^|\s](?:[^|]*[^|\s])?)\|')


def problems(text: str) -> list[tuple[int, str]]:
    """(line, message) for each limit ``text`` (newlines made ``\\n``, as
    ``Spec.text``) passes, at the line where it does; none for anything a
    person writes."""
    if len(text) > MAX_CHARACTERS:
        return [(1, f'file too large to check: {len(text):,} characters, '
                    f'more than {MAX_CHARACTERS:,}')]
    lines = text.split('\n')
    found = [*_too_deep(lines), *_too_much_markup(lines),
             *_too_much_substitution(lines)]
    return sorted(found)


def _too_deep(lines: list[str]) -> list[tuple[int, str]]:
    """The first line nested more than ``MAX_DEPTH`` levels: indented
    deeper than the lines before it that many times, counting the bullets
    and directives that open a body on the same line."""
    indents = [0]  # the indentation of each open level, increasing
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        expanded = line.expandtabs(8)
        indent = len(expanded) - len(expanded.lstrip())
        while indents[-1] > indent:
            indents.pop()
        if indents[-1] < indent:
            indents.append(indent)
        depth = len(indents) - 1 + _openers(expanded, indent)
        if depth > MAX_DEPTH:
            return [(number, f'nested too deeply to check: more than '
                             f'{MAX_DEPTH} lists, quotes or directives '
                             f'inside one another')]
    return []


def _openers(line: str, at: int) -> int:
    count = 0
    found = OPENER.match(line, at)
    while found and found.end() > at:
        count += 1
        at = found.end()
        found = OPENER.match(line, at)
    return count


def _too_much_markup(lines: list[str]) -> list[tuple[int, str]]:
    """The first paragraph (lines up to a blank one) with more than
    ``MAX_BACKQUOTES`` backquotes."""
    start, count = 0, 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            start, count = 0, 0
            continue
        start = start or number
        count += line.count('`')
        if count > MAX_BACKQUOTES:
            return [(start, f'too much inline markup in one paragraph to '
                            f'check: more than {MAX_BACKQUOTES:,} '
                            f'backquotes; split the paragraph')]
    return []


def _too_much_substitution(lines: list[str]) -> list[tuple[int, str]]:
    """Where the substitution references docutils makes, expanding every
    definition into every reference, first pass ``MAX_SUBSTITUTIONS``."""
    definitions: dict[str, tuple[int, list[str]]] = {}
    references: list[tuple[int, str]] = []  # outside definitions
    number = 0
    while number < len(lines):
        line = lines[number]
        stripped = line.lstrip()
        found = DEFINITION.match(stripped)
        if found is None:
            references += [(number + 1, _key(m.group('name')))
                           for m in REFERENCE.finditer(line)]
            number += 1
            continue
        indent = len(line) - len(stripped)
        body = [found.group('text')]
        number += 1
        while number < len(lines) and (not lines[number].strip() or _indent(
                lines[number]) > indent):
            body.append(lines[number])
            number += 1
        refers = [_key(m.group('name'))
                  for m in REFERENCE.finditer(' '.join(body))]
        definitions.setdefault(_key(found.group('name')),
                               (number - len(body) + 1, refers))
    made = _expanded(definitions)
    for name, (where, _) in definitions.items():
        if made[name] > MAX_SUBSTITUTIONS:
            return [(where, _expansion_message(name))]
    total = 0
    for where, name in references:
        total += 1 + made.get(name, 0)
        if total > MAX_SUBSTITUTIONS:
            return [(where, _expansion_message(name))]
    return []


def _expansion_message(name: str) -> str:
    return (f'substitutions expand to more than {MAX_SUBSTITUTIONS:,} '
            f'references (|{name}| and the ones it refers to): too many '
            f'to check')


def _key(name: str) -> str:
    return ' '.join(name.split()).lower()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _expanded(
        definitions: dict[str, tuple[int, list[str]]],
) -> dict[str, int]:
    """How many references expanding each definition makes, at most
    ``MAX_SUBSTITUTIONS + 1``; a reference into a loop makes only itself.
    Iterative: a chain of definitions may be longer than Python's
    recursion limit."""
    sizes: dict[str, int] = {}
    for root in definitions:
        stack = [(root, False)]
        busy: set[str] = set()
        while stack:
            name, done = stack.pop()
            if name in sizes or name not in definitions:
                continue
            _, refers = definitions[name]
            if done:
                busy.discard(name)
                total = sum(1 + sizes.get(r, 0) for r in refers)
                sizes[name] = min(total, MAX_SUBSTITUTIONS + 1)
            elif name not in busy:
                busy.add(name)
                stack.append((name, True))
                stack += [(r, False) for r in refers
                          if r not in sizes and r not in busy]
    return sizes
