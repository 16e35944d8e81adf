"""Leftovers: guidance copied with small changes, a re-worded placeholder
title, placeholders anywhere in a block, and which copies the author has
made their own."""
from __future__ import annotations

import pytest

from spec_hooks.checks import leftovers
from spec_hooks.config import load_settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, Template, load_template
from tests.conftest import context
from tests.test_leftovers import ALTERNATIVES_GUIDANCE, TESTING_GUIDANCE

PATH = 'awesome-thing.rst'
TESTING_QUOTED = (
    'Please discuss how the change will be tested. We especially ...'
)
ALTERNATIVES_QUOTED = (
    "What other ways could we do this thing? Why aren't we using ..."
)
TESTING_TEXT = 'A tempest test resizes a volume of an active server.\n'

# A template of short guidance, its placeholder title six words long.
SHORT_TEMPLATE = '''\
=====================================
 Example spec: the title of your RFE
=====================================

Say why.

Background
==========

Describe the background of the change for a reader new to the project
and the people it affects.

Tell who is affected by the change and how they will notice it, in a
few sentences.

Contact <team lead> in the <project> channel before you start.

Work items
==========

List them.

Describe the background reading a reviewer needs, with links to earlier
specs.

Describe the background jobs the change adds and how often they run.

Describe the background tasks operators must run once the change is
deployed.
'''
SHORT_SPEC = '''\
=====================
 Faster volume moves
=====================

Because.

Background
==========

Volumes move slowly.

Work items
==========

Two patches.
'''


def run(
        text: str, template: Template | None = None, **options: object,
) -> list[str]:
    settings = load_settings(None, options)
    spec = Spec(PATH, text.encode())
    template = template or load_template(DEFAULT_TEMPLATE)
    found = leftovers.check(spec, context(settings, template, PATH))
    return [d.as_text() for d in sorted(found, key=Diagnostic.key)
            if settings.reports(d.code, PATH)]


def short(text: str, **options: object) -> list[str]:
    return run(text, Template(Spec('template.rst', SHORT_TEMPLATE.encode())),
               **options)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def t103(line: int, text: str, spans: str = '') -> str:
    where = f' ({spans})' if spans else ''
    return (f"{PATH}:{line}:1: T103 template guidance left in{where}: "
            f"'{text}'; replace it with the spec's own text")


def t104(line: int, column: int, placeholder: str) -> str:
    return (f"{PATH}:{line}:{column}: T104 placeholder '{placeholder}' not "
            'filled in')


@pytest.mark.parametrize(
    ('guidance', 'found'), [
        pytest.param(
            TESTING_GUIDANCE.replace('unit test coverage',
                                     'unit and functional test coverage'),
            [t103(57, TESTING_QUOTED)], id='words inserted in the middle',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('We especially want', 'We want '
                                     'especially'),
            [t103(57, 'Please discuss how the change will be tested. We '
                      'want especi...')],
            id='two words swapped',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('tempest tests will be added', 'tempest '
                                     'tests we add'),
            [t103(57, TESTING_QUOTED)], id='words changed near the start',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('to be included', 'to be there'),
            [t103(57, TESTING_QUOTED)], id='the last words changed',
        ),
        pytest.param(
            'We rely on tempest. ' + TESTING_GUIDANCE, [],
            id="the author's words before it",
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('included.', 'included. We add one.'),
            [], id="the author's words after it",
        ),
        pytest.param(
            'Our plan covers the driver, the API and the guest agent, and it '
            'runs in\nthe gate; ' + TESTING_GUIDANCE.split('why\n')[1], [],
            id='its end, at the end of a longer paragraph',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('Please', 'Kindly')
            .replace('assumed', 'expected').replace('included', 'added'),
            [t103(57, 'Kindly discuss how the change will be tested. We '
                      'especially ...')],
            id='words changed at the start, a third in and at the end',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('Please', 'Kindly')
            .replace("n't need", "n't have").replace('included', 'added'),
            [t103(57, 'Kindly discuss how the change will be tested. We '
                      'especially ...')],
            id='words changed at the start, past the middle and at the end',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('Please', 'Kindly')
            .replace('so that', 'so this'),
            [t103(57, 'Kindly discuss how the change will be tested. We '
                      'especially ...')],
            id='words changed at the start and in the middle: its last '
               'words',
        ),
        pytest.param(
            TESTING_GUIDANCE.split(' It is')[0] + '\n', [],
            id='its first sentences alone are too short a copy',
        ),
    ],
)
def test_near_copies(
        example_text: str, guidance: str, found: list[str],
) -> None:
    text = edit(example_text, (TESTING_TEXT, guidance))
    assert run(text) == found


