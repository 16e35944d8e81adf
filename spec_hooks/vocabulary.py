"""The one place that knows directive and role names: which directives hold
prose, which hold verbatim text, and which names Sphinx adds to docutils.

``Names`` is what one run accepts; it is part of the run context and is
handed to every parse, so no result depends on what was parsed before.
"""
from __future__ import annotations

# Directives whose body is prose a person wrote: scanned like the document.
PROSE_DIRECTIVES = frozenset((
    'attention', 'caution', 'danger', 'error', 'hint', 'important', 'note',
    'seealso', 'tip', 'todo', 'warning', 'admonition', 'topic', 'sidebar',
))

# Directives whose body is code, data or a diagram: it cannot be rewrapped
# and is never prose.  Not list-table: its cells are paragraphs.
VERBATIM_DIRECTIVES = frozenset((
    'actdiag', 'blockdiag', 'code', 'code-block', 'csv-table', 'graphviz',
    'highlight', 'literalinclude', 'mermaid', 'nwdiag', 'parsed-literal',
    'seqdiag', 'sourcecode', 'uml',
))

# Directives of Sphinx and of the Sphinx extensions specs use.  Plain docutils
# calls them errors; here they are accepted and their content left alone.
SPHINX_DIRECTIVES = (
    'acks', 'actdiag', 'automodule', 'autoclass', 'autofunction',
    'blockdiag', 'centered', 'code-block', 'codeauthor', 'deprecated',
    'digraph', 'glossary', 'graph', 'graphviz', 'highlight', 'hlist',
    'ifconfig', 'index', 'literalinclude', 'mermaid', 'module', 'nwdiag',
    'only', 'packetdiag', 'plantuml', 'productionlist', 'program-output',
    'rackdiag', 'sectionauthor', 'seealso', 'seqdiag', 'sourcecode',
    'tabularcolumns', 'todo', 'todolist', 'toctree', 'uml',
    'versionadded', 'versionchanged', 'py:attribute', 'py:class',
    'py:function', 'py:method', 'py:module',
)

# Roles of Sphinx and its Python domain; docutils knows the rest (code, sup,
# rfc, pep, math, ...).
SPHINX_ROLES = (
    'abbr', 'any', 'attr', 'class', 'command', 'const', 'data', 'dfn',
    'doc', 'download', 'envvar', 'exc', 'file', 'func', 'guilabel', 'kbd',
    'keyword', 'mailheader', 'makevar', 'manpage', 'menuselection', 'meth',
    'mimetype', 'mod', 'newsfeed', 'numref', 'obj', 'option', 'program',
    'ref', 'regexp', 'samp', 'term', 'token',
    'py:attr', 'py:class', 'py:const', 'py:data', 'py:exc', 'py:func',
    'py:meth', 'py:mod', 'py:obj',
)


class Names:
    """The directive and role names a run accepts besides docutils' own,
    lower-cased as docutils looks them up."""

    __slots__ = ('directives', 'roles')

    def __init__(self, extra_directives: tuple[str, ...] = (),
                 extra_roles: tuple[str, ...] = ()) -> None:
        self.directives = frozenset(
            name.lower() for name in (*SPHINX_DIRECTIVES, *extra_directives)
        )
        self.roles = frozenset(
            name.lower() for name in (*SPHINX_ROLES, *extra_roles)
        )

    def key(self) -> tuple[frozenset[str], frozenset[str]]:
        return self.directives, self.roles

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Names) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())


def directive_name(line: str) -> str:
    """The name of the directive that ``line`` (stripped) opens."""
    return line[2:].split('::', 1)[0].strip().lower()
