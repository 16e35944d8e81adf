"""Mutation testing: small AST mutants of a module, each run against the
tests of that module.

    python tools/mutate.py [MODULE ...] [--jobs N] [--sample N --seed S]
                           [--report FILE] [--dry-run]

MODULE defaults to every module in spec_hooks/checks/.  A mutant changes one
thing (an operator, a constant, a condition, a jump, a return value, a
statement in a loop) and is checked to parse to exactly the intended tree.
It is written into a private copy of the package, first on the import path,
never into the working tree; the module's tests then run with
``pytest -x -q -p no:cacheprovider``.  A mutant that makes a test fail, or
the run outlast its timeout, is killed; one that passes every test survived
and is listed in the report: a behaviour no test pins down.

Tests slower than a second on the unmutated code (found by a baseline run)
run last and only for the mutants the quick tests miss.  Outcomes are kept
in a cache keyed by the mutated source, the rest of the package and the
tests, so an interrupted run resumes and an unchanged mutant is not run
again.  Lines marked ``# pragma: no mutate`` are left alone, as are
docstrings, annotations, asserts and ``if TYPE_CHECKING:`` blocks.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import glob
import hashlib
import itertools
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_MODULES = 'spec_hooks/checks'
PRAGMA = re.compile(r'#\s*pragma:\s*no\s+mutate')
PYTEST = ('-x', '-q', '-p', 'no:cacheprovider')
SLOW_TEST = 1.0  # seconds; slower tests run only for mutants that survive
TIMEOUT_BASE = 10.0  # seconds a mutant's tests may take beyond the factor
SHORT_STRING = 12  # longest string constant emptied in a comparison
# Tests that do not follow the naming convention (tests/test_<stem>.py,
# tests/test_<stem>_<topic>.py and, for a check family,
# tests/test_check_spec_<stem>.py).
TEST_OVERRIDES = {
    'spec_hooks/cli.py': ('tests/test_check_spec.py',),
    'spec_hooks/diagnostics.py': ('tests/test_check_spec.py',),
    'spec_hooks/doctree.py': ('tests/test_rst.py',),
    'spec_hooks/spec.py': ('tests/test_blocks.py', 'tests/test_fixes.py'),
}
KINDS = ('compare', 'arith', 'number', 'boolop', 'not', 'jump', 'return',
         'condition', 'remove', 'string', 'bool', 'default')

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn,
    ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
COMPARE_TOKENS = {
    ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=', ast.Eq: '==',
    ast.NotEq: '!=', ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is',
    ast.IsNot: 'is not',
}
COMPARE_TOKEN = re.compile(
    r'#[^\n]*|<=|>=|==|!=|<|>|\bnot\s+in\b|\bis\s+not\b|\bin\b|\bis\b')
ARITH_SWAPS: dict[type[ast.operator], tuple[type[ast.operator], str]] = {
    ast.Add: (ast.Sub, '-'), ast.Sub: (ast.Add, '+'),
}
ARITH_TOKEN = re.compile(r'#[^\n]*|[-+]')
AUGMENTED_TOKEN = re.compile(r'#[^\n]*|[-+]=')
BOOLOP_TOKEN = re.compile(r'#[^\n]*|\band\b|\bor\b')
# Calls whose result is a truth value: ``return not call(...)`` mutants.
PREDICATES = frozenset((
    'all', 'any', 'bool', 'callable', 'endswith', 'exists', 'fullmatch',
    'hasattr', 'isdir', 'isdisjoint', 'isfile', 'isinstance', 'issubclass',
    'startswith',
))


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One change to a module, as the whole mutated source."""

    path: str  # relative to the project root
    line: int
    kind: str
    old: str  # the changed lines, on one line
    new: str
    source: str

    def describe(self) -> str:
        return f'{self.path}:{self.line}: {self.kind}: {self.old}  ->  ' \
            f'{self.new}'


@dataclasses.dataclass(frozen=True)
class _Candidate:
    kind: str
    holder: ast.AST  # the tree node whose field changes
    field: str
    index: int | None
    value: Any  # the field's new value
    start: int  # character offsets of the text to replace
    end: int
    texts: tuple[str, ...]  # replacements to try, the first that fits wins


# Generating mutants ---------------------------------------------------------

