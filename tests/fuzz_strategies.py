"""Hypothesis strategies that build reStructuredText specs and templates
from the constructs real specs use, and that mutate real specs.

Independent of spec_hooks on purpose: the input must not be shaped by the
code it tests.  Used by tests/test_fuzz.py (a short seeded run) and by
tools/fuzz.py (a long one).

Every document strategy gives bytes, as a file holds them: newline style,
BOM, stray control and invisible characters are part of what is drawn.
"""
from __future__ import annotations

import os

from hypothesis import strategies as st

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(REPO), 'shared', 'corpus')

PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'
DELETE_ME = (
    '*Delete this paragraph when you write your blueprint.* Here are some '
    'simple instructions. This template should be in ReSTructured text.'
)
# The built-in template's own instruction, which --fix removes.
BLUEPRINT_DELETE_ME = [
    '*Delete this paragraph when you write your blueprint.* Here are some',
    'simple instructions. This template should be in ReSTructured text. The',
    'filename in the git repository should match the launchpad URL, for '
    'example a',
    'URL of https://blueprints.launchpad.net/nova/+spec/awesome-thing should '
    'be',
    'named awesome-thing.rst .',
]
LICENSE_LINES = (
    'This work is licensed under a Creative Commons Attribution 3.0 '
    'Unported', 'License.', '',
    'http://creativecommons.org/licenses/by/3.0/legalcode',
)
COPYRIGHT_LINES = (
    '#', '# Copyright (C) 2014, <Copyright holder>', '#',
    '# Licensed under the Apache License, Version 2.0 (the "License");',
    '# you may not use this file except in compliance with the License.',
)
WORDS = (
    'the', 'spec', 'nova', 'API', 'change', 'Testing', 'Proposed',
    'Dependencies', 'license', 'Copyright', 'licensed', 'None', 'TBD',
    'work', 'items', 'Primary', 'assignee:', '<launchpad-id>', 'http://x.y',
    'e.g.', '::', '..', '|x|', '*', '`', '_', '__', 'café', '東京',
    'مرحبا', 'a\u0301', '\U0001f600', 'x' * 90, '2014', 'Delete', 'this',
    'paragraph', '<Copyright holder>', 'Apache', 'Commons', '-', '+', '#.',
)
TITLES = (
    'Problem description', 'Proposed change', 'Alternatives',
    'Data model impact', 'REST API impact', 'Security impact',
    'Testing', 'Dependencies', 'References', 'History', 'Work Items',
    'Implementation', 'Assignee(s)', 'Use Cases', 'Upgrade impact',
)
TYPOS = ('Propsed change', 'testing', 'Dependancies', 'Refrences',
         'Problem Description', 'Work items', 'Implementaiton')
KNOWN_ROLES = (
    'ref', 'doc', 'code', 'emphasis', 'literal', 'strong', 'sub', 'sup',
    'title-reference', 'abbr', 'class', 'rfc', 'pep', 'math', 'kbd',
    'file', 'term', 'py:class', 'raw', 'command', 'download',
)
UNKNOWN_ROLES = ('reff', 'foo', 'bug', 'nova:ref', 'x', 'Ref')
PROSE_DIRECTIVES = ('note', 'warning', 'important', 'tip', 'todo', 'topic',
                    'sidebar', 'admonition', 'seealso', 'container')
OPAQUE_DIRECTIVES = (
    'code-block', 'sourcecode', 'code', 'toctree', 'image', 'figure',
    'include', 'literalinclude', 'raw', 'csv-table', 'list-table', 'table',
    'contents', 'seqdiag', 'graphviz', 'blockdiag', 'math', 'only',
    'glossary', 'parsed-literal', 'epigraph', 'rubric', 'unicode', 'class',
    'role', 'default-role', 'title', 'sectnum', 'header', 'meta', 'notte',
    'foo', 'nova:feature', 'spec-hooks', 'license',
)
OPTIONS = (':file: /etc/passwd', ':url: http://localhost/', ':header: a, b',
           ':maxdepth: 2', ':linenos:', ':colour: red', ':class: x',
           ':encoding: latin-1', ':glob:', ':width: 100%', ':widths: 1 2')
