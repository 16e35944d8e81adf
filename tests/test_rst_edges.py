"""RST: what Sphinx accepts that docutils alone reports (its options of
docutils' directives, its substitutions), next to the same mistakes it
does not accept."""
from __future__ import annotations

import os

import pytest

from spec_hooks.checks import rst
from spec_hooks.config import OPTIONS, Settings
from spec_hooks.spec import Spec
from spec_hooks.template import Template
from tests.conftest import context

PATH = 'spec.rst'
TEMPLATE = Template(Spec('template.rst', b'Title\n=====\n'))


def run(text: str) -> list[str]:
    values = {key: default for key, (_, default) in OPTIONS.items()}
    found = context(Settings(values, os.getcwd()), TEMPLATE, PATH)
    spec = Spec(PATH, text.encode(), found.names)
    return [d.as_text() for d in rst.check(spec, found)]


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param('Intro.\n\n.. note::\n   :collapsible:\n\n   Text.\n',
                     [], id="an option Sphinx adds to docutils' directive"),
        pytest.param(
            'Intro.\n\n.. image:: a.png\n   :lazy: 1\n',
            [f'{PATH}:3:1: R113 Error in "image" directive: unknown option: '
             '"lazy".'],
            id='an option neither has',
        ),
        pytest.param(
            'Intro.\n\n.. code:: python\n   :emphasise-lines: 1\n\n   a = 1\n',
            [f'{PATH}:3:1: R113 Error in "code" directive: unknown option: '
             '"emphasise-lines".'],
            id='a misspelt option',
        ),
        pytest.param('Version |version| of |Release|, built |today|.\n', [],
                     id="Sphinx's substitutions, in any case"),
        pytest.param(
            'Version |versions|.\n',
            [f'{PATH}:1:9: R110 Undefined substitution referenced: '
             '"versions".'],
            id='a substitution nobody defines',
        ),
        pytest.param(
            'See :external+python:ref:`x`.\n', [],
            id='an intersphinx role: without conf.py, any extension is on',
        ),
        pytest.param(
            'See :external+python:reff:`x`.\n',
            [f'{PATH}:1:5: R102 Unknown interpreted text role '
             '"external+python:reff"; did you mean \'external+python:ref\'?'],
            id='a misspelt intersphinx role',
        ),
    ],
)
def test_what_sphinx_accepts(text: str, expected: list[str]) -> None:
    assert run(text) == expected


UNKNOWN_X = 'R108 Unknown target name: "x".'
ROLE = ('Unknown interpreted text role "rolle" (if an extension provides '
        'it, add it to extra-roles)')


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            'See |sub| and |sub|.\n',
            [f'{PATH}:1:5: R110 Undefined substitution referenced: "sub".',
             f'{PATH}:1:15: R110 Undefined substitution referenced: "sub".'],
            id='the same substitution twice on a line',
        ),
        pytest.param(
            'First :rolle:`x`\nthen :rolle:`x` and :rolle:`x`.\n',
            [f'{PATH}:1:7: R102 {ROLE}', f'{PATH}:2:6: R102 {ROLE}',
             f'{PATH}:2:21: R102 {ROLE}'],
            id='the same role three times over two lines',
        ),
        pytest.param(
            'Text :rolle:`x`.\n\nMore :rolle:`x` here :rolle:`x`.\n',
            [f'{PATH}:1:6: R102 {ROLE}', f'{PATH}:3:6: R102 {ROLE}',
             f'{PATH}:3:22: R102 {ROLE}'],
            id='in two paragraphs, counted in each',
        ),
        pytest.param(
            ':rolle:`x` and :rolle:`x`.\n',
            [f'{PATH}:1:1: R102 {ROLE}', f'{PATH}:1:16: R102 {ROLE}'],
            id='the first at the very start of the paragraph',
        ),
        pytest.param(
            '.. |a| replace:: `x`_\n\nSee |a| and `x`_ and |a| and `x`_.\n',
            [f'{PATH}:1:18: {UNKNOWN_X}', f'{PATH}:3:1: {UNKNOWN_X}',
             f'{PATH}:3:13: {UNKNOWN_X}', f'{PATH}:3:30: {UNKNOWN_X}'],
            id='copies a substitution makes: column 1 of the line given',
        ),
    ],
)
def test_the_same_mistake_again_is_found_where_it_is(
        text: str, expected: list[str],
) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            'Some *stress here.\n\nAnd *this* is fine.\n',
            [f'{PATH}:1:6: R107 Inline emphasis start-string without '
             'end-string.'],
            id="a lone '*', another in the next paragraph",
        ),
        pytest.param(
            'A ``literal here.\n\nAnd ``this`` too.\n',
            [f'{PATH}:1:3: R107 Inline literal start-string without '
             'end-string.'],
            id="a lone '``', more in the next paragraph",
        ),
    ],
)
def test_only_the_paragraph_is_searched(
        text: str, expected: list[str],
) -> None:
    assert run(text) == expected