def generate(path: str, source: str) -> list[Mutant]:
    """Every mutant of ``source``, in source order; ``path`` only names
    it."""
    tree = ast.parse(source)
    finder = _Finder(source)
    finder.visit(tree)
    units = _units(tree, finder.starts)
    mutants = []
    seen: set[str] = set()
    for candidate in finder.candidates:
        unit = min((u for u in units if u.inner_start <= candidate.start
                    and candidate.end <= u.inner_end),
                   key=lambda u: u.inner_end - u.inner_start)
        mutant = _materialize(path, source, unit, candidate)
        if mutant is not None and mutant.source not in seen:
            seen.add(mutant.source)
            mutants.append(mutant)
    mutants.sort(key=lambda m: m.line)
    return mutants


@dataclasses.dataclass(frozen=True)
class _Unit:
    """A function, or a top-level statement: a change is checked by parsing
    its top-level statement again and comparing the smallest unit around
    it (dumping a whole module or class per mutant is slow)."""

    start: int  # character offsets of the top-level statement
    end: int
    inner_start: int  # and of the unit
    inner_end: int
    node: ast.stmt
    path: tuple[tuple[str, int | None], ...]  # top-level statement -> node


def _units(tree: ast.Module, starts: list[int]) -> list[_Unit]:
    def span(node: ast.stmt) -> tuple[int, int]:
        decorators = getattr(node, 'decorator_list', [])
        first = min([node.lineno] + [d.lineno for d in decorators])
        assert node.end_lineno is not None
        return starts[first - 1], starts[node.end_lineno] - 1

    units = []
    for top in tree.body:
        start, end = span(top)
        units.append(_Unit(start, end, start, end, top, ()))
        stack: list[tuple[ast.stmt, tuple[tuple[str, int | None], ...]]] = [
            (top, ())]
        while stack:
            node, path = stack.pop()
            for field, value in ast.iter_fields(node):
                items = list(enumerate(value)) if isinstance(value, list) \
                    else [(None, value)]
                for index, item in items:
                    if not isinstance(item, ast.stmt):
                        continue
                    below = (*path, (field, index))
                    if isinstance(item, (ast.FunctionDef,
                                         ast.AsyncFunctionDef)):
                        units.append(_Unit(start, end, *span(item), item,
                                           below))
                    stack.append((item, below))
    return units


def _materialize(
        path: str, source: str, unit: _Unit, candidate: _Candidate,
) -> Mutant | None:
    """The mutant whose text parses to the candidate's tree, if one of its
    texts does (None where the text cannot express it)."""
    expected = _dump_with(unit.node, candidate)
    for text in candidate.texts:
        if not _parses_to(source, unit, candidate, text, expected):
            continue
        mutated = source[:candidate.start] + text + source[candidate.end:]
        first = source.rfind('\n', 0, candidate.start) + 1
        old_end = _line_end(source, candidate.end)
        new_end = _line_end(mutated, candidate.start + len(text))
        lines = source[first:old_end]
        if PRAGMA.search(lines):
            return None
        return Mutant(
            path, source.count('\n', 0, candidate.start) + 1, candidate.kind,
            _one_line(lines), _one_line(mutated[first:new_end]), mutated,
        )
    return None


def _parses_to(source: str, unit: _Unit, candidate: _Candidate, text: str,
               expected: str) -> bool:
    """Whether the unit, ``text`` put in for the candidate's span, parses to
    ``expected``: the unit alone, dedented, if that parses to it (quick),
    else its whole top-level statement."""
    def changed(start: int, end: int) -> str:
        return source[start:candidate.start] + text + \
            source[candidate.end:end]

    if unit.path:
        lines = changed(unit.inner_start, unit.inner_end).split('\n')
        margin = lines[0][:len(lines[0]) - len(lines[0].lstrip())]
        if all(line.startswith(margin) or not line.strip()
               for line in lines):
            try:
                alone = ast.parse('\n'.join(line[len(margin):]
                                            for line in lines))
            except SyntaxError:
                pass
            else:
                if len(alone.body) == 1 and \
                        ast.dump(alone.body[0]) == expected:
                    return True
    try:
        parsed = ast.parse(changed(unit.start, unit.end))
    except SyntaxError:
        return False
    return len(parsed.body) == 1 and \
        _dump_at(parsed.body[0], unit.path) == expected


def _dump_at(node: Any, path: tuple[tuple[str, int | None], ...]) -> str:
    """The dump of the node at ``path`` below ``node``; '' if none is."""
    for field, index in path:
        node = getattr(node, field, None)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return ''
            node = node[index]
    return ast.dump(node) if isinstance(node, ast.AST) else ''


def _line_end(text: str, offset: int) -> int:
    end = text.find('\n', offset)
    return len(text) if end < 0 else end


