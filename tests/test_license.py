from __future__ import annotations

import collections
import glob
import os
import pathlib
import textwrap
import time

import pytest

from spec_hooks.check_spec_license import main
from spec_hooks.checks import license
from spec_hooks.checks.license import template_license
from spec_hooks.cli import check_file
from spec_hooks.config import OPTIONS, ConfigError, Settings, load_settings
from spec_hooks.context import Context, _license_texts
from spec_hooks.fixes import apply
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, Template, load_template
from tests.conftest import EXAMPLE, corpus, files_context

PATH = 'spec.rst'
YEAR = time.localtime().tm_year
EXAMPLE_TEXT = pathlib.Path(EXAMPLE).read_text(encoding='utf-8')
# The example's header ('::' and the literal block, lines 1-17) and the rest.
HEADER, BODY = EXAMPLE_TEXT.split('  #\n\n', 1)
HEADER += '  #\n'
BODY_LINES = BODY.count('\n')
APACHE_WORDS = ' '.join(
    line.strip(' #') for line in HEADER.splitlines()[2:]
).split()


def apache(year: object, holder: str) -> list[str]:
    """The built-in template's header as --fix writes it."""
    return [
        '::',
        '',
        '  #',
        f'  # Copyright (C) {year}, {holder}',
        '  #',
        '  # Licensed under the Apache License, Version 2.0 (the "License"); '
        'you may',
        '  # not use this file except in compliance with the License. You '
        'may obtain',
        '  # a copy of the License at',
        '  #',
        '  #      http://www.apache.org/licenses/LICENSE-2.0',
        '  #',
        '  # Unless required by applicable law or agreed to in writing, '
        'software',
        '  # distributed under the License is distributed on an "AS IS" '
        'BASIS, WITHOUT',
        '  # WARRANTIES OR CONDITIONS OF ANY KIND, either express or '
        'implied. See the',
        '  # License for the specific language governing permissions and '
        'limitations',
        '  # under the License.',
        '  #',
    ]


CC = [
    '..',
    ' This work is licensed under a Creative Commons Attribution 3.0 '
    'Unported',
    ' License.',
    '',
    ' http://creativecommons.org/licenses/by/3.0/legalcode',
]
NOTE = [
    '.. note::',
    '',
    '  This work is licensed under a Creative Commons Attribution 3.0',
    '  Unported License.',
    '  http://creativecommons.org/licenses/by/3.0/legalcode',
]
OUTLINE = (
    '==============\n'
    ' Spec title\n'
    '==============\n'
    '\n'
    'Problem description\n'
    '===================\n'
    '\n'
    'Text.\n'
)
CC_TEMPLATE = '\n'.join(CC) + '\n\n' + OUTLINE  # nova: a comment on top
DESIGNATE = (
    '..\n\nThis work is licensed under a Creative Commons Attribution 3.0 '
    'Unported License.\nhttp://creativecommons.org/licenses/by/3.0/legalcode\n'
)
DESIGNATE_TEMPLATE = DESIGNATE + '\n' + OUTLINE
NOTE_TEMPLATE = OUTLINE + '\n' + '\n'.join(NOTE) + '\n'  # oslo: at the end
# A spec of eight lines, then its header or footer forms.
SPEC = OUTLINE.replace('Spec title', 'My feature')
CC_ON_TOP = '\n'.join(CC) + '\n\n' + SPEC
CC_AT_END = SPEC + '\n' + '\n'.join(CC) + '\n'
NOTE_ON_TOP = '\n'.join(NOTE) + '\n\n' + SPEC
NOTE_AT_END = SPEC + '\n' + '\n'.join(NOTE) + '\n'
LITERAL_END = ('  Copyright (C) 2014, ACME. Licensed under the Apache '
               'License.\n')
CC_WORDS = "'This work is licensed under a Creative Commons ...'"
APACHE_START = ("'Copyright (C) 2014, <Copyright holder> Licensed under "
                "the ...'")


def settings(**options: object) -> Settings:
    values = {key: default for key, (_, default) in OPTIONS.items()}
    values.update({key.replace('_', '-'): v for key, v in options.items()})
    return Settings(values, os.getcwd())