# Characters that real files contain by accident, and that split lines,
# vanish or end a file for some readers but not for others.
ODD_CHARACTERS = (
    '\t', '\0', '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\ufeff',
    '\u00a0', '\f', '\v', '\x85', '\x1c', '\u0301', '\u202e', '\r',
)
NEWLINES = ('\n', '\r\n', '\r')


def _rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True once in ``one_in`` draws; False where Hypothesis shrinks to,
    so that a minimal input has none of the rare things it needs not."""
    return draw(st.integers(1, one_in)) == one_in


# --- inline text -----------------------------------------------------------

def _role(names: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda name, text: f':{name}:`{text}`',
        st.sampled_from(names), st.sampled_from(('x', 'a b', 'foo <bar>',
                                                 '~x.y', '', '`', '<>')),
    )


INLINE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    _role(KNOWN_ROLES),
    _role(UNKNOWN_ROLES),
    st.sampled_from((
        '*emphasis*', '**strong**', '``literal``', '`interpreted`',
        '`link <http://example.com/>`_', '`anon <http://e.org>`__',
        'target_', '`Proposed change`_', '|x|', '|undefined|', '[#]_',
        '[1]_', '[CIT]_', '*unclosed', '**unclosed', '``unclosed',
        '`unclosed', '_`inline target`', 'http://example.com/+spec/foo',
        'https://blueprints.launchpad.net/nova/+spec/awesome-thing',
        '\\*', '.. spec-hooks: disable=W101',
    )),
    st.text(
        st.characters(codec='utf-8', exclude_characters='\n'),
        min_size=1, max_size=8,
    ),
)
LINE = st.lists(INLINE, min_size=1, max_size=8).map(' '.join)


def _paragraph(max_lines: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(LINE, min_size=1, max_size=max_lines)


# --- blocks: each a list of lines without newlines ------------------------

def _indent(lines: list[str], by: int) -> list[str]:
    return [' ' * by + line if line else line for line in lines]


@st.composite
def titles(draw: st.DrawFn, text: str | None = None) -> list[str]:
    """A section title with any adornment: under, over and under,
    too short, too long, mismatched."""
    if text is None:
        text = draw(st.one_of(st.sampled_from(TITLES + TYPOS), LINE))
    char = draw(st.sampled_from(PUNCTUATION))
    width = len(text) + draw(st.sampled_from((0, 0, 0, 2, -1, -3)))
    width = max(width, draw(st.integers(1, 3)))
    adornment = char * width
    shape = draw(st.sampled_from(('under', 'under', 'over', 'mismatch')))
    if shape == 'under':
        return [text, adornment]
    if shape == 'over':
        return [adornment, f' {text}', adornment + char * 2]
    other = draw(st.sampled_from(PUNCTUATION))
    return [adornment, text, other * width]


@st.composite
def directives(draw: st.DrawFn, depth: int) -> list[str]:
    prose = draw(st.booleans())
    names = PROSE_DIRECTIVES if prose else OPAQUE_DIRECTIVES
    name = draw(st.sampled_from(names))
    argument = draw(st.sampled_from(
        ('', ' python', ' index', ' /etc/passwd', ' foo.png', ' html',
         ' Title', ' ' + DELETE_ME, ' a' * 40)))
    head = [f'.. {name}::{argument}']
    options = draw(st.lists(st.sampled_from(OPTIONS), max_size=2))
    head.extend(f'   {option}' for option in options)
    if prose and depth > 0:
        body = draw(bodies(depth - 1))
    else:
        body = draw(st.lists(LINE, max_size=4))
    if not body:
        return head
    blank = [] if _rarely(draw, 5) else ['']
    return [*head, *blank, *_indent(body, draw(st.sampled_from((3, 3, 2, 4))))]


@st.composite
def grid_tables(draw: st.DrawFn) -> list[str]:
    rows = draw(st.integers(1, 4))
    widths = draw(st.lists(st.integers(1, 10), min_size=1, max_size=4))
    border = '+' + '+'.join('-' * w for w in widths) + '+'
    lines = [border]
    for row in range(rows):
        cells = [draw(st.sampled_from(WORDS))[:w].ljust(w) for w in widths]
        lines.append('|' + '|'.join(cells) + '|')
        lines.append(border.replace('-', '=') if row == 0 else border)
    if _rarely(draw, 4):  # a malformed one
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = lines[at][:-1]
    return lines


@st.composite
def simple_tables(draw: st.DrawFn) -> list[str]:
    widths = draw(st.lists(st.integers(1, 8), min_size=1, max_size=4))
    border = ' '.join('=' * w for w in widths)
    rows = draw(st.lists(
        st.lists(st.sampled_from(WORDS), min_size=len(widths),
                 max_size=len(widths)), min_size=1, max_size=4))
    lines = [border]
    for row in rows:
        lines.append(' '.join(cell[:w].ljust(w)
                              for cell, w in zip(row, widths, strict=True)))
    lines.append(border)
    if _rarely(draw, 4):  # text sticking out of its column
        lines.insert(1, 'x' * (len(border) + 3))
    return lines


@st.composite
def literal_blocks(draw: st.DrawFn) -> list[str]:
    intro = draw(st.sampled_from(
        (['::'], ['Example::'], ['Example: ::'], ['Expanded ::'])))
    body = draw(st.lists(LINE, min_size=1, max_size=4))
    if draw(st.booleans()):
        return [*intro, '', *_indent(body, draw(st.integers(1, 8)))]
    quote = draw(st.sampled_from('>|:!*'))  # quoted, unindented
    return [*intro, '', *[f'{quote} {line}' for line in body]]


@st.composite
def comments(draw: st.DrawFn) -> list[str]:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return ['..']
    if kind == 1:
        return ['..', *_indent(list(LICENSE_LINES), 4)]
    body = draw(st.lists(LINE, min_size=1, max_size=3))
    return [f'.. {body[0]}', *_indent(body[1:], 3)]


@st.composite
def field_lists(draw: st.DrawFn) -> list[str]:
    fields = draw(st.lists(st.tuples(
        st.sampled_from(('Author', 'problem', 'Date', 'x y', '')), LINE),
        min_size=1, max_size=4))
    return [f':{name}: {value}' for name, value in fields]


SUBSTITUTIONS = st.sampled_from((
    ['.. |x| replace:: |x| |x|'],  # circular, twice
    ['.. |x| replace:: |x|'],
    ['.. |x| replace:: text', '.. |x| replace:: again'],
    ['.. |x| image:: foo.png'],
    ['.. |y| replace:: |x|', '.. |x| replace:: |y|'],
    ['.. |x| unicode:: U+2028'],
    ['.. |date| date::'],
    ['.. |x| notte:: y'],
    ['.. |x| replace::'],
))
TARGETS = st.sampled_from((
    ['.. _target: http://example.com/'], ['.. _target:'],
    ['.. _Proposed change:'], ['.. __: http://e.org'],
    ['.. [#] A footnote.'], ['.. [1] Numbered.'], ['.. [CIT] Citation.'],
    ['.. _a:', '.. _a:'], ['.. _loop: loop_'],
))
OTHER_BLOCKS = st.sampled_from((
    ['----------'], ['| line block', '| second'], ['>>> print(1)', '1'],
    ['-a         option', '--long=x   another'], ['term', '   definition'],
    ['.. spec-hooks: disable=S104,W101'], ['.. spec-hooks: disable='],
    [DELETE_ME], [DELETE_ME.replace('.*', '::*')],
    BLUEPRINT_DELETE_ME,
    [*BLUEPRINT_DELETE_ME[:-1], BLUEPRINT_DELETE_ME[-1][:-2] + '::', '',
     '  # Copyright (C) 2014, ACME'],
    [f'.. note:: {BLUEPRINT_DELETE_ME[0]}',
     *_indent(BLUEPRINT_DELETE_ME[1:], 3), '',
     '   Keep this other note text, written by the author.'],
    ['::', '', '  # Copyright (C) 2014, ACME'],
    ['Primary assignee:', '  <launchpad-id or None>'],
))


@st.composite
def lists(draw: st.DrawFn, depth: int) -> list[str]:
    bullet = draw(st.sampled_from(('-', '*', '+', '#.', '1.', 'a)', '(i)',
                                   '\u2022')))
    items = draw(st.lists(bodies(depth - 1), min_size=1, max_size=3))
    gap = draw(st.sampled_from(([], [''])))
    lines: list[str] = []
    for item in items:
        first, *rest = item or ['']
        lines += [*gap, f'{bullet} {first}',
                  *_indent(rest, len(bullet) + 1)]
    return lines[len(gap):]


@st.composite
def quotes(draw: st.DrawFn, depth: int) -> list[str]:
    return _indent(draw(bodies(depth - 1)), draw(st.integers(1, 4)))


@st.composite
def deep_nesting(draw: st.DrawFn) -> list[str]:
    """A list in a quote in a note ..., from a few levels to hundreds."""
    depth = draw(st.sampled_from((3, 10, 30, 60, 120)))
    kinds = draw(st.lists(st.sampled_from(('-', '>', 'note')),
                          min_size=1, max_size=3))
    lines, column = [], 0
    for level in range(depth):
        kind = kinds[level % len(kinds)]
        if kind == '-':
            lines.append(' ' * column + f'- item {level}')
            column += 2
        elif kind == '>':
            column += 2
            lines += ['', ' ' * column + f'quote {level}', '']
        else:
            lines += [' ' * column + f'.. note:: level {level}', '']
            column += 3
    return lines


def blocks(depth: int) -> st.SearchStrategy[list[str]]:
    simple = st.one_of(
        _paragraph(), titles(), grid_tables(), simple_tables(),
        literal_blocks(), comments(), field_lists(), SUBSTITUTIONS,
        TARGETS, OTHER_BLOCKS, directives(0),
    )
    if depth <= 0:
        return simple
    return st.one_of(simple, directives(depth), lists(depth),
                     quotes(depth))


@st.composite
def bodies(draw: st.DrawFn, depth: int = 2) -> list[str]:
    """Blocks, mostly separated by a blank line (sometimes not: text that
    runs into the next block is real too)."""
    found = draw(st.lists(blocks(depth), min_size=1, max_size=4))
    lines: list[str] = []
    for block in found:
        if lines and not _rarely(draw, 6):
            lines.append('')
        lines.extend(block)
    return lines


# --- whole files ----------------------------------------------------------

@st.composite
def encoded(draw: st.DrawFn, lines: list[str]) -> bytes:
    """The lines as a file: a newline style (or a mix), maybe a BOM, maybe
    no final newline, odd characters dropped in, rarely a byte that is not
    UTF-8."""
    style = draw(st.sampled_from(('\n', '\n', '\r\n', '\r', 'mixed')))
    text = ''
    for line in lines:
        newline = draw(st.sampled_from(NEWLINES)) if style == 'mixed' \
            else style
        if line and _rarely(draw, 16):
            line += draw(st.sampled_from((' ', '\t', '  ')))
        text += line + newline
    if _rarely(draw, 6):
        text = text.rstrip('\r\n')
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD_CHARACTERS)) + text[at:]
    data = text.encode('utf-8')
    if _rarely(draw, 9):
        data = b'\xef\xbb\xbf' + data
    if _rarely(draw, 40):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from((b'\xe9', b'\xff'))) + \
            data[at:]
    return data


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A spec made of arbitrary blocks, sometimes with a title and a
    license header first, sometimes deeply nested."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [*draw(st.sampled_from((
            ['::', '', *_indent(list(COPYRIGHT_LINES), 2)],
            ['..', *_indent(list(LICENSE_LINES), 1)],
        ))), '']
    if draw(st.booleans()):
        lines += [*draw(titles()), '']
    lines += draw(bodies(draw(st.integers(0, 3))))
    if _rarely(draw, 10):
        lines += ['', *draw(deep_nesting())]
    return draw(encoded(lines))


# --- templates and specs made from them ------------------------------------

class Outline:
    """A generated template: license form, title, sections by level."""

    def __init__(self, license: list[str], position: str, delete_me: bool,
                 title: str | None, chars: list[tuple[str, bool]],
                 sections: list[tuple[int, str, list[str]]]) -> None:
        self.license = license
        self.position = position
        self.delete_me = delete_me
        self.title = title
        self.chars = chars  # per level: adornment character, overline
        self.sections = sections  # (level, title, body lines)

    def lines(self, title: str | None = None, with_license: bool = True,
              with_delete_me: bool | None = None) -> list[str]:
        lines: list[str] = []
        license = self.license if with_license else []
        delete_me = self.delete_me if with_delete_me is None \
            else with_delete_me
        if license and self.position == 'top':
            lines += [*license, '']
        if delete_me:
            lines += [DELETE_ME, 'Here are more words of the instruction.',
                      '']
        name = title or self.title
        if name is not None:
            lines += [*_adorn(name, *self.chars[0]), '']
        for level, name, body in self.sections:
            lines += [*_adorn(name, *self.chars[level]), '', *body, '']
        if license and self.position == 'end':
            lines += ['', *license]
        return lines


def _adorn(text: str, char: str, overline: bool) -> list[str]:
    line = char * max(len(text), 1)
    return [line, text, line] if overline else [text, line]


GUIDANCE = st.lists(st.sampled_from((
    'What other ways could we do this thing? Why aren\'t we using those? '
    'This doesn\'t have to be a full literature review.',
    'Work items or tasks -- break the feature up into the things that need '
    'to be done to implement it.',
    'Who is leading the writing of the code? Or is this a blueprint where '
    'you\'re throwing it out there to see who picks it up?',
    'Please discuss the important scenarios needed to test here, as well as '
    'specific edge cases we should be ensuring work correctly.',
    'Primary assignee:', '  <launchpad-id or None>',
    'Include specific references to specs in other projects.',
    'None',
)), max_size=3)


@st.composite
def outlines(draw: st.DrawFn) -> Outline:
    forms = {
        'none': [],
        'comment': ['..', *_indent(list(LICENSE_LINES), 1)],
        'literal': ['::', '', *_indent(list(COPYRIGHT_LINES), 2)],
        'after-empty-comment': ['..', '', *LICENSE_LINES],
        'note': ['.. note::', '', *_indent(list(LICENSE_LINES), 3)],
        'directive': ['.. license::'],
        'wordless': ['..', '   #', '   ..'],
    }
    form = draw(st.sampled_from(sorted(forms)))
    position = draw(st.sampled_from(('top', 'top', 'end')))
    chars = draw(st.lists(
        st.tuples(st.sampled_from('=-~^*#+"\''), st.booleans()),
        min_size=4, max_size=4, unique_by=lambda c: c[0]))
    count = draw(st.integers(0, 8))
    names = draw(st.lists(st.sampled_from(TITLES), min_size=count,
                          max_size=count, unique=True))
    sections, level = [], 1
    for name in names:
        level = draw(st.integers(1, min(level + 1, 3)))
        sections.append((level, name, draw(GUIDANCE)))
    title: str | None = draw(st.sampled_from(
        ('The title of your blueprint', 'Example Spec - The title')))
    if _rarely(draw, 10):
        title = None  # a template without a title
    return Outline(forms[form], position, draw(st.booleans()), title,
                   chars, sections)


@st.composite
def templates_and_specs(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A generated template, and a spec written from it: sections renamed,
    dropped, moved, re-leveled, guidance kept or replaced, the license
    and the "Delete this paragraph" instruction kept or not, and arbitrary
    blocks dropped in."""
    outline = draw(outlines())
    template = '\n'.join(outline.lines()) + '\n'
    sections = list(outline.sections)
    for _ in range(draw(st.integers(0, 3))):
        if not sections:
            break
        at = draw(st.integers(0, len(sections) - 1))
        level, name, body = sections[at]
        what = draw(st.sampled_from(('drop', 'rename', 'move', 'level',
                                     'body', 'duplicate')))
        if what == 'drop':
            del sections[at]
        elif what == 'rename':
            sections[at] = (level, draw(st.sampled_from(TYPOS + TITLES)),
                            body)
        elif what == 'move':
            sections.insert(draw(st.integers(0, len(sections))),
                            sections.pop(at))
        elif what == 'level':
            sections[at] = (draw(st.integers(1, 3)), name, body)
        elif what == 'body':
            sections[at] = (level, name, draw(bodies(1)))
        else:
            sections.insert(at, sections[at])
    spec = Outline(outline.license, outline.position, outline.delete_me,
                   outline.title, outline.chars, sections)
    title = draw(st.sampled_from((None, 'My own spec title')))
    lines = spec.lines(title, with_license=draw(st.booleans()),
                       with_delete_me=draw(st.booleans()))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = ['', *draw(bodies(1)), '']
    return template.encode('utf-8'), draw(encoded(lines))


