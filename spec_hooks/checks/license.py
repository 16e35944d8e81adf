"""The license header the template starts with (or ends with).

Words are compared, not lines: comment markers, ``#`` prefixes, indentation
and wrapping do not matter.  The template's year and its placeholders
(``<Copyright holder>``, ``<YEAR>``, ``[yyyy]``...) are wildcards that the
spec must fill in, and that ``--fix`` fills in with this year and the
configured holder.  Of the template's header, the paragraphs that speak of
a license or copyright are the statement, required word for word; its
other paragraphs (a note, a credit line) are the author's to change, and so
are such paragraphs added to the spec's header.  A ``license-file`` is all
statement.
"""
from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator

from spec_hooks.blocks import Block
from spec_hooks.config import Settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.fixes import Edit
from spec_hooks.rules import L101, L102, L103, L104, L105, L106
from spec_hooks.spec import Spec
from spec_hooks.template import CACHED_TEMPLATES, Template

LICENSE_WORDS = re.compile(r'licen[cs]|copyright', re.IGNORECASE)
HEADER_KINDS = ('comment', 'literal', 'directive', 'paragraph')


class License:
    """The license header a spec must carry: its words, the lines it is
    written as (what ``--fix`` inserts) and where it goes."""

    def __init__(
            self, lines: list[str], position: str,
            where: range = range(0), *, whole: bool = False,
    ) -> None:
        self.lines = lines
        self.position = position
        self.where = where  # the template's line numbers it stands on
        self.whole = whole  # every word required, not just the statement's
        self.words = self.words_of(lines)

    def words_of(self, lines: list[str]) -> list[str]:
        """The words of a header (the template's or a spec's block) that
        must be as this header has them."""
        return header_words(lines) if self.whole else statement_words(lines)

    @classmethod
    def from_template(cls, spec: Spec) -> License | None:
        """The block before the title that speaks of a license (a comment,
        a literal block, or designate's paragraph after an empty comment);
        failing that, the last such block (oslo puts it at the end)."""
        found = spec.blocks
        title = next((i for i, b in enumerate(found) if b.kind == 'title'),
                     len(found))
        for i, block in enumerate(found[:title]):
            if _speaks_of_license(spec, block):
                first = i - 1 if block.kind == 'literal' and i else i
                return cls._between(spec, found[first], block, 'top')
        shown = [b for b in found[title:] if b.kind != 'target']
        for block in shown[-1:]:  # only the very end can be an end notice
            if block.kind == 'literal' and _speaks_of_license(spec, block):
                return cls._literal_at_end(spec, found, block)
            if _speaks_of_license(spec, block):
                outer = next(  # the note, not the paragraph inside it
                    (b for b in found
                     # (<= finds the block itself: the default)
                     if b.start < block.start <= b.end),  # pragma: no mutate
                    block,
                )
                return cls._between(spec, outer, outer, 'end')
        return None

    @classmethod
    def _literal_at_end(
            cls, spec: Spec, found: list[Block], block: Block,
    ) -> License:
        """A literal block with the '::' that makes it one: the line of
        its own before it, or, where the template ends a paragraph of its
        own text with it, a '::' line added."""
        before = found[found.index(block) - 1]
        if before.text == '::':
            return cls._between(spec, before, block, 'end')
        return cls(['::', '', *spec.lines[block.start - 1:block.end]],
                   'end', range(block.start, block.end + 1))

    @classmethod
    def _between(
            cls, spec: Spec, first: Block, last: Block, position: str,
    ) -> License:
        return cls(spec.lines[first.start - 1:last.end], position,
                   range(first.start, last.end + 1))


def _speaks_of_license(spec: Spec, block: Block) -> bool:
    """Whether the block can be a license header: its words, not a
    directive's name (``.. license::``), speak of a license."""
    if block.kind not in HEADER_KINDS:
        return False
    words = header_words(spec.lines[block.start - 1:block.end])
    return LICENSE_WORDS.search(' '.join(words)) is not None


