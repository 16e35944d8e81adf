from __future__ import annotations

import collections
import glob
import os

import pytest

from spec_hooks import fixes
from spec_hooks.checks import leftovers
from spec_hooks.checks.license import template_license
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, Template, load_template
from tests.conftest import context, corpus, files_context

PATH = 'awesome-thing.rst'

# Text of the built-in template, verbatim.
DELETE_ME = (
    '*Delete this paragraph when you write your blueprint.* Here are some\n'
    'simple instructions. This template should be in ReSTructured text. The\n'
    'filename in the git repository should match the launchpad URL, for '
    'example a\n'
    'URL of https://blueprints.launchpad.net/nova/+spec/awesome-thing should '
    'be\n'
    'named awesome-thing.rst .\n'
)
TESTING_GUIDANCE = (
    'Please discuss how the change will be tested. We especially want to '
    'know what\n'
    'tempest tests will be added. It is assumed that unit test coverage will '
    'be\n'
    "added so that doesn't need to be mentioned explicitly, but discussion "
    'of why\n'
    "you think unit tests are sufficient and we don't need to add more "
    'tempest\n'
    'tests would need to be included.\n'
)
ALTERNATIVES_GUIDANCE = (
    "What other ways could we do this thing? Why aren't we using those? This "
    "doesn't\n"
    'have to be a full literature review, but it should demonstrate that '
    'thought has\n'
    'been put into why the proposed implementation is the appropriate one.\n'
)
DEPENDENCY_GUIDANCE = (
    '- Include specific references to specs in other projects that this one '
    'either\n'
    '  depends on or is related to.\n'
)

# Places in examples/awesome-thing.rst.
TITLE = (
    '==================================\n'
    ' Resize volumes of running servers\n'
    '==================================\n'
)
TESTING_TEXT = 'A tempest test resizes a volume of an active server.\n'
ALTERNATIVES_TEXT = (
    'Detaching and re-attaching the volume was considered; it interrupts '
    'I/O.\n'
)
DEPENDENCIES_TEXT = 'None.\n'

# A template in nova's form (comment license, instruction comment, a list
# with a label, <placeholders>), and a spec that fills it in.
CC_BY = (
    '..\n'
    ' This work is licensed under a Creative Commons Attribution 3.0 '
    'Unported\n'
    ' License.\n'
    '\n'
    ' http://creativecommons.org/licenses/by/3.0/legalcode\n'
)
INSTRUCTIONS = (
    '..\n'
    '  This template should be in ReSTructured text. Please do not delete\n'
    '  any of the sections in this template. If you have nothing to say\n'
    '  for a whole section, just write: None\n'
)
LABEL = (
    '* Specification for each method that is added or changed by this spec\n'
)
EXAMPLE_ITEM = (
    '* Example use case including typical API samples for both data '
    'supplied\n'
    '  by the caller and the response\n'
)
URL_ITEM = '* Parameters which can be passed via the URL\n'
HISTORY_GUIDANCE = (
    'Optional section intended to be used each time the spec is updated to '
    'describe\n'
    'new design, API or any database schema updated. Useful to let reader '
    'understand\n'
    "what's happened along the time.\n"
)
NOVA_TEMPLATE = (
    CC_BY + '\n' + INSTRUCTIONS + '\n'
    '==========================================\n'
    'Example Spec - The title of your blueprint\n'
    '==========================================\n'
    '\n'
    'Include the URL of your launchpad blueprint:\n'
    '\n'
    'https://blueprints.launchpad.net/nova/+spec/example\n'
    '\n'
    'REST API impact\n'
    '===============\n'
    '\n'
    'Each API method which is either added or changed should have the '
    'following:\n'
    '\n' + LABEL + '\n'
    '  * A description of what the method does suitable for use in\n'
    '    user documentation\n'
    '\n'
    '  ' + URL_ITEM + '\n' + EXAMPLE_ITEM + '\n'
    'Contact <team lead> in the <project> channel before you start, see\n'
    '`the guide <https://docs.openstack.org/nova/latest/>`_, '
    '<http://example.com/x>\n'
    'or <mailto:nova@example.com>.\n'
    '\n'
    'History\n'
    '=======\n'
    '\n' + HISTORY_GUIDANCE
)
NOVA_SPEC = (
    CC_BY + '\n'
    '===========================\n'
    'Volume resize while running\n'
    '===========================\n'
    '\n'
    'https://blueprints.launchpad.net/nova/+spec/volume-resize\n'
    '\n'
    'REST API impact\n'
    '===============\n'
    '\n'
    'One new server action, ``os-extend``.\n'
    '\n'
    'History\n'
    '=======\n'
    '\n'
    'Proposed for the 2026.2 release.\n'
)
API_TEXT = 'One new server action, ``os-extend``.\n'  # on line 16
HISTORY_TEXT = 'Proposed for the 2026.2 release.\n'  # on line 21


