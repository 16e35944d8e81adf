from __future__ import annotations

import collections
import glob
import os

import pytest

from spec_hooks.checks import structure
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, Template, load_template
from tests.conftest import context, corpus, files_context

PATH = 'awesome-thing.rst'


def run(text: str, path: str = PATH, **options: object) -> list[str]:
    settings = load_settings(None, options)
    spec = Spec(path, text.encode())
    template = load_template(DEFAULT_TEMPLATE)
    found = structure.check(spec, context(settings, template, path))
    return [d.as_text() for d in sorted(found, key=Diagnostic.key)]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


PROBLEM = 'Detailed problem description\n============================\n'
TESTING = 'Testing\n=======\n'
DOCS = 'Documentation impact\n====================\n'


def test_example_is_clean(example_text: str) -> None:
    assert run(example_text) == []


@pytest.mark.parametrize(
    ('replacements', 'expected'), [
        pytest.param(
            [(PROBLEM, 'Detailed problem descripton\n'
                       '===========================\n')],
            ["awesome-thing.rst:27:1: S107 section title 'Detailed problem "
             "descripton' is not in the template; did you mean 'Detailed "
             "problem description'?"],
            id='typo: one did-you-mean, no missing or extra',
        ),
        pytest.param(
            [(TESTING, 'testing\n=======\n')],
            ["awesome-thing.rst:54:1: S107 section title 'testing' differs "
             "in case from the template's 'Testing'"],
            id='case',
        ),
        pytest.param(
            [(DOCS + '\nThe admin guide gains a section on online resize.\n',
              '')],
            ["awesome-thing.rst:54:1: S103 missing section 'Documentation "
             "impact': the template puts it after 'Testing'"],
            id='missing last section',
        ),
        pytest.param(
            [(PROBLEM + '\nGrowing a volume today needs the server to be '
              'shut off, which costs users\ndowntime they should not need '
              'to pay.\n\n', '')],
            ["awesome-thing.rst:20:1: S103 missing section 'Detailed "
             "problem description': the template puts it first, after the "
             'title'],
            id='missing first section',
        ),
        pytest.param(
            [(TESTING, 'Rollout\n=======\n\nIn two steps.\n\n' + TESTING)],
            ["awesome-thing.rst:54:1: S104 section 'Rollout' is not in the "
             "template: rename it to a template section's title or remove "
             'it'],
            id='extra section',
        ),
        pytest.param(
            [(TESTING, 'Testing\n-------\n')],
            ["awesome-thing.rst:54:1: S106 section 'Testing' is at level 3 "
             "('-' under); the template has it at level 2 ('=' under)"],
            id='wrong depth: not missing + extra',
        ),
        pytest.param(
            [(TESTING + '\nA tempest test resizes a volume of an active '
              'server.\n', ''),
             (PROBLEM, TESTING + '\nA tempest test.\n\n' + PROBLEM)],
            ["awesome-thing.rst:27:1: S105 section 'Testing' is out of "
             "order: the template puts it after 'Alternative "
             "implementations'"],
            id='one displaced section, one finding',
        ),
        pytest.param(
            [(TESTING, 'Dependencies\n============\n\nMore.\n\n'
              + TESTING)],
            ["awesome-thing.rst:54:1: S108 duplicate section 'Dependencies' "
             '(first at line 39): merge the two'],
            id='duplicate',
        ),
        pytest.param(
            [('\nNone.\n', '\n')],
            ["awesome-thing.rst:39:1: S110 section 'Dependencies' is empty: "
             "write its text, or 'None' if there is nothing to say"],
            id='empty section',
        ),
        pytest.param(
            [('==================================\n'
              ' Resize volumes of running servers\n'
              '==================================\n', '')],
            ["awesome-thing.rst:24:1: S101 no document title: the spec "
             "starts with the section 'Detailed problem description'; add a "
             "title adorned '=' over and under above it"],
            id='no title: sections become top level',
        ),
        pytest.param(
            [('/+spec/awesome-thing', '/+spec/other-thing')],
            ["awesome-thing.rst:23:1: S112 blueprint URL names 'other-thing' "
             "but the file is 'awesome-thing.rst': rename one to match the "
             'other'],
            id='blueprint URL',
        ),
    ],
)
def test_rules(
        example_text: str, replacements: list[tuple[str, str]],
        expected: list[str],
) -> None:
    assert run(edit(example_text, *replacements)) == expected


