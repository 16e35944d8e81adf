"""Structure: specs with several mistakes at once, sections moved or
repeated with their subsections, and the blueprint URL wrapped across
lines.  Every mistake must give its own finding, and only one.  And what
is no mistake: section numbers, a series of the spec's own sibling
sections, a parent that says there is nothing, a section of one title
under two parents, a companion spec of a blueprint that has its own, and
a related blueprint's URL in the introduction."""
from __future__ import annotations

import pathlib

import pytest

from spec_hooks.checks import structure
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, Template, load_template
from tests.conftest import context, files_context
from tests.test_structure import SMALL_TEMPLATE

SMALL_SPEC = SMALL_TEMPLATE.replace(' Title\n', ' My spec\n')
TITLE = '=========\n My spec\n=========\n'
PROPOSAL = (
    'Proposal\n========\n\nText.\n\nAlternatives\n------------\n\nText.\n\n'
    'Data model\n----------\n\nText.\n\n'
)
HISTORY = 'History\n=======\n\nText.\n'
USE_CASES = 'Use cases\n---------\n\nText.\n\n'

# Places in examples/awesome-thing.rst.
URL = 'https://blueprints.launchpad.net/nova/+spec/awesome-thing\n'
PROBLEM = (
    'Detailed problem description\n============================\n\n'
    'Growing a volume today needs the server to be shut off, which costs '
    'users\ndowntime they should not need to pay.\n\n'
)
DEPENDENCIES = 'Dependencies\n============\n\nNone.\n\n'
TESTING = 'Testing\n=======\n'
TESTING_TEXT = 'A tempest test resizes a volume of an active server.\n\n'
DOCS_TEXT = 'The admin guide gains a section on online resize.\n'


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def diagnostics(
        text: str, template: Template, path: str, **options: object,
) -> list[str]:
    settings = load_settings(None, options)
    found = structure.check(Spec(path, text.encode()),
                            context(settings, template, path))
    return [d.as_text() for d in sorted(found, key=Diagnostic.key)]


def small(text: str, **options: object) -> list[str]:
    template = Template(Spec('template.rst', SMALL_TEMPLATE.encode()))
    return diagnostics(text, template, 'my-spec.rst', **options)


def example(text: str, **options: object) -> list[str]:
    return diagnostics(text, load_template(DEFAULT_TEMPLATE),
                       'awesome-thing.rst', **options)


def s(line: int, code: str, message: str, path: str = 'my-spec.rst') -> str:
    return f'{path}:{line}:1: {code} {message}'


def a(line: int, code: str, message: str) -> str:
    return s(line, code, message, 'awesome-thing.rst')


EXTRA = ("is not in the template: rename it to a template section's title "
         'or remove it')


@pytest.mark.parametrize(
    ('replacements', 'expected'), [
        pytest.param(
            [('Testing\n=======', 'Testin\n======'),
             ('Dependencies\n============', 'Dependancies\n============')],
            [a(39, 'S107', "section title 'Dependancies' is not in the "
               "template; did you mean 'Dependencies'?"),
             a(54, 'S107', "section title 'Testin' is not in the template; "
               "did you mean 'Testing'?")],
            id='two typos',
        ),
        pytest.param(
            [(TESTING, TESTING + '\nOne.\n\n' + TESTING),
             (DEPENDENCIES, DEPENDENCIES + DEPENDENCIES)],
            [a(44, 'S108', "duplicate section 'Dependencies' (first at line "
               '39): merge the two'),
             a(64, 'S108', "duplicate section 'Testing' (first at line 59): "
               'merge the two')],
            id='two duplicates',
        ),
        pytest.param(
            [(DEPENDENCIES, ''),
             (TESTING + '\n' + TESTING_TEXT, 'Rollout\n=======\n\nIn two '
              'steps.\n\n'),
             ('Implementation\n==============', 'Staffing\n========')],
            [a(33, 'S103', "missing section 'Dependencies': the template "
               "puts it after 'Proposed change'"),
             a(33, 'S103', "missing section 'Implementation': the template "
               "puts it after 'Dependencies'"),
             a(39, 'S104', f"section 'Staffing' {EXTRA}"),
             a(44, 'S103', "missing section 'Testing': the template puts it "
               "after 'Alternative implementations'"),
             a(49, 'S104', f"section 'Rollout' {EXTRA}")],
            id='three missing, two extra',
        ),
        pytest.param(
            [(DEPENDENCIES, ''), (PROBLEM, ''),
             (DOCS_TEXT, DOCS_TEXT + '\n' + DEPENDENCIES.rstrip('\n')),
             (TESTING, PROBLEM + TESTING)],
            [a(43, 'S105', "section 'Detailed problem description' is out "
               "of order: the template puts it before 'Proposed change'"),
             a(59, 'S105', "section 'Dependencies' is out of order: the "
               "template puts it after 'Proposed change'")],
            id='two sections moved',
        ),
        pytest.param(
            [('Implementation\n==============', 'implementation\n'
              '=============='), (TESTING + '\n' + TESTING_TEXT, '')],
            [a(44, 'S107', "section title 'implementation' differs in case "
               "from the template's 'Implementation'"),
             a(49, 'S103', "missing section 'Testing': the template puts it "
               "after 'Alternative implementations'")],
            id='a case typo and a missing section',
        ),
    ],
)
def test_several_mistakes_in_the_example(
        example_text: str, replacements: list[tuple[str, str]],
        expected: list[str],
) -> None:
    assert example(edit(example_text, *replacements)) == expected