def nova_template() -> Template:
    return Template(Spec('template.rst', NOVA_TEMPLATE.encode()))


def run(
        text: str, template: Template | None = None, **options: object,
) -> list[str]:
    settings = load_settings(None, options)
    spec = Spec(PATH, text.encode())
    template = template or load_template(DEFAULT_TEMPLATE)
    found = leftovers.check(spec, context(settings, template, PATH))
    return [d.as_text() for d in sorted(found, key=Diagnostic.key)
            if settings.reports(d.code, PATH)]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def t101(line: int, text: str, removable: bool = True) -> str:
    """--fix is named only where it would remove the paragraph: where it
    is the template's own."""
    how = ' (--fix does)' if removable else ''
    return (f"{PATH}:{line}:1: T101 template instruction left in: '{text}'; "
            f'delete the paragraph{how}')


def t102(title: str) -> str:
    return (f"{PATH}:19:1: T102 title is the template's placeholder "
            f"'{title}': write the spec's own title")


def t103(line: int, text: str, spans: str = '') -> str:
    """``spans``: how many blocks a run of guidance spans, and where."""
    where = f' ({spans})' if spans else ''
    return (f"{PATH}:{line}:1: T103 template guidance left in{where}: "
            f"'{text}'; replace it with the spec's own text")


def test_example_is_clean(example_text: str) -> None:
    assert run(example_text) == []


def test_nova_spec_is_clean() -> None:
    assert run(NOVA_SPEC, nova_template(), select=('T',)) == []


def test_the_template_itself_is_all_leftovers() -> None:
    with open(DEFAULT_TEMPLATE, encoding='utf-8') as f:
        found = run(f.read())
    codes = collections.Counter(line.split()[1] for line in found)
    # One T103 per run of guidance: 22 paragraphs and items in 8 runs.
    assert codes == {'T101': 1, 'T102': 1, 'T103': 8}
    assert found[:4] == [
        t101(19, '*Delete this paragraph when you write your blueprint.* '
                 'Here ...'),
        f"{PATH}:25:1: T102 title is the template's placeholder 'The title "
        "of your blueprint': write the spec's own title",
        t103(29, 'Put the URL of your blueprint on launchpad here, as well '
                 'as ...', '2 paragraphs, lines 29-33'),
        t103(38, 'A detailed description of the problem. For a new feature '
                 'thi...'),
    ]


