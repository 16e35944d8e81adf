"""Template: what a spec is checked against, derived from a template .rst."""
from __future__ import annotations

import itertools
import os
import re

from spec_hooks.blocks import Block, indent
from spec_hooks.spec import BadInput, Section, Spec

DEFAULT_TEMPLATE = os.path.join(
    os.path.dirname(__file__), 'templates', 'blueprint.rst',
)


class TemplateError(Exception):
    """The template itself is unusable: a configuration error (exit 2)."""


class Template:
    """The expectations one template file sets.

    Built on a ``Spec`` of the template, so the template is read and parsed
    by the same code as the specs; the doctree is only built when a check
    asks for the outline.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.path = spec.path
        self._title: Section | None = None
        self._sections: list[Section] | None = None
        self.license = License.from_template(spec)
        self._guidance: Guidance | None = None

    @property
    def guidance(self) -> Guidance:
        if self._guidance is None:
            where = self.license.where if self.license else range(0)
            self._guidance = Guidance(self.spec, where)
        return self._guidance

    @property
    def title(self) -> Section:
        """The document title; every other section nests below it."""
        if self._title is None:
            self._title = self._checked_title()
        return self._title

    def sections(self) -> list[Section]:
        """The sections below the title, in template order."""
        if self._sections is None:
            self._sections = self.title.walk()[1:]
        return self._sections

    def first_at(self, depth: int) -> Section | None:
        """The template's first section at ``depth``: its adornment is the
        one for that level."""
        return next((s for s in self.title.walk() if s.depth == depth), None)

    def _checked_title(self) -> Section:
        outline = self.spec.outline
        severe = [
            m for m in self.spec.parse_messages
            if m['level'] >= 4 or TITLE_TROUBLE.search(m.astext())
        ]
        if severe:
            first = severe[0]
            raise TemplateError(
                f'{self.path}:{first.get("line", 1)}: template does not '
                f"parse: {' '.join(first.children[0].astext().split())}",
            )
        if not outline:
            raise TemplateError(f'{self.path}: template has no title')
        if len(outline) > 1:
            raise TemplateError(
                f'{self.path}:{outline[1].line}: template has more than one '
                f'top-level title',
            )
        return outline[0]


_TEMPLATES: dict[str, Template] = {}


def load_template(path: str) -> Template:
    """The template at ``path``, read and parsed once per process."""
    absolute = os.path.abspath(path)
    if absolute not in _TEMPLATES:
        try:
            _TEMPLATES[absolute] = Template(Spec.read(path))
        except BadInput as e:
            raise TemplateError(f'{path}: template {e.message}') from None
    return _TEMPLATES[absolute]


# Title levels that do not nest: SEVERE before docutils 0.22, ERROR since.
TITLE_TROUBLE = re.compile(r'Title level inconsistent|Inconsistent title')
LICENSE_WORDS = re.compile(r'licen[cs]|copyright', re.IGNORECASE)
HEADER_KINDS = ('comment', 'literal', 'directive', 'paragraph')


class License:
    """The license header a spec must carry: its words, the lines it is
    written as (what ``--fix`` inserts) and where it goes."""

    def __init__(
            self, lines: list[str], position: str,
            where: range = range(0),
    ) -> None:
        self.lines = lines
        self.position = position
        self.where = where  # the template's line numbers it stands on
        self.words = header_words(lines)

    @classmethod
    def from_template(cls, spec: Spec) -> License | None:
        """The block before the title that speaks of a license (a comment,
        a literal block, or designate's paragraph after an empty comment);
        failing that, the last such block (oslo puts it at the end)."""
        found = spec.blocks
        title = next((i for i, b in enumerate(found) if b.kind == 'title'),
                     len(found))
        for i, block in enumerate(found[:title]):
            if block.kind in HEADER_KINDS and \
                    LICENSE_WORDS.search(block.text):
                first = i - 1 if block.kind == 'literal' and i else i
                return cls._between(spec, found[first], block, 'top')
        shown = [b for b in found[title:] if b.kind != 'target']
        for block in shown[-1:]:  # only the very end can be an end notice
            if block.kind in HEADER_KINDS and \
                    LICENSE_WORDS.search(block.text):
                outer = next(  # the note, not the paragraph inside it
                    (b for b in found if b.start < block.start <= b.end),
                    block,
                )
                return cls._between(spec, outer, outer, 'end')
        return None

    @classmethod
    def _between(
            cls, spec: Spec, first: Block, last: Block, position: str,
    ) -> License:
        return cls(spec.lines[first.start - 1:last.end], position,
                   range(first.start, last.end + 1))


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


VISIBLE = ('paragraph', 'item')


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words, markup and punctuation dropped: what two copies of
    guidance share even when re-wrapped or re-marked."""
    return tuple(WORD.findall(text.lower()))


WORD = re.compile(r'\w+')


class Guidance:
    """The template's visible text, as blocks of words, for spotting text
    copied into a spec; and its comment blocks, for the same in comments."""

    def __init__(self, spec: Spec, license_lines: range) -> None:
        found = spec.blocks
        self.title = next(
            (b.title_text() for b in found if b.kind == 'title'), '',
        )
        self.blocks = [
            (b, words_of(b.text)) for b in found
            if b.kind in VISIBLE and b.start not in license_lines
        ]
        # Labels: blocks the template itself fills in below, deeper.
        self.labels = {
            id(b) for b, after in itertools.pairwise(found)
            if after.kind in VISIBLE and
            indent(after.lines[0]) > indent(b.lines[0])
        }
        self.comments = [
            (b, words_of(b.text)) for b in found
            if b.kind == 'comment' and b.start not in license_lines
        ]