def header_words(lines: list[str]) -> list[str]:
    """The words of a header, without comment markers, ``#`` prefixes,
    directive names or the ``::`` that opens a literal block."""
    words = []
    for line in lines:
        line = line.strip()
        line = re.sub(r'^\.\.(\s+[\w-]+::)?', '', line).strip()
        line = line.lstrip('#').strip()
        if line != '::':
            words.extend(line.split())
    return words


def statement_words(lines: list[str]) -> list[str]:
    """The words of the paragraphs of a header that speak of a license or
    copyright (a ``#`` line is no paragraph break); an ``https`` URL
    counts as the ``http`` one."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    words = header_words([
        line for paragraph in paragraphs
        if LICENSE_WORDS.search(' '.join(paragraph)) for line in paragraph
    ])
    return [word.replace('https://', 'http://', 1) for word in words]


# A year to fill in: <YEAR>, <year>, [yyyy], [year]; bare only in capitals
# and where the year stands, after "Copyright", "(c)" or the sign (YEAR,
# YYYY), so that "Copyright 2014 Year Corp" keeps its holder.
_YEAR_WORD = r'(?i:years?|y{4}|y{2})'
_BRACKETED_YEAR = rf'<{_YEAR_WORD}>|\[{_YEAR_WORD}\]'
_BARE_YEAR = r'(?:YEAR|YYYY)\b'
YEAR_PLACEHOLDER = re.compile(  # in words joined by single spaces
    rf'{_BRACKETED_YEAR}'
    r'|(?:(?<=(?i:copyright) )|(?<=\((?i:c)\) )|(?<=\N{COPYRIGHT SIGN} ))'
    rf'{_BARE_YEAR}',
)
_SIGNED_BARE_YEAR = re.compile(  # in a line, however spaced
    rf'((?:(?i:copyright|\(c\))|\N{{COPYRIGHT SIGN}})\s+){_BARE_YEAR}',
)
# A holder to fill in: <Copyright holder> (not <http://...> nor a year),
# [name of copyright owner] (the Apache License's boilerplate).
PLACEHOLDER = re.compile(
    rf'(?!{YEAR_PLACEHOLDER.pattern})<[^<>:/]+>'
    r'|\[[^\[\]]*(?i:name|owner|holder|author)[^\[\]]*\]',
)
YEAR = re.compile(r'\b(?:19|20)\d\d\b')
UNFILLED_YEAR = re.compile(r'(?i)[<\[]?(y{2,4}|years?)[>\]]?|x{4}')
SIMILAR = 0.5  # a block this close to the header is the header, altered


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    expected = expected_licenses(context.template(spec), context)
    if not expected:
        return
    note = '' if context.license_texts else context.against(spec)
    for found in _check(spec, expected, context.settings):
        found.message += note
        yield found


def _check(
        spec: Spec, expected: list[License], settings: Settings,
) -> Iterator[Diagnostic]:
    found = _find(spec, expected)
    if found is None:
        yield _missing(spec, expected[0], settings)
        return
    header, block, words = found
    pattern = _pattern(' '.join(header.words))
    match = pattern.fullmatch(' '.join(words))
    if match is None:
        yield L102(spec.path, block.start,
                   f'license header differs from the template: '
                   f'{_first_difference(header.words, words)}')
    else:
        yield from _placeholders(spec, block, match)
    where = position(header, settings)
    if not _placed(spec, block, where):
        yield L103(spec.path, block.start,
                   f'license header is not at the {where} of the file: '
                   f'move it there')


def expected_licenses(
        template: Template | None, context: Context,
) -> list[License]:
    """The headers a spec may carry: those ``license-file`` gives (the
    first is what ``--fix`` inserts), else the template's."""
    if context.license_texts:
        return [_license_file(text) for text in context.license_texts]
    header = template_license(template) if template is not None else None
    return [header] if header is not None else []


@functools.lru_cache(maxsize=CACHED_TEMPLATES)
def template_license(template: Template) -> License | None:
    return License.from_template(template.spec)


@functools.cache
def _license_file(text: str) -> License:
    """The header ``license-file`` gives, as a comment."""
    lines = ['..'] + [f' {line}'.rstrip() for line in text.splitlines()]
    return License(lines, 'top', whole=True)