@pytest.mark.parametrize(
    ('paragraph', 'quoted', 'removable'), [
        pytest.param(
            DELETE_ME,
            '*Delete this paragraph when you write your blueprint.* Here ...',
            True, id='the template paragraph',
        ),
        pytest.param(
            '*Delete this paragraph when you write your blueprint.*\n',
            '*Delete this paragraph when you write your blueprint.*',
            True, id='emphasis: its first sentence',
        ),
        pytest.param(
            '**DELETE THIS PARAGRAPH** before merging.\n',
            '**DELETE THIS PARAGRAPH** before merging.',
            False, id='strong, upper case',
        ),
        pytest.param(
            'Please delete this\nparagraph before merging.\n',
            'Please delete this paragraph before merging.',
            False, id='wrapped, lower case',
        ),
        pytest.param(
            '- Delete this paragraph.\n',
            '- Delete this paragraph.',
            False, id='in a list item',
        ),
    ],
)
def test_t101_delete_this_paragraph(
        example_text: str, paragraph: str, quoted: str, removable: bool,
) -> None:
    text = edit(example_text, (TESTING_TEXT, TESTING_TEXT + '\n' + paragraph))
    assert run(text) == [t101(59, quoted, removable=removable)]


@pytest.mark.parametrize(
    ('title', 'found'), [
        ('The title of your blueprint', True),
        ('Example Spec - The title of your blueprint', True),
        ('THE TITLE OF YOUR BLUEPRINT', True),
        ('The *title* of your blueprint', True),
        ('Resize volumes of running servers', False),
        ('Blueprint for volume resizing', False),
        ('Title', False),
    ],
)
def test_t102_placeholder_title(
        example_text: str, title: str, found: bool,
) -> None:
    bar = '=' * (len(title) + 2)
    text = edit(example_text, (TITLE, f'{bar}\n {title}\n{bar}\n'))
    assert run(text) == (
        [t102('The title of your blueprint')] if found else []
    )


@pytest.mark.parametrize(
    ('title', 'found'), [
        ('The title of your blueprint', True),
        ('Example spec - the title of your blueprint', True),
        ('Example Spec', False),
    ],
)
def test_t102_with_a_longer_template_title(title: str, found: bool) -> None:
    bar = '=' * len(title)
    text = edit(NOVA_SPEC, (
        '===========================\nVolume resize while running\n'
        '===========================\n', f'{bar}\n{title}\n{bar}\n',
    ))
    assert run(text, nova_template()) == ([
        f"{PATH}:7:1: T102 title is the template's placeholder 'Example "
        "Spec - The title of your blueprint': write the spec's own title",
    ] if found else [])


TESTING_QUOTED = (
    'Please discuss how the change will be tested. We especially ...'
)


@pytest.mark.parametrize(
    ('guidance', 'quoted'), [
        pytest.param(TESTING_GUIDANCE, TESTING_QUOTED, id='verbatim'),
        pytest.param(
            ' '.join(TESTING_GUIDANCE.split()).replace('. ', '.\n') + '\n',
            TESTING_QUOTED,
            id='re-wrapped',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('Please discuss', '*Please* discuss'),
            '*Please* discuss how the change will be tested. We especiall...',
            id='re-marked',
        ),
        pytest.param(
            TESTING_GUIDANCE.replace('unit test coverage', 'test coverage'),
            TESTING_QUOTED,
            id='one word less',
        ),
    ],
)
def test_t103_guidance_left_in(
        example_text: str, guidance: str, quoted: str,
) -> None:
    text = edit(example_text, (TESTING_TEXT, guidance))
    assert run(text) == [t103(57, quoted)]


@pytest.mark.parametrize(
    ('similarity', 'found'), [(0.9, True), (0.95, False)],
)
def test_t103_nearly_verbatim_one_word_changed(
        example_text: str, similarity: float, found: bool,
) -> None:
    # 10 of its 11 words: a ratio of 20/22, 0.909.
    item = '- If this change is a new binary, how would it be installed?'
    text = edit(example_text,
                (TESTING_TEXT, TESTING_TEXT + '\n' + item + '\n'))
    assert run(text, leftover_similarity=similarity) == (
        [t103(59, item)] if found else []
    )


