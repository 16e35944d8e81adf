from __future__ import annotations

import pathlib

import pytest

from spec_hooks.checks.leftovers import Guidance
from spec_hooks.checks.license import License, header_words
from spec_hooks.spec import Spec
from spec_hooks.template import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    load_template,
)

CC_BY = [
    'This', 'work', 'is', 'licensed', 'under', 'a', 'Creative', 'Commons',
    'Attribution', '3.0', 'Unported', 'License.',
    'http://creativecommons.org/licenses/by/3.0/legalcode',
]
NOVA_HEADER = (
    '..\n'
    ' This work is licensed under a Creative Commons Attribution 3.0 '
    'Unported\n'
    ' License.\n'
    '\n'
    ' http://creativecommons.org/licenses/by/3.0/legalcode\n'
)
TITLE = '=======\n Title\n=======\n\n'
BODY = 'Some guidance for the author of the spec to follow.\n'

# A template in nova's form: a comment license header, an instruction
# comment, guidance paragraphs and a list with a label.
NOVA = (
    NOVA_HEADER
    + '\n'
    '..\n'
    '  This template should be in ReSTructured text. Please do not delete\n'
    '  any of the sections in this template.\n'
    '\n'
    '==========================================\n'
    'Example Spec - The title of your blueprint\n'
    '==========================================\n'
    '\n'
    'Include the URL of your launchpad blueprint:\n'
    '\n'
    'Problem description\n'
    '===================\n'
    '\n'
    '* Specification for each method that is added or changed\n'
    '\n'
    '  * A description of what the method does\n'
    '\n'
    '* Example use case\n'
    '\n'
    '.. _link: https://example.com\n'
)


def template(text: str, path: str = 'template.rst') -> Template:
    return Template(Spec(path, text.encode()))


def license_of(text: str) -> License | None:
    return License.from_template(Spec('template.rst', text.encode()))


def test_builtin_template_license_is_its_literal_block() -> None:
    found = License.from_template(load_template(DEFAULT_TEMPLATE).spec)
    assert found is not None
    assert found.position == 'top'
    assert found.where == range(1, 18)
    assert found.lines[:4] == [
        '::', '', '  #', '  # Copyright (C) 2014, <Copyright holder>',
    ]
    assert found.lines[-2:] == ['  # under the License.', '  #']
    assert found.words[:7] == [
        'Copyright', '(C)', '2014,', '<Copyright', 'holder>', 'Licensed',
        'under',
    ]
    assert found.words[-3:] == ['under', 'the', 'License.']


@pytest.mark.parametrize(
    ('text', 'lines', 'where', 'position'), [
        pytest.param(
            NOVA_HEADER + '\n' + TITLE + BODY,
            NOVA_HEADER.splitlines(), range(1, 6), 'top',
            id='comment header',
        ),
        pytest.param(
            '..\n\nThis work is licensed under a Creative Commons '
            'Attribution 3.0 Unported License.\n'
            'http://creativecommons.org/licenses/by/3.0/legalcode\n\n..\n'
            '  An instruction comment.\n\n' + TITLE + BODY,
            ['This work is licensed under a Creative Commons Attribution 3.0 '
             'Unported License.',
             'http://creativecommons.org/licenses/by/3.0/legalcode'],
            range(3, 5), 'top',
            id="designate's empty comment, then a paragraph",
        ),
        pytest.param(
            TITLE + BODY + '\nSection\n-------\n\n' + BODY + '\n\n'
            '.. note::\n\n  This work is licensed under a Creative Commons '
            'Attribution 3.0\n  Unported License.\n'
            '  http://creativecommons.org/licenses/by/3.0/legalcode\n',
            ['.. note::', '',
             '  This work is licensed under a Creative Commons Attribution '
             '3.0',
             '  Unported License.',
             '  http://creativecommons.org/licenses/by/3.0/legalcode'],
            range(13, 18), 'end',
            id="oslo's note at the end, with its directive",
        ),
        pytest.param(
            TITLE + BODY + '\n.. This work is licensed under a Creative '
            'Commons Attribution 3.0\n   Unported License.\n'
            '   http://creativecommons.org/licenses/by/3.0/legalcode\n'
            '\n.. _target: https://example.com\n',
            ['.. This work is licensed under a Creative Commons Attribution '
             '3.0',
             '   Unported License.',
             '   http://creativecommons.org/licenses/by/3.0/legalcode'],
            range(7, 10), 'end',
            id='comment at the end, before a link target',
        ),
    ],
)
def test_license_from_template(
        text: str, lines: list[str], where: range, position: str,
) -> None:
    found = license_of(text)
    assert found is not None
    assert (found.lines, found.where, found.position) == (
        lines, where, position,
    )
    assert found.words == CC_BY


