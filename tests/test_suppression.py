"""Suppression comments: disable-next silences the next block (a title:
its whole section), and bad or useless comments are findings."""
from __future__ import annotations

import pathlib

import pytest

from spec_hooks.check_spec_structure import main as structure_main
from spec_hooks.check_spec_style import main as style_main

SECTIONS = """\
.. spec-hooks: disable-next=W102

Chapter~
=======

Paragraph one.~

Sub~
---

Paragraph two.~

Next chapter~
============

Paragraph three.~
""".replace('~', ' ')  # ~: a trailing space


def run(tmp_path: pathlib.Path, text: str,
        capsys: pytest.CaptureFixture[str], main: object = style_main,
        name: str = 'spec.rst') -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding='utf-8')
    main([str(path)])  # type: ignore[operator]
    out, err = capsys.readouterr()
    assert err == ''
    return [line.split(':', 1)[1] for line in out.splitlines()]


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param('.. spec-hooks: disable-next=W102\n\nOne. \ntwo. \n\n'
                 'Three. \n', ['6:7: W102 trailing whitespace'],
                 id='a paragraph'),
    pytest.param('.. spec-hooks: disable-next=w1\n\nOne. \n\nTwo. \n',
                 ['5:5: W102 trailing whitespace'], id='a prefix'),
    pytest.param('.. spec-hooks: disable-next = W102, W103\n\nA\tb \n',
                 [], id='two codes'),
    pytest.param('.. spec-hooks: disable-next=W102\n   a longer comment\n\n'
                 'One. \n\nTwo. \n', ['6:5: W102 trailing whitespace'],
                 id='after a comment of several lines'),
    pytest.param(SECTIONS, ['13:13: W102 trailing whitespace',
                            '16:17: W102 trailing whitespace'],
                 id='a section title: the whole section'),
])
def test_disable_next_silences_the_next_block(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
        text: str, expected: list[str],
) -> None:
    assert run(tmp_path, text, capsys) == expected


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param('.. spec-hooks: disabel=W102\n\nOne.\n', [
        "1:1: N101 malformed suppression comment '.. spec-hooks: "
        "disabel=W102': write '.. spec-hooks: disable=CODE,...' or "
        "'.. spec-hooks: disable-next=CODE,...'"], id='misspelt'),
    pytest.param('.. spec-hooks: disable-next=\n\nOne.\n', [
        "1:1: N101 malformed suppression comment '.. spec-hooks: "
        "disable-next=': write '.. spec-hooks: disable=CODE,...' or "
        "'.. spec-hooks: disable-next=CODE,...'"], id='no code'),
    pytest.param('.. spec-hooks: disable=W902,W102\n\nOne. \n', [
        "1:1: N102 'W902' is not a code of spec-hooks; --list-rules "
        "lists them"], id='unknown code, file-wide'),
    pytest.param('.. spec-hooks: disable-next=X1\n\nOne.\n', [
        "1:1: N102 'X1' is not a code of spec-hooks; --list-rules "
        "lists them"], id='unknown code is no N103 too'),
    pytest.param('.. spec-hooks: disable-next=W102,W103\n\nOne. \n', [
        '1:1: N103 disable-next=W103 suppresses nothing: no W103 finding '
        'in the next block; remove it'], id='one of two unused'),
    pytest.param('One. \n\n.. spec-hooks: disable-next=W102\n', [
        '1:5: W102 trailing whitespace',
        '3:1: N103 disable-next=W102 suppresses nothing: no W102 finding '
        'in the next block; remove it'], id='at the end of the file'),
])
def test_bad_comments_are_findings(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
        text: str, expected: list[str],
) -> None:
    assert run(tmp_path, text, capsys) == expected


def test_unused_is_only_reported_where_the_code_s_check_ran(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    text = example_text.replace(
        'Detailed problem description\n',
        '.. spec-hooks: disable-next=W102,S107\n\n'
        'Detailed problem description\n', 1)
    assert run(tmp_path, text, capsys, structure_main,
               'awesome-thing.rst') == [
        '27:1: N103 disable-next=S107 suppresses nothing: no S107 finding '
        'in the next block; remove it']


def test_suppression_findings_can_be_ignored(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'spec.rst'
    path.write_text('.. spec-hooks: disabel=W102\n\nOne.\n')
    assert style_main(['--ignore', 'N', str(path)]) == 0
    assert capsys.readouterr() == ('', '')