SMALL_TEMPLATE = '''\
=========
 Title
=========

Intro.

Problem
=======

Text.

Use cases
---------

Text.

Proposal
========

Text.

Alternatives
------------

Text.

Data model
----------

Text.

History
=======

Text.
'''


def check_small(
        tmp_path: object, text: str, **options: object,
) -> list[str]:
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    template = tmp_path / 'template.rst'
    template.write_text(SMALL_TEMPLATE)
    spec = tmp_path / 'my-spec.rst'
    spec.write_text(text)
    settings = load_settings(None, {'template': str(template), **options})
    return [
        d.as_text().replace(str(tmp_path) + os.sep, '')
        for d in check_file(str(spec), files_context(settings, str(spec)),
                   [structure.check])[0]
    ]


SMALL_SPEC = SMALL_TEMPLATE.replace(' Title\n', ' My spec\n')


@pytest.mark.parametrize(
    ('replacements', 'options', 'expected'), [
        pytest.param([], {}, [], id='clean'),
        pytest.param(
            [('Use cases\n---------\n\nText.\n\n', '')], {},
            ["my-spec.rst:7:1: S103 missing subsection 'Use cases': the "
             "template puts it first under 'Problem'"],
            id='missing subsection',
        ),
        pytest.param(
            [('Use cases\n---------\n\nText.\n\n', '')],
            {'require_subsections': False}, [],
            id='subsections optional',
        ),
        pytest.param(
            [('History\n=======\n\nText.\n', '')],
            {'optional_sections': ('history',)}, [],
            id='optional section, any case',
        ),
        pytest.param(
            [('History\n=======\n\nText.\n', 'History\n=======\n')],
            {'optional_sections': ('history',)}, [],
            id='optional section, empty',
        ),
        pytest.param(
            [('History\n=======\n\nText.\n', 'History\n=======\n\nText.\n'
              '\nNotes\n=====\n\nText.\n\nMore\n----\n\nText.\n')],
            {'extra_sections': ('notes', 'MORE'),
             'allow_extra_subsections': False}, [],
            id='extra sections allowed by name, any level, any case',
        ),
        pytest.param(
            [('History\n=======\n\nText.\n', 'History\n=======\n\nText.\n'
              '\nNotes\n=====\n\nText.\n\nMore\n----\n\nText.\n')],
            {'extra_sections': ('More',), 'allow_extra_subsections': False},
            ["my-spec.rst:37:1: S104 section 'Notes' is not in the template: "
             "rename it to a template section's title or remove it"],
            id='extra sections allowed by name, others not',
        ),
        pytest.param(
            [('Proposal\n========\n\nText.\n\nAlternatives\n------------\n\n'
              'Text.\n\nData model\n----------\n\nText.\n\n', '')], {},
            ["my-spec.rst:7:1: S103 missing section 'Proposal': the "
             "template puts it after 'Problem'"],
            id='missing section with subsections: one finding',
        ),
        pytest.param(
            [('Alternatives\n------------\n\nText.\n\n', ''),
             ('Use cases\n---------\n\nText.\n\n',
              'Use cases\n---------\n\nText.\n\n'
              'Alternatives\n------------\n\nText.\n\n')],
            {},
            ["my-spec.rst:17:1: S105 section 'Alternatives' belongs under "
             "'Proposal', not 'Problem'"],
            id='subsection under the wrong parent',
        ),
        pytest.param(
            [('Proposal\n========', 'Proposal\n--------'),
             ('Alternatives\n------------', 'Alternatives\n~~~~~~~~~~~~'),
             ('Data model\n----------', 'Data model\n~~~~~~~~~~')],
            {},
            ["my-spec.rst:17:1: S106 section 'Proposal' is at level 3 ('-' "
             "under); the template has it at level 2 ('=' under)"],
            id='section nested one level too deep, with its subsections',
        ),
        pytest.param(
            [('Use cases\n---------\n\nText.\n',
              'Use cases\n---------\n\nText.\n\nMore cases\n----------\n\n'
              'Text.\n')],
            {}, [],
            id='extra subsection allowed by default',
        ),
        pytest.param(
            [('Use cases\n---------\n\nText.\n',
              'Use cases\n---------\n\nText.\n\nMore cases\n----------\n\n'
              'Text.\n')],
            {'allow_extra_subsections': False},
            ["my-spec.rst:17:1: S104 section 'More cases' is not in the "
             "template: rename it to a template section's title or remove "
             'it'],
            id='extra subsection refused when configured',
        ),
        pytest.param(
            [('History\n=======', 'Notes\n=====\n\nText.\n\nHistory\n'
              '=======')],
            {'allow_extra_sections': True}, [],
            id='extra section allowed when configured',
        ),
        pytest.param(
            [('Problem\n=======', 'Notes\n=====\n\nText.\n\nProblem\n'
              '======='),
             ('Use cases\n---------\n\nText.\n',
              'Use cases\n---------\n\nText.\n\nMore cases\n----------\n\n'
              'Text.\n')],
            {'allow_extra_sections': True, 'allow_extra_subsections': False},
            ["my-spec.rst:22:1: S104 section 'More cases' is not in the "
             "template: rename it to a template section's title or remove "
             'it'],
            id='extra sections allowed, an extra subsection after one is not',
        ),
        pytest.param(
            [('=========\n My spec\n=========\n', 'My spec\n=======\n')],
            {},
            ["my-spec.rst:6:1: S102 more than one top-level title: 'Problem' "
             "is at the level of the title 'My spec'; adorn the title with "
             "'=' over and under and sections below it differently"],
            id='title adorned like the sections: one finding',
        ),
        pytest.param(
            [('Use cases\n---------', 'Use cases\n^^^^^^^^^'),
             ('Alternatives\n------------', 'Alternatives\n^^^^^^^^^^^^'),
             ('Data model\n----------', 'Data model\n^^^^^^^^^^')],
            {}, [], id='other adornments that nest alike: no finding',
        ),
        pytest.param(
            [('Problem\n=======', 'Problem\n-------'),
             ('Use cases\n---------', 'Use cases\n========='),
             ],
            {},
            ["my-spec.rst:7:1: S109 level-2 titles are adorned '-' under "
             "where the template uses '=' under; level-3 titles are adorned "
             "'=' under where the template uses '-' under, so sections nest "
             'at other levels than in the template'],
            id='adornments mixed up: once per level, no S106',
        ),
        pytest.param(
            [('Intro.\n', 'See https://blueprints.launchpad.net/x/+spec/'
                          'my-spec for the blueprint.\n')],
            {}, [], id='blueprint URL names the file',
        ),
        pytest.param(
            [('Problem\n=======', 'Probelms\n========')], {},
            ["my-spec.rst:7:1: S107 section title 'Probelms' is not in the "
             "template; did you mean 'Problem'?"],
            id='a title exactly as close as a typo may be (ratio 0.8)',
        ),
    ],
)
def test_subsection_rules(
        tmp_path: object, replacements: list[tuple[str, str]],
        options: dict[str, object], expected: list[str],
) -> None:
    assert check_small(tmp_path, edit(SMALL_SPEC, *replacements),
                       **options) == expected


