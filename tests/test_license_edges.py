"""License: the edges of the plausible years, differences in the first
words of the header, where a header at the end may stand, and when --fix
must leave the header to a person."""
from __future__ import annotations

import pathlib
import time

import pytest

from spec_hooks.checks import license
from spec_hooks.spec import Spec
from tests.conftest import EXAMPLE
from tests.test_license import NOTE as LICENSE_NOTE
from tests.test_license import (
    NOTE_TEMPLATE,
    PATH,
    SPEC,
    license_context,
)

YEAR = time.localtime().tm_year
EXAMPLE_TEXT = pathlib.Path(EXAMPLE).read_text(encoding='utf-8')
BODY = EXAMPLE_TEXT.split('  #\n\n', 1)[1]
NOTE = '\n'.join(LICENSE_NOTE) + '\n'


def check(text: str, template: str | None = None,
          **options: object) -> list[str]:
    spec = Spec(PATH, text.encode())
    return [d.as_text()
            for d in license.check(spec, license_context(template, options))]


def fix(text: str, **options: object) -> list[tuple[int, int]]:
    spec = Spec(PATH, text.encode())
    return [(e.start, e.stop)
            for e in license.fix(spec, license_context(None, options))]


def l102(difference: str) -> str:
    return (f'{PATH}:3:1: L102 license header differs from the template: '
            f'{difference}')


def l106(year: object) -> str:
    return (f"{PATH}:3:1: L106 copyright year '{year}' is not a plausible "
            f'year: write a year from 1990 to {YEAR + 1}')


@pytest.mark.parametrize(
    ('year', 'found'), [
        pytest.param(str(YEAR + 2), [l106(YEAR + 2)],
                     id='the year after next'),
        pytest.param(str(YEAR + 1), [], id='next year'),
        pytest.param(str(YEAR), [], id='this year'),
        pytest.param('1990', [], id='1990'),
        pytest.param('1989', [l106(1989)], id='1989'),
        pytest.param(f'1990-{YEAR + 2}', [l106(f'1990-{YEAR + 2}')],
                     id='a range ending after next year'),
        pytest.param(f'1989-{YEAR}', [l106(f'1989-{YEAR}')],
                     id='a range starting in 1989'),
    ],
)
def test_plausible_years(year: str, found: list[str]) -> None:
    assert check(EXAMPLE_TEXT.replace('2026', year, 1)) == found


@pytest.mark.parametrize(
    ('old', 'new', 'difference'), [
        pytest.param(
            'Copyright (C)', 'Copyleft (C)',
            "expected 'Copyright', found 'Copyleft'", id='the first word',
        ),
        pytest.param(
            '(C) 2026', '(c) 2026',
            "after 'Copyright': expected '(C) 2014, <Copyright holder>', "
            "found '(c) 2026, Example Cloud Ltd.'",
            id='the second word, the year and holder with it',
        ),
        pytest.param(
            'Licensed under the Apache', 'Licensed under an Apache',
            "after 'holder> Licensed under': expected 'the', found 'an'",
            id='three words after the holder',
        ),
        pytest.param(
            'permissions and limitations\n  # under the License.',
            'limitations and permissions\n  # under the License.',
            "after 'specific language governing': unexpected 'limitations "
            "and'",
            id='words swapped near the end',
        ),
        pytest.param(
            '  #      http://www.apache.org/licenses/LICENSE-2.0\n', '',
            "after 'the License at': missing "
            "'http://www.apache.org/licenses/LICENSE-2.0'",
            id='the URL left out',
        ),
    ],
)
def test_first_difference(old: str, new: str, difference: str) -> None:
    assert check(EXAMPLE_TEXT.replace(old, new, 1)) == [l102(difference)]


@pytest.mark.xfail(strict=True, reason='without the comma after the year, '
                   'the year is taken for part of the holder and reported '
                   'as not filled in')
def test_a_year_without_its_comma_is_still_a_year() -> None:
    assert check(EXAMPLE_TEXT.replace('2026, Example', '2026 Example')) == []


@pytest.mark.parametrize(
    ('text', 'found'), [
        pytest.param(SPEC + '\n' + NOTE, [], id='at the end'),
        pytest.param(
            SPEC + '\n' + NOTE + '\n.. _target: https://example.com/\n', [],
            id='only link targets after it',
        ),
        pytest.param(
            SPEC + '\n' + NOTE + '\nMore text.\n',
            [f'{PATH}:10:1: L103 license header is not at the end of the '
             'file: move it there'],
            id='text after it',
        ),
        pytest.param(
            NOTE + '\n' + SPEC,
            [f'{PATH}:1:1: L103 license header is not at the end of the '
             'file: move it there'],
            id='on top',
        ),
        pytest.param(
            SPEC,
            [f"{PATH}:8:1: L101 license header missing: the template ends "
             "with 'This work is licensed under a Creative Commons ...'; run "
             'with --fix to insert it'],
            id='missing: reported on the last line',
        ),
    ],
)
def test_a_header_at_the_end(text: str, found: list[str]) -> None:
    assert check(text, NOTE_TEMPLATE) == found


@pytest.mark.parametrize(
    ('text', 'edits'), [
        pytest.param(BODY, [(0, 0)], id='no header'),
        pytest.param(
            BODY.replace('Operators want', 'The driver keeps its License. '
                         'Operators want'),
            [(0, 0)], id='a paragraph that mentions a license',
        ),
        pytest.param(BODY + '\n.. License: see the repository.\n', [],
                     id='a comment about the license'),
        pytest.param(BODY + '\n::\n\n  Copyright 2020 somebody\n', [],
                     id='a literal block with a copyright'),
    ],
)
def test_fix_only_where_no_other_header_may_be(
        text: str, edits: list[tuple[int, int]],
) -> None:
    assert fix(text, copyright_holder='ACME') == edits


HEADER_WORDS = ' '.join(
    line.strip(' #')
    for line in EXAMPLE_TEXT.split('  #\n\n', 1)[0].splitlines()[2:]
).split()
MISSING = (f"{PATH}:1:1: L101 license header missing: the template starts "
           "with 'Copyright (C) 2014, <Copyright holder> Licensed under the "
           "...'; set copyright-holder so that --fix can insert it")


@pytest.mark.parametrize(
    'block', [
        pytest.param('- ' + ' '.join(HEADER_WORDS[:40]) + '\n  ' +
                     ' '.join(HEADER_WORDS[40:]) + '\n',
                     id='the header as a list item'),
        pytest.param(' '.join(sorted(HEADER_WORDS)[:40]) + '\n' +
                     ' '.join(sorted(HEADER_WORDS)[40:]) + '\n',
                     id="the header's words, sorted, in a paragraph"),
    ],
)
def test_what_is_not_a_header_altered(block: str) -> None:
    assert check(BODY + '\n' + block) == [MISSING]


@pytest.mark.parametrize(
    ('template', 'where'), [
        pytest.param(None, range(1, 18), id='a literal block on top'),
        pytest.param(NOTE_TEMPLATE, range(10, 15), id='a note at the end'),
    ],
)
def test_the_lines_of_the_templates_header(
        template: str | None, where: range,
) -> None:
    [found] = license_context(template, {}).templates[PATH]
    header = license.template_license(found)
    assert header is not None and header.where == where