def template_of(text: str | None) -> Template:
    if text is None:
        return load_template(DEFAULT_TEMPLATE)
    return Template(Spec('template.rst', text.encode()))


def license_context(template: str | None, options: dict[str, object],
                    ) -> Context:
    """The context of a run with ``options``; a license file is read."""
    found = settings(**options)
    return Context(found, {PATH: template_of(template)},
                   license_texts=_license_texts(found))


def check(
        text: str, template: str | None = None, **options: object,
) -> list[str]:
    spec = Spec(PATH, text.encode())
    found = license.check(spec, license_context(template, options))
    return [d.as_text() for d in found]


def fix(
        text: str, template: str | None = None, **options: object,
) -> list[tuple[int, int, list[str]]]:
    spec = Spec(PATH, text.encode())
    edits = license.fix(spec, license_context(template, options))
    return [(e.start, e.stop, e.lines) for e in edits]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def wrapped(width: int, prefix: str) -> str:
    lines = textwrap.wrap(' '.join(APACHE_WORDS), width,
                          break_long_words=False, break_on_hyphens=False)
    return '\n'.join(prefix + line for line in lines) + '\n'


def diag(line: int, code: str, message: str) -> str:
    return f'{PATH}:{line}:1: {code} {message}'


def l102(line: int, difference: str) -> str:
    return diag(line, 'L102',
                f'license header differs from the template: {difference}')


L105 = ('L105', f'copyright year not filled in: write the year, e.g. {YEAR}')
def test_example_is_clean(example_text: str) -> None:
    assert check(example_text) == []
    assert fix(example_text, copyright_holder='ACME') == []


@pytest.mark.parametrize(
    ('replacements', 'expected'), [
        pytest.param(
            [('Version 2.0', 'Version 3.0')],
            [l102(3, "after 'Apache License, Version': expected '2.0', "
                     "found '3.0'")],
            id='L102 changed word',
        ),
        pytest.param(
            [('you may\n  # not use', 'you\n  # not use')],
            [l102(3, 'after \'(the "License"); you\': missing \'may\'')],
            id='L102 missing word',
        ),
        pytest.param(
            [('  # a copy of the License at\n', '')],
            [l102(3, "after 'You may obtain': missing 'a copy of the "
                     "License at'")],
            id='L102 missing line',
        ),
        pytest.param(
            [('you may\n  # not use', 'you may\n  # strictly not use')],
            [l102(3, 'after \'"License"); you may\': unexpected '
                     "'strictly'")],
            id='L102 extra word',
        ),
        pytest.param(
            [('  # under the License.\n', '  # under the License. Really.\n')],
            [l102(3, "after 'under the License.': unexpected 'Really.'")],
            id='L102 extra word at the end',
        ),
        pytest.param(
            [('Example Cloud Ltd.', '<Copyright holder>')],
            [diag(3, 'L104', "copyright holder not filled in: replace "
                             "'<Copyright holder>' with the holder's name")],
            id='L104 holder placeholder left',
        ),
        pytest.param(
            [('2026', '20xx')], [diag(3, *L105)], id='L105 20xx',
        ),
        pytest.param(
            [('2026', 'YYYY')], [diag(3, *L105)], id='L105 YYYY',
        ),
        pytest.param(
            [('2026', '<year>')], [diag(3, *L105)], id='L105 <year>',
        ),
        pytest.param(
            [('2026, ', ', ')], [diag(3, *L105)], id='L105 no year, comma',
        ),
        pytest.param(
            [('2026, ', '')], [diag(3, *L105)], id='L105 no year at all',
        ),
        pytest.param(
            [('2026, Example Cloud Ltd.', 'YYYY, <Copyright holder>')],
            [diag(3, *L105),
             diag(3, 'L104', "copyright holder not filled in: replace "
                             "'<Copyright holder>' with the holder's name")],
            id='L105 and L104',
        ),
        pytest.param(
            [('2026', '1890')],
            [diag(3, 'L106', "copyright year '1890' is not a plausible "
                             "year: write a year from 1990 to "
                             f"{YEAR + 1}")],
            id='L106 1890',
        ),
        pytest.param(
            [('2026', '2999')],
            [diag(3, 'L106', "copyright year '2999' is not a plausible "
                             "year: write a year from 1990 to "
                             f"{YEAR + 1}")],
            id='L106 2999',
        ),
        pytest.param(
            [('2026', '2014-2999')],
            [diag(3, 'L106', "copyright year '2014-2999' is not a "
                             "plausible year: write a year from 1990 to "
                             f"{YEAR + 1}")],
            id='L106 range',
        ),
        pytest.param([('2026', '2014-2016')], [], id='range 2014-2016'),
        pytest.param([('2026', '1990')], [], id='1990'),
        pytest.param([('2026', str(YEAR + 1))], [], id='next year'),
        pytest.param(
            [('Example Cloud Ltd.', 'The Apache Software Foundation, '
                                    'Inc. and others')],
            [], id='holder of many words',
        ),
    ],
)
def test_codes(
        example_text: str, replacements: list[tuple[str, str]],
        expected: list[str],
) -> None:
    assert check(edit(example_text, *replacements)) == expected