@pytest.mark.parametrize(
    ('replacements', 'options', 'expected'), [
        pytest.param(
            [(PROPOSAL, ''), (HISTORY, HISTORY + '\n' + PROPOSAL)], {},
            # Moving 'History' after 'Proposal' is the smaller edit: a
            # section moves with its subsections.
            [s(17, 'S105', "section 'History' is out of order: the template "
               "puts it after 'Proposal'")],
            id='moved after the last, with its subsections',
        ),
        pytest.param(
            [(PROPOSAL, ''), ('Problem\n=======', PROPOSAL + 'Problem\n'
                                                  '=======')], {},
            [s(22, 'S105', "section 'Problem' is out of order: the template "
               "puts it before 'Proposal'")],
            id='moved first, with its subsections',
        ),
        pytest.param(
            [('Alternatives\n------------\n\nText.\n\nData model\n----------'
              '\n\nText.\n', 'Data model\n----------\n\nText.\n\n'
              'Alternatives\n------------\n\nText.\n')], {},
            [s(27, 'S105', "section 'Alternatives' is out of order: the "
               "template puts it before 'Data model'")],
            id='two subsections swapped',
        ),
        pytest.param(
            [(HISTORY, PROPOSAL + HISTORY)], {},
            [s(32, 'S108', "duplicate section 'Proposal' (first at line 17): "
               'merge the two')],
            id='duplicate with its subsections: one finding',
        ),
        pytest.param(
            [(HISTORY, PROPOSAL + 'Proposal\n========\n\nAgain.\n\n'
              + HISTORY)], {},
            [s(32, 'S108', "duplicate section 'Proposal' (first at line 17): "
               'merge the two'),
             s(47, 'S108', "duplicate section 'Proposal' (first at line 17): "
               'merge the two')],
            id='two duplicates of a section with subsections',
        ),
        pytest.param(
            [('Data model\n----------\n\nText.\n\n', ''),
             (HISTORY, 'Proposal\n========\n\nMore.\n\nData model\n'
              '----------\n\nText.\n\n' + HISTORY)], {},
            [s(27, 'S108', "duplicate section 'Proposal' (first at line 17): "
               'merge the two')],
            id='a section split in two: nothing below the second matched, '
               'nor missing from the first',
        ),
        pytest.param(
            [('Data model\n----------\n\nText.\n\n', 'Data model\n'
              '----------\n\nText.\n\nAlternatives\n------------\n\n'
              'Again.\n\nData model\n----------\n\nAgain.\n\n')], {},
            [s(32, 'S108', "duplicate sections 'Alternatives', 'Data model' "
               '(first at lines 22, 27): merge each with its first')],
            id='a block of sections pasted twice: one finding',
        ),
        pytest.param(
            [('Alternatives\n------------', 'Alternatives\n============'),
             ('Data model\n----------', 'Data model\n==========')], {},
            [s(22, 'S106', "sections 'Alternatives', 'Data model' are at "
               "level 2 ('=' under); the template has them at level 3 ('-' "
               "under), under 'Proposal'")],
            id='two subsections at section level: one finding',
        ),
        pytest.param(
            [('Alternatives\n------------', 'Alternatives\n============'),
             ('History\n=======', 'History\n-------')], {},
            [s(22, 'S106', "section 'Alternatives' is at level 2 ('=' "
               "under); the template has it at level 3 ('-' under), under "
               "'Proposal'"),
             s(32, 'S106', "section 'History' is at level 3 ('-' under); the "
               "template has it at level 2 ('=' under)")],
            id='one subsection too shallow, one section too deep: the '
               'subsection after it nests under it, no news',
        ),
        pytest.param(
            [('Proposal\n========\n\nText.\n\n', '')], {},
            [s(17, 'S103', "missing section 'Proposal': its subsections "
               "'Alternatives', 'Data model' stand under 'Problem'; the "
               "template puts it after 'Problem'")],
            id="a section's title left out: its subsections are named with "
               'it, not each under the wrong parent',
        ),
        pytest.param(
            [('Proposal\n========\n\nText.\n\n', 'Proposal\n--------\n\n')],
            {},
            [s(17, 'S106', "section 'Proposal' is at level 3 ('-' under); "
               "the template has it at level 2 ('=' under)")],
            id='a section a level too deep: its subsections after it are '
               'neither under the wrong parent nor is it empty',
        ),
        pytest.param(
            [('Alternatives\n----', 'Examples\n========\n\nText.\n\n'
              'Alternatives\n----')], {},
            [s(22, 'S106', "section 'Examples' is at level 2 ('=' under), so "
               "the subsections of 'Proposal' after it ('Alternatives', "
               "'Data model') nest under it: adorn it as they are adorned "
               "('-' under), within 'Proposal'")],
            id='a section the template lacks at the level of the one before '
               'it: one finding, on it',
        ),
        pytest.param(
            [('Alternatives\n----', 'Examples\n========\n\nText.\n\n'
              'Alternatives\n----')], {'allow_extra_subsections': False},
            [s(22, 'S104', f"section 'Examples' {EXTRA}"),
             s(22, 'S106', "section 'Examples' is at level 2 ('=' under), so "
               "the subsections of 'Proposal' after it ('Alternatives', "
               "'Data model') nest under it: adorn it as they are adorned "
               "('-' under), within 'Proposal'")],
            id='the same, where no extra subsection is allowed either',
        ),
        pytest.param(
            [(PROPOSAL, 'Alternatives\n------------\n\nText.\n\n'
              'Data model\n----------\n\nText.\n\nProposal\n========\n\n'
              'Text.\n\n')], {},
            [s(17, 'S105', "sections 'Alternatives', 'Data model' belong "
               "under 'Proposal', not 'Problem'")],
            id='subsections moved under another section: one finding',
        ),
        pytest.param(
            [('Problem\n=======', 'Summary\n-------\n\nText.\n\nProblem\n'
              '======='),
             ('Proposal\n========\n\nText.\n\n', 'Proposal\n========\n\n'
              '3.1 Terms\n---------\n\nText.\n\n')], {},
            [s(7, 'S104', f"section 'Summary' {EXTRA}"),
             s(7, 'S109', "level-2 titles are adorned '-' under where the "
               "template uses '=' under; level-3 titles are adorned '=' under "
               "where the template uses '-' under, so sections nest at other "
               'levels than in the template'),
             s(25, 'S104', f"section '3.1 Terms' {EXTRA}")],
            id='empty only because its subsection is adorned for a level '
               'above: S109, not S110',
        ),
        pytest.param(
            [('Use cases\n---------', 'Use cases\n========='),
             ('Alternatives\n------------', 'Alternatives\n============'),
             ('Data model\n----------', 'Data model\n==========')], {},
            [s(12, 'S106', "section 'Use cases' is at level 2 ('=' under); "
               "the template has it at level 3 ('-' under), under "
               "'Problem'"),
             s(22, 'S106', "sections 'Alternatives', 'Data model' are at "
               "level 2 ('=' under); the template has them at level 3 ('-' "
               "under), under 'Proposal'")],
            id='subsections of two sections at section level: one each',
        ),
        pytest.param(
            [(USE_CASES, USE_CASES + 'Alternatives\n------------\n\n'
              'None yet.\n\n')], {}, [],
            id="a subsection of another section's title, allowed",
        ),
        pytest.param(
            [(USE_CASES, USE_CASES + 'Alternatives\n------------\n\n'
              'None yet.\n\n')], {'allow_extra_subsections': False},
            [s(17, 'S104', f"section 'Alternatives' {EXTRA}")],
            id="a subsection of another section's title, refused",
        ),
        pytest.param(
            [(USE_CASES, ''), ('Data model\n----------\n\nText.\n\n', '')],
            {},
            [s(7, 'S103', "missing subsection 'Use cases': the template puts "
               "it first under 'Problem'"),
             s(17, 'S103', "missing subsection 'Data model': the template "
               "puts it after 'Alternatives'")],
            id='two missing subsections',
        ),
        pytest.param(
            [(USE_CASES, ''), (HISTORY, '')], {'require_subsections': False},
            [s(12, 'S103', "missing section 'History': the template puts it "
               "after 'Proposal'")],
            id='an optional subsection and a missing section',
        ),
        pytest.param(
            [(USE_CASES, ''), (HISTORY, '')],
            {'optional_sections': ('use cases',)},
            [s(12, 'S103', "missing section 'History': the template puts it "
               "after 'Proposal'")],
            id='an optional section and a missing section',
        ),
        pytest.param(
            [(USE_CASES, ''), (HISTORY, 'History\n=======\n')],
            {'per_file_optional_sections': (('my-*.rst', 'use cases, '
                                                         'History'),)},
            [],
            id='sections optional for the file, missing and empty',
        ),
        pytest.param(
            [(USE_CASES, ''), (HISTORY, '')],
            {'per_file_optional_sections': (('other-*.rst', 'Use cases'),)},
            [s(7, 'S103', "missing subsection 'Use cases': the template puts "
               "it first under 'Problem'"),
             s(12, 'S103', "missing section 'History': the template puts it "
               "after 'Proposal'")],
            id='sections optional for other files',
        ),
        pytest.param(
            [(TITLE + '\nIntro.\n\n', ''), (HISTORY, '')], {},
            [s(1, 'S101', "no document title: the spec starts with the "
               "section 'Problem'; add a title adorned '=' over and under "
               'above it'),
             s(11, 'S103', "missing section 'History': the template puts it "
               "after 'Proposal'")],
            id='no title and a missing section',
        ),
        pytest.param(
            [(TITLE + '\nIntro.\n\n', ''), (HISTORY, 'Notes\n=====\n\n'
                                                     'Text.\n')], {},
            [s(1, 'S101', "no document title: the spec starts with the "
               "section 'Problem'; add a title adorned '=' over and under "
               'above it'),
             s(11, 'S103', "missing section 'History': the template puts it "
               "after 'Proposal'"),
             s(26, 'S104', f"section 'Notes' {EXTRA}")],
            id='no title and a section renamed',
        ),
        pytest.param(
            [(TITLE + '\nIntro.\n\n', ''),
             ('Problem\n=======\n\nText.\n\n' + USE_CASES, '')], {},
            [s(1, 'S101', "no document title: the spec starts with the "
               "section 'Proposal'; add a title adorned '=' over and under "
               'above it'),
             s(1, 'S103', "missing section 'Problem': the template puts it "
               'first, after the title')],
            id='no title and the first section missing',
        ),
        pytest.param(
            [(USE_CASES, 'Use cases\n---------\n\n'), (HISTORY, 'History\n'
                                                       '=======\n')], {},
            [s(12, 'S110', "section 'Use cases' is empty: write its text, "
               "or 'None' if there is nothing to say"),
             s(30, 'S110', "section 'History' is empty: write its text, or "
               "'None' if there is nothing to say")],
            id='two empty sections',
        ),
        pytest.param(
            [(TITLE, 'My spec\n=======\n'), ('History\n=======',
                                             'Histroy\n=======')], {},
            [s(6, 'S102', "more than one top-level title: 'Problem' is at "
               "the level of the title 'My spec'; adorn the title with '=' "
               "over and under and sections below it differently"),
             s(31, 'S107', "section title 'Histroy' is not in the template; "
               "did you mean 'History'?")],
            id='title adorned like the sections, and a typo',
        ),
        pytest.param(
            [(TITLE, '#########\n My spec\n#########\n'),
             ('Problem\n=======', 'Problem\n-------'),
             ('Proposal\n========', 'Proposal\n--------'),
             ('History\n=======', 'History\n-------'),
             ('Use cases\n---------', 'Use cases\n=========')], {},
            [s(2, 'S109', "level-1 titles are adorned '#' over and under "
               "where the template uses '=' over and under; level-2 titles "
               "are adorned '-' under where the template uses '=' under; "
               "level-3 titles are adorned '=' under where the template uses "
               "'-' under, so sections nest at other levels than in the "
               'template')],
            id='every level adorned otherwise, the title too',
        ),
        pytest.param(
            [(TITLE, 'My spec\n~~~~~~~\n'),
             ('Problem\n=======', 'Problem\n-------'),
             ('Proposal\n========', 'Proposal\n--------'),
             ('History\n=======', 'History\n-------'),
             ('Use cases\n---------', 'Use cases\n^^^^^^^^^'),
             ('Alternatives\n------------', 'Alternatives\n^^^^^^^^^^^^'),
             ('Data model\n----------', 'Data model\n^^^^^^^^^^')], {}, [],
            id='every level adorned otherwise but nesting alike',
        ),
    ],
)
def test_several_mistakes_with_subsections(
        replacements: list[tuple[str, str]], options: dict[str, object],
        expected: list[str],
) -> None:
    assert small(edit(SMALL_SPEC, *replacements), **options) == expected