@pytest.mark.parametrize(
    ('replacements', 'found'), [
        pytest.param(
            [(ALTERNATIVES_TEXT,
              ALTERNATIVES_TEXT + '\n' + ALTERNATIVES_GUIDANCE)],
            [t103(54, "What other ways could we do this thing? Why aren't we "
                      'using ...')],
            id='a question with no answer after it',
        ),
        pytest.param(
            [(ALTERNATIVES_TEXT,
              ALTERNATIVES_GUIDANCE + '\n' + ALTERNATIVES_TEXT)],
            [],
            id='a question followed by the answer',
        ),
        pytest.param(
            [(DEPENDENCIES_TEXT, DEPENDENCY_GUIDANCE)],
            [t103(42, '- Include specific references to specs in other '
                      'projects tha...')],
            id='an item with nothing under it',
        ),
        pytest.param(
            [(DEPENDENCIES_TEXT, DEPENDENCY_GUIDANCE + '\n'
              '  - The cinder extend-volume API.\n')],
            [],
            id="an item with the author's text nested under it",
        ),
        pytest.param(
            [(DEPENDENCIES_TEXT, DEPENDENCY_GUIDANCE + '\n'
              '- The cinder extend-volume API.\n')],
            [t103(42, '- Include specific references to specs in other '
                      'projects tha...')],
            id="an item with the author's text beside it",
        ),
        pytest.param(
            [(DEPENDENCIES_TEXT, DEPENDENCY_GUIDANCE + '\n::\n\n'
              '  cinder extend <volume> <size>\n')],
            [],
            id='an item followed by a literal block',
        ),
        pytest.param(
            [(DEPENDENCIES_TEXT, DEPENDENCY_GUIDANCE + '\n'
              + ALTERNATIVES_GUIDANCE)],
            [t103(42, '- Include specific references to specs in other '
                      'projects tha...', '1 paragraph and 1 list item, '
                      'lines 42-47')],
            id='guidance followed by guidance answers nothing',
        ),
    ],
)
def test_t103_unless_answered(
        example_text: str, replacements: list[tuple[str, str]],
        found: list[str],
) -> None:
    assert run(edit(example_text, *replacements)) == found


@pytest.mark.parametrize(
    ('body', 'found'), [
        pytest.param(
            LABEL + '\n* ``os-extend`` takes the new size in GiB.\n',
            [],
            id="a label with the author's text after it",
        ),
        pytest.param(
            LABEL + '\n  * ``os-extend`` takes the new size in GiB.\n',
            [],
            id="a label with the author's text nested under it",
        ),
        pytest.param(
            EXAMPLE_ITEM + '\n* ``os-extend`` returns 202.\n',
            [t103(16, '* Example use case including typical API samples for '
                      'both da...')],
            id="no label: the author's text after it answers nothing",
        ),
        pytest.param(
            EXAMPLE_ITEM + '\n::\n\n  POST /servers/1/action\n',
            [],
            id='followed by a literal block',
        ),
        pytest.param(
            URL_ITEM.replace('URL', 'URL: none'),
            [],
            id='words added on the same line',
        ),
        pytest.param(
            URL_ITEM,
            [t103(16, '* Parameters which can be passed via the URL')],
            id='the same item as in the template',
        ),
    ],
)
def test_t103_labels_and_items(body: str, found: list[str]) -> None:
    text = edit(NOVA_SPEC, (API_TEXT, body))
    assert run(text, nova_template()) == found


def test_t103_a_label_wrapped_onto_its_items_indentation() -> None:
    """A label is a block the template fills in below it, deeper than
    its first line, even where its own wrapped lines stand as deep."""
    wrapped = LABEL.replace(' by this', '\n  by this')
    template = Template(Spec('template.rst',
                             edit(NOVA_TEMPLATE, (LABEL, wrapped)).encode()))
    text = edit(NOVA_SPEC, (
        API_TEXT, wrapped + '\n* ``os-extend`` takes the new size in GiB.\n',
    ))
    assert run(text, template) == []


@pytest.mark.parametrize(
    ('least', 'found'), [(8, True), (9, False)],
)
def test_t103_min_words(least: int, found: bool) -> None:
    text = edit(NOVA_SPEC, (API_TEXT, URL_ITEM))  # 8 words
    assert run(text, nova_template(), leftover_min_words=least) == (
        [t103(16, '* Parameters which can be passed via the URL')]
        if found else []
    )