# --- real specs, mutated --------------------------------------------------

def corpus_files() -> list[str]:
    """The corpus's regular .rst files (sorted, so draws are
    reproducible); none where the corpus is absent."""
    found = []
    for root, dirs, files in os.walk(CORPUS):
        dirs.sort()
        found += [
            os.path.join(root, name) for name in sorted(files)
            if name.endswith('.rst') and
            not os.path.islink(os.path.join(root, name))
        ]
    return found


def _mutation(lines: list[bytes]) -> st.SearchStrategy[list[bytes]]:
    if not lines:  # all cut away
        return st.binary(min_size=1, max_size=8).map(lambda data: [data])
    last = len(lines) - 1
    spot = st.integers(0, last)
    return st.one_of(
        st.builds(lambda a, n: lines[:a] + lines[a + n:], spot,
                  st.integers(1, 20)),  # cut
        st.builds(lambda a, n, to: lines[:to] + lines[a:a + n] + lines[to:],
                  spot, st.integers(1, 20), spot),  # duplicate
        st.builds(lambda a, b: _swapped(lines, a, b), spot, spot),  # swap
        st.builds(lambda a, data: [*lines[:a], data, *lines[a:]], spot,
                  st.binary(min_size=1, max_size=8)),  # random bytes
        st.builds(lambda a, at, data: [
            *lines[:a], lines[a][:at] + data + lines[a][at:], *lines[a + 1:]],
            spot, st.integers(0, 80), st.sampled_from(
                [c.encode() for c in ODD_CHARACTERS])),  # inside a line
    )


