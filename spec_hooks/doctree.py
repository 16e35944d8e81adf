"""The one place that runs docutils, with settings safe for untrusted input.

Importing this module costs about as much as starting Python, so only the
checks that need a doctree reach it (through ``Spec.doctree``).
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive, Parser, directives, roles
from docutils.readers.standalone import Reader
from docutils.transforms import misc, references

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


class _AnyOption(dict[str, Callable[[str], Any]]):
    """An option spec that takes every option, so none is an error."""

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged


class OpaqueDirective(Directive):
    """Stands for a directive docutils does not know; reads and emits
    nothing (``literalinclude`` must not read a file)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption(class_=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        return [nodes.container()]  # content, so its section is not empty


def register_sphinx_names(
        extra_directives: Iterable[str] = (),
        extra_roles: Iterable[str] = (),
) -> None:
    """Teach docutils the Sphinx names (process-wide, idempotent)."""
    for name in (*SPHINX_DIRECTIVES, *extra_directives):
        directives.register_directive(name.lower(), OpaqueDirective)
    for name in (*SPHINX_ROLES, *extra_roles):
        roles.register_generic_role(name, nodes.literal)


def _safe_settings() -> frontend.Values:
    settings = frontend.get_default_settings(Parser, Reader)
    settings._disable_config = True
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.halt_level = 5  # never raise: every problem is a message
    settings.report_level = 5  # print nothing; messages are observed
    settings.warning_stream = io.StringIO()
    settings.input_encoding = 'utf-8'
    settings.line_length_limit = 100_000
    settings.syntax_highlight = 'none'  # no Pygments: checking, not styling
    return settings


_SETTINGS = _safe_settings()
_PARSER = Parser()
register_sphinx_names()


Messages = list[nodes.system_message]
# docutils splits lines with str.splitlines, which also breaks at these;
# the spec's line numbers (and every finding's) break at newlines only.
NOT_LINE_BREAKS = str.maketrans(dict.fromkeys(
    '\v\f\x1c\x1d\x1e\x85\u2028\u2029', ' ',
))


def parse(text: str, source: str) -> tuple[nodes.document, Messages]:
    """Parse ``text``; return the doctree and every message docutils raised.

    Only parsing runs, no transforms, so a lone top section is not promoted
    to the document title: the section tree is the same with or without a
    license block before the title.
    """
    document = utils.new_document(source, _SETTINGS.copy())
    messages: Messages = []
    document.reporter.attach_observer(messages.append)
    _PARSER.parse(text.translate(NOT_LINE_BREAKS), document)
    return document, messages


# The reader transforms that report problems (dangling links, footnotes,
# substitutions, misplaced transitions); the others only restyle the tree.
CHECKING_TRANSFORMS = (
    references.Substitutions, references.PropagateTargets,
    references.AnonymousHyperlinks, references.IndirectHyperlinks,
    references.Footnotes, references.ExternalTargets,
    references.InternalTargets, references.DanglingReferences,
    misc.Transitions,
)


def apply_transforms(document: nodes.document) -> None:
    """Run the transforms that report problems.  They rewrite the tree, so
    read the outline first."""
    document.transformer.add_transforms(CHECKING_TRANSFORMS)
    document.transformer.apply_transforms()
