"""Reading a Sphinx conf.py as data: parsed with ``ast``, never executed.

What a conf.py says with literals is read: ``extensions`` (assigned,
``+=``, ``append``, ``extend``, ``insert``, also inside ``if``, ``try``,
``with`` and loops, where a branch only adds), ``rst_prolog``,
``rst_epilog``, ``primary_domain``, ``default_role``, every other name
bound to a literal (``values``), the directories it puts on ``sys.path``,
and the names its own ``setup(app)`` adds.  Anything else is skipped with
a note; nothing in the file runs, so a conf.py that would fail to run
(missing imports, side effects) is read all the same.
"""
from __future__ import annotations

import ast
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spec_hooks.spec import read_regular_file
from spec_hooks.sphinx.core import GENERIC_OBJECT, TARGET
from spec_hooks.sphinx.names import DirectiveSpec, Names

CANDIDATES = (
    'doc/source/conf.py', 'doc/conf.py', 'docs/source/conf.py',
    'docs/conf.py',
)
DEFAULT_DOMAIN = 'py'


class ConfError(Exception):
    """A conf.py that cannot be read: one line that names the file."""


@dataclass(frozen=True)
class SphinxConf:
    """What a conf.py says that spec-hooks needs, read statically."""

    path: str
    extensions: tuple[str, ...] = ()
    rst_prolog: str = ''
    rst_epilog: str = ''
    primary_domain: str | None = DEFAULT_DOMAIN
    default_role: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    local_dirs: tuple[str, ...] = ()
    names: Names = field(default_factory=Names)
    notes: tuple[str, ...] = ()


def find_conf(directory: str) -> str | None:
    """The Sphinx conf.py of the repository at ``directory``, if any."""
    for candidate in CANDIDATES:
        path = os.path.join(directory, *candidate.split('/'))
        if os.path.isfile(path):
            return path
    return None


def read_conf(path: str) -> SphinxConf:
    """Read conf.py at ``path``; ConfError if it is no readable Python."""
    reader = _Reader(path)
    reader.module(_parse(path))
    return reader.result()


def read_extension(path: str) -> Names:
    """The names the ``setup(app)`` of the extension module at ``path``
    adds, read statically (a local extension next to conf.py)."""
    tree = _parse(path)
    return _setup_names(tree)


def _parse(path: str) -> ast.Module:
    try:  # never a FIFO or device, nor a file of more than 10 MB
        data = read_regular_file(path)
    except OSError as error:
        raise ConfError(f'{path}: cannot read: {error.strerror}') from None
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as error:
        raise ConfError(
            f'{path}: not UTF-8 (byte {error.start + 1} cannot be decoded)',
        ) from None
    if '\0' in text:  # refused by ast, unlike other bad bytes, by version
        raise ConfError(f'{path}: not valid Python: it contains a null byte')
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # invalid escapes and the like
            return ast.parse(text, filename=path)
    except SyntaxError as error:
        raise ConfError(
            f'{path}:{error.lineno or 1}: not valid Python: {error.msg}',
        ) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ConfError(f'{path}: not valid Python: {error}') from None


class _Unknown:
    """A value that cannot be read without running code."""


UNKNOWN = _Unknown()
SETTINGS = ('rst_prolog', 'rst_epilog', 'primary_domain', 'default_role')
LIST_METHODS = ('append', 'extend', 'insert')