@pytest.mark.parametrize(
    ('name', 'options', 'expected'), [
        ('awesome-thing.rst', {}, []),
        ('v2-api.rst', {}, []),
        ('Awesome_Thing.rst', {},
         ["Awesome_Thing.rst:1:1: S111 file name 'Awesome_Thing.rst' should "
          "be lowercase words joined by hyphens, e.g. 'awesome-thing.rst'"]),
        ('awesome_thing.rst', {'filename_pattern': r'[a-z_]+\.rst'}, []),
        ('awesome-thing.rst', {'filename_pattern': r'[a-z_]+\.rst'},
         ["awesome-thing.rst:1:1: S111 file name 'awesome-thing.rst' should "
          "be a name matching '[a-z_]+\\.rst'"]),
    ],
)
def test_file_name(
        example_text: str, name: str, options: dict[str, object],
        expected: list[str],
) -> None:
    text = example_text.replace('/+spec/awesome-thing',
                                f'/+spec/{name[:-4]}')
    assert run(text, name, **options) == expected


def test_the_template_is_not_checked_against_itself() -> None:
    settings = load_settings(None, {})
    found = check_file(DEFAULT_TEMPLATE,
                       files_context(settings, DEFAULT_TEMPLATE),
                       [structure.check])
    assert found == ([], False)