@pytest.mark.parametrize(
    ('end', 'found'), [
        pytest.param(TESTING_GUIDANCE, [t103(64, TESTING_QUOTED)],
                     id='guidance last in the file'),
        pytest.param(ALTERNATIVES_GUIDANCE, [t103(64, ALTERNATIVES_QUOTED)],
                     id='a question last in the file: nothing answers it'),
        pytest.param(
            ALTERNATIVES_GUIDANCE + '\nWe tried detaching.\n', [],
            id='a question answered by the last paragraph',
        ),
        pytest.param(
            TESTING_GUIDANCE + '\n' + ALTERNATIVES_GUIDANCE,
            [t103(64, TESTING_QUOTED, '2 paragraphs, lines 64-72')],
            id='two copies in a row, the last one last in the file',
        ),
    ],
)
def test_guidance_at_the_end_of_the_file(
        example_text: str, end: str, found: list[str],
) -> None:
    assert run(example_text + '\n' + end) == found


CONSISTENCY = '- Consistency of the user experience is important. Some ' \
    'examples:\n'
DEPENDENCY_GUIDANCE = (
    '- Include specific references to specs in other projects that this one '
    'either\n'
    '  depends on or is related to.\n'
)


@pytest.mark.parametrize(
    ('similarity', 'found'), [
        (0.9, [t103(59, '- Consistency of the user experience is important. '
                        'Some exam...')]),
        (0.91, []),
    ],
)
def test_nine_of_eleven_words_is_a_ratio_of_exactly_0_9(
        example_text: str, similarity: float, found: list[str],
) -> None:
    text = edit(example_text, (TESTING_TEXT, TESTING_TEXT + '\n' +
                               CONSISTENCY))
    assert run(text, leftover_similarity=similarity) == found


@pytest.mark.parametrize(
    ('after', 'found'), [
        pytest.param(
            '- The cinder extend-volume API, which the driver calls\n'
            '  once the volume is grown.\n',
            [t103(42, '- Include specific references to specs in other '
                      'projects tha...')],
            id="the author's item of two lines beside it",
        ),
        pytest.param(
            '  - The cinder extend-volume API, which the driver calls\n'
            '    once the volume is grown.\n', [],
            id="the author's item of two lines nested under it",
        ),
    ],
)
def test_an_item_is_answered_only_from_below_it(
        example_text: str, after: str, found: list[str],
) -> None:
    text = edit(example_text, ('None.\n', DEPENDENCY_GUIDANCE + '\n' + after))
    assert run(text) == found


def test_a_question_before_a_title_is_not_answered(
        example_text: str,
) -> None:
    text = edit(example_text, (
        TESTING_TEXT, TESTING_TEXT + '\n' + ALTERNATIVES_GUIDANCE))
    assert run(text) == [t103(59, ALTERNATIVES_QUOTED)]


def title(text: str) -> str:
    bar = '=' * (len(text) + 2)
    return edit(SHORT_SPEC, (
        '=====================\n Faster volume moves\n=====================\n',
        f'{bar}\n {text}\n{bar}\n',
    ))


T102 = (f"{PATH}:1:1: T102 title is the template's placeholder 'Example "
        "spec: the title of your RFE': write the spec's own title")


@pytest.mark.parametrize(
    ('text', 'found'), [
        pytest.param('Faster volume moves', [], id='own title'),
        pytest.param('Example spec: the title of your RFE', [T102],
                     id='verbatim'),
        pytest.param('Moves: spec the title of your draft now', [T102],
                     id='five words in a row kept'),
        pytest.param('Moves: the title of your draft now please', [],
                     id='four words in a row kept'),
        pytest.param('Example spec: a title of your RFE', [],
                     id='one word changed: 6 of 7 words is not similar'),
    ],
)
def test_placeholder_title(text: str, found: list[str]) -> None:
    assert short(title(text)) == found