@pytest.mark.parametrize(
    'header', [
        pytest.param(HEADER, id='literal, as in the template'),
        pytest.param(HEADER.replace('::\n\n', '..\n', 1),
                     id='comment with # prefixes'),
        pytest.param('..\n' + wrapped(40, '   '), id='comment wrapped at 40'),
        pytest.param('..\n' + wrapped(120, ' '), id='comment wrapped at 120'),
        pytest.param('.. ' + wrapped(70, '   ').lstrip(),
                     id='comment starting on the .. line'),
        pytest.param('::\n\n' + wrapped(50, '    # '),
                     id='literal with # wrapped at 50, indented 4'),
        pytest.param('::\n\n' + wrapped(60, '\t#'), id='tab and #'),
        pytest.param('..\n' + wrapped(60, '  ## '), id='## prefixes'),
    ],
)
def test_markers_indentation_and_wrapping_do_not_matter(header: str) -> None:
    assert check(header + '\n' + BODY) == []


def test_header_after_the_title_is_l103() -> None:
    title, rest = BODY.split('\n\n', 1)
    text = f'{title}\n\n{HEADER}\n{rest}'
    assert check(text) == [
        diag(7, 'L103',
             'license header is not at the top of the file: move it there'),
    ]
    assert fix(text, copyright_holder='ACME') == []


@pytest.mark.parametrize(
    ('options', 'expected'), [
        pytest.param({}, 'set copyright-holder so that --fix can insert it',
                     id='placeholder, no holder'),
        pytest.param({'copyright_holder': 'ACME'},
                     'run with --fix to insert it', id='holder configured'),
    ],
)
def test_missing_header_hint(
        options: dict[str, str], expected: str,
) -> None:
    assert check(BODY, **options) == [
        diag(1, 'L101', f'license header missing: the template starts with '
                        f'{APACHE_START}; {expected}'),
    ]


TOP, END = 'top of the file', 'end of the file'


def l103(line: int, where: str) -> str:
    return diag(line, 'L103',
                f'license header is not at the {where}: move it there')


def l101(line: int, starts: str) -> str:
    return diag(line, 'L101',
                f'license header missing: the template {starts} with '
                f'{CC_WORDS}; run with --fix to insert it')


