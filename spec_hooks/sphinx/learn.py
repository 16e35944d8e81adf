"""Learning the names of an installed extension the table does not know.

The extension is imported and its ``setup(app)`` called with a stand-in
app that records the directives and roles it adds and swallows everything
else.  This runs the extension's code, so only an installed module that
looks like a Sphinx extension is imported: found on ``sys.path`` without
importing it, not in the standard library, with a top-level ``setup``.
Names it registers with docutils directly (as Sphinx's own modules do) are
read from docutils' registries, which are then put back as they were.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import importlib.machinery
import importlib.util
import io
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from spec_hooks.sphinx.core import AUTODOC, GENERIC_OBJECT, TARGET
from spec_hooks.sphinx.names import DirectiveSpec, Names


def learn(extension_name: str, notes: list[str] | None = None) -> Names | None:
    """The names extension ``extension_name`` adds, or None (with a note
    appended to ``notes``) when it cannot be imported and set up."""
    names, note = _learn(extension_name)
    if note and notes is not None:
        notes.append(note)
    return names


@functools.cache
def _learn(name: str) -> tuple[Names | None, str]:
    refusal = _refusal(name)
    if refusal:
        return None, f"extension '{name}' not learned: {refusal}"
    recorder = Recorder()
    try:
        with _quiet(), _docutils_restored() as registered:
            module = importlib.import_module(name)
            module.setup(recorder)
    except (Exception, SystemExit) as error:
        reason = str(error).strip().splitlines()
        detail = f': {reason[0]}' if reason else ''
        return None, (f"extension '{name}' skipped: its setup raised "
                      f'{type(error).__name__}{detail}')
    for directive, implementation in registered.directives.items():
        recorder.directives.setdefault(directive, spec_of(implementation))
    recorder.roles.update(registered.roles)
    return recorder.names(), ''


def _refusal(name: str) -> str:
    """Why ``name`` is not imported, or '' when it may be."""
    if not all(part.isidentifier() for part in name.split('.')):
        return 'it is not a module name'
    if name.partition('.')[0] in sys.stdlib_module_names:
        return 'it is a standard library module'
    origin = _origin(name)
    if origin is None:
        return 'no such module is installed'
    if not origin.endswith('.py'):
        return 'it has no Python source to check'
    if not _defines_setup(origin):
        return 'it has no setup function, so it is no Sphinx extension'
    return ''


def _origin(name: str) -> str | None:
    """The file module ``name`` would be loaded from, found without
    importing it or its parent packages."""
    parts = name.split('.')
    path: list[str] | None = None
    found: importlib.machinery.ModuleSpec | None = None
    for depth in range(1, len(parts) + 1):
        dotted = '.'.join(parts[:depth])
        found = importlib.machinery.PathFinder.find_spec(dotted, path)
        if found is None and depth == 1:
            with contextlib.suppress(ImportError, ValueError):
                found = importlib.util.find_spec(dotted)  # other finders
        if found is None:
            return None
        path = list(found.submodule_search_locations or [])
    return found.origin if found is not None else None


def _defines_setup(origin: str) -> bool:
    try:
        with open(origin, 'rb') as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError, ValueError):
        return False
    return 'setup' in _top_level_names(tree)


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(
                t.id for t in node.targets if isinstance(t, ast.Name)
            )
    return names


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Nothing an extension prints or warns, nor what a program it runs
    prints, reaches the hook's output."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, 'w') as devnull:
        try:
            os.dup2(devnull.fileno(), 1)
            os.dup2(devnull.fileno(), 2)
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()), \
                    warnings.catch_warnings():
                warnings.simplefilter('ignore')
                yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for descriptor in saved:
                os.close(descriptor)


class Registered:
    """What was registered with docutils directly, by name."""

    def __init__(self) -> None:
        self.directives: dict[str, object] = {}
        self.roles: set[str] = set()


DOCUTILS_REGISTRIES = (
    ('docutils.parsers.rst.directives', '_directives', 'directives'),
    ('docutils.parsers.rst.roles', '_roles', 'roles'),
    ('docutils.parsers.rst.roles', '_role_registry', 'roles'),
)


@contextlib.contextmanager
def _docutils_restored() -> Iterator[Registered]:
    """Record the names added to docutils' registries meanwhile, then put
    the registries back as they were.  Docutils is imported first (an
    extension imports it anyway), so that its own names are not taken
    for the extension's."""
    registries: list[tuple[dict[str, object], str]] = []
    for module, attribute, kind in DOCUTILS_REGISTRIES:
        with contextlib.suppress(ImportError):
            registry = vars(importlib.import_module(module))[attribute]
            registries.append((registry, kind))
    before = [dict(registry) for registry, _ in registries]
    registered = Registered()
    try:
        yield registered
    finally:
        for (registry, kind), old in zip(registries, before, strict=True):
            added = {
                name: value for name, value in registry.items()
                if old.get(name) is not value
            }
            if kind == 'directives':
                registered.directives.update(added)
            else:
                registered.roles.update(added)
            registry.clear()
            registry.update(old)