def _one_line(text: str, most: int = 160) -> str:
    """The lines as one, cut short where a whole block was changed."""
    text = ' '.join(text.split())
    return text if len(text) <= most else text[:most - 4] + ' ...'


def _dump_with(tree: ast.AST, candidate: _Candidate) -> str:
    """The dump of ``tree`` with the candidate's change made (and undone
    again)."""
    holder, field, index = candidate.holder, candidate.field, candidate.index
    if index is None:
        old = getattr(holder, field)
        setattr(holder, field, candidate.value)
        try:
            return ast.dump(tree)
        finally:
            setattr(holder, field, old)
    items = getattr(holder, field)
    old = items[index]
    items[index] = candidate.value
    try:
        return ast.dump(tree)
    finally:
        items[index] = old


def _new(cls: type[ast.AST], **fields: Any) -> Any:
    """A node with every field set, as ``ast.parse`` would make it."""
    node = cls()
    for name in cls._fields:
        setattr(node, name, fields.get(name))
    return node


class _Finder(ast.NodeVisitor):
    """Collects the candidate mutations of a module, skipping what must not
    change: docstrings, annotations, asserts, TYPE_CHECKING blocks."""

    def __init__(self, source: str) -> None:
        self.source = source
        # Split as the parser does: str.splitlines knows more line ends.
        self.lines = source.split('\n')
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.candidates: list[_Candidate] = []
        self.parents: dict[int, tuple[ast.AST, str, int | None]] = {}
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []

    # Positions.

    def offset(self, line: int, column: int) -> int:
        """The character offset of a (line, UTF-8 byte column)."""
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text.encode()[:column].decode())

    def span(self, node: ast.expr | ast.stmt) -> tuple[int, int]:
        assert node.end_lineno is not None and node.end_col_offset is not None
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def segment(self, node: ast.expr | ast.stmt) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    # Traversal.

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Module):
            for parent in ast.walk(node):
                for field, value in ast.iter_fields(parent):
                    if isinstance(value, list):
                        for i, item in enumerate(value):
                            if isinstance(item, (ast.expr, ast.stmt)):
                                self.parents[id(item)] = (parent, field, i)
                    elif isinstance(value, (ast.expr, ast.stmt)):
                        self.parents[id(value)] = (parent, field, None)
        super().visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        for field, value in ast.iter_fields(node):
            if field in ('annotation', 'returns', 'type_comment'):
                continue
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                if not isinstance(item, ast.AST):
                    continue
                if i == 0 and field == 'body' and _is_docstring(item):
                    continue
                self.visit(item)

    def visit_Assert(self, node: ast.Assert) -> None:
        """Asserts narrow types for mypy; a mutant of one only crashes."""

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test) or _is_main_guard(node.test):
            for stmt in node.orelse:
                self.visit(stmt)
            return
        self.condition(node.test)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if names != ['TYPE_CHECKING']:
            self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.function(node)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if isinstance(default, ast.Constant) and \
                    isinstance(default.value, bool):
                self.replace('default', default,
                             _new(ast.Constant, value=not default.value))
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.condition(node.test)
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for test in node.ifs:
            self.condition(test)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        self.loop_body(node.body, set())
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        tested = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
        self.loop_body(node.body, tested)
        self.generic_visit(node)

    # The mutations.

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            swapped = COMPARE_SWAPS[type(op)]
            self.swap('compare', node, 'ops', i, _new(swapped),
                      operands[i], operands[i + 1], COMPARE_TOKEN,
                      COMPARE_TOKENS[swapped])
        for operand in operands:
            self.empty_strings(operand)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swap = ARITH_SWAPS.get(type(node.op))
        if swap and not (_sequence(node.left) or _sequence(node.right)):
            self.swap('arith', node, 'op', None, _new(swap[0]), node.left,
                      node.right, ARITH_TOKEN, swap[1])
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        swap = ARITH_SWAPS.get(type(node.op))
        if swap and not _sequence(node.value):
            self.swap('arith', node, 'op', None, _new(swap[0]), node.target,
                      node.value, AUGMENTED_TOKEN, swap[1] + '=')
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        swapped, text = (ast.Or, 'or') if isinstance(node.op, ast.And) \
            else (ast.And, 'and')
        gaps = []
        for before, value in itertools.pairwise(node.values):
            found = _token(self.source, self.span(before)[1],
                           self.span(value)[0], BOOLOP_TOKEN)
            if found is None:
                break
            gaps.append(found)
        else:
            self.swap_all('boolop', node, _new(swapped), text, gaps)
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            operand = self.segment(node.operand)
            self.replace('not', node, node.operand, operand, f'({operand})')
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self.replace('bool', node, _new(ast.Constant, value=not value))
        elif isinstance(value, int):
            for new in (value + 1, value - 1):
                replacement = _new(ast.Constant, value=new) if new >= 0 \
                    else _new(ast.UnaryOp, op=ast.USub(),
                              operand=_new(ast.Constant, value=-new))
                self.replace('number', node, replacement, str(new))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        """Only the expressions in an f-string: its text parts carry the
        whole string's position."""
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_Continue(self, node: ast.Continue) -> None:
        self.replace('jump', node, _new(ast.Break), 'break')

    def visit_Break(self, node: ast.Break) -> None:
        self.replace('jump', node, _new(ast.Continue), 'continue')

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if value is not None and not (
                isinstance(value, ast.Constant) and not value.value):
            self.replace('return', value, _new(ast.Constant, value=None),
                         'None')
            if _is_predicate(value):
                text = self.segment(value)
                self.replace('return', value,
                             _new(ast.UnaryOp, op=ast.Not(), operand=value),
                             f'not {text}', f'not ({text})')
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and \
                node.func.attr in ('startswith', 'endswith'):
            for arg in node.args:
                self.empty_strings(arg)
        self.generic_visit(node)

    def condition(self, test: ast.expr) -> None:
        if isinstance(test, ast.Constant):
            return
        for value in (True, False):
            self.replace('condition', test, _new(ast.Constant, value=value),
                         str(value))

    def loop_body(self, body: list[ast.stmt], tested: set[str]) -> None:
        """Remove each statement of a loop body that can go without
        hanging the loop (it changes no name the ``while`` tests) or merely
        leaving a name unbound."""
        for stmt in body:
            if isinstance(stmt, (ast.Pass, ast.Continue, ast.Break,
                                 ast.Return, ast.Assert)):
                continue
            if isinstance(stmt, ast.If) and not stmt.orelse:
                continue  # the same as its condition made False
            stored = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)
                      and isinstance(n.ctx, ast.Store)}
            if stored & tested:
                continue
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and \
                    not self.bound_before(stmt, stored):
                continue
            self.replace('remove', stmt, _new(ast.Pass), 'pass')

    def bound_before(self, stmt: ast.stmt, names: set[str]) -> bool:
        """Whether every name is bound before ``stmt`` in its function."""
        if not names:
            return True
        if not self.functions:
            return False
        scope = self.functions[-1]
        bound = {a.arg for a in ast.walk(scope.args)
                 if isinstance(a, ast.arg)}
        for node in ast.walk(scope):
            if isinstance(node, ast.Name) and \
                    isinstance(node.ctx, ast.Store) and \
                    node.lineno < stmt.lineno:
                bound.add(node.id)
        return names <= bound

    def empty_strings(self, node: ast.expr) -> None:
        """Empty the short strings an operand of a comparison is or
        holds."""
        items = node.elts if isinstance(node, (ast.Tuple, ast.List,
                                               ast.Set)) else [node]
        for item in items:
            if isinstance(item, ast.Constant) and \
                    isinstance(item.value, str) and \
                    0 < len(item.value) <= SHORT_STRING:
                self.replace('string', item, _new(ast.Constant, value=''),
                             "''")

    # Recording candidates.

    def replace(self, kind: str, node: ast.expr | ast.stmt, new: ast.AST,
                *texts: str) -> None:
        """Replace ``node`` (an expression or statement) by ``new``,
        written as one of ``texts`` (by default ``new`` unparsed, bare or
        in parentheses)."""
        holder, field, index = self.parents[id(node)]
        if not texts:
            text = ast.unparse(new)
            texts = (text, f'({text})')
        start, end = self.span(node)
        self.candidates.append(
            _Candidate(kind, holder, field, index, new, start, end, texts))

    def swap(self, kind: str, holder: ast.AST, field: str, index: int | None,
             new: ast.AST, left: ast.expr, right: ast.expr,
             token: re.Pattern[str], text: str) -> None:
        """Swap the operator written between ``left`` and ``right``."""
        start, end = self.span(left)[1], self.span(right)[0]
        found = _token(self.source, start, end, token)
        if found is not None:
            self.candidates.append(_Candidate(
                kind, holder, field, index, new, found[0], found[1], (text,),
            ))

    def swap_all(self, kind: str, holder: ast.AST, new: ast.AST, text: str,
                 gaps: list[tuple[int, int]]) -> None:
        """Swap the operator of a BoolOp, written once between each two
        operands: one edit from the first to the last, the text between
        them kept."""
        pieces = [text]
        for (_, end), (start, _) in itertools.pairwise(gaps):
            pieces += [self.source[end:start], text]
        self.candidates.append(_Candidate(
            kind, holder, 'op', None, new, gaps[0][0], gaps[-1][1],
            (''.join(pieces),),
        ))