@pytest.mark.parametrize(
    ('template', 'text', 'position', 'expected'), [
        # nova: a comment before the title
        (CC_TEMPLATE, CC_ON_TOP, None, []),
        (CC_TEMPLATE, CC_AT_END, None, [l103(10, TOP)]),
        (CC_TEMPLATE, SPEC, None, [l101(1, 'starts')]),
        (CC_TEMPLATE, CC_ON_TOP, 'end', [l103(1, END)]),
        (CC_TEMPLATE, CC_AT_END, 'end', []),
        (CC_TEMPLATE, SPEC, 'end', [l101(8, 'ends')]),
        (CC_TEMPLATE, CC_ON_TOP, 'anywhere', []),
        (CC_TEMPLATE, CC_AT_END, 'anywhere', []),
        (CC_TEMPLATE, CC_ON_TOP.replace('3.0', '4.0', 1), None,
         [l102(1, "after 'Creative Commons Attribution': expected '3.0', "
                  "found '4.0'")]),
        (CC_TEMPLATE, CC_ON_TOP.replace('a Creative', 'the Creative'),
         'end', [l102(1, "after 'is licensed under': expected 'a', "
                         "found 'the'"), l103(1, END)]),
        # designate: a paragraph after an empty comment
        (DESIGNATE_TEMPLATE, DESIGNATE + '\n' + SPEC, None, []),
        (DESIGNATE_TEMPLATE, SPEC + '\n' + DESIGNATE, None, [l103(12, TOP)]),
        # oslo: a note at the end
        (NOTE_TEMPLATE, NOTE_AT_END, None, []),
        (NOTE_TEMPLATE, CC_AT_END, None, []),
        (NOTE_TEMPLATE, NOTE_ON_TOP, None, [l103(1, END)]),
        (NOTE_TEMPLATE, NOTE_AT_END + '\nMore text.\n', None,
         [l103(10, END)]),
        (NOTE_TEMPLATE, SPEC, None, [l101(8, 'ends')]),
        (NOTE_TEMPLATE, SPEC + '\n\n\n', None, [l101(8, 'ends')]),
        (NOTE_TEMPLATE, NOTE_ON_TOP, 'top', []),
        (NOTE_TEMPLATE, NOTE_AT_END, 'top', [l103(10, TOP)]),
        (NOTE_TEMPLATE, SPEC, 'top', [l101(1, 'starts')]),
        (NOTE_TEMPLATE, NOTE_ON_TOP, 'anywhere', []),
        (NOTE_TEMPLATE, SPEC, 'anywhere', [l101(1, 'ends')]),
    ],
)
def test_position_from_the_template_and_its_override(
        template: str, text: str, position: str | None,
        expected: list[str],
) -> None:
    assert check(text, template, license_position=position) == expected


@pytest.mark.parametrize(
    ('template', 'lines', 'position'), [
        pytest.param(CC_TEMPLATE, CC, 'top', id='nova'),
        pytest.param(NOTE_TEMPLATE, NOTE, 'end', id='oslo'),
        pytest.param('.. An instruction for the author.\n\n' + CC_TEMPLATE,
                     CC, 'top', id='after a comment of no license'),
        pytest.param(NOTE_TEMPLATE + '\n.. _guide: https://example.org/\n',
                     NOTE, 'end', id='at the end, before a link target'),
    ],
)
def test_the_template_gives_form_and_position(
        template: str, lines: list[str], position: str,
) -> None:
    found = template_license(template_of(template))
    assert found is not None
    assert (found.lines, found.position) == (lines, position)


@pytest.mark.parametrize(
    'template', [
        pytest.param('.. license::\n\n' + OUTLINE, id='license directive'),
        pytest.param('.. license::\n\n  #\n\n' + OUTLINE,
                     id='license directive, no words'),
    ],
)
@pytest.mark.parametrize('text', ['::\n', '..\n', SPEC])
def test_a_header_of_no_words_is_no_header(template: str, text: str) -> None:
    """Only a directive's name speaks of a license: the template has no
    header to expect."""
    assert check(text, template) == []
    assert fix(text, template, copyright_holder='ACME') == []


@pytest.mark.parametrize(
    'template', [
        pytest.param('.. _top:\n\n' + OUTLINE, id='a link target on top'),
        pytest.param(OUTLINE + '\n* A list item at the end.\n',
                     id='a list item at the end'),
    ],
)
def test_only_a_comment_literal_directive_or_paragraph_is_a_header(
        template: str,
) -> None:
    assert template_license(template_of(template)) is None


def test_template_without_license_checks_nothing() -> None:
    assert check(SPEC, OUTLINE) == []
    assert fix(SPEC, OUTLINE) == []


@pytest.fixture
def license_file(tmp_path: pathlib.Path) -> str:
    path = tmp_path / 'LICENSE-HEADER'
    path.write_text('Copyright 2014 <Holder>\n\nAll rights reserved by '
                    'the holder.\n')
    return str(path)


