"""License: the edges of the plausible years, differences in the first
words of the header, where a header at the end may stand, and when --fix
must leave the header to a person."""
from __future__ import annotations

import pathlib
import time

import pytest

from spec_hooks.checks import license
from spec_hooks.context import Context
from spec_hooks.fixes import apply
from spec_hooks.spec import Spec
from spec_hooks.template import Template
from tests.conftest import EXAMPLE
from tests.test_license import (
    CC,
    CC_TEMPLATE,
    NOTE_TEMPLATE,
    OUTLINE,
    PATH,
    SPEC,
    license_context,
    settings,
)
from tests.test_license import NOTE as LICENSE_NOTE

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


@pytest.mark.parametrize(
    'filled', ['2026 Example', '2026; Example', '2014-2026 Example'],
)
def test_a_year_without_its_comma_is_still_a_year(filled: str) -> None:
    assert check(EXAMPLE_TEXT.replace('2026, Example', filled)) == []


STATEMENT = 'Licensed under the Apache License, Version 2.0.'
HOLDER = 'ACME Corp.'


def license_file(directory: pathlib.Path, copyright_line: str) -> str:
    path = directory / 'HEADER.txt'
    path.write_text(f'{copyright_line}\n\n{STATEMENT}\n', encoding='utf-8')
    return str(path)


def headed(copyright_line: str) -> str:
    """SPEC under a comment header, as --fix inserts a license file."""
    return f'..\n {copyright_line}\n\n {STATEMENT}\n\n{SPEC}'


@pytest.mark.parametrize(
    ('template', 'written'), [
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     f'Copyright (c) {YEAR} {HOLDER}', id='<YEAR>'),
        pytest.param('Copyright (c) <year> <copyright holders>',
                     f'Copyright (c) {YEAR} {HOLDER}', id='<year>'),
        pytest.param('Copyright [yyyy] [name of copyright owner]',
                     f'Copyright {YEAR} {HOLDER}', id='Apache [yyyy]'),
        pytest.param('Copyright [year] <Copyright holder>',
                     f'Copyright {YEAR} {HOLDER}', id='[year]'),
        pytest.param('Copyright (C) YEAR, <Copyright holder>',
                     f'Copyright (C) {YEAR}, {HOLDER}', id='bare YEAR'),
        pytest.param('Copyright  YYYY <holder>',
                     f'Copyright  {YEAR} {HOLDER}', id='bare YYYY, spaced'),
        pytest.param('\N{COPYRIGHT SIGN} YEAR <holder>',
                     f'\N{COPYRIGHT SIGN} {YEAR} {HOLDER}', id='the sign'),
        pytest.param('Copyright 2014 <holder>',
                     f'Copyright {YEAR} {HOLDER}', id='a year'),
        pytest.param('Copyright 2014 Year Corp', f'Copyright {YEAR} Year Corp',
                     id='a holder named Year'),
        pytest.param('Copyright (c) Year Corp', 'Copyright (c) Year Corp',
                     id='a holder named Year, no year'),
        pytest.param('Copyright <YEAR> YEAR Corp',
                     f'Copyright {YEAR} YEAR Corp',
                     id='a holder named YEAR, after the year'),
    ],
)
def test_fix_fills_in_the_year_and_the_holder(
        tmp_path: pathlib.Path, template: str, written: str,
) -> None:
    options = {'license_file': (license_file(tmp_path, template),),
               'copyright_holder': HOLDER}
    spec = Spec(PATH, SPEC.encode())
    context = license_context(None, options)
    [edit] = license.fix(spec, context)
    assert edit.lines == ['..', f' {written}', '', f' {STATEMENT}', '']
    fixed = Spec(PATH, apply(spec, [edit]))
    assert fixed.text == headed(written)
    assert list(license.check(fixed, context)) == []
    assert license.fix(fixed, context) == []


def l104(value: str) -> str:
    return (f"{PATH}:1:1: L104 copyright holder not filled in: replace "
            f"'{value}' with the holder's name")


L105 = (f'{PATH}:1:1: L105 copyright year not filled in: write the year, '
        f'e.g. {YEAR}')