def spec_of(directive: object) -> DirectiveSpec | None:
    """The arguments and options a directive class (or docutils' older
    directive function) takes; None when it is neither."""
    if isinstance(directive, type):
        return DirectiveSpec(
            int(getattr(directive, 'required_arguments', 0)),
            int(getattr(directive, 'optional_arguments', 0)),
            bool(getattr(directive, 'final_argument_whitespace', False)),
            bool(getattr(directive, 'has_content', False)),
            _options(getattr(directive, 'option_spec', None)),
        )
    arguments = getattr(directive, 'arguments', None)
    if callable(directive) and isinstance(arguments, tuple) and \
            len(arguments) == 3:
        required, optional, whitespace = arguments
        return DirectiveSpec(
            int(required), int(optional), bool(whitespace),
            bool(getattr(directive, 'content', False)),
            _options(getattr(directive, 'options', None)),
        )
    return None


def _options(option_spec: object) -> frozenset[str] | None:
    """Option names, or None for an option spec that takes any name."""
    if option_spec is None:
        return frozenset()
    answers_any = any(
        method in vars(kind)
        for kind in type(option_spec).__mro__
        if kind not in (dict, object)
        for method in ('__getitem__', '__missing__', '__contains__')
    )
    if answers_any or not isinstance(option_spec, Mapping):
        return None
    return frozenset(str(name) for name in option_spec)


class Anything:
    """Stands for whatever an extension reads from the app: every
    attribute, call, item and iteration answers, with nothing."""

    def __getattr__(self, name: str) -> Anything:
        return Anything()

    def __call__(self, *args: object, **kwargs: object) -> Anything:
        return Anything()

    def __getitem__(self, key: object) -> Anything:
        return Anything()

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0


class Recorder:
    """A stand-in for ``sphinx.application.Sphinx`` that records names."""

    def __init__(self) -> None:
        self.directives: dict[str, DirectiveSpec | None] = {}
        self.roles: set[str] = set()
        self.domains: set[str] = set()
        self.requires: list[str] = []
        self.config = Anything()

    def names(self) -> Names:
        return Names(
            dict(self.directives), frozenset(self.roles),
            frozenset(self.domains), tuple(dict.fromkeys(self.requires)),
        )

    def __getattr__(self, name: str) -> Callable[..., Anything]:
        return Anything()  # config values, events, nodes, assets ...

    def add_directive(
            self, name: str, cls: object, *args: Any, **kwargs: Any,
    ) -> None:
        self.directives[name.lower()] = spec_of(cls)

    def add_role(self, name: str, role: object, *args: Any,
                 **kwargs: Any) -> None:
        self.roles.add(name.lower())

    def add_generic_role(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.roles.add(name.lower())

    def add_directive_to_domain(
            self, domain: str, name: str, cls: object, *args: Any,
            **kwargs: Any,
    ) -> None:
        self.directives[f'{domain}:{name}'.lower()] = spec_of(cls)

    def add_role_to_domain(
            self, domain: str, name: str, *args: Any, **kwargs: Any,
    ) -> None:
        self.roles.add(f'{domain}:{name}'.lower())

    def add_object_type(
            self, directivename: str, rolename: str, *args: Any,
            **kwargs: Any,
    ) -> None:
        self.directives[f'std:{directivename}'.lower()] = GENERIC_OBJECT
        self.roles.add(f'std:{rolename}'.lower())

    def add_crossref_type(
            self, directivename: str, rolename: str, *args: Any,
            **kwargs: Any,
    ) -> None:
        self.directives[f'std:{directivename}'.lower()] = TARGET
        self.roles.add(f'std:{rolename}'.lower())

    def add_autodocumenter(self, cls: object, *args: Any,
                           **kwargs: Any) -> None:
        self.directives[f'auto{getattr(cls, "objtype", "")}'] = AUTODOC

    def add_domain(self, domain: object, *args: Any, **kwargs: Any) -> None:
        name = str(getattr(domain, 'name', '')).lower()
        self.domains.add(name)
        for directive, cls in dict(getattr(domain, 'directives', {})).items():
            self.directives[f'{name}:{directive}'.lower()] = spec_of(cls)
        for role in dict(getattr(domain, 'roles', {})):
            self.roles.add(f'{name}:{role}'.lower())

    def setup_extension(self, extname: str) -> None:
        self.requires.append(extname)

    def require_sphinx(self, *args: Any, **kwargs: Any) -> None:
        """Any version will do: nothing is built."""