def position(expected: License, settings: Settings) -> str:
    """Where the header goes: ``license-position``, else where the
    template has it."""
    return settings.license_position or expected.position


def _find(
        spec: Spec, expected: list[License],
) -> tuple[License, Block, list[str]] | None:
    """The header and the block that is it, or failing that the header
    and block most alike, if alike enough."""
    blocks = [b for b in spec.blocks if b.kind in HEADER_KINDS]
    candidates = []
    for header in expected:
        pattern = _pattern(' '.join(header.words))
        for block in blocks:
            words = header.words_of(spec.lines[block.start - 1:block.end])
            if pattern.fullmatch(' '.join(words)):
                return header, block, words
            candidates.append((header, block, words))
    import difflib  # only when the header is not there as it should be

    best: tuple[float, License, Block, list[str]] | None = None
    for header in expected:
        matcher = difflib.SequenceMatcher(None, b=header.words,
                                          autojunk=False)
        for theirs, block, words in candidates:
            if theirs is not header:
                continue
            matcher.set_seq1(words)
            floor = best[0] if best else SIMILAR
            # Upper bounds of ratio(), for speed alone.
            if (matcher.real_quick_ratio() >= floor and  # pragma: no mutate
                    matcher.quick_ratio() >= floor):
                ratio = matcher.ratio()
                if ratio >= floor and (best is None or ratio > best[0]):
                    best = (ratio, header, block, words)
    return best[1:] if best else None


# What the spec fills in: a year or a year placeholder, with the comma and
# space after it, or a holder placeholder.
_TOKENS = re.compile(
    rf'(?P<year>{YEAR_PLACEHOLDER.pattern}|{YEAR.pattern})'
    rf'(?P<after>[,;]?\s)?|{PLACEHOLDER.pattern}',
)


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    """The header as a regular expression over space-joined words, with a
    named group per placeholder and per year."""
    parts, last = [], 0
    for number, token in enumerate(_TOKENS.finditer(text)):
        parts.append(re.escape(text[last:token.start()]))
        if token.group('year'):  # optional, with what follows it; the
            # template's comma after the year may be left out, or added
            after = '[,;]?\\ ' if token.group('after') else ''
            parts.append(f'(?:(?P<year{number}>[^\\s,;]+){after})?')
        else:
            parts.append(f'(?P<holder{number}>.+?)')
        last = token.end()
    parts.append(re.escape(text[last:]))
    return re.compile(''.join(parts))


def _placeholders(
        spec: Spec, block: Block, match: re.Match[str],
) -> Iterator[Diagnostic]:
    this_year = time.localtime().tm_year
    for name, value in match.groupdict('').items():
        if name.startswith('holder') and PLACEHOLDER.fullmatch(value):
            yield L104(spec.path, block.start,
                       f'copyright holder not filled in: replace '
                       f"'{value}' with the holder's name")
        elif name.startswith('year'):
            years = [int(y) for y in re.findall(r'\d{4}', value)]
            if not years or UNFILLED_YEAR.fullmatch(value):
                yield L105(spec.path, block.start,
                           f'copyright year not filled in: write the '
                           f'year, e.g. {this_year}')
            elif any(not 1990 <= y <= this_year + 1 for y in years):
                yield L106(spec.path, block.start,
                           f"copyright year '{value}' is not a "
                           f'plausible year: write a year from 1990 '
                           f'to {this_year + 1}')


def _first_difference(expected: list[str], found: list[str]) -> str:
    import difflib

    wildcards = _wildcard_words(expected)
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == 'equal' or (a1 < a2 and wildcards.issuperset(range(a1, a2))):
            continue
        want, got = _quote(expected[a1:a2]), _quote(found[b1:b2])
        where = f'after {_quote(expected[max(a1 - 3, 0):a1])}: ' if a1 else ''
        if op == 'delete':
            return f'{where}missing {want}'
        if op == 'insert':
            return f'{where}unexpected {got}'
        return f'{where}expected {want}, found {got}'
    return 'the words are in a different order'