@pytest.mark.parametrize(
    ('keep', 'found'), [
        ((), True),
        (('Optional section intended to be used',), False),
        (('optional *SECTION* intended',), False),
        (('intended to be used each time',), True),  # not how it starts
    ],
)
def test_t103_leftover_keep(keep: tuple[str, ...], found: bool) -> None:
    text = edit(NOVA_SPEC, (HISTORY_TEXT, HISTORY_GUIDANCE))
    assert run(text, nova_template(), leftover_keep=keep) == (
        [t103(21, 'Optional section intended to be used each time the spec '
                  'is u...')]
        if found else []
    )


def test_t104_placeholders_left_in() -> None:
    text = edit(NOVA_SPEC, (
        API_TEXT,
        'Ask <team lead> about the <project> quota.\n\n'
        '  * and <team lead> again, not <name>\n',
    ))
    assert run(text, nova_template()) == [
        f"{PATH}:16:5: T104 placeholder '<team lead>' not filled in",
        f"{PATH}:16:27: T104 placeholder '<project>' not filled in",
        f"{PATH}:18:9: T104 placeholder '<team lead>' not filled in",
    ]


def test_guidance_with_a_placeholder_is_one_t104_not_also_t103() -> None:
    """One mistake, one finding: the copied paragraph is reported by the
    placeholder left in it."""
    text = edit(NOVA_SPEC, (
        API_TEXT,
        'Contact <team lead> in the <project> channel before you start, see\n'
        '`the guide <https://docs.openstack.org/nova/latest/>`_, '
        '<http://example.com/x>\nor <mailto:nova@example.com>.\n',
    ))
    assert run(text, nova_template()) == [
        f"{PATH}:16:9: T104 placeholder '<team lead>' not filled in",
        f"{PATH}:16:28: T104 placeholder '<project>' not filled in",
    ]


@pytest.mark.parametrize(('url', 'expected'), [
    pytest.param('https://blueprints.launchpad.net/nova/+spec/example', [
        f"{PATH}:11:38: T104 blueprint URL not filled in: '+spec/example' "
        "is the template's placeholder; link the spec's blueprint",
    ], id="the template's"),
    pytest.param('https://blueprints.launchpad.net/nova/+spec/example-two',
                 [], id='a blueprint of its own'),
])
def test_t104_the_templates_blueprint_url_left_in(
        url: str, expected: list[str],
) -> None:
    text = edit(NOVA_SPEC, (
        'https://blueprints.launchpad.net/nova/+spec/volume-resize', url,
    ))
    assert run(text, nova_template()) == expected


BLUEPRINT = 'https://blueprints.launchpad.net/nova/+spec/'


@pytest.mark.parametrize(('intro', 'expected'), [
    pytest.param(f'See {BLUEPRINT}volume-\nresize here.\n',
                 (4, 'volume-resize'), id='wrapped after a hyphen'),
    pytest.param(f'{BLUEPRINT}volume-resize\nis the blueprint.\n',
                 (4, 'volume-resize'), id='not wrapped: the next line is not '
                 'part of it'),
    pytest.param(f'{BLUEPRINT}volume-resize.\n', (4, 'volume-resize'),
                 id='the full stop after it'),
    pytest.param(f'{BLUEPRINT}volume-', (4, 'volume-'),
                 id='a hyphen at the end of the last line'),
    pytest.param(f'Text.\n\nSection\n=======\n\n{BLUEPRINT}x\n', None,
                 id='in a section, not the introduction'),
])
def test_intro_blueprint(
        intro: str, expected: tuple[int, str] | None,
) -> None:
    spec = Spec(PATH, f'Title\n=====\n\n{intro}'.encode())
    assert leftovers.intro_blueprint(spec) == expected