@pytest.mark.parametrize(
    ('body', 'found'), [
        pytest.param(
            'Ask the lead in the channel\nabout <project> quotas.\n',
            [t104(6, 7, '<project>')], id='on the second line of a block',
        ),
        pytest.param(
            'Ask <team lead> now,\nthen <team lead> and <project> again.\n',
            [t104(5, 5, '<team lead>') + ' (2 times, to line 6)',
             t104(6, 22, '<project>')],
            id='several, on two lines: each placeholder once',
        ),
        pytest.param(
            '| A line block\n| with <project> in it.\n',
            [t104(6, 8, '<project>')], id='in a line block',
        ),
        pytest.param(
            '* An item\n\n  nested <project> text.\n',
            [t104(7, 10, '<project>')], id='in a nested paragraph',
        ),
        pytest.param('.. Ask <team lead>.\n', [], id='in a comment'),
        pytest.param('::\n\n  <team lead>\n', [], id='in a literal block'),
        pytest.param('Ask <someone> else.\n', [],
                     id='not one of the template'),
    ],
)
def test_placeholders(body: str, found: list[str]) -> None:
    text = edit(SHORT_SPEC, ('Because.\n', body))
    assert short(text) == found


def test_a_placeholder_in_the_title() -> None:
    assert short(title('Moves for <project>')) == [t104(2, 12, '<project>')]


@pytest.mark.parametrize(
    ('least', 'found'), [
        (2, [t103(5, 'Say why.')]),
        (3, []),
    ],
)
def test_min_words_below_a_shingle(least: int, found: list[str]) -> None:
    text = edit(SHORT_SPEC, ('Because.\n', 'Say why.\n'))
    assert short(text, leftover_min_words=least) == found


BACKGROUND = (
    'Describe the background of the change for a reader new to the project\n'
    'and the people it affects.\n'
)
AFFECTED = (
    'Tell who is affected by the change and how they will notice it, in a\n'
    'few sentences.\n'
)


@pytest.mark.parametrize(
    ('body', 'found'), [
        pytest.param(
            BACKGROUND + '\n' + AFFECTED,
            [t103(10, 'Describe the background of the change for a reader '
                      'new to th...', '2 paragraphs, lines 10-14')],
            id='two guidance paragraphs',
        ),
        pytest.param(
            BACKGROUND.replace('reader new', 'reader who is new'),
            [t103(10, 'Describe the background of the change for a reader '
                      'who is ne...')],
            id='a near copy',
        ),
        pytest.param(
            AFFECTED.replace('Tell who', 'Say who'),
            [t103(10, 'Say who is affected by the change and how they will '
                      'notice i...')],
            id='the first word changed',
        ),
    ],
)
def test_short_template_guidance(body: str, found: list[str]) -> None:
    text = edit(SHORT_SPEC, ('Volumes move slowly.\n', body))
    assert short(text) == found


def test_a_copy_beside_guidance_of_the_same_start() -> None:
    """Three other blocks start with the same words: the one that shares
    the most runs of words is the one compared."""
    text = edit(SHORT_SPEC, ('Volumes move slowly.\n', BACKGROUND.replace(
        'the people', 'all the people')))
    assert short(text) == [t103(10, 'Describe the background of the change '
                                    'for a reader new to th...')]


@pytest.mark.parametrize(
    ('end', 'stop'), [
        pytest.param('\n', 22, id='and the blank line after it'),
        pytest.param('', 22, id='and the empty last line'),
        pytest.param(None, 21, id='last in a file without a final newline'),
    ],
)
def test_fix_removes_the_instruction(end: str | None, stop: int) -> None:
    instruction = (
        '*Delete this paragraph when you write your blueprint.* Here are '
        'some\nsimple instructions. This template should be in ReSTructured '
        'text. The\nfilename in the git repository should match the '
        'launchpad URL, for example a\nURL of '
        'https://blueprints.launchpad.net/nova/+spec/awesome-thing should '
        'be\nnamed awesome-thing.rst .\n'
    )
    text = SHORT_SPEC + '\n' + (instruction + end if end is not None else
                                instruction.rstrip('\n'))
    settings = load_settings(None, {})
    template = load_template(DEFAULT_TEMPLATE)
    edits = leftovers.fix(Spec(PATH, text.encode()),
                          context(settings, template, PATH))
    assert [(e.start, e.stop, e.lines) for e in edits] == [(16, stop, [])]