@pytest.mark.parametrize(
    ('text', 'options', 'expected'), [
        ('..\n Copyright 2020 ACME\n\n All rights reserved by the holder.\n'
         '\n' + SPEC, {}, []),
        ('::\n\n  # Copyright 2020 ACME All rights reserved by the\n'
         '  # holder.\n\n' + SPEC, {}, []),
        ('..\n Copyright 2020 ACME\n\n All rights reserved by a holder.\n'
         '\n' + SPEC, {},
         [l102(1, "after 'rights reserved by': expected 'the', found "
                  "'a'")]),
        ('..\n Copyright 20xx ACME\n\n All rights reserved by the holder.\n'
         '\n' + SPEC, {}, [diag(1, *L105)]),
        (SPEC, {}, [diag(1, 'L101', "license header missing: the template "
                                    "starts with 'Copyright 2014 <Holder> "
                                    "All rights reserved by the ...'; set "
                                    "copyright-holder so that --fix can "
                                    "insert it")]),
        pytest.param(
            CC_ON_TOP, {'copyright_holder': 'ACME'},
            [diag(1, 'L101', "license header missing: the template starts "
                             "with 'Copyright 2014 <Holder> All rights "
                             "reserved by the ...'; line 1 speaks of a "
                             "license in another form, so --fix leaves the "
                             "header to you")],
            id='another header stands: --fix does not insert'),
    ],
)
def test_license_file_replaces_the_templates_header(
        license_file: str, text: str, options: dict[str, str],
        expected: list[str],
) -> None:
    assert check(text, license_file=(license_file,), **options) == expected


def test_license_file_without_placeholder(tmp_path: pathlib.Path) -> None:
    path = tmp_path / 'header.txt'
    path.write_text('Public domain.\r\nNo rights reserved.\r\n')
    assert check(SPEC, license_file=(str(path),)) == [
        diag(1, 'L101', "license header missing: the template starts with "
                        "'Public domain. No rights reserved.'; run with "
                        "--fix to insert it"),
    ]
    assert fix(SPEC, license_file=(str(path),)) == [
        (0, 0, ['..', ' Public domain.', ' No rights reserved.', '']),
    ]


@pytest.mark.parametrize(
    ('content', 'message'), [
        (None, 'file not found'),
        (b'', 'file is empty'),
        (b'caf\xe9\n', 'not valid UTF-8 (byte 0xe9 on line 1); save the '
                       'file as UTF-8'),
        (b'#\n#\n', 'has no words to expect'),
        (b'..\n  ::\n', 'has no words to expect'),
    ],
)
def test_unusable_license_file_is_a_config_error(
        tmp_path: pathlib.Path, content: bytes | None, message: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'header.txt'
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigError) as error:
        check(SPEC, license_file=(str(path),))
    assert str(error.value) == f'license-file {path}: {message}'

    spec = tmp_path / 'spec.rst'
    spec.write_text(SPEC)
    assert main(['--license-file', str(path), str(spec)]) == 2
    assert capsys.readouterr() == (
        '', f'error: license-file {path}: {message}\n',
    )