@pytest.mark.parametrize(
    ('template', 'written', 'found'), [
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) ACME ACME', [L105],
                     id='the holder for the year'),
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) <YEAR> ACME', [L105],
                     id='<YEAR> left in'),
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) 2020 <COPYRIGHT HOLDER>',
                     [l104('<COPYRIGHT HOLDER>')], id='the holder left'),
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) 2020 ACME', [], id='filled in'),
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) 2020, ACME', [], id='a comma added'),
        pytest.param('Copyright (c) <YEAR> <COPYRIGHT HOLDER>',
                     'Copyright (c) 1989 ACME', [l106(1989).replace(
                         ':3:1:', ':1:1:')], id='an implausible year'),
        pytest.param('Copyright [yyyy] [name of copyright owner]',
                     'Copyright [yyyy] [name of copyright owner]',
                     [L105, l104('[name of copyright owner]')],
                     id='[yyyy] and [name] left'),
        pytest.param('Copyright YYYY <holder>', 'Copyright YYYY ACME',
                     [L105], id='bare YYYY left'),
        pytest.param('Copyright 2014 Year Corp', 'Copyright 2020 Year Corp',
                     [], id='a holder named Year'),
        pytest.param(
            'Copyright 2014 Year Corp', 'Copyright 2020 Other Corp',
            [f'{PATH}:1:1: L102 license header differs from the template: '
             "after 'Copyright': expected '2014 Year', found '2020 "
             "Other'"],
            id='a holder named Year is no placeholder'),
    ],
)
def test_what_a_spec_fills_in(
        tmp_path: pathlib.Path, template: str, written: str,
        found: list[str],
) -> None:
    path = license_file(tmp_path, template)
    assert check(headed(written), license_file=(path,)) == found


def test_placeholder_words_are_no_difference(tmp_path: pathlib.Path) -> None:
    path = license_file(tmp_path,
                        'Copyright [yyyy] [name of copyright owner]')
    text = headed('Copyright 2020 ACME').replace('under the', 'under an')
    assert check(text, license_file=(path,)) == [
        f'{PATH}:1:1: L102 license header differs from the template: after '
        "'owner] Licensed under': expected 'the', found 'an'",
    ]


def test_a_templates_header_gets_the_year_too() -> None:
    template = ('..\n Copyright (c) <YEAR> <COPYRIGHT HOLDER>\n\n'
                f' {STATEMENT}\n\n{OUTLINE}')
    spec = Spec(PATH, SPEC.encode())
    context = license_context(template, {'copyright_holder': HOLDER})
    fixed = Spec(PATH, apply(spec, license.fix(spec, context)))
    assert fixed.text == headed(f'Copyright (c) {YEAR} {HOLDER}')
    assert list(license.check(fixed, context)) == []


@pytest.mark.parametrize(
    ('template', 'hint'), [
        pytest.param('Copyright (c) <YEAR> ACME', 'run with --fix to insert '
                     'it', id='a year placeholder needs no holder'),
        pytest.param('Copyright (c) <YEAR> <holder>', 'set copyright-holder '
                     'so that --fix can insert it', id='a holder one does'),
    ],
)
def test_only_a_holder_placeholder_needs_a_holder(
        tmp_path: pathlib.Path, template: str, hint: str,
) -> None:
    path = license_file(tmp_path, template)
    [found] = check(SPEC, license_file=(path,))
    assert found.endswith(f'; {hint}')


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


def test_no_template_applies_no_header_is_expected() -> None:
    """The structure check reports that no template applies (S113)."""
    spec = Spec(PATH, SPEC.encode())
    found = Context(settings(), {PATH: ()})
    assert list(license.check(spec, found)) == []
    assert license.fix(spec, found) == []


@pytest.mark.parametrize(
    ('text', 'note'), [
        pytest.param(SPEC, '', id='the first template'),
        pytest.param(SPEC + '\nTesting\n=======\n\nText.\n',
                     ' (against with-testing.rst)', id='the second'),
    ],
)
def test_several_templates_the_note_names_the_one_used(
        text: str, note: str,
) -> None:
    templates = [
        Template(Spec(name, (CC_TEMPLATE + extra).encode())) for name, extra
        in (('plain.rst', ''), ('with-testing.rst',
                                '\nTesting\n=======\n\nText.\n'))
    ]
    spec = Spec(PATH, text.encode())
    found = license.check(spec, Context(settings(), {PATH: templates}))
    assert [d.as_text() for d in found] == [
        f"{PATH}:1:1: L101 license header missing: the template starts with "
        f"'This work is licensed under a Creative Commons ...'; run with "
        f'--fix to insert it{note}',
    ]


def test_of_two_headers_altered_alike_the_first_is_the_header() -> None:
    cc = '\n'.join(CC) + '\n\n'
    text = (cc.replace('3.0 Unported', '4.0 Unported') +
            cc.replace('a Creative', 'the Creative') + SPEC)
    assert check(text, CC_TEMPLATE) == [
        f"{PATH}:1:1: L102 license header differs from the template: after "
        f"'Creative Commons Attribution': expected '3.0', found '4.0'",
    ]