class _Reader:
    """Walks the module's statements in order, as Python would run them,
    but into every branch."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[str, object] = {}
        self.extensions: list[str] = []
        self.local_dirs: list[str] = []
        self.names = Names()
        self.notes: list[str] = []

    def result(self) -> SphinxConf:
        prolog, epilog, role = (
            self._text(name) for name in ('rst_prolog', 'rst_epilog',
                                          'default_role')
        )
        domain = self.values.get('primary_domain', DEFAULT_DOMAIN)
        if domain is not None and not isinstance(domain, str):
            self.note(None, 'primary_domain is not a string; ignored')
            domain = DEFAULT_DOMAIN
        return SphinxConf(
            self.path, tuple(dict.fromkeys(self.extensions)),
            prolog or '', epilog or '', domain, role,
            dict(self.values),
            tuple(dict.fromkeys(self.local_dirs)), self.names,
            tuple(self.notes),
        )

    def _text(self, name: str) -> str | None:
        value = self.values.get(name)
        if isinstance(value, str) or value is None:
            return value
        self.note(None, f'{name} is not a string; ignored')
        return None

    def note(self, node: ast.AST | None, text: str) -> None:
        line = getattr(node, 'lineno', None)
        where = f'{self.path}:{line}' if line else self.path
        self.notes.append(f'{where}: {text}')

    def module(self, tree: ast.Module) -> None:
        self.block(tree.body, branch=False)
        self.names = _setup_names(tree)

    def block(self, body: list[ast.stmt], branch: bool) -> None:
        for node in body:
            self.statement(node, branch)

    def statement(self, node: ast.stmt, branch: bool) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self.assign(target, node.value, branch)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.assign(node.target, node.value, branch)
        elif isinstance(node, ast.AugAssign):
            self.augment(node)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            self.call(node.value)
        else:
            for body in _bodies(node):
                self.block(body, branch=True)

    def assign(self, target: ast.expr, value: ast.expr, branch: bool) -> None:
        if not isinstance(target, ast.Name):
            return
        if target.id == 'extensions':
            if not branch:
                self.extensions.clear()
            self.extensions.extend(self.strings(value))
            return
        found = _literal(value, self.values)
        if found is UNKNOWN:
            self.values.pop(target.id, None)
            if target.id in SETTINGS:
                self.note(value, f'{target.id} is not a literal; ignored')
        else:
            self.values[target.id] = found

    def augment(self, node: ast.AugAssign) -> None:
        target = node.target
        if not isinstance(target, ast.Name) or \
                not isinstance(node.op, ast.Add):
            return
        if target.id == 'extensions':
            self.extensions.extend(self.strings(node.value))
            return
        old = self.values.get(target.id, UNKNOWN)
        new = _literal(node.value, self.values)
        self.values[target.id] = _add(old, new)
        if self.values[target.id] is UNKNOWN:
            del self.values[target.id]

    def call(self, call: ast.Call) -> None:
        function = call.func
        if not isinstance(function, ast.Attribute):
            return
        owner = _dotted(function.value)
        if owner == 'extensions' and function.attr in LIST_METHODS:
            items = call.args[-1:] if function.attr == 'insert' else call.args
            for item in items:
                if function.attr == 'extend':
                    self.extensions.extend(self.strings(item))
                else:
                    self.extensions.extend(self.strings(
                        ast.List(elts=[item], ctx=ast.Load()),
                    ))
        elif owner == 'sys.path' and function.attr in ('insert', 'append'):
            directory = _path(call.args[-1], self.values) if call.args \
                else None
            if directory is None:
                self.note(call, 'a sys.path entry is not a literal path; '
                                'ignored')
            else:
                base = os.path.dirname(os.path.abspath(self.path))
                self.local_dirs.append(
                    os.path.normpath(os.path.join(base, directory)),
                )

    def strings(self, node: ast.expr) -> list[str]:
        """The string literals of a list of extension names; a part that
        is not one is noted and left out."""
        if isinstance(node, (ast.List, ast.Tuple)):
            found: list[str] = []
            for item in node.elts:
                if isinstance(item, ast.Starred):
                    found.extend(self.strings(item.value))
                    continue
                value = _literal(item, self.values)
                if isinstance(value, str):
                    found.append(value)
                else:
                    self.note(item, 'an extension name is not a string '
                                    'literal; ignored')
            return found
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.strings(node.left) + self.strings(node.right)
        value = _literal(node, self.values)
        if isinstance(value, (list, tuple)) and \
                all(isinstance(item, str) for item in value):
            return [str(item) for item in value]
        self.note(node, 'extensions is not a list of string literals; '
                        'ignored')
        return []


def _bodies(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists a compound statement may run (not those of
    functions and classes, which module code does not run)."""
    if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While)):
        yield node.body
        yield node.orelse
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        yield node.body
    elif isinstance(node, ast.Try):
        yield node.body
        for handler in node.handlers:
            yield handler.body
        yield node.orelse
        yield node.finalbody
    elif isinstance(node, ast.Match):
        for case in node.cases:
            yield case.body


def _literal(node: ast.expr, known: Mapping[str, object]) -> object:
    """The value of a literal expression, of names bound to literals and
    of ``+`` between them; UNKNOWN for anything that needs running."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return known.get(node.id, UNKNOWN)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_literal(item, known) for item in node.elts]
        if any(item is UNKNOWN for item in items):
            return UNKNOWN
        kind = {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)]
        try:
            return kind(items)
        except TypeError:  # an unhashable set member
            return UNKNOWN
    if isinstance(node, ast.Dict):
        return _dict(node, known)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _add(_literal(node.left, known), _literal(node.right, known))
    return UNKNOWN


def _dict(node: ast.Dict, known: Mapping[str, object]) -> object:
    if any(key is None for key in node.keys):  # a ** unpacking
        return UNKNOWN
    keys = [_literal(key, known) for key in node.keys if key is not None]
    values = [_literal(value, known) for value in node.values]
    if any(item is UNKNOWN for item in (*keys, *values)):
        return UNKNOWN
    try:
        return dict(zip(keys, values, strict=True))
    except TypeError:  # an unhashable key
        return UNKNOWN


def _add(left: object, right: object) -> object:
    for kind in (str, list, tuple):
        if isinstance(left, kind) and isinstance(right, kind):
            return left + right  # type: ignore[operator]
    return UNKNOWN


def _dotted(node: ast.expr) -> str:
    """``a.b.c`` for a chain of names, else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return f'{owner}.{node.attr}' if owner else ''
    return ''