def blueprint(text: str) -> str:
    return f'{text}\n\nOperators want to grow'


@pytest.mark.parametrize(
    ('url', 'expected'), [
        pytest.param(
            'See https://blueprints.launchpad.net/nova/+spec/awesome-\n'
            'thing for the details.\n', [],
            id='wrapped after a hyphen',
        ),
        pytest.param(
            'See https://blueprints.launchpad.net/nova/+spec/awesome-\n'
            'stuff for the details.\n',
            [a(23, 'S112', "blueprint URL names 'awesome-stuff' but the file "
               "is 'awesome-thing.rst': rename one to match the other")],
            id='wrapped, naming another blueprint',
        ),
        pytest.param(
            'https://blueprints.launchpad.net/nova/+spec/awesome- thing\n',
            [a(23, 'S112', "blueprint URL names 'awesome-' but the file is "
               "'awesome-thing.rst': rename one to match the other")],
            id='a hyphen before a space is not a wrap',
        ),
        pytest.param(
            'https://blueprints.launchpad.net/nova/+spec/awesome-things.\n',
            [a(23, 'S112', "blueprint URL names 'awesome-things' but the file "
               "is 'awesome-thing.rst': rename one to match the other")],
            id='the full stop after it is not part of it',
        ),
        pytest.param(
            URL + 'https://blueprints.launchpad.net/nova/+spec/other\n', [],
            id='the first URL is the blueprint; others are related ones',
        ),
    ],
)
def test_blueprint_url(
        example_text: str, url: str, expected: list[str],
) -> None:
    assert example(edit(example_text, (URL, url))) == expected


