"""The plain data every part of the Sphinx layer shares."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DirectiveSpec:
    """What a directive takes, as docutils' ``Directive`` attributes say.

    ``options`` is None where the directive takes any option (its option
    spec answers every name), else the option names it takes.
    """

    required_arguments: int = 0
    optional_arguments: int = 0
    final_argument_whitespace: bool = False
    has_content: bool = False
    options: frozenset[str] | None = frozenset()


def spec(
        required: int = 0, optional: int = 0, whitespace: bool = False,
        content: bool = False, options: str | None = '',
) -> DirectiveSpec:
    """A DirectiveSpec written short: options as one space-separated
    string, None for any option."""
    return DirectiveSpec(
        required, optional, whitespace, content,
        None if options is None else frozenset(options.split()),
    )


# Plain dicts, read-only by their type: they pickle (worker processes).
Directives = Mapping[str, 'DirectiveSpec | None']


@dataclass(frozen=True)
class Names:
    """The directives and roles one extension (or Sphinx itself) adds.

    Names are lower-case, as docutils looks them up.  A name of a domain
    is written ``domain:name`` and its domain is in ``domains``; the
    directive's spec is None where it is not known.  ``requires`` are the
    extensions this one sets up in turn (``app.setup_extension``).
    """

    directives: Directives = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()


def merge(*names: Names) -> Names:
    """Every name of all of ``names``; a later spec wins over an earlier."""
    directives: dict[str, DirectiveSpec | None] = {}
    for one in names:
        directives.update(one.directives)
    return Names(
        directives,
        frozenset().union(*(one.roles for one in names)),
        frozenset().union(*(one.domains for one in names)),
        tuple(dict.fromkeys(r for one in names for r in one.requires)),
    )