PATH_WRAPPERS = (
    'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'str',
)


def _path(node: ast.expr, known: Mapping[str, object]) -> str | None:
    """A directory relative to conf.py's: a string, wrapped in
    ``os.path.abspath`` and the like, joined with ``os.path.join``, or
    ``os.path.dirname(__file__)``; None for anything else."""
    value = _literal(node, known)
    if isinstance(value, str):
        return value
    if not isinstance(node, ast.Call):
        return None
    function = _dotted(node.func)
    if function == 'os.path.dirname' and len(node.args) == 1 and \
            isinstance(node.args[0], ast.Name) and \
            node.args[0].id == '__file__':
        return '.'
    arguments = [_path(argument, known) for argument in node.args]
    if any(argument is None for argument in arguments) or node.keywords:
        return None
    parts = [argument for argument in arguments if argument is not None]
    if function in PATH_WRAPPERS and len(parts) == 1:
        return parts[0]
    if function == 'os.path.join' and parts:
        return os.path.join(*parts)
    return None


# The app methods that add names, and what each one adds.
ADDS_DIRECTIVE = ('add_directive',)
ADDS_ROLE = ('add_role', 'add_generic_role')
ADDS_TO_DOMAIN = {
    'add_directive_to_domain': 'directive', 'add_role_to_domain': 'role',
}
ADDS_OBJECT = {'add_object_type': GENERIC_OBJECT, 'add_crossref_type': TARGET}


def _setup_names(tree: ast.Module) -> Names:
    """The names a module's ``setup(app)`` adds with string literals."""
    directives: dict[str, DirectiveSpec | None] = {}
    roles: set[str] = set()
    requires: list[str] = []
    for call in _app_calls(tree):
        method, arguments = call
        if method in ADDS_DIRECTIVE and arguments:
            directives[arguments[0].lower()] = None
        elif method in ADDS_ROLE and arguments:
            roles.add(arguments[0].lower())
        elif method in ADDS_TO_DOMAIN and len(arguments) >= 2:
            name = f'{arguments[0]}:{arguments[1]}'.lower()
            if ADDS_TO_DOMAIN[method] == 'directive':
                directives[name] = None
            else:
                roles.add(name)
        elif method in ADDS_OBJECT and len(arguments) >= 2:
            directives[f'std:{arguments[0]}'.lower()] = ADDS_OBJECT[method]
            roles.add(f'std:{arguments[1]}'.lower())
        elif method == 'setup_extension' and arguments:
            requires.append(arguments[0])
    return Names(
        directives, frozenset(roles),
        requires=tuple(requires),
    )


def _app_calls(tree: ast.Module) -> Iterator[tuple[str, list[str]]]:
    """``app.<method>('literal', ...)`` calls in ``setup(app)``: the
    method and the leading string arguments."""
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name != 'setup' \
                or not node.args.args:
            continue
        app = node.args.args[0].arg
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and \
                    isinstance(call.func, ast.Attribute) and \
                    isinstance(call.func.value, ast.Name) and \
                    call.func.value.id == app:
                yield call.func.attr, _leading_strings(call.args)


def _leading_strings(arguments: list[ast.expr]) -> list[str]:
    found: list[str] = []
    for argument in arguments:
        if not (isinstance(argument, ast.Constant) and
                isinstance(argument.value, str)):
            break
        found.append(argument.value)
    return found


# In rst_prolog and rst_epilog: substitution definitions and role
# directives at the start of a line.
SUBSTITUTION = re.compile(r'^\.\.[ ]+\|(?P<name>[^|\s](?:[^|]*[^|\s])?)\|'
                          r'[ ]+[\w.+:-]+[ ]?::', re.MULTILINE)
ROLE = re.compile(r'^\.\.[ ]+role::[ ]+(?P<name>[\w.+:-]+)', re.MULTILINE)


def prolog_names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The substitutions (normalized as docutils does: lower case, single
    spaces) and roles that a prolog or epilog defines."""
    substitutions = frozenset(
        ' '.join(found.group('name').lower().split())
        for found in SUBSTITUTION.finditer(text)
    )
    roles = frozenset(
        found.group('name').lower() for found in ROLE.finditer(text)
    )
    return substitutions, roles