def test_a_blueprint_url_in_a_section_is_not_the_introductions(
        example_text: str,
) -> None:
    text = edit(example_text, (URL, ''), (
        'downtime they',
        'https://blueprints.launchpad.net/nova/+spec/other\ndowntime they',
    ))
    assert example(text) == []


# What is no mistake -------------------------------------------------------

PROBLEM_TITLE = 'Problem\n=======\n'
PROPOSAL_TITLE = 'Proposal\n========\n'
HISTORY_TITLE = 'History\n=======\n'
ALTERNATIVES_TITLE = 'Alternatives\n------------\n'
DATA_MODEL_TEXT = 'Data model\n----------\n\nText.\n\n'



@pytest.mark.parametrize(
    ('replacements', 'expected'), [
        pytest.param(
            [(PROBLEM_TITLE, '1. Problem\n==========\n'),
             (PROPOSAL_TITLE, '2. Proposal\n===========\n'),
             (ALTERNATIVES_TITLE, '2.1 Alternatives\n----------------\n'),
             (HISTORY_TITLE, '3. History\n==========\n')], [],
            id='numbered 1., 2.1, 3.',
        ),
        pytest.param(
            [(PROBLEM_TITLE, 'A. Problem\n==========\n'),
             (HISTORY_TITLE, 'IV. History\n===========\n')], [],
            id='a letter and a roman number',
        ),
        pytest.param(
            [(PROPOSAL_TITLE, '2. proposal\n===========\n')],
            [s(17, 'S107', "section title '2. proposal' differs in case "
               "from the template's 'Proposal'")],
            id='a number does not hide a case typo',
        ),
        pytest.param(
            [(PROPOSAL_TITLE, '2. Proposl\n==========\n')],
            [s(17, 'S107', "section title '2. Proposl' is not in the "
               "template; did you mean 'Proposal'?")],
            id='nor a misspelling',
        ),
        pytest.param(
            [(HISTORY_TITLE, '2020 History\n============\n')],
            [s(17, 'S103', "missing section 'History': the template puts "
               "it after 'Proposal'"),
             s(32, 'S104', f"section '2020 History' {EXTRA}")],
            id='a number without a full stop is part of the title',
        ),
    ],
)
def test_section_numbers(
        replacements: list[tuple[str, str]], expected: list[str],
) -> None:
    assert small(edit(SMALL_SPEC, *replacements)) == expected


