"""Text style: long lines, trailing whitespace, tabs, line endings,
invisible characters and the final newline.

Text-level only: nothing here parses RST or imports docutils, so a style
hook starts fast.  The length limit follows doc8's D001, the line check
most specs repositories run: literal blocks, code-like directives and
tables (the text scanner's verbatim blocks), directive bodies, definition
terms, targets, URLs and single tokens are exempt.  Where doc8's textual
heuristics misfire (a paragraph ending in ``::`` taken for a directive, an
enumerated item for a term) W101 reads the text as docutils does;
tests/test_style_doc8.py measures the difference on the corpus.

Trailing whitespace belongs to W102 alone: W103 and W105 look at the rest
of the line, so one stray character gives one finding.
"""
from __future__ import annotations

import itertools
import re
import unicodedata  # a C module: about 0.2 ms to import
from collections.abc import Iterator

from spec_hooks.blocks import indent
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import W101, W102, W103, W104, W105, W106

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from spec_hooks.context import Context
    from spec_hooks.spec import Spec

# Blank-rendering letters, used to hide text; the rest is by category.
FILLERS = frozenset('\u115f\u1160\u3164\uffa0')
INVISIBLE_CATEGORIES = frozenset(('Cc', 'Cf', 'Zl', 'Zp'))
NEWLINES = {b'\n': 'LF', b'\r\n': 'CRLF', b'\r': 'CR'}

_TARGET = re.compile(r'\s*\.\.[ ]+_')
# What opens a directive region: a directive's marker (a substitution
# definition's included) or a lone ``::``.
_REGION = re.compile(r'\.\.\s+(\|[^|]+\|\s+)?[\w:.+-]+ ?::|::\s*$')
# Lines whose deeper indented next line continues them: list items (those
# doc8 knows: a list item doc8 takes for a term, '(c) ...', it accepts, and
# so do the repositories that run it), fields, line-block lines and
# explicit markup.
_NOT_TERM = re.compile(
    r'([-*]|#\.|\d+\.)\s|:[^:\s][^:]*:(\s|$)|\|(\s|$)|\.\.(\s|$)')
_ENDING = re.compile(rb'\r\n|\r|\n')
_NOT_PLAIN = re.compile(r'[^\t -~]')  # candidates for W105


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    settings = context.settings
    yield from _line_endings(spec)
    yield from _long_lines(spec, settings.max_line_length, context)
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


def _long_lines(
        spec: Spec, limit: int, context: Context,
) -> Iterator[Diagnostic]:
    if not limit:
        return
    long = [
        index for index, line in enumerate(spec.lines)
        if len(line) > limit  # pragma: no mutate (saves an rstrip)
        and len(line.rstrip()) > limit
    ]
    if not long:
        return
    verbatim = {
        index for block in spec.blocks if block.verbatim
        for index in range(block.start - 1, block.end)
    }
    exempt = verbatim | _directive_regions(spec.lines) | _terms(spec.lines)
    copied = _template_long_lines(spec, limit, context)
    for index in long:
        line = spec.lines[index].rstrip()
        if index in exempt or _unbreakable(line) or line in copied:
            continue
        yield W101(
            spec.path, index + 1,
            f'line too long ({len(line)} > {limit} characters)', limit + 1,
        )


def _directive_regions(lines: list[str]) -> set[int]:
    """Directive bodies, as doc8 finds them without parsing: the blank or
    deeper indented lines after a directive's marker, and the marker line
    itself unless it has words to wrap (``.. note:: Some text``)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        opened = _REGION.match(stripped)
        if opened is None:
            continue
        if index in found:  # pragma: no mutate (a nested body is inside)
            continue
        if len(stripped[opened.end():].split()) < 2:
            found.add(index)
        column = indent(line)
        end = index + 1
        while end < len(lines) and (
                not lines[end].strip() or indent(lines[end]) > column):
            found.add(end)
            end += 1
    return found


def _terms(lines: list[str]) -> set[int]:
    """Definition list terms, which cannot wrap: a line followed by a
    deeper indented one, as doc8 takes them, except the lines that the
    deeper line continues (``_NOT_TERM``)."""
    return {
        index for index, (line, after) in enumerate(itertools.pairwise(lines))
        if line.strip() and after.strip()
        and indent(after) > indent(line)
        and not _NOT_TERM.match(line.lstrip())
    }


def _template_long_lines(
        spec: Spec, limit: int, context: Context,
) -> set[str]:
    """The too long lines of the templates that apply to the spec: a copy
    of one is the template's style, not the author's.  Every template of
    a ``templates`` list counts, so choosing one (a parse) is not
    needed."""
    return {
        stripped for template in context.templates.get(spec.path, ())
        for line in template.spec.lines
        if len(stripped := line.rstrip()) > limit
    }


def _unbreakable(line: str) -> bool:
    """A URL, a hyperlink target or a single token: wrapping cannot help."""
    return (
        '://' in line
        or len(line.split(maxsplit=1)) < 2  # pragma: no mutate (speed only)
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