def test_t104_not_for_urls() -> None:
    text = edit(NOVA_SPEC, (
        API_TEXT,
        'See `the guide <https://docs.openstack.org/nova/latest/>`_,\n'
        '<http://example.com/x> or <mailto:nova@example.com>.\n',
    ))
    assert run(text, nova_template()) == []


@pytest.mark.parametrize(
    ('comments', 'found'), [
        (False, []),
        (True, [f"{PATH}:16:1: T105 template instruction comment left in: "
                "'.. This template should be in ReSTructured text. Please "
                "do n...'; delete it"]),
    ],
)
def test_t105_only_when_selected(
        comments: bool, found: list[str],
) -> None:
    text = edit(NOVA_SPEC, (
        API_TEXT,
        INSTRUCTIONS + '\n.. TODO: ask the API team about the new action and '
        'its policy\n\n' + API_TEXT,
    ))
    assert run(text, nova_template(),
               select=('T',) if comments else ()) == found


DESIGNATE_HEADER = (
    '..\n'
    '\n'
    'This work is licensed under a Creative Commons Attribution 3.0 Unported '
    'License.\n'
    'http://creativecommons.org/licenses/by/3.0/legalcode\n'
)
OSLO_NOTE = (
    '.. note::\n'
    '\n'
    '  This work is licensed under a Creative Commons Attribution 3.0\n'
    '  Unported License.\n'
    '  http://creativecommons.org/licenses/by/3.0/legalcode\n'
)
UNLICENSED_TEMPLATE = NOVA_TEMPLATE.replace(CC_BY + '\n', '')
UNLICENSED_SPEC = NOVA_SPEC.replace(CC_BY + '\n', '')


@pytest.mark.parametrize(
    ('template_text', 'spec_text'), [
        pytest.param(NOVA_TEMPLATE, NOVA_SPEC, id='comment'),
        pytest.param(
            DESIGNATE_HEADER + '\n' + UNLICENSED_TEMPLATE,
            DESIGNATE_HEADER + '\n' + UNLICENSED_SPEC,
            id="designate's paragraph",
        ),
        pytest.param(
            UNLICENSED_TEMPLATE + '\n' + OSLO_NOTE,
            UNLICENSED_SPEC + '\n' + OSLO_NOTE,
            id="oslo's note at the end",
        ),
    ],
)
def test_the_license_is_never_a_leftover(
        template_text: str, spec_text: str,
) -> None:
    template = Template(Spec('template.rst', template_text.encode()))
    assert template_license(template) is not None
    assert run(spec_text, template, select=('T',)) == []


def fixed(spec_text: str, **options: object) -> str:
    spec = Spec(PATH, spec_text.encode())
    edits = leftovers.fix(spec, context(load_settings(None, options),
                                        load_template(DEFAULT_TEMPLATE),
                                        PATH))
    return fixes.apply(spec, edits).decode()


@pytest.mark.parametrize(
    ('paragraph', 'after'), [
        pytest.param(DELETE_ME, '\n', id='verbatim'),
        pytest.param(DELETE_ME, '\n\n', id='only one blank line goes'),
        pytest.param(
            ' '.join(DELETE_ME.split()).replace('. ', '.\n') + '\n', '\n',
            id='re-wrapped',
        ),
    ],
)
def test_fix_removes_the_template_paragraph(
        example_text: str, paragraph: str, after: str,
) -> None:
    text = edit(example_text, (TITLE, paragraph + after + TITLE))
    extra = after[1:]
    assert fixed(text) == edit(example_text, (TITLE, extra + TITLE))
    assert run(fixed(text)) == []