@pytest.mark.parametrize(
    ('alternatives', 'expected'), [
        pytest.param(
            'Alternative 1\n-------------\n\nText.\n\n'
            'Alternative 2\n-------------\n',
            [s(17, 'S103', "missing subsection 'Alternatives': the template "
               "puts it first under 'Proposal'")],
            id='a series of the spec is not one misspelled title',
        ),
        pytest.param(
            'Alternative 1\n-------------\n',
            [s(22, 'S107', "section title 'Alternative 1' is not in the "
               "template; did you mean 'Alternatives'?")],
            id='one alone is',
        ),
        pytest.param(
            'Alternative 1\n-------------\n\nText.\n\n'
            'Alternatives\n------------\n', [],
            id='the title itself there besides',
        ),
    ],
)
def test_a_series_of_sibling_sections(
        alternatives: str, expected: list[str],
) -> None:
    spec = edit(SMALL_SPEC, (ALTERNATIVES_TITLE, alternatives))
    assert small(spec) == expected


MISSING = [
    s(17, 'S103', "missing subsection 'Alternatives': the template puts it "
      "first under 'Proposal'"),
    s(17, 'S103', "missing subsection 'Data model': the template puts it "
      "after 'Alternatives'"),
]


@pytest.mark.parametrize(
    ('text', 'expected'), [
        ('None.', []),
        ('N/A', []),
        ('Not applicable.', []),
        ('No changes to the proposal are required.', []),
        ('There are no changes.', []),
        ('Nothing to change.', []),
        ('None, but the client gains a command.', MISSING),
        ('No change. The client gains a command.', MISSING),
        ('Notable changes come.', MISSING),
        ('No change to the server, a new command in the client; ' * 3,
         MISSING),
    ],
)
def test_a_parent_that_says_there_is_nothing(
        text: str, expected: list[str],
) -> None:
    proposal = (f'{PROPOSAL_TITLE}\nText.\n\n{ALTERNATIVES_TITLE}\nText.\n\n'
                f'{DATA_MODEL_TEXT}')
    spec = edit(SMALL_SPEC, (proposal, f'{PROPOSAL_TITLE}\n{text}\n\n'))
    assert small(spec, require_subsections=True) == expected


