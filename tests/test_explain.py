from __future__ import annotations

import ast
import importlib
from collections.abc import Callable, Sequence

import pytest

from spec_hooks import explain
from spec_hooks.check_spec import main
from spec_hooks.rules import RULES, Rule

Main = Callable[[Sequence[str] | None], int]
HOOKS = ('check_spec', 'check_spec_structure', 'check_spec_license',
         'check_spec_leftovers', 'check_spec_rst', 'check_spec_style')

S103 = """\
S103 (missing-section): a template section or subsection is missing

Family: Structure.  Fixable: no.  On by default: yes.

Why: Every section of the template asks reviewers a question; a missing one is
a question not answered.

Bad (against the example template, see below):
    =================
     Resize in place
    =================

    https://blueprints.launchpad.net/example/+spec/resize-in-place

    Problem description
    ===================

    Servers must stop before their disk can grow.

    Proposed change
    ===============

    Grow the disk of a running server.

    Alternatives
    ------------

    None.

Good:
    =================
     Resize in place
    =================

    https://blueprints.launchpad.net/example/+spec/resize-in-place

    Problem description
    ===================

    Servers must stop before their disk can grow.

    Proposed change
    ===============

    Grow the disk of a running server.

    Alternatives
    ------------

    None.

    Implementation
    ==============

    Primary assignee:
      jdoe

Fix: Add the section where the message says, or list it in optional-sections if
it may be left out.

The example template:
    ..
       Copyright (C) 2014, <Copyright holder>
       This work is licensed under a Creative Commons Attribution 3.0
       Unported License. http://creativecommons.org/licenses/by/3.0/legalcode

    *Delete this paragraph when you write your blueprint.*

    =============================
     The title of your blueprint
    =============================

    https://blueprints.launchpad.net/example/+spec/example

    Problem description
    ===================

    What problem does this solve? Describe it so operators can understand it.

    Proposed change
    ===============

    Here is where you cover the change you propose to make, in detail.

    Alternatives
    ------------

    What other ways could we do this thing? Why aren't we using those?

    Implementation
    ==============

    .. Name who will do the work, or None.

    Primary assignee:
      <launchpad-id or None>
"""

# What is invisible in an example is shown as Python strings.
W104 = """\
W104 (line-endings): CR or CRLF line endings, or mixed ones

Family: Style.  Fixable: no.  On by default: yes.

Why: Mixed line endings make every line of a diff change.

Bad (each line a Python string, to show what is invisible):
    'Resize in place.\\r\\n'
    'Now.\\r\\n'

Good:
    'Resize in place.\\n'
    'Now.\\n'

Fix: Save the file with LF line endings.
"""

T101_HEAD = """\
T101 (delete-this-paragraph): the template's "Delete this paragraph"
instruction

Family: Leftover template text.  Fixable: yes, with --fix.  On by default: yes.
"""

E901 = """\
E901 (unreadable-file): file not found, a directory, or unreadable

Family: Bad input.  Fixable: no.  On by default: yes.

Why: A file that cannot be read cannot be checked; the other files still are.

Fix: Pass the path of a readable regular file.
"""


@pytest.mark.parametrize(('code', 'expected'), [
    ('S103', S103),
    (' s103 ', S103),
    ('W104', W104),
    ('E901', E901),
])
def test_explain(code: str, expected: str,
                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['--explain', code]) == 0
    assert capsys.readouterr() == (expected, '')


def test_explain_off_by_default_and_fixable(
        capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(['--explain', 'T105']) == 0
    assert 'On by default: no; select it to turn it on.' in \
        ' '.join(capsys.readouterr().out.split())
    assert main(['--explain', 'T101']) == 0
    assert capsys.readouterr().out.startswith(T101_HEAD)


def shown(text: str) -> tuple[str, str] | None:
    """The bad and the good example that ``text`` shows, as the texts they
    stand for; None if it shows none."""
    lines = text.split('\n')
    bad = next((i for i, line in enumerate(lines)
                if line.startswith('Bad') and line.endswith(':')), None)
    if bad is None:
        return None
    literal = 'a Python string' in lines[bad]
    good = next(i for i, line in enumerate(lines)
                if i > bad and line.startswith('Good') and line.endswith(':'))
    return (_example(lines[bad + 1:good], literal),
            _example(lines[good + 1:], literal))


def _example(lines: list[str], literal: bool) -> str:
    end = next((i for i, line in enumerate(lines)
                if line and not line.startswith('    ')), len(lines))
    body = [line[4:] for line in lines[:end]]
    while not body[-1]:
        body.pop()
    if literal:
        return ''.join(ast.literal_eval(line) for line in body)
    return '\n'.join(body) + '\n'


def words(text: str) -> str:
    return ' '.join(text.split())


@pytest.mark.parametrize('rule', RULES.values(), ids=lambda r: r.code)
def test_every_code_explains(rule: Rule,
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['--explain', rule.code]) == 0
    out, err = capsys.readouterr()
    assert err == ''
    head = out.split('\n\n')[0]
    assert words(head) == f'{rule.code} ({rule.name}): {rule.summary}'
    prose = [line for line in out.splitlines() if not line.startswith(' ')]
    assert max(len(line) for line in prose) <= explain.WIDTH
    assert f'Why: {words(rule.why)}' in words(out)
    assert f'Fix: {words(rule.fix)}' in words(out)
    examples = None if rule.bad is None else (rule.bad, rule.good)
    assert shown(out) == examples


@pytest.mark.parametrize('code', ['nope', 'S9', '', 'S1'])
def test_explain_unknown_code(code: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['--explain', code]) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err == (f'error: --explain: {code!r} is not a code of '
                   f'spec-hooks; --list-rules lists them\n')


def test_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(['--list-rules']) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == ''
    assert lines[:3] == [
        'code  name                        fix default',
        'E901  unreadable-file                 on',
        'E902  not-utf-8                       on',
    ]
    assert 'L101  license-missing             yes on' in lines
    assert 'T105  instruction-comment-left-in     off' in lines
    assert [line.split()[0] for line in lines[1:]] == list(RULES)


@pytest.mark.parametrize('hook', HOOKS)
def test_every_hook_explains_every_family(
        hook: str, capsys: pytest.CaptureFixture[str],
) -> None:
    hook_main: Main = importlib.import_module(f'spec_hooks.{hook}').main
    assert hook_main(['--explain', 'S103']) == 0
    assert capsys.readouterr() == (S103, '')
    assert hook_main(['--list-rules']) == 0
    assert capsys.readouterr().out == explain.list_rules()