@pytest.mark.parametrize(
    ('text', 'template', 'options', 'expected'), [
        pytest.param(
            BODY, None, {'copyright_holder': 'ACME'},
            [(0, 0, [*apache(YEAR, 'ACME'), ''])], id='apache on top',
        ),
        pytest.param(
            BODY, None, {'copyright_holder': 'ACME',
                         'license_position': 'end'},
            [(BODY_LINES, BODY_LINES + 1, ['', *apache(YEAR, 'ACME')])],
            id='apache appended for position end',
        ),
        pytest.param(
            SPEC, CC_TEMPLATE, {}, [(0, 0, [*CC, ''])], id='cc on top',
        ),
        pytest.param(
            SPEC, NOTE_TEMPLATE, {}, [(8, 9, ['', *NOTE])], id='note at end',
        ),
        pytest.param(
            SPEC + '\n\n', NOTE_TEMPLATE, {}, [(8, 11, ['', *NOTE])],
            id='note at end, trailing blank lines',
        ),
        pytest.param(
            SPEC.rstrip('\n'), NOTE_TEMPLATE, {}, [(8, 8, ['', *NOTE])],
            id='note at end, no final newline',
        ),
        pytest.param(
            SPEC, CC_TEMPLATE, {'license_position': 'end'},
            [(8, 9, ['', *CC])], id='cc appended for position end',
        ),
        pytest.param(
            SPEC, OUTLINE + '\n::\n\n' + LITERAL_END, {},
            [(8, 9, ['', '::', '', LITERAL_END.rstrip('\n').replace(
                '2014', str(YEAR))])],
            id="literal block at the end, with its '::'",
        ),
        pytest.param(
            SPEC, OUTLINE + '\nThe license::\n\n' + LITERAL_END, {},
            [(8, 9, ['', '::', '', LITERAL_END.rstrip('\n').replace(
                '2014', str(YEAR))])],
            id="literal block at the end, after a paragraph's '::'",
        ),
        pytest.param(
            SPEC, NOTE_TEMPLATE, {'license_position': 'anywhere'},
            [(0, 0, [*NOTE, ''])], id='anywhere inserts on top',
        ),
    ],
)
def test_fix_inserts_the_templates_form(
        text: str, template: str | None, options: dict[str, str],
        expected: list[tuple[int, int, list[str]]],
) -> None:
    assert fix(text, template, **options) == expected
    # The result passes and needs no further fix.
    spec = Spec(PATH, text.encode())
    edits = license.fix(spec, license_context(template, options))
    fixed = apply(spec, edits).decode()
    assert check(fixed, template, **options) == []
    assert fix(fixed, template, **options) == []


@pytest.mark.parametrize(
    ('text', 'options'), [
        pytest.param(EXAMPLE_TEXT, {'copyright_holder': 'ACME'},
                     id='present'),
        pytest.param(EXAMPLE_TEXT.replace('2.0', '3.0', 1),
                     {'copyright_holder': 'ACME'}, id='altered'),
        pytest.param(EXAMPLE_TEXT.replace('Example Cloud Ltd.',
                                          '<Copyright holder>'),
                     {'copyright_holder': 'ACME'}, id='placeholder left'),
        pytest.param(EXAMPLE_TEXT.replace('2026', 'YYYY'),
                     {'copyright_holder': 'ACME'}, id='year left'),
        pytest.param(BODY, {}, id='holder needed, not configured'),
        pytest.param(BODY + '\n' + HEADER, {'copyright_holder': 'ACME'},
                     id='present at the end'),
        pytest.param(
            '..\n Copyright (C) 2020, Foo. Licensed under the Apache '
            'License, Version 2.0\n\n' + BODY,
            {'copyright_holder': 'ACME'},
            id='short form of the header',
        ),
    ],
)
def test_fix_leaves_headers_to_a_person(
        text: str, options: dict[str, str],
) -> None:
    assert fix(text, **options) == []


@pytest.mark.parametrize(
    'holder', [
        'ACME, Inc.',
        'Ünïcødé GmbH & Co. KG',
        r'Foo\Bar',
        r'Foo \g<0>',
    ],
)
def test_fix_writes_the_holder_verbatim(holder: str) -> None:
    assert fix(BODY, copyright_holder=holder) == [
        (0, 0, [*apache(YEAR, holder), '']),
    ]


@pytest.mark.parametrize(
    ('repo', 'rules', 'pattern', 'most'), [
        # Creative Commons notices in a comment, as their templates have.
        ('nova-specs',
         (('specs/{release}/*/*.rst', ('specs/{release}-template.rst',)),),
         'specs/*/*/*.rst', {'L101': 4, 'L102': 2}),
        # The notice in a note at the END of the template, and of specs.
        ('oslo-specs', (('specs/**/*.rst', ('specs/template.rst',)),),
         'specs/*/*.rst', {'L101': 4, 'L102': 1, 'L103': 3}),
    ],
)
def test_real_creative_commons_headers_are_accepted(
        monkeypatch: pytest.MonkeyPatch, repo: str,
        rules: tuple[tuple[str, tuple[str]], ...], pattern: str,
        most: dict[str, int],
) -> None:
    """Measured over the corpus: every finding left is a real one (specs
    without a header, an https URL, a stray word, a header at the wrong
    end), so the counts may not grow."""
    monkeypatch.chdir(corpus(repo))
    settings = load_settings(None, {'templates': rules})
    paths = [
        path for path in sorted(glob.glob(pattern))
        if 'template' not in path and os.path.getsize(path) > 300 and
        # its template is a stored symlink in the corpus, not a template
        not path.startswith('specs/backlog/')
    ]
    assert len(paths) > 90
    counts = collections.Counter(
        d.code for path in paths
        for d in check_file(path, files_context(settings, path),
                   [license.check])[0]
    )
    assert dict(counts) == most