def test_a_section_of_one_title_under_two_parents_is_no_duplicate() -> None:
    use_cases = 'Use cases\n---------\n\nText.\n\n'
    spec = edit(SMALL_SPEC, (use_cases, '')) + (
        f'\nRoadmap\n=======\n\nText.\n\n{use_cases}'
        f'Plan\n====\n\nText.\n\n{use_cases}')
    assert small(spec) == [
        s(32, 'S104', f"section 'Roadmap' {EXTRA}"),
        s(37, 'S105', "section 'Use cases' belongs under 'Problem', not "
          "'Roadmap'"),
        s(42, 'S104', f"section 'Plan' {EXTRA}"),
    ]


BLUEPRINTS = 'https://blueprints.launchpad.net/x/+spec/'


# A template that asks for a blueprint URL, so names must follow it.
BLUEPRINT_TEMPLATE = SMALL_TEMPLATE.replace('Intro.\n',
                                            f'{BLUEPRINTS}example\n')


def check_tree(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
               files: dict[str, str], spec: str,
               template: str = BLUEPRINT_TEMPLATE) -> list[str]:
    """The structure findings on ``spec``, a file of a tree of
    ``files``, run from the tree's root."""
    monkeypatch.chdir(tmp_path)
    structure._spec_files.cache_clear()
    (tmp_path / 'template.rst').write_text(template)
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    settings = load_settings(None, {'template': 'template.rst'})
    found, _ = check_file(spec, files_context(settings, spec),
                          [structure.check])
    return [d.as_text() for d in found]


