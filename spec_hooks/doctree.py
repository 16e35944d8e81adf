"""The one place that runs docutils, with settings safe for untrusted input.

Importing this module costs about as much as starting Python, so only the
checks that need a doctree reach it (through ``Spec.doctree``).
"""
from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Callable, Iterator
from typing import Any

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive, Parser, directives, roles
from docutils.readers.standalone import Reader
from docutils.transforms import Transform, misc, references

from spec_hooks.sphinx import DirectiveSpec, Vocabulary, vocabulary
from spec_hooks.template import CACHED_TEMPLATES


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


@functools.cache
def _directive(spec: DirectiveSpec | None) -> type[Directive]:
    """A stand-in for a Sphinx or extension directive that checks its
    arguments, options and content as docutils checks its own, where the
    Sphinx layer knows them, and leaves the content alone."""
    if spec is None:
        return OpaqueDirective
    options = _AnyOption() if spec.options is None else {
        name: directives.unchanged for name in spec.options
    }
    return type('KnownDirective', (OpaqueDirective,), {
        'required_arguments': spec.required_arguments,
        'optional_arguments': spec.optional_arguments,
        'final_argument_whitespace': spec.final_argument_whitespace,
        'has_content': spec.has_content,
        'option_spec': options,
    })


@functools.cache
def default_vocabulary() -> Vocabulary:
    """Without a conf.py: Sphinx's names and every extension's we know."""
    return vocabulary(None)


@contextlib.contextmanager
def _accepting(names: Vocabulary) -> Iterator[None]:
    """Teach docutils ``names`` for one parse, then forget them: docutils'
    registries are process-wide, and no result may depend on what an
    earlier parse (of another run's settings) taught them."""
    saved = dict(_DIRECTIVES), dict(_ROLES)
    taught_directives, taught_roles = _taught(names)
    _DIRECTIVES.update(taught_directives)
    _ROLES.update(taught_roles)
    try:
        yield
    finally:
        for registry, before in zip((_DIRECTIVES, _ROLES), saved,
                                    strict=True):
            registry.clear()
            registry.update(before)


@functools.lru_cache(maxsize=CACHED_TEMPLATES)
def _taught(names: Vocabulary) -> tuple[dict[str, Any], dict[str, Any]]:
    """The directives and roles ``names`` teach docutils, made once per
    vocabulary (a run has one) rather than once per parse."""
    return (
        {name: _directive(names.directive_spec(name))
         for name in names.directives},
        # as roles.register_local_role does
        {name: roles.GenericRole(name, nodes.literal) for name in names.roles},
    )


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
# docutils' caches of the directives and roles it has looked up or been
# taught; a name found here is accepted.
_DIRECTIVES: dict[str, Any] = vars(directives)['_directives']
_ROLES: dict[str, Any] = vars(roles)['_roles']


Messages = list[nodes.system_message]
# docutils splits lines with str.splitlines, which also breaks at these;
# the spec's line numbers (and every finding's) break at newlines only.
NOT_LINE_BREAKS = str.maketrans(dict.fromkeys(
    '\v\f\x1c\x1d\x1e\x85\u2028\u2029', ' ',
))


def parse(
        text: str, source: str, names: Vocabulary | None = None,
) -> tuple[nodes.document, Messages]:
    """Parse ``text``; return the doctree and every message docutils raised.

    Only parsing runs, no transforms, so a lone top section is not promoted
    to the document title: the section tree is the same with or without a
    license block before the title.
    """
    document = utils.new_document(source, _SETTINGS.copy())
    messages: Messages = []
    document.reporter.attach_observer(messages.append)
    with _accepting(names or default_vocabulary()):
        _PARSER.parse(text.translate(NOT_LINE_BREAKS), document)
    return document, messages


class UndefinedInDefinitions(Transform):
    """Report a reference to an undefined substitution inside a definition
    as docutils reports any undefined one, and take it out, before
    Substitutions runs: that looks such a reference up without checking,
    and fails with a KeyError where the definition is used above it."""

    default_priority = references.Substitutions.default_priority - 1

    def apply(self, **kwargs: Any) -> None:
        document = self.document
        defined, folded = document.substitution_defs, \
            document.substitution_names
        for definition in list(defined.values()):
            for ref in list(definition.findall(
                    nodes.substitution_reference)):
                name = ref['refname']
                if name in defined or name.lower() in folded:
                    continue
                message = document.reporter.error(
                    f'Undefined substitution referenced: "{name}".',
                    base_node=ref)
                problem = nodes.problematic(
                    ref.rawsource, ref.rawsource,
                    refid=document.set_id(message))
                message.add_backref(document.set_id(problem))
                ref.replace_self(problem)


# The reader transforms that report problems (dangling links, footnotes,
# substitutions, misplaced transitions); the others only restyle the tree.
CHECKING_TRANSFORMS = (
    UndefinedInDefinitions, references.Substitutions,
    references.PropagateTargets,
    references.AnonymousHyperlinks, references.IndirectHyperlinks,
    references.Footnotes, references.ExternalTargets,
    references.InternalTargets, references.DanglingReferences,
    misc.Transitions,
)


def apply_transforms(document: nodes.document) -> None:
    """Run the transforms that report problems.  They rewrite the tree, so
    read the outline first."""
    transformer = document.transformer
    transformer.add_transforms(CHECKING_TRANSFORMS)
    try:
        transformer.apply_transforms()
    except (ValueError, AttributeError):
        # A definition that refers to itself more than once (``.. |x|
        # replace:: |x| |x|``) makes docutils' Substitutions replace a node
        # it has already taken out of the tree, after it reported the
        # circular definition (R110).  The other transforms still run.
        if not _circular(document):
            raise
        document.reporter.detach_observer(document.note_transform_message)
        transformer.apply_transforms()


def _circular(document: nodes.document) -> bool:
    return any(
        message.astext().find('Circular substitution definition') >= 0
        for message in document.transform_messages
    )