NOVA_RULES = {'specs/{release}/*/*.rst': ('specs/{release}-template.rst',)}


def test_nova_specs_against_their_release_templates(
        monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every nova release that has a template: our findings must be real
    deviations, and nova's own title test passes on this tree, so titles
    are never reported misspelled and nothing crashes."""
    root = corpus('nova-specs')
    monkeypatch.chdir(root)
    settings = load_settings(None, {'templates': tuple(NOVA_RULES.items())})
    # backlog-template.rst is a git symlink stored as a text file: skip it.
    files = [
        path for path in sorted(glob.glob('specs/*/*/*.rst'))
        if os.path.exists(f'specs/{path.split("/")[1]}-template.rst')
        and not path.startswith('specs/backlog/')
    ]
    counts = collections.Counter(
        d.code for path in files
        for d in check_file(path, files_context(settings, path),
                   [structure.check])[0]
    )
    assert len(files) > 700
    assert counts['S107'] == 0
    assert set(counts) <= {'S101', 'S103', 'S104', 'S105', 'S106', 'S108',
                           'S109', 'S110', 'S111', 'S112'}


@pytest.mark.parametrize('text', ['', 'Just a paragraph.\n'])
def test_no_sections_at_all(text: str) -> None:
    assert run(text) == [
        f"{PATH}:1:1: S101 no document title: start the spec with a title "
        "adorned '=' over and under",
    ]


def outline(name: str, *titles: str) -> Template:
    """A template of a title and top-level sections ``titles``."""
    text = '=====\nTitle\n=====\n\n' + ''.join(
        f'{title}\n{"=" * len(title)}\n\nText.\n\n' for title in titles)
    return Template(Spec(name, text.encode()))


PQ = outline('pq.rst', 'Problem', 'Proposal')
PQXY = outline('pqxy.rst', 'Problem', 'Proposal', 'Testing', 'History')
P = outline('p.rst', 'Problem')
Q = outline('q.rst', 'Proposal')


@pytest.mark.parametrize(
    ('sections', 'templates', 'expected'), [
        pytest.param(('Problem', 'Proposal', 'Testing'), (PQ, PQXY), PQ,
                     id='one extra, one missing: a tie, the first'),
        pytest.param(('Problem', 'Proposal', 'Testing'), (PQXY, PQ), PQXY,
                     id='the same tie, the other first'),
        pytest.param(('Testing', 'Problem', 'Proposal'), (PQXY, PQ), PQXY,
                     id='a tie with the extra section first'),
        pytest.param(('Problem',), (Q, P), P, id='the one it fits exactly'),
    ],
)
def test_best_fit_counts_extra_and_missing_sections(
        sections: tuple[str, ...], templates: tuple[Template, ...],
        expected: Template,
) -> None:
    text = '=======\nMy spec\n=======\n\n' + ''.join(
        f'{title}\n{"=" * len(title)}\n\nText.\n\n' for title in sections)
    spec = Spec(PATH, text.encode())
    found = structure.best_fit(spec, templates, load_settings(None, {}))
    assert found is expected


def test_with_several_templates_a_finding_names_the_one_used() -> None:
    text = '=======\nMy spec\n=======\n\n' + ''.join(
        f'{title}\n{"=" * len(title)}\n\nText.\n\n'
        for title in ('Problem', 'Proposal', 'Testing', 'Histroy'))
    spec = Spec(PATH, text.encode())
    found = Context(load_settings(None, {}), {PATH: (PQ, PQXY)})
    assert [d.as_text() for d in structure.check(spec, found)] == [
        f"{PATH}:20:1: S107 section title 'Histroy' is not in the template; "
        "did you mean 'History'? (against pqxy.rst)",
    ]


def test_a_title_the_template_has_twice_is_matched_once_each() -> None:
    """The top-level 'Notes' takes the first of the template's two; the
    misspelled one under 'Proposal' is the second, where it belongs."""
    template = Template(Spec('template.rst', (
        b'=====\nTitle\n=====\n\nProblem\n=======\n\nText.\n\nNotes\n'
        b'-----\n\nText.\n\nProposal\n========\n\nText.\n\nNotes\n-----\n\n'
        b'Text.\n')))
    text = ('=======\nMy spec\n=======\n\nProblem\n=======\n\nText.\n\n'
            'Notes\n=====\n\nText.\n\nProposal\n========\n\nText.\n\n'
            'Nots\n----\n\nText.\n')
    spec = Spec(PATH, text.encode())
    found = structure.check(spec, context(load_settings(None, {}), template,
                                          PATH))
    assert [d.as_text() for d in sorted(found, key=Diagnostic.key)] == [
        f"{PATH}:10:1: S106 section 'Notes' is at level 2 ('=' under); the "
        "template has it at level 3 ('-' under), under 'Problem'",
        f"{PATH}:20:1: S107 section title 'Nots' is not in the template; did "
        "you mean 'Notes'?",
    ]


def test_a_wrapped_blueprint_url_on_the_last_line(example_text: str) -> None:
    text = example_text.split('https://')[0] + \
        'https://blueprints.launchpad.net/nova/+spec/awesome-'
    found = run(text)  # no IndexError looking for the next line
    assert sorted(line.split()[1] for line in found) == \
        ['S103'] * 7 + ['S112']
    assert "URL names 'awesome-'" in found[-1]


@pytest.mark.parametrize(
    'directive', ['code-block:: python', 'seqdiag::', 'toctree::'],
)
def test_a_section_of_one_sphinx_directive_is_not_empty(
        example_text: str, directive: str,
) -> None:
    text = example_text.replace(
        'None.\n', f'.. {directive}\n\n   seq = 1\n', 1)
    assert run(text) == []


S112_MESSAGE = ("S112 blueprint URL names '{0}' but the file is '{1}': "
                'rename one to match the other')


@pytest.mark.parametrize(
    ('name', 'blueprint', 'options', 'expected'), [
        pytest.param('spec-lite-awesome-thing.rst', 'awesome-thing',
                     {'blueprint_prefixes': ('spec-lite-',)}, [],
                     id='a configured prefix'),
        pytest.param('spec-lite-awesome-thing.rst', 'awesome-thing', {},
                     ['spec-lite-awesome-thing.rst:23:1: ' + S112_MESSAGE
                      .format('awesome-thing',
                              'spec-lite-awesome-thing.rst')],
                     id='a prefix not configured'),
        pytest.param('awesome-thing-part2.rst', 'awesome-thing', {}, [],
                     id='a part of the blueprint'),
        pytest.param('awesome_thing.rst', 'awesome-thing', {},
                     ["awesome_thing.rst:1:1: S111 file name "
                      "'awesome_thing.rst' should be lowercase words joined "
                      "by hyphens, e.g. 'awesome-thing.rst'"],
                     id='underscores for hyphens: S111 alone'),
        pytest.param('awesome_stuff.rst', 'awesome-thing', {},
                     ['awesome_stuff.rst:23:1: ' + S112_MESSAGE.format(
                         'awesome-thing', 'awesome_stuff.rst')],
                     id='the rename S112 asks for mends the name too'),
        pytest.param('awesome_stuff.rst', 'Awesome_Thing', {},
                     ["awesome_stuff.rst:1:1: S111 file name "
                      "'awesome_stuff.rst' should be lowercase words joined "
                      "by hyphens, e.g. 'awesome-stuff.rst'",
                      'awesome_stuff.rst:23:1: ' + S112_MESSAGE.format(
                          'Awesome_Thing', 'awesome_stuff.rst')],
                     id='the blueprint name breaks the pattern too: both'),
    ],
)
def test_file_name_and_blueprint_one_finding_per_rename(
        example_text: str, name: str, blueprint: str,
        options: dict[str, object], expected: list[str],
) -> None:
    text = example_text.replace('/+spec/awesome-thing', f'/+spec/{blueprint}')
    assert run(text, name, **options) == expected


def test_the_templates_placeholder_url_is_no_blueprint_name(
        tmp_path: object,
) -> None:
    """The URL the template shows is a leftover (T104), not a name."""
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    url = 'https://blueprints.launchpad.net/x/+spec/example\n'
    template = tmp_path / 'template.rst'
    template.write_text(SMALL_TEMPLATE.replace('Intro.\n', url))
    spec = tmp_path / 'my-spec.rst'
    spec.write_text(SMALL_SPEC.replace('Intro.\n', url))
    settings = load_settings(None, {'template': str(template)})
    assert check_file(str(spec), files_context(settings, str(spec)),
                      [structure.check]) == ([], False)
