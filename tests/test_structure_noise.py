"""Structure: what is not a mistake.  Section numbers, a series of the
spec's own sibling sections, a parent that says there is nothing, a
section of one title under two parents, a companion spec of a blueprint
that has its own, and a related blueprint's URL in the introduction."""
from __future__ import annotations

import pathlib

import pytest

from spec_hooks.checks import structure
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from tests.conftest import files_context
from tests.test_structure import SMALL_TEMPLATE
from tests.test_structure_mistakes import SMALL_SPEC, edit, small

EXTRA = ("is not in the template: rename it to a template section's title "
         'or remove it')
PROBLEM = 'Problem\n=======\n'
PROPOSAL = 'Proposal\n========\n'
HISTORY = 'History\n=======\n'
ALTERNATIVES = 'Alternatives\n------------\n'
DATA_MODEL = 'Data model\n----------\n\nText.\n\n'


def s(line: int, code: str, message: str) -> str:
    return f'my-spec.rst:{line}:1: {code} {message}'


@pytest.mark.parametrize(
    ('replacements', 'expected'), [
        pytest.param(
            [(PROBLEM, '1. Problem\n==========\n'),
             (PROPOSAL, '2. Proposal\n===========\n'),
             (ALTERNATIVES, '2.1 Alternatives\n----------------\n'),
             (HISTORY, '3. History\n==========\n')], [],
            id='numbered 1., 2.1, 3.',
        ),
        pytest.param(
            [(PROBLEM, 'A. Problem\n==========\n'),
             (HISTORY, 'IV. History\n===========\n')], [],
            id='a letter and a roman number',
        ),
        pytest.param(
            [(PROPOSAL, '2. proposal\n===========\n')],
            [s(17, 'S107', "section title '2. proposal' differs in case "
               "from the template's 'Proposal'")],
            id='a number does not hide a case typo',
        ),
        pytest.param(
            [(PROPOSAL, '2. Proposl\n==========\n')],
            [s(17, 'S107', "section title '2. Proposl' is not in the "
               "template; did you mean 'Proposal'?")],
            id='nor a misspelling',
        ),
        pytest.param(
            [(HISTORY, '2020 History\n============\n')],
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
    assert small(edit(SMALL_SPEC, (ALTERNATIVES, alternatives))) == expected


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
    proposal = (PROPOSAL + '\nText.\n\n' + ALTERNATIVES + '\nText.\n\n' +
                DATA_MODEL)
    spec = edit(SMALL_SPEC, (proposal, f'{PROPOSAL}\n{text}\n\n'))
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


def check_tree(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
               files: dict[str, str], spec: str) -> list[str]:
    """The structure findings on ``spec``, a file of a tree of
    ``files``, run from the tree's root."""
    monkeypatch.chdir(tmp_path)
    structure._spec_files.cache_clear()
    (tmp_path / 'template.rst').write_text(SMALL_TEMPLATE)
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
