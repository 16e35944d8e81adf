"""Template: what a spec is checked against, derived from a template .rst."""
from __future__ import annotations

import os
import re

from spec_hooks.spec import BadInput, Section, Spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spec_hooks.sphinx import Vocabulary

DEFAULT_TEMPLATE = os.path.join(
    os.path.dirname(__file__), 'templates', 'blueprint.rst',
)
# How many templates' derived data (guidance, license, vocabulary) a process
# keeps: more than a run has, and a bound for a process that runs the hooks
# again and again (each run loads its templates afresh).
CACHED_TEMPLATES = 256


class TemplateError(Exception):
    """The template itself is unusable: a configuration error (exit 2)."""


class Template:
    """The expectations one template file sets.

    Built on a ``Spec`` of the template, so the template is read and parsed
    by the same code as the specs; the doctree is only built when a check
    asks for the outline.  What a check derives from a template (its
    license header, its guidance) lives with that check.
    """

    def __init__(self, spec: Spec, title: Section | None = None) -> None:
        self.spec = spec
        self.path = spec.path
        self._title = title  # an outline already known: from the cache
        self._sections: list[Section] | None = None

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


def load_template(path: str, names: Vocabulary | None = None) -> Template:
    """The template at ``path``; a text-level check that it has a title,
    so no hook takes a README or a JSON file for a template."""
    try:
        spec = Spec.read(path, names)
    except BadInput as e:
        raise TemplateError(f'{path}: template {e.message}') from None
    if not any(block.kind == 'title' for block in spec.blocks):
        raise TemplateError(f'{path}: template has no title: a template is '
                            f'a reStructuredText spec with a title')
    return Template(spec)


# Title levels that do not nest: SEVERE before docutils 0.22, ERROR since.
TITLE_TROUBLE = re.compile(r'Title level inconsistent|Inconsistent title')
