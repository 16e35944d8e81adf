"""The mutation-testing tool: which mutants it makes, and that it runs them
against a module's tests and reports the survivors."""
from __future__ import annotations

import ast
import importlib.util
import os
import pathlib
import sys
import tempfile
import textwrap
from types import ModuleType
from typing import cast

import pytest

from tests.conftest import REPO


def _load_tool() -> ModuleType:
    """tools/ is no package (nothing of it is installed): load by path."""
    path = os.path.join(REPO, 'tools', 'mutate.py')
    spec = importlib.util.spec_from_file_location('mutate', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules['mutate'] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


mutate = _load_tool()

# (source, the mutants: (line, kind, the changed line after the change))
OPERATORS = [
    pytest.param('x = a < b\n', [(1, 'compare', 'x = a <= b')], id='<'),
    pytest.param('x = a <= b\n', [(1, 'compare', 'x = a < b')], id='<='),
    pytest.param('x = a > b\n', [(1, 'compare', 'x = a >= b')], id='>'),
    pytest.param('x = a >= b\n', [(1, 'compare', 'x = a > b')], id='>='),
    pytest.param('x = a == b\n', [(1, 'compare', 'x = a != b')], id='=='),
    pytest.param('x = a != b\n', [(1, 'compare', 'x = a == b')], id='!='),
    pytest.param('x = a in b\n', [(1, 'compare', 'x = a not in b')],
                 id='in'),
    pytest.param('x = a not  in b\n', [(1, 'compare', 'x = a in b')],
                 id='not in'),
    pytest.param('x = a is b\n', [(1, 'compare', 'x = a is not b')],
                 id='is'),
    pytest.param('x = a is not b\n', [(1, 'compare', 'x = a is b')],
                 id='is not'),
    pytest.param('x = 0 < a <= 9\n', [
        (1, 'compare', 'x = 0 <= a <= 9'), (1, 'compare', 'x = 0 < a < 9'),
        (1, 'number', 'x = 1 < a <= 9'), (1, 'number', 'x = -1 < a <= 9'),
        (1, 'number', 'x = 0 < a <= 10'), (1, 'number', 'x = 0 < a <= 8'),
    ], id='chained comparison'),
    pytest.param('x = a + b\n', [(1, 'arith', 'x = a - b')], id='+'),
    pytest.param('x = a - b\n', [(1, 'arith', 'x = a + b')], id='-'),
    pytest.param('x += a\n', [(1, 'arith', 'x -= a')], id='+='),
    pytest.param("x = a + 'b'\n", [], id='+ on a string'),
    pytest.param("x = f'{a + 1}'\n", [
        (1, 'arith', "x = f'{a - 1}'"), (1, 'number', "x = f'{a + 2}'"),
        (1, 'number', "x = f'{a + 0}'"),
    ], id='in an f-string'),
    pytest.param('x = a[0]\n', [(1, 'number', 'x = a[1]'),
                                (1, 'number', 'x = a[-1]')], id='0'),
    pytest.param('x = a[-1]\n', [(1, 'number', 'x = a[-2]'),
                                 (1, 'number', 'x = a[-0]')], id='-1'),
    pytest.param('x = a and b\n', [(1, 'boolop', 'x = a or b')], id='and'),
    pytest.param('x = (a or  # or\n     b or c)\n',
                 [(1, 'boolop', 'x = (a and # or b and c)')],
                 id='or, twice, with a comment'),
    pytest.param('x = not a\n', [(1, 'not', 'x = a')], id='not'),
    pytest.param('x = not (a and b)\n', [
        (1, 'not', 'x = a and b'), (1, 'boolop', 'x = not (a or b)'),
    ], id='not with parentheses'),
    pytest.param('for a in b:\n    if a:\n        continue\n    f(a)\n', [
        (2, 'condition', 'if True:'), (2, 'condition', 'if False:'),
        (3, 'jump', 'break'), (4, 'remove', 'pass'),
    ], id='continue, and a statement in a loop'),
    pytest.param('while a:\n    break\n', [(2, 'jump', 'continue')],
                 id='break'),
    pytest.param('while i < n:\n    i += 1\n    f(i)\n', [
        (1, 'compare', 'while i <= n:'), (2, 'arith', 'i -= 1'),
        (2, 'number', 'i += 2'), (2, 'number', 'i += 0'),
        (3, 'remove', 'pass'),
    ], id='never remove what ends a while loop'),
    pytest.param(
        'def f(a):\n    b = []\n    for c in a:\n        d = c\n'
        '        b = d\n        b[0] = 1\n', [
            (5, 'remove', 'pass'), (6, 'remove', 'pass'),
            (6, 'number', 'b[1] = 1'), (6, 'number', 'b[-1] = 1'),
            (6, 'number', 'b[0] = 2'), (6, 'number', 'b[0] = 0'),
        ], id='never remove the first binding of a name'),
    pytest.param('def f(a):\n    return a\n', [(2, 'return', 'return None')],
                 id='return'),
    pytest.param('def f(a):\n    return a.startswith(b)\n', [
        (2, 'return', 'return None'),
        (2, 'return', 'return not a.startswith(b)'),
    ], id='return a truth value'),
    pytest.param('def f():\n    return False\n', [(2, 'bool', 'return True')],
                 id='return False'),
    pytest.param('if a:\n    b()\nelse:\n    c()\n', [
        (1, 'condition', 'if True:'), (1, 'condition', 'if False:'),
    ], id='if'),
    pytest.param("x = 'ab' if a else ''\n", [
        (1, 'condition', "x = 'ab' if True else ''"),
        (1, 'condition', "x = 'ab' if False else ''"),
    ], id='conditional expression'),
    pytest.param('x = [a for a in b if a]\n', [
        (1, 'condition', 'x = [a for a in b if True]'),
        (1, 'condition', 'x = [a for a in b if False]'),
    ], id='comprehension filter'),
    pytest.param("x = a == 'ab'\n", [
        (1, 'compare', "x = a != 'ab'"), (1, 'string', "x = a == ''"),
    ], id='string compared'),
    pytest.param("x = a in ('ab', 'long string here')\n", [
        (1, 'compare', "x = a not in ('ab', 'long string here')"),
        (1, 'string', "x = a in ('', 'long string here')"),
    ], id='only short strings'),
    pytest.param("x = a.endswith('::')\n",
                 [(1, 'string', "x = a.endswith('')")], id='endswith'),
    pytest.param('def f(a=True, *, b=False):\n    pass\n', [
        (1, 'default', 'def f(a=False, *, b=False):'),
        (1, 'default', 'def f(a=True, *, b=True):'),
    ], id='default arguments'),
    pytest.param('f(a, b=False)\n', [(1, 'bool', 'f(a, b=True)')],
                 id='keyword argument'),
]


@pytest.mark.parametrize(('source', 'expected'), OPERATORS)
def test_mutants_of_each_operator(
        source: str, expected: list[tuple[int, str, str]],
) -> None:
    found = [(m.line, m.kind, m.new) for m in mutate.generate('m.py', source)]
    assert found == expected


def test_the_table_has_every_kind() -> None:
    rows = [cast(list[tuple[int, str, str]], case.values[1])
            for case in OPERATORS]
    kinds = {kind for row in rows for _, kind, _ in row}
    assert kinds == set(mutate.KINDS)


def test_what_is_never_mutated() -> None:
    source = textwrap.dedent('''\
        """Module 1."""
        from typing import TYPE_CHECKING, Literal
        TYPE_CHECKING = False
        if TYPE_CHECKING:
            x = 1 + 2
        def f(a: Literal[1] = 2) -> Literal[3]:
            """Function 4 < 5."""
            assert a > 5
            b: Literal[6] = a
            return a + 7  # pragma: no mutate
        if __name__ == '__main__':
            f(8)
    ''')
    found = [m.describe() for m in mutate.generate('m.py', source)]
    assert found == [
        'm.py:6: number: def f(a: Literal[1] = 2) -> Literal[3]:  ->  '
        'def f(a: Literal[1] = 3) -> Literal[3]:',
        'm.py:6: number: def f(a: Literal[1] = 2) -> Literal[3]:  ->  '
        'def f(a: Literal[1] = 1) -> Literal[3]:',
    ]


def test_every_mutant_parses_and_changes_the_tree() -> None:
    """On a module of every construct, the tool's own source: all mutants
    differ, and a sample of them (a whole module's dump is slow) parses to
    another tree."""
    path = os.path.join(REPO, 'tools', 'mutate.py')
    with open(path, encoding='utf-8') as f:
        source = f.read()
    mutants = mutate.generate('mutate.py', source)
    assert len({m.source for m in mutants}) == len(mutants) > 300
    original = ast.dump(ast.parse(source))
    for mutant in mutate.sample(mutants, 10, 0, 'mutate.py'):
        assert ast.dump(ast.parse(mutant.source)) != original


@pytest.mark.parametrize(('path', 'expected'), [
    ('spec_hooks/checks/structure.py',
     ('tests/test_structure.py', 'tests/test_structure_matching.py',
      'tests/test_structure_mistakes.py',
      'tests/test_check_spec_structure.py')),
    ('spec_hooks/config.py', ('tests/test_config.py',)),
    ('spec_hooks/doctree.py', ('tests/test_rst.py',)),
])
def test_tests_for_a_module(path: str, expected: tuple[str, ...]) -> None:
    assert mutate.tests_for(path, REPO) == expected


def test_a_sample_is_seeded_and_in_source_order() -> None:
    source = ''.join(f'x{i} = {i}\n' for i in range(10))
    mutants = mutate.generate('m.py', source)
    first = mutate.sample(mutants, 5, 3, 'm.py')
    assert first == mutate.sample(mutants, 5, 3, 'm.py')
    assert len(first) == 5
    assert [m.line for m in first] == sorted(m.line for m in first)
    assert mutate.sample(mutants, 50, 3, 'm.py') == mutants


def _project(root: pathlib.Path, module: str, test: str) -> None:
    """A package ``pkg`` with one module and its tests, as in a real
    project."""
    (root / 'pkg').mkdir()
    (root / 'pkg' / '__init__.py').write_text('')
    (root / 'pkg' / 'size.py').write_text(textwrap.dedent(module))
    (root / 'tests').mkdir()
    (root / 'tests' / '__init__.py').write_text('')
    (root / 'tests' / 'test_size.py').write_text(textwrap.dedent(test))


@pytest.fixture
def scratch(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
            ) -> pathlib.Path:
    """The temporary directory the tool copies the package into."""
    path = tmp_path / 'scratch'
    path.mkdir()
    monkeypatch.setattr(tempfile, 'tempdir', str(path))
    return path


def test_a_surviving_mutant_is_reported(
        tmp_path: pathlib.Path, scratch: pathlib.Path,
        capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / 'project'
    root.mkdir()
    module = '''\
        def is_big(n):
            return n > 10
    '''
    _project(root, module, '''\
        from pkg.size import is_big

        def test_big():
            assert is_big(20)

        def test_small():
            assert not is_big(0)
    ''')
    report = tmp_path / 'report.txt'
    argv = ['pkg/size.py', '--root', str(root), '--report', str(report),
            '--kinds', 'compare,return']
    for _ in range(2):  # the second run takes every outcome from the cache
        assert mutate.main(argv) == 0
        assert capsys.readouterr().out.splitlines()[:2] == [
            mutate.HEADER,
            'pkg/size.py                                3      2       0'
            '        1  66.7%',
        ]
        assert report.read_text().splitlines()[-4:] == [
            'survivors by kind: compare 1',
            '',
            '# Survivors: path:line: kind: before  ->  after',
            'pkg/size.py:2: compare: return n > 10  ->  return n >= 10',
        ]
    cache = (root / '.mutate-cache.jsonl').read_text().splitlines()
    assert len(cache) == 3
    assert (root / 'pkg' / 'size.py').read_text() == \
        textwrap.dedent(module)  # the working tree is never written
    assert list(scratch.iterdir()) == []  # nor is a copy left behind


def test_a_mutant_that_hangs_is_killed(
        tmp_path: pathlib.Path, scratch: pathlib.Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    _project(tmp_path, '''\
        def count_to(n):
            i = 0
            while i < n:
                i += 1
            return i
    ''', '''\
        from pkg.size import count_to

        def test_count():
            assert count_to(3) == 3
    ''')
    monkeypatch.setattr(mutate, 'TIMEOUT_BASE', 0.0)
    argv = ['pkg/size.py', '--root', str(tmp_path), '--kinds', 'arith',
            '--timeout-factor', '2', '--no-cache']
    assert mutate.main(argv) == 0
    assert capsys.readouterr().out.splitlines()[1] == \
        'pkg/size.py                                1      1       1' \
        '        0 100.0%'
