from __future__ import annotations

import os
import pathlib

import pytest

from spec_hooks import limits
from tests.conftest import CORPUS, EXAMPLE

TOO_DEEP = (
    'nested too deeply to check: more than 50 lists, quotes or directives '
    'inside one another'
)
TOO_MUCH_MARKUP = (
    'too much inline markup in one paragraph to check: more than 10,000 '
    'backquotes; split the paragraph'
)


def expansion(name: str) -> str:
    return (f'substitutions expand to more than 10,000 references '
            f'(|{name}| and the ones it refers to): too many to check')


def nested_items(depth: int) -> str:
    return ''.join(f'{"  " * level}- item {level}\n\n'
                   for level in range(depth))


def nested_notes(depth: int) -> str:
    return ''.join(f'{"   " * level}.. note:: level {level}\n\n'
                   for level in range(depth))


def doubling(count: int, text: str = 'lol') -> str:
    """|x0| is ``text``; each next one is the one before, twice: |xN|
    makes 2 ** (N + 1) - 2 references."""
    return f'.. |x0| replace:: {text}\n' + ''.join(
        f'.. |x{i}| replace:: |x{i - 1}| |x{i - 1}|\n'
        for i in range(1, count + 1))


def roles(count: int, blank_every: int = 0) -> str:
    lines = [f':foo:`t{i}`' for i in range(count)]
    if blank_every:
        lines = [line + ('\n' if (i + 1) % blank_every == 0 else '')
                 for i, line in enumerate(lines)]
    return 'Title\n=====\n\n' + '\n'.join(lines) + '\n'


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param('Title\n=====\n\nText.\n', [], id='a small spec'),
    pytest.param('x' * 500_000, [], id='size at the limit'),
    pytest.param('x' * 500_001, [(1, 'file too large to check: 500,001 '
                                      'characters, more than 500,000')],
                 id='size over the limit'),
    pytest.param(nested_items(50), [], id='50 lists'),
    pytest.param(nested_items(51), [(101, TOO_DEEP)], id='51 lists'),
    pytest.param(nested_notes(51), [(101, TOO_DEEP)], id='51 notes'),
    pytest.param(''.join(f'{" " * level}quote\n\n' for level in range(52)),
                 [(103, TOO_DEEP)], id='52 quotes, one column each'),
    pytest.param('\t' * 51 + 'x\n', [], id='tabs are one level'),
    pytest.param('- ' * 50 + 'x\n', [], id='50 bullets on one line'),
    pytest.param('Text\n\n' + '- ' * 51 + 'x\n', [(3, TOO_DEEP)],
                 id='51 bullets on one line'),
    pytest.param('1. #. (a) .. note:: ' * 13 + 'x\n', [(1, TOO_DEEP)],
                 id='enumerators and directives on one line'),
    pytest.param(nested_items(30) + nested_items(30), [],
                 id='depth starts again after a dedent'),
    pytest.param(roles(5_000), [], id='5,000 roles: 10,000 backquotes'),
    pytest.param(roles(5_001), [(4, TOO_MUCH_MARKUP)],
                 id='5,001 roles in one paragraph'),
    pytest.param(roles(20_000, blank_every=100), [],
                 id='20,000 roles in paragraphs of 100'),
    pytest.param(doubling(12), [], id='substitutions: 8,190 references'),
    pytest.param(doubling(13), [(14, expansion('x13'))],
                 id='substitutions: 16,382 references'),
    pytest.param(doubling(12) + 'Uses |x12|.\n', [],
                 id='one use of 8,190 references'),
    pytest.param(doubling(12) + 'Uses |x12|\nand |X12|.\n',
                 [(15, expansion('x12'))],
                 id='two uses of 8,190 references'),
    pytest.param(doubling(3_000, 'x' * 50), [(14, expansion('x13'))],
                 id='3,000 substitutions: flagged where they pass'),
    pytest.param('.. |x| replace:: |x| |x|\n\n|x|\n', [],
                 id='a circular substitution'),
    pytest.param(doubling(12) + '.. |z| replace::\n   |x12| |x12|\n'
                 '   |x12|\n', [(14, expansion('z'))],
                 id='definition over several lines'),
    pytest.param('.. |y| image:: y.png\n' + '|y| ' * 10_000, [],
                 id='10,000 uses'),
    pytest.param('.. |y| image:: y.png\n' + '|y| ' * 10_001,
                 [(2, expansion('y'))], id='10,001 uses'),
    pytest.param('+---+---+\n| a | b |\n+---+---+\n', [],
                 id='a table is no substitution'),
])
def test_problems(text: str, expected: list[tuple[int, str]]) -> None:
    assert limits.problems(text) == expected


def test_every_limit_at_once() -> None:
    text = nested_items(51) + roles(5_001) + doubling(13)
    assert [line for line, _ in limits.problems(text)] == [101, 106, 5120]


def test_example_spec() -> None:
    with open(EXAMPLE, encoding='utf-8') as f:
        assert limits.problems(f.read()) == []


def test_corpus_specs() -> None:
    """No real spec comes near a limit."""
    if not os.path.isdir(CORPUS):
        pytest.skip(f'corpus not available: {CORPUS}')
    flagged = []
    for root, _, files in os.walk(CORPUS):
        for name in files:
            if name.endswith('.rst'):
                path = os.path.join(root, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                if limits.problems(text):
                    flagged.append(path)
    assert flagged == []


def test_a_hook_reports_the_limit_instead_of_parsing(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from spec_hooks.check_spec_rst import main

    path = tmp_path / 'spec.rst'
    path.write_text('Title\n=====\n\n' + ':x:`y` ' * 6000 + '\n')
    assert main([str(path)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f'{path}:4:1: E906 ')
