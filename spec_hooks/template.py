"""Template: what a spec is checked against, derived from a template .rst."""
from __future__ import annotations

import functools
import os

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

    def style_at(self, depth: int) -> tuple[str, bool] | None:
        for section in self.title.walk():
            if section.depth == depth:
                return section.underline, section.overline
        return None

    def _checked_title(self) -> Section:
        outline = self.spec.outline
        severe = [m for m in self.spec.parse_messages if m['level'] >= 4]
        if severe:
            first = severe[0]
            raise TemplateError(
                f'{self.path}:{first.get("line", 1)}: template does not '
                f'parse: {first.children[0].astext()}',
            )
        if not outline:
            raise TemplateError(f'{self.path}: template has no title')
        if len(outline) > 1:
            raise TemplateError(
                f'{self.path}:{outline[1].line}: template has more than one '
                f'top-level title',
            )
        return outline[0]


@functools.cache
def load_template(path: str) -> Template:
    try:
        return Template(Spec.read(path))
    except BadInput as e:
        raise TemplateError(f'{path}: template {e.message}') from None