def linking(intro: str) -> str:
    return SMALL_SPEC.replace('Intro.\n', intro)


@pytest.mark.parametrize(
    ('files', 'expected'), [
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n'),
             'specs/b/encrypt.rst': linking(f'{BLUEPRINTS}encrypt\n')}, [],
            id="the blueprint's spec is beside it",
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n'),
             'specs/b/encrypt-part1.rst': ''}, [],
            id='a part named after the blueprint is beside it',
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n'),
             'specs/a/encrypt.rst': linking(f'{BLUEPRINTS}encrypt\n')},
            ["specs/b/libvirt-part.rst:5:1: S112 blueprint URL names "
             "'encrypt' but the file is 'libvirt-part.rst': rename one to "
             "match the other"],
            id='in another release directory: it could be renamed',
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n'),
             'specs/a/encryption.rst': linking(f'{BLUEPRINTS}encrypt\n')},
            ["specs/b/libvirt-part.rst:5:1: S112 blueprint URL names "
             "'encrypt' but the file is 'libvirt-part.rst': rename one to "
             "match the other"],
            id='no file is named after the blueprint',
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n'),
             'specs/b/encrypt.txt': ''},
            ["specs/b/libvirt-part.rst:5:1: S112 blueprint URL names "
             "'encrypt' but the file is 'libvirt-part.rst': rename one to "
             "match the other"],
            id='a file of that name but no spec',
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(
                f':problem: `Earlier work`_ did half.\n\n'
                f'          .. _Earlier work: {BLUEPRINTS}earlier\n\n'
                f':link: {BLUEPRINTS}libvirt-part\n')}, [],
            id="a related blueprint's hyperlink target, then its own",
        ),
        pytest.param(
            {'specs/b/libvirt-part.rst': linking(
                f'.. _Earlier work: {BLUEPRINTS}earlier\n')},
            ["specs/b/libvirt-part.rst:5:1: S112 blueprint URL names "
             "'earlier' but the file is 'libvirt-part.rst': rename one to "
             "match the other"],
            id='a hyperlink target alone',
        ),
    ],
)
def test_the_blueprint_of_another_file(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        files: dict[str, str], expected: list[str],
) -> None:
    assert check_tree(tmp_path, monkeypatch, files,
                      'specs/b/libvirt-part.rst') == expected


def test_no_name_rule_where_the_template_shows_no_blueprint_url(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A template that links a bug or a story sets no rule tying the
    file name to a blueprint: an older spec's blueprint URL is no
    reason to rename it."""
    files = {'specs/b/libvirt-part.rst': linking(f'{BLUEPRINTS}encrypt\n')}
    assert check_tree(tmp_path, monkeypatch, files,
                      'specs/b/libvirt-part.rst', SMALL_TEMPLATE) == []
