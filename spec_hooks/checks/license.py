"""The license header the template starts with (or ends with).

Words are compared, not lines: comment markers, ``#`` prefixes, indentation
and wrapping do not matter.  The template's ``<placeholders>`` and its year
are wildcards that the spec must fill in.
"""
from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator

from spec_hooks.blocks import Block
from spec_hooks.config import ConfigError, Settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.fixes import Edit
from spec_hooks.spec import BadInput, Spec
from spec_hooks.template import (
    HEADER_KINDS,
    LICENSE_WORDS,
    License,
    Template,
    header_words,
)

PLACEHOLDER = re.compile(r'<[^<>:/]+>')  # <Copyright holder>, not <http://>
YEAR = re.compile(r'\b(?:19|20)\d\d\b')
UNFILLED_YEAR = re.compile(r'(?i)<?(y{2,4}|year)>?|x{4}')
SIMILAR = 0.5  # a block this close to the header is the header, altered


def check(spec: Spec, template: Template, settings: Settings) -> Iterator[
        Diagnostic]:
    expected = expected_license(template, settings)
    if expected is None:
        return
    found = _find(spec, expected)
    if found is None:
        yield _missing(spec, expected, settings)
        return
    block, words = found
    pattern = _pattern(' '.join(expected.words))
    match = pattern.fullmatch(' '.join(words))
    if match is None:
        yield Diagnostic(spec.path, block.start, 'L102',
                         f'license header differs from the template: '
                         f'{_first_difference(expected.words, words)}')
    else:
        yield from _placeholders(spec, block, match)
    where = _position(expected, settings)
    if not _placed(spec, block, where):
        yield Diagnostic(spec.path, block.start, 'L103',
                         f'license header is not at the {where} of the file: '
                         f'move it there')


def expected_license(template: Template, settings: Settings) -> License | None:
    if settings.license_file is None:
        return template.license
    return _license_file(settings.license_file)


@functools.cache
def _license_file(path: str) -> License:
    """The header ``license-file`` gives, as a comment; read once."""
    try:
        text = Spec.read(path).text
    except BadInput as e:
        raise ConfigError(f'license-file {path}: {e.message}') from None
    lines = ['..'] + [f' {line}'.rstrip() for line in text.splitlines()]
    return License(lines, 'top')


def _position(expected: License, settings: Settings) -> str:
    return settings.license_position or expected.position


def _find(spec: Spec, expected: License) -> tuple[Block, list[str]] | None:
    """The block that is the header, or failing that the block most like
    it, if it is alike enough."""
    pattern = _pattern(' '.join(expected.words))
    candidates = []
    for block in spec.blocks:
        if block.kind in HEADER_KINDS:
            words = header_words(spec.lines[block.start - 1:block.end])
            if pattern.fullmatch(' '.join(words)):
                return block, words
            candidates.append((block, words))
    import difflib  # only when the header is not there as it should be

    best: tuple[float, Block, list[str]] | None = None
    matcher = difflib.SequenceMatcher(None, b=expected.words, autojunk=False)
    for block, words in candidates:
        matcher.set_seq1(words)
        floor = best[0] if best else SIMILAR
        if matcher.real_quick_ratio() >= floor and \
                matcher.quick_ratio() >= floor:
            ratio = matcher.ratio()
            if ratio >= floor and (best is None or ratio > best[0]):
                best = (ratio, block, words)
    return (best[1], best[2]) if best else None


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    """The header as a regular expression over space-joined words, with a
    named group per placeholder and per year."""
    parts, last = [], 0
    tokens = f'{PLACEHOLDER.pattern}|(?:{YEAR.pattern})([,;]?\\s)?'
    for number, token in enumerate(re.finditer(tokens, text)):
        parts.append(re.escape(text[last:token.start()]))
        if YEAR.match(token.group()):  # optional, with what follows it
            after = re.escape(token.group(1) or '')
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
            yield Diagnostic(spec.path, block.start, 'L104',
                             f'copyright holder not filled in: replace '
                             f"'{value}' with the holder's name")
        elif name.startswith('year'):
            years = [int(y) for y in re.findall(r'\d{4}', value)]
            if not years or UNFILLED_YEAR.fullmatch(value):
                yield Diagnostic(spec.path, block.start, 'L105',
                                 f'copyright year not filled in: write the '
                                 f'year, e.g. {this_year}')
            elif any(not 1990 <= y <= this_year + 1 for y in years):
                yield Diagnostic(spec.path, block.start, 'L106',
                                 f"copyright year '{value}' is not a "
                                 f'plausible year: write a year from 1990 '
                                 f'to {this_year + 1}')


def _first_difference(expected: list[str], found: list[str]) -> str:
    import difflib

    wildcard = re.compile(f'{PLACEHOLDER.pattern}|{YEAR.pattern}|\\S*[<>]\\S*')
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == 'equal' or (a1 < a2 and all(
                wildcard.search(w) for w in expected[a1:a2])):
            continue
        want, got = _quote(expected[a1:a2]), _quote(found[b1:b2])
        where = f'after {_quote(expected[max(a1 - 3, 0):a1])}: ' if a1 else ''
        if op == 'delete':
            return f'{where}missing {want}'
        if op == 'insert':
            return f'{where}unexpected {got}'
        return f'{where}expected {want}, found {got}'
    return 'the words are in a different order'


def _quote(words: list[str], most: int = 8) -> str:
    text = ' '.join(words[:most])
    return f"'{text}{' ...' if len(words) > most else ''}'"


def _placed(spec: Spec, block: Block, position: str) -> bool:
    """Whether the header stands where it must: before it at the top
    nothing but a ``::`` line or an empty comment; after it at the end,
    nothing but link targets, which are never shown."""
    shown = [b for b in spec.blocks if b.text not in ('::', '..')]
    if position == 'top':
        return shown[0] is block
    if position == 'end':
        after = [b for b in shown if b.start > block.end]
        return all(b.kind == 'target' for b in after)
    return True


def _missing(spec: Spec, expected: License, settings: Settings) -> Diagnostic:
    position = _position(expected, settings)
    line = 1 if position != 'end' else len(spec.text.rstrip('\n').split('\n'))
    hint = 'run with --fix to insert it'
    if _needs_holder(expected, settings):
        hint = 'set copyright-holder so that --fix can insert it'
    ends = 'ends' if position == 'end' else 'starts'
    return Diagnostic(spec.path, line, 'L101',
                      f'license header missing: the template {ends} with '
                      f'{_quote(expected.words)}; {hint}')


def _needs_holder(expected: License, settings: Settings) -> bool:
    return settings.copyright_holder is None and \
        PLACEHOLDER.search(' '.join(expected.words)) is not None


def fix(spec: Spec, template: Template, settings: Settings) -> list[Edit]:
    """Insert a missing header in the template's own form, with this year
    and the configured holder.  An altered header is left to a person."""
    expected = expected_license(template, settings)
    if expected is None or _find(spec, expected) is not None or \
            _needs_holder(expected, settings) or any(
                b.kind != 'paragraph' and LICENSE_WORDS.search(b.text)
                for b in spec.blocks):
        return []  # a header of another form is a person's call
    year = str(time.localtime().tm_year)
    lines = [YEAR.sub(year, line) for line in expected.lines]
    if settings.copyright_holder is not None:
        holder = settings.copyright_holder
        lines = [PLACEHOLDER.sub(lambda _: holder, line) for line in lines]
    if _position(expected, settings) == 'end':
        end = len(spec.text.rstrip('\n').split('\n'))
        return [Edit(end, len(spec.lines), ['', *lines])]
    return [Edit(0, 0, [*lines, ''])]