def _swapped(lines: list[bytes], a: int, b: int) -> list[bytes]:
    lines = list(lines)
    if lines:
        lines[a], lines[b] = lines[b], lines[a]
    return lines


@st.composite
def mutated_corpus_specs(draw: st.DrawFn, files: list[str]) -> tuple[
        str, bytes]:
    """A corpus spec (its path, for its repository's template) with one to
    four cuts, duplications, swaps or insertions of random bytes."""
    path = draw(st.sampled_from(files))
    with open(path, 'rb') as f:
        lines = f.read().splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(_mutation(lines))
    return path, b''.join(lines)


def corpus_template(path: str) -> str | None:
    """The template of the corpus repository ``path`` is in, if it has a
    plain ``template.rst``."""
    relative = os.path.relpath(path, CORPUS)
    repository = os.path.join(CORPUS, relative.split(os.sep)[0])
    for candidate in ('specs/template.rst', 'template.rst'):
        found = os.path.join(repository, candidate)
        if os.path.isfile(found):
            return found
    return None


Input = tuple[bytes, bytes | None]  # spec, template (None: the built-in)


def with_corpus_template(drawn: tuple[str, bytes]) -> Input:
    """A (mutated) corpus spec, with its repository's template if any."""
    path, data = drawn
    template = corpus_template(path)
    if template is None:
        return data, None
    with open(template, 'rb') as f:
        return data, f.read()