# The header of CC_TEMPLATE with a credit line after the statement.
CREDITED = [*CC, '', ' Template by the Example team.']


@pytest.mark.parametrize(('template', 'text', 'expected'), [
    pytest.param(CC_TEMPLATE, '\n'.join(
        [*CC, '', ' Reviewed by the API working group.']) + '\n\n' + SPEC,
        [], id='a note added to the header'),
    pytest.param('\n'.join(CREDITED) + '\n\n' + OUTLINE, CC_ON_TOP, [],
                 id="the template's credit line left out"),
    pytest.param('\n'.join(CREDITED) + '\n\n' + OUTLINE, '\n'.join(
        [*CC, '', ' Spec by the storage team.']) + '\n\n' + SPEC,
        [], id='a credit line of its own'),
    pytest.param(CC_TEMPLATE, CC_ON_TOP.replace('http:', 'https:'), [],
                 id='https for http'),
    pytest.param(CC_TEMPLATE, '\n'.join(
        [*CC[:2], ' License, or any later one.', '', CC[4],
         '', ' A note.']) + '\n\n' + SPEC,
        [l102(1, "after 'Attribution 3.0 Unported': expected 'License.', "
                 "found 'License, or any later one.'")],
        id='the statement altered'),
])
def test_statement_required_other_paragraphs_free(
        template: str, text: str, expected: list[str],
) -> None:
    assert check(text, template) == expected


@pytest.fixture
def two_license_files(tmp_path: pathlib.Path) -> tuple[str, str]:
    first = tmp_path / 'cc-by.txt'
    first.write_text('This work is licensed under CC BY 3.0.\n')
    second = tmp_path / 'apache.txt'
    second.write_text('Licensed under the Apache License, Version 2.0.\n')
    return str(first), str(second)


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param('..\n This work is licensed under CC BY 3.0.\n\n' + SPEC,
                 [], id='the first'),
    pytest.param('..\n Licensed under the Apache License, Version 2.0.\n\n' +
                 SPEC, [], id='the second'),
    pytest.param('..\n Licensed under the Apache License, Version 3.0.\n\n' +
                 SPEC,
                 [l102(1, "after 'Apache License, Version': expected "
                          "'2.0.', found '3.0.'")],
                 id='the closest is the one that differs'),
    pytest.param(SPEC, [diag(1, 'L101', "license header missing: the "
                                        "template starts with 'This work is "
                                        "licensed under CC BY 3.0.'; run "
                                        "with --fix to insert it")],
                 id='none: the first is named'),
])
def test_any_license_file_is_accepted(
        two_license_files: tuple[str, str], text: str, expected: list[str],
) -> None:
    assert check(text, license_file=two_license_files) == expected


def test_fix_inserts_the_first_license_file(
        two_license_files: tuple[str, str],
) -> None:
    assert fix(SPEC, license_file=two_license_files) == [
        (0, 0, ['..', ' This work is licensed under CC BY 3.0.', '']),
    ]


def test_l101_offers_fix_only_where_it_would_insert() -> None:
    """A header of another form (a literal block) is a person's call: the
    fixer leaves it, so the message does not send the author to it."""
    literal = 'Text::\n\n  Licensed under the GPL.\n\n'
    assert check(literal + SPEC, CC_TEMPLATE) == [
        diag(1, 'L101', f'license header missing: the template starts with '
                        f'{CC_WORDS}; line 3 speaks of a license in another '
                        f'form, so --fix leaves the header to you'),
    ]
    assert fix(literal + SPEC, CC_TEMPLATE) == []
    assert check(SPEC, CC_TEMPLATE) == [
        diag(1, 'L101', f'license header missing: the template starts with '
                        f'{CC_WORDS}; run with --fix to insert it'),
    ]
    assert fix(SPEC, CC_TEMPLATE) != []