@pytest.mark.parametrize(
    'paragraph', [
        pytest.param(
            DELETE_ME + 'The resize is done online by the driver; see the\n'
            'problem description below for why it matters to operators.\n',
            id='two lines added',
        ),
        pytest.param(
            DELETE_ME + 'We keep the volume attached.\n',
            id='one sentence added',
        ),
        pytest.param(
            '*Delete this paragraph when you write your blueprint.* Here\n'
            'are some simple instructions.\n',
            id='shortened',
        ),
        pytest.param(
            'Delete this paragraph  when you write\nyour blueprint! See '
            'the `wiki <https://wiki.example.org>`_.\n',
            id='re-marked, re-worded after the first sentence',
        ),
    ],
)
def test_fix_removes_a_paragraph_that_starts_with_the_instruction(
        example_text: str, paragraph: str,
) -> None:
    """The whole paragraph goes, and nothing after it."""
    text = edit(example_text, (TITLE, paragraph + '\n' + TITLE))
    assert fixed(text) == example_text


@pytest.mark.parametrize(
    'paragraph', [
        pytest.param(
            'Delete this paragraph once the cinder API is merged.\n',
            id="the author's own sentence",
        ),
        pytest.param(
            'Please, delete this paragraph when you write your blueprint.\n',
            id='a word before the instruction',
        ),
        pytest.param(
            'Here are some simple instructions. *Delete this paragraph when '
            'you\nwrite your blueprint.*\n',
            id='the instruction is not the first sentence',
        ),
    ],
)
def test_fix_leaves_a_paragraph_the_author_wrote(
        example_text: str, paragraph: str,
) -> None:
    text = edit(example_text, (TITLE, paragraph + '\n' + TITLE))
    assert fixed(text) == text
    assert [d.split()[1] for d in run(text)] == ['T101']


@pytest.mark.parametrize(
    ('paragraph', 'removable'), [
        pytest.param('Here are some simple instructions. Delete this '
                     'paragraph when\nyou write your spec.\n', True,
                     id="the template's"),
        pytest.param('Here are some simple instructions. Delete this '
                     'paragraph once\nthe API merges.\n', False,
                     id='its first sentence, which is no instruction'),
    ],
)
def test_t101_removable_by_a_first_sentence_only_if_it_instructs(
        paragraph: str, removable: bool,
) -> None:
    url = 'https://blueprints.launchpad.net/nova/+spec/example\n'
    template = Template(Spec('template.rst', edit(NOVA_TEMPLATE, (
        url, url + '\nHere are some simple instructions. Delete this '
        'paragraph when\nyou write your spec.\n',
    )).encode()))
    text = edit(NOVA_SPEC, (API_TEXT, paragraph + '\n' + API_TEXT))
    quoted = ' '.join(paragraph.split())[:60] + '...'
    assert run(text, template) == [t101(16, quoted, removable)]


NOVA_RELEASE = (
    ('specs/{release}/*/*.rst', ('specs/{release}-template.rst',)),
)


def test_nova_specs_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus('nova-specs'))
    settings = load_settings(None, {'templates': NOVA_RELEASE})
    paths = [
        path for path in sorted(glob.glob('specs/*/*/*.rst'))
        if not os.path.islink(path) and
        'template' not in os.path.basename(path) and
        os.path.basename(path) != 'index.rst' and
        # its template is a stored symlink in the corpus, not a template
        not path.startswith('specs/backlog/')
    ]
    assert len(paths) > 800
    found = [
        d for path in paths
        for d in check_file(path, files_context(settings, path),
                   [leftovers.check])[0]
    ]
    codes = collections.Counter(d.code for d in found)
    assert codes['T101'] == 0  # the phrase is nowhere in the corpus
    # Every copy of guidance left in nova's specs is the lead-in of the
    # author's own text: the History guidance above the revisions table,
    # the Assignee(s) guidance above the assignee.
    assert codes['T103'] == 0
    texts = {d.as_text() for d in found}
    assert {
        "specs/juno/approved/server-count-api.rst:277:3: T104 placeholder "
        "'<launchpad-id or None>' not filled in",
        "specs/kilo/implemented/api-microversions.rst:404:3: T104 "
        "placeholder '<launchpad-id or None>' not filled in",
    } <= texts