def _token(
        source: str, start: int, end: int, token: re.Pattern[str],
) -> tuple[int, int] | None:
    """Where the operator is in the text between two operands; comments
    and parentheses around it are skipped."""
    for found in token.finditer(source, start, end):
        if not found.group().startswith('#'):
            return found.start(), found.end()
    return None


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and \
        isinstance(node.value, ast.Constant) and \
        isinstance(node.value.value, str)


def _is_type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else \
        getattr(test, 'id', None)
    return name == 'TYPE_CHECKING'


def _is_main_guard(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and \
        isinstance(test.left, ast.Name) and test.left.id == '__name__'


def _sequence(node: ast.expr) -> bool:
    """Whether the operand is plainly a string or a sequence: ``-`` on it
    cannot run, so the mutant says nothing a removal would not."""
    return isinstance(node, (ast.JoinedStr, ast.List, ast.Tuple,
                             ast.ListComp)) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


def _is_predicate(node: ast.expr) -> bool:
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            getattr(func, 'id', '')
        return name in PREDICATES
    return False


# Running mutants ------------------------------------------------------------

@dataclasses.dataclass
class Suite:
    """The tests of one module: the quick ones run first, the slow ones
    only when those pass."""

    tests: tuple[str, ...]  # paths relative to the project root
    slow: tuple[str, ...]  # node ids
    quick_seconds: float
    slow_seconds: float
    timeout_factor: float

    def phases(self, root: str) -> list[tuple[list[str], float]]:
        """(pytest arguments, timeout) per phase."""
        quick = [os.path.join(root, t) for t in self.tests]
        quick += [f'--deselect={node}' for node in self.slow]
        phases = [(quick, self.timeout(self.quick_seconds))]
        if self.slow:
            slow = [os.path.join(root, node) for node in self.slow]
            phases.append((slow, self.timeout(self.slow_seconds)))
        return phases

    def timeout(self, seconds: float) -> float:
        return self.timeout_factor * seconds + TIMEOUT_BASE


class Interrupted(Exception):
    """The run was stopped: the mutant has no outcome."""


class Workspace:
    """Private copies of the package, one per job, each first on the import
    path of the pytest it runs; a mutant is written into one of them and
    the original put back after."""

    def __init__(self, root: str, package: str, jobs: int) -> None:
        self.root = root
        self.package = package
        self.free: queue.Queue[str] = queue.Queue()
        self.slots = []
        self.running: set[subprocess.Popen[bytes]] = set()
        self.closed = False
        self.lock = threading.Lock()
        for _ in range(jobs):
            slot = tempfile.mkdtemp(prefix='mutate-')
            shutil.copytree(
                os.path.join(root, package), os.path.join(slot, package),
                ignore=shutil.ignore_patterns('__pycache__'),
            )
            self.slots.append(slot)
            self.free.put(slot)

    def close(self) -> None:
        """Stop the test runs under way (their outcomes are not recorded)
        and remove the copies."""
        with self.lock:
            self.closed = True
            for process in self.running:
                _kill(process)
        for slot in self.slots:
            shutil.rmtree(slot, ignore_errors=True)

    def run(self, path: str, source: str | None, suite: Suite) -> str:
        """'killed', 'timeout' or 'survived': the module at ``path`` with
        ``source`` (None: as it is) under its suite."""
        slot = self.free.get()
        target = os.path.join(slot, path)
        with open(target, encoding='utf-8') as f:
            original = f.read()
        try:
            if source is not None:
                _write(target, source)
            for args, timeout in suite.phases(self.root):
                outcome = self.pytest(slot, args, timeout)
                if outcome != 'survived':
                    return outcome
            return 'survived'
        finally:
            _write(target, original)
            self.free.put(slot)

    def pytest(self, slot: str, args: list[str], timeout: float) -> str:
        env = dict(os.environ, PYTHONPATH=slot, PYTHONDONTWRITEBYTECODE='1')
        # -p loads the package as a plugin before any test module, so the
        # project root that pytest then puts first on sys.path cannot
        # shadow the copy.
        command = [sys.executable, '-m', 'pytest', *PYTEST,
                   '-p', self.package, *args]
        with self.lock:
            if self.closed:
                raise Interrupted
            process = subprocess.Popen(
                command, cwd=slot, env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self.running.add(process)
        try:
            returncode = process.wait(timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            returncode = None
        finally:
            with self.lock:
                self.running.discard(process)
        if self.closed:
            raise Interrupted  # killed by close(), not by the mutant
        if returncode is None:
            return 'timeout'
        return 'survived' if returncode == 0 else 'killed'

    def baseline(self, path: str, tests: tuple[str, ...],
                 timeout_factor: float) -> Suite:
        """Run the tests on the unmutated copy (they must pass), time them
        and find the slow ones; then check that a mutant of the copy is
        what the tests import."""
        slot = self.free.get()
        try:
            args = [os.path.join(self.root, t) for t in tests]
            env = dict(os.environ, PYTHONPATH=slot,
                       PYTHONDONTWRITEBYTECODE='1')
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, '-m', 'pytest', '-q', '-p',
                 'no:cacheprovider', '-p', self.package, '--durations=0',
                 '--durations-min=0', *args],
                cwd=slot, env=env, capture_output=True, text=True,
                check=False,
            )
            seconds = time.perf_counter() - started
        finally:
            self.free.put(slot)
        if done.returncode != 0:
            raise SystemExit(f'{path}: its tests fail unmutated:\n'
                             f'{done.stdout[-2000:]}{done.stderr[-2000:]}')
        durations: dict[str, float] = {}
        for found in re.finditer(
                r'^(\d+\.\d+)s (?:setup|call|teardown) +(\S.*?)\s*$',
                done.stdout, re.MULTILINE):
            node = found.group(2)
            durations[node] = durations.get(node, 0) + float(found.group(1))
        slow = tuple(n for n, s in durations.items() if s >= SLOW_TEST)
        slow_seconds = sum(durations[n] for n in slow)
        suite = Suite(tests, slow, max(seconds - slow_seconds, 1.0),
                      slow_seconds + 1.0, timeout_factor)
        canary = 'raise RuntimeError("mutation canary")\n'
        if self.run(path, canary, suite) == 'survived':
            raise SystemExit(f'{path}: the tests do not import the mutated '
                             f'copy; mutants would all survive')
        return suite


def _write(path: str, source: str) -> None:
    # The copies hold no .pyc and the test runs write none
    # (PYTHONDONTWRITEBYTECODE): a stale one of the same size and second
    # would hide a mutant.
    with open(path, 'w', encoding='utf-8') as f:
        f.write(source)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End the test run and whatever it started (its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def tests_for(path: str, root: str) -> tuple[str, ...]:
    """The test files of a module: the override table, else by name."""
    if path in TEST_OVERRIDES:
        return TEST_OVERRIDES[path]
    stem = os.path.splitext(os.path.basename(path))[0]
    # tests/test_<stem>_<topic>.py: more tests of the module, by topic.
    pattern = os.path.join(glob.escape(root), 'tests', f'test_{stem}_*.py')
    topics = sorted(os.path.relpath(p, root) for p in glob.glob(pattern))
    names = (f'tests/test_{stem}.py', *topics,
             f'tests/test_check_spec_{stem}.py')
    return tuple(n for n in names if os.path.exists(os.path.join(root, n)))


class Cache:
    """Outcomes by mutant, one JSON object a line, appended as they come:
    an interrupted run loses nothing it finished."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.outcomes: dict[str, str] = {}
        self.lock = threading.Lock()
        if path and os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                for line in f:
                    try:
                        entry = json.loads(line)
                        self.outcomes[entry['key']] = entry['outcome']
                    except (ValueError, KeyError, TypeError):
                        continue  # a torn last line: run that mutant again

    def get(self, key: str) -> str | None:
        return self.outcomes.get(key)

    def put(self, key: str, outcome: str) -> None:
        with self.lock:
            self.outcomes[key] = outcome
            if self.path:
                with open(self.path, 'a', encoding='utf-8') as f:
                    f.write(json.dumps({'key': key, 'outcome': outcome})
                            + '\n')


def context_digest(root: str, package: str, path: str) -> str:
    """What a mutant's outcome depends on besides its own module: the rest
    of the package, the tests, the examples and this tool's settings."""
    digest = hashlib.sha256(repr((PYTEST, SLOW_TEST)).encode())
    for top in (package, 'tests', 'examples'):
        for directory, dirs, files in sorted(os.walk(os.path.join(root, top))):
            dirs[:] = sorted(d for d in dirs if d != '__pycache__')
            for name in sorted(files):
                full = os.path.join(directory, name)
                relative = os.path.relpath(full, root)
                if relative == path:
                    continue
                digest.update(relative.encode())
                with open(full, 'rb') as f:
                    digest.update(f.read())
    return digest.hexdigest()


def mutant_key(mutant: Mutant, context: str) -> str:
    return hashlib.sha256(
        f'{context}\0{mutant.path}\0{mutant.source}'.encode()).hexdigest()


# Command line ---------------------------------------------------------------

@dataclasses.dataclass
class Result:
    path: str
    outcomes: list[tuple[Mutant, str]]

    def count(self, *outcomes: str) -> int:
        return sum(1 for _, o in self.outcomes if o in outcomes)

    def row(self) -> str:
        total = len(self.outcomes)
        killed = self.count('killed', 'timeout')
        score = f'{100 * killed / total:5.1f}%' if total else '    -'
        return (f'{self.path:<36} {total:>7} {killed:>6} '
                f'{self.count("timeout"):>7} {total - killed:>8} {score}')


HEADER = (f'{"module":<36} {"mutants":>7} {"killed":>6} {"timeout":>7} '
          f'{"survived":>8} score')


def modules(paths: Sequence[str], root: str) -> list[str]:
    """The modules named, relative to ``root``; a directory stands for the
    modules in it."""
    found = []
    for path in paths:
        full = os.path.join(root, path)
        if os.path.isdir(full):
            found += sorted(
                os.path.relpath(os.path.join(full, n), root)
                for n in os.listdir(full) if n.endswith('.py'))
        elif os.path.isfile(full):
            found.append(os.path.relpath(full, root))
        else:
            raise SystemExit(f'no such module: {path}')
    return found


def sample(mutants: list[Mutant], size: int | None, seed: int,
           path: str) -> list[Mutant]:
    """A seeded sample, the same for a module whatever else is run."""
    if size is None or size >= len(mutants):
        return mutants
    chosen = random.Random(f'{seed}:{path}').sample(range(len(mutants)),
                                                    size)
    return [mutants[i] for i in sorted(chosen)]


def run(args: argparse.Namespace) -> list[Result]:
    root = os.path.abspath(args.root)
    paths = modules(args.modules or [DEFAULT_MODULES], root)
    package = paths[0].split(os.sep)[0] if paths else ''
    plan: list[tuple[str, list[Mutant], tuple[str, ...]]] = []
    for path in paths:
        with open(os.path.join(root, path), encoding='utf-8') as f:
            mutants = generate(path, f.read())
        mutants = [m for m in mutants if m.kind in args.kinds]
        mutants = sample(mutants, args.sample, args.seed, path)
        tests = tuple(args.tests) if args.tests else tests_for(path, root)
        if mutants and not tests:
            raise SystemExit(f'{path}: no tests found; name them with '
                             f'--tests')
        plan.append((path, mutants, tests))
    if args.dry_run:
        for path, mutants, tests in plan:
            print(f'{path}: {len(mutants)} mutants; tests: '
                  f'{" ".join(tests)}')
            for mutant in mutants:
                print(f'  {mutant.describe()}')
        return []
    cache = Cache(None if args.no_cache else os.path.join(root, args.cache))
    workspace = Workspace(root, package, args.jobs)
    results = {path: Result(path, []) for path, _, _ in plan}
    started = time.monotonic()
    pool = ThreadPoolExecutor(args.jobs)
    try:
        jobs = list(_jobs(plan, workspace, cache, args, root))
        futures = [pool.submit(job) for job in jobs]
        for done, future in enumerate(futures, 1):
            mutant, outcome = future.result()
            results[mutant.path].outcomes.append((mutant, outcome))
            if args.verbose:
                print(f'{outcome:>8} {mutant.describe()}', flush=True)
            elif done % 50 == 0 or done == len(futures):
                elapsed = time.monotonic() - started
                print(f'[{done}/{len(futures)}] {elapsed / 60:.1f} min',
                      file=sys.stderr, flush=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        workspace.close()
    minutes = (time.monotonic() - started) / 60
    ordered = [results[path] for path, _, _ in plan]
    print(HEADER)
    for result in ordered:
        print(result.row())
    print(f'{minutes:.1f} min, {args.jobs} jobs')
    if args.report:
        _write_report(args, ordered, minutes)
    return ordered


def _jobs(
        plan: list[tuple[str, list[Mutant], tuple[str, ...]]],
        workspace: Workspace, cache: Cache, args: argparse.Namespace,
        root: str,
) -> Iterator[Callable[[], tuple[Mutant, str]]]:
    """One callable per mutant; cached outcomes need no suite, so a module
    whose mutants are all cached is not even run unmutated."""
    for path, mutants, tests in plan:
        context = context_digest(root, workspace.package, path)
        pending = [m for m in mutants
                   if cache.get(mutant_key(m, context)) is None]
        suite = workspace.baseline(path, tests, args.timeout_factor) \
            if pending else None
        if suite is not None:
            print(f'{path}: {len(pending)} mutants to run; tests '
                  f'{suite.quick_seconds:.1f} s + slow '
                  f'{suite.slow_seconds:.1f} s ({len(suite.slow)})',
                  file=sys.stderr, flush=True)
        for mutant in mutants:
            yield _job(mutant, mutant_key(mutant, context), suite,
                       workspace, cache)


def _job(mutant: Mutant, key: str, suite: Suite | None,
         workspace: Workspace, cache: Cache,
         ) -> Callable[[], tuple[Mutant, str]]:
    def job() -> tuple[Mutant, str]:
        outcome = cache.get(key)
        if outcome is None:
            assert suite is not None
            outcome = workspace.run(mutant.path, mutant.source, suite)
            cache.put(key, outcome)
        return mutant, outcome
    return job


def _write_report(args: argparse.Namespace, results: list[Result],
                  minutes: float) -> None:
    how = f'sample of {args.sample} per module, seed {args.seed}' \
        if args.sample is not None else 'every mutant'
    lines = [f'# Mutation testing ({how}; {args.jobs} jobs, '
             f'{minutes:.1f} min)', '', HEADER]
    lines += [r.row() for r in results]
    kinds: dict[str, int] = {}
    for result in results:
        for mutant, outcome in result.outcomes:
            if outcome == 'survived':
                kinds[mutant.kind] = kinds.get(mutant.kind, 0) + 1
    lines += ['', 'survivors by kind: ' + ', '.join(
        f'{kind} {kinds[kind]}' for kind in KINDS if kind in kinds)]
    lines += ['', '# Survivors: path:line: kind: before  ->  after']
    for result in results:
        lines += [m.describe() for m, o in result.outcomes
                  if o == 'survived']
    with open(args.report, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('modules', nargs='*', help='modules or directories '
                        f'(default: {DEFAULT_MODULES}), from the root')
    parser.add_argument('-j', '--jobs', type=int, default=2)
    parser.add_argument('--sample', type=int, metavar='N',
                        help='test a seeded random sample of N mutants '
                        'per module')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--report', metavar='FILE',
                        help='write the scores and the survivors here')
    parser.add_argument('--kinds', type=lambda s: s.split(','),
                        default=list(KINDS),
                        help=f'mutation kinds, comma-separated '
                        f'(default: {",".join(KINDS)})')
    parser.add_argument('--tests', nargs='+', metavar='FILE',
                        help='test files for every module named, instead '
                        'of those found by name')
    parser.add_argument('--timeout-factor', type=float, default=3.0,
                        help='a mutant whose tests run this many times '
                        f'longer than unmutated (plus {TIMEOUT_BASE:g} s) '
                        'is killed')
    parser.add_argument('--cache', default='.mutate-cache.jsonl',
                        help='outcomes file, from the root (default: '
                        '%(default)s)')
    parser.add_argument('--no-cache', action='store_true')
    parser.add_argument('--root', default=ROOT,
                        help='project root (default: this repository)')
    parser.add_argument('--dry-run', action='store_true',
                        help='list the mutants, run nothing')
    parser.add_argument('-v', '--verbose', action='store_true',
                        help='print every outcome')
    args = parser.parse_args(argv)
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f'unknown kinds: {", ".join(sorted(unknown))}')
    if args.jobs < 1:
        parser.error('--jobs must be at least 1')
    # A run in the background ignores SIGINT: let SIGTERM stop it as
    # Ctrl-C does, the test runs under way ended and the copies removed.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        run(args)
    except KeyboardInterrupt:
        print('interrupted; finished outcomes are in the cache',
              file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == '__main__':
    raise SystemExit(main())