def _wildcard_words(words: list[str]) -> set[int]:
    """The indexes of the words that are, or are part of, what the spec
    fills in, and of the words with an angle bracket (<http://...>)."""
    text = ' '.join(words)
    spans = [token.span('year') if token.group('year') else token.span()
             for token in _TOKENS.finditer(text)]
    found, start = set(), 0
    for index, word in enumerate(words):
        end = start + len(word)
        if re.search('[<>]', word) or any(
                first < end and start < last for first, last in spans):
            found.add(index)
        start = end + 1
    return found


def _quote(words: list[str], most: int = 8) -> str:
    text = ' '.join(words[:most])
    return f"'{text}{' ...' if len(words) > most else ''}'"


def _placed(spec: Spec, block: Block, position: str) -> bool:
    """Whether the header stands where it must: before it at the top
    nothing but a ``::`` line or an empty comment; after it at the end,
    nothing but link targets, which are never shown."""
    shown = [b for b in spec.blocks if b.text not in ('::', '..')]
    if position == 'top':
        return shown[:1] == [block]
    if position == 'end':
        after = [b for b in shown if b.start > block.end]
        return all(b.kind == 'target' for b in after)
    return True


def _missing(
        spec: Spec, expected: License, settings: Settings,
) -> Diagnostic:
    where = position(expected, settings)
    at_end = where == 'end'
    line = len(spec.text.rstrip('\n').split('\n')) if at_end else 1
    hint = _not_insertable(spec, expected, settings) or \
        'run with --fix to insert it'
    # (where license-position puts it, else where the template has it)
    ends = 'ends' if (expected.position if where == 'anywhere' else where) \
        == 'end' else 'starts'
    return L101(spec.path, line,
                f'license header missing: the template {ends} with '
                f'{_quote(expected.words)}; {hint}')


def _not_insertable(
        spec: Spec, expected: License, settings: Settings,
) -> str | None:
    """Why ``--fix`` would not insert the missing header, as advice; None
    if it would."""
    if settings.copyright_holder is None and needs_holder(expected):
        return 'set copyright-holder so that --fix can insert it'
    other = next((b for b in spec.blocks if b.kind != 'paragraph' and
                  LICENSE_WORDS.search(b.text)), None)
    if other is not None:
        return (f'line {other.start} speaks of a license in another form, '
                f'so --fix leaves the header to you')
    return None


def needs_holder(header: License) -> bool:
    """Whether the header names its holder by a ``<placeholder>``, which
    only ``copyright-holder`` can fill in."""
    return PLACEHOLDER.search(' '.join(header.words)) is not None


def filled_in(header: License, holder: str | None) -> list[str]:
    """The header's lines as they are written into a spec: this year, and
    ``holder`` for its placeholders (left as they are without one)."""
    lines = [_fill_year(line) for line in header.lines]
    if holder is not None:
        lines = [PLACEHOLDER.sub(lambda _: holder, line) for line in lines]
    return lines


def fix(spec: Spec, context: Context) -> list[Edit]:
    """Insert a missing header in the template's own form (or the first
    license file's), with this year and the configured holder.  An altered
    header is left to a person, and so is a header of another form."""
    settings = context.settings
    expected = expected_licenses(context.template(spec), context)
    if not expected or _find(spec, expected) is not None or \
            _not_insertable(spec, expected[0], settings) is not None:
        return []
    header = expected[0]
    lines = filled_in(header, settings.copyright_holder)
    added, what = '\n'.join(lines), 'inserted license header'
    if position(header, settings) == 'end':
        end = len(spec.text.rstrip('\n').split('\n'))
        return [Edit(end, len(spec.lines), ['', *lines], added=added,
                     what=what)]
    return [Edit(0, 0, [*lines, ''], added=added, what=what)]


def _fill_year(line: str) -> str:
    """The line with this year for the template's year and placeholders
    of a year."""
    year = str(time.localtime().tm_year)
    line = re.sub(_BRACKETED_YEAR, year, YEAR.sub(year, line))
    return _SIGNED_BARE_YEAR.sub(lambda m: m.group(1) + year, line)


FIXES = {L101.code: fix}