@pytest.mark.parametrize(
    'text', [
        pytest.param(TITLE + BODY, id='no license at all'),
        pytest.param(
            'Intro text before the title.\n\n' + TITLE + BODY,
            id='text before the title that is no license',
        ),
    ],
)
def test_no_license(text: str) -> None:
    assert license_of(text) is None


def test_guidance_that_mentions_a_license_is_no_license() -> None:
    assert license_of(
        TITLE + 'Does a new dependency need a license review?\n\n'
        'Testing\n-------\n\n' + BODY,
    ) is None


@pytest.mark.parametrize(
    ('lines', 'words'), [
        pytest.param(
            ['::', '', '  #', '  # Copyright (C) 2014, <Copyright holder>',
             '  #'],
            ['Copyright', '(C)', '2014,', '<Copyright', 'holder>'],
            id='literal block of # lines',
        ),
        pytest.param(
            ['..', ' This work is', '', ' licensed.'],
            ['This', 'work', 'is', 'licensed.'],
            id='comment',
        ),
        pytest.param(
            ['.. This work is', '   licensed.'],
            ['This', 'work', 'is', 'licensed.'],
            id='comment text on the marker line',
        ),
        pytest.param(
            ['.. note::', '', '  This work is licensed.'],
            ['This', 'work', 'is', 'licensed.'],
            id='directive name dropped',
        ),
        pytest.param(
            ['## Copyright 2014 ##'],
            ['Copyright', '2014', '##'],
            id='only leading # dropped',
        ),
    ],
)
def test_header_words(lines: list[str], words: list[str]) -> None:
    assert header_words(lines) == words


def test_guidance_of_a_template() -> None:
    guidance = Guidance(template(NOVA))
    assert guidance.title == 'Example Spec - The title of your blueprint'
    # Not the title, the license comment, the instruction comment or the
    # link target: paragraphs and items only.
    assert [(b.kind, b.start, b.end) for b, _ in guidance.blocks] == [
        ('paragraph', 15, 15), ('item', 20, 20), ('item', 22, 22),
        ('item', 24, 24),
    ]
    assert guidance.blocks[0][1] == (
        'include', 'the', 'url', 'of', 'your', 'launchpad', 'blueprint',
    )
    labels = [b.start for b, _ in guidance.blocks if id(b) in guidance.labels]
    assert labels == [20]  # the item a deeper one follows
    assert [(b.start, b.end, words[:3]) for b, words in guidance.comments] \
        == [(7, 9, ('this', 'template', 'should'))]


def test_guidance_of_the_builtin_template() -> None:
    guidance = Guidance(load_template(DEFAULT_TEMPLATE))
    assert guidance.title == 'The title of your blueprint'
    starts = [b.start for b, _ in guidance.blocks]
    assert starts[:3] == [19, 29, 32]  # not the '::' of the license (1)
    assert len(starts) == 23
    labels = [b.start for b, _ in guidance.blocks if id(b) in guidance.labels]
    assert labels == [48, 59]
    assert guidance.comments == []


def test_guidance_leaves_out_a_license_paragraph() -> None:
    guidance = Guidance(template(
        '..\n\nThis work is licensed under a Creative Commons Attribution '
        '3.0 Unported License.\n\n' + TITLE + BODY,
    ))
    assert [(b.kind, b.start) for b, _ in guidance.blocks] == [
        ('paragraph', 9),
    ]


def test_load_template_tells_same_names_in_other_directories_apart(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ('alpha', 'beta'):
        (tmp_path / name).mkdir()
        (tmp_path / name / 'template.rst').write_text(
            f'{name}\n{"=" * len(name)}\n',
        )
    titles = []
    for name in ('alpha', 'beta'):
        monkeypatch.chdir(tmp_path / name)
        titles.append(load_template('template.rst').title.title)
    assert titles == ['alpha', 'beta']


@pytest.mark.parametrize(
    ('content', 'message'), [
        (None, 'template file not found'),
        ('dir', 'template is a directory, not a file'),
        (b'Title\n=====\n\ncaf\xe9\n',
         'template not valid UTF-8 (byte 0xe9 on line 4); save the file as '
         'UTF-8'),
        (b'Title\0', 'template binary file (NUL byte at offset 5)'),
        (b'\n\n', 'template file is empty'),
    ],
)
def test_unreadable_template_raises_one_line_error(
        tmp_path: pathlib.Path, content: bytes | str | None, message: str,
) -> None:
    path = tmp_path / 'template.rst'
    if content == 'dir':
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(TemplateError) as exc:
        load_template(str(path))
    assert str(exc.value) == f'{path}: {message}'
    assert exc.value.__cause__ is None
