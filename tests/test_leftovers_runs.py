"""Leftovers: one finding per mistake.  A run of guidance left in is one
T103, a placeholder repeated in one list one T104; guidance kept as the
lead-in of the author's own text is no finding; a title that only contains
a short placeholder title is the author's own."""
from __future__ import annotations

import pytest

from spec_hooks.checks import leftovers
from spec_hooks.config import load_settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import Template
from tests.conftest import context

PATH = 'spec.rst'

PROBLEM = (
    'Describe the problem the change solves for its users, in some '
    'detail.\n'
)
WHO = 'Say who has the problem and how often they run into it today.\n'
QUESTIONS = 'Answer each of the following questions about the change:\n'
TOKENS = '* Does this change touch sensitive data such as tokens or keys?\n'
CRYPTO = '* Does it involve cryptography?\n'  # too short to be guidance
EXHAUSTION = (
    '* Can this change enable a resource exhaustion attack on the '
    'service?\n'
)
HISTORY = (
    'Optional section to be used each time the spec is updated with a new '
    'design.\n'
)
REVISIONS = (
    '.. list-table:: Revisions\n'
    '   :header-rows: 1\n'
    '\n'
    '   * - Release\n'
    '     - Description\n'
    '   * - 2026.2\n'
    '     - Introduced\n'
)
LEADING = (
    'Who is leading the writing of the code, or is it open for anyone to '
    'pick up?\n'
)
PRIMARY = 'Primary assignee:\n  <launchpad-id or None>\n'
REVIEWERS = 'Reviewers:\n  <launchpad-id or None>\n  <launchpad-id or None>\n'
CLIENT = (
    'Describe the changes to the client, and why there are none if the '
    'API changes.\n'
)
CLI = 'Changes, if any, to the command line client of the service.\n'

TEMPLATE = (
    '=======================\n'
    ' The title of the spec\n'
    '=======================\n'
    '\n'
    'Problem\n'
    '=======\n'
    '\n' + PROBLEM + '\n' + WHO + '\n'
    'Security\n'
    '========\n'
    '\n' + QUESTIONS + '\n' + TOKENS + '\n' + CRYPTO + '\n' + EXHAUSTION +
    '\n'
    'History\n'
    '=======\n'
    '\n' + HISTORY + '\n' + REVISIONS + '\n'
    'Assignee\n'
    '========\n'
    '\n' + LEADING + '\n' + PRIMARY + '\n' + REVIEWERS + '\n'
    'Client\n'
    '======\n'
    '\n' + CLIENT + '\n'
    'CLI\n'
    '---\n'
    '\n' + CLI
)
# The author's text, section by section.
OWN = {
    'Problem': 'Volumes cannot grow while their server runs.\n',
    'Security': 'No new data is exposed.\n',
    'History': 'Proposed in 2026.2.\n',
    'Assignee': 'Primary assignee:\n  jdoe\n',
    'Client': 'No change.\n',
}


def spec(**bodies: str) -> str:
    """A spec of the template with the author's text in each section but
    where ``bodies`` gives another."""
    text = '=============\n Grow volumes\n=============\n'
    for name, own in OWN.items():
        text += f'\n{name}\n{"=" * len(name)}\n\n{bodies.get(name, own)}'
    return text


def run(text: str) -> list[str]:
    settings = load_settings(None, {})
    template = Template(Spec('template.rst', TEMPLATE.encode()))
    found = leftovers.check(Spec(PATH, text.encode()),
                            context(settings, template, PATH))
    return [d.as_text() for d in sorted(found, key=Diagnostic.key)]


def t103(line: int, text: str, spans: str = '') -> str:
    where = f' ({spans})' if spans else ''
    return (f"{PATH}:{line}:1: T103 template guidance left in{where}: "
            f"'{text}'; replace it with the spec's own text")


def t104(line: int, placeholder: str, times: str = '') -> str:
    return (f"{PATH}:{line}:3: T104 placeholder '{placeholder}' not filled "
            f'in{times}')


PROBLEM_QUOTED = (
    'Describe the problem the change solves '
    'for its users, in som...'
)
WHO_QUOTED = 'Say who has the problem and how often they run into it today...'
TOKENS_QUOTED = (
    '* Does this change touch sensitive data '
    'such as tokens or ke...'
)
HISTORY_QUOTED = (
    'Optional section to be used each time '
    'the spec is updated wi...'
)
LEADING_QUOTED = (
    'Who is leading the writing of the code, '
    'or is it open for an...'
)
CLIENT_QUOTED = (
    'Describe the changes to the client, and '
    'why there are none i...'
)
CLI_QUOTED = 'Changes, if any, to the command line client of the service.'


def test_the_spec_is_clean() -> None:
    assert run(spec()) == []


@pytest.mark.parametrize(('bodies', 'found'), [
    pytest.param(
        {'Problem': PROBLEM + '\n' + WHO},
        [t103(8, PROBLEM_QUOTED, '2 paragraphs, lines 8-10')],
        id='two paragraphs: one finding',
    ),
    pytest.param(
        {'Security': TOKENS + '\n' + CRYPTO + '\n' + EXHAUSTION},
        [t103(13, TOKENS_QUOTED, '3 list items, lines 13-17')],
        id='a list: one finding, its short item included',
    ),
    pytest.param(
        {'Security': QUESTIONS + '\n' + TOKENS},
        [t103(13, 'Answer each of the following questions about the '
                  'change:', '1 paragraph and 1 list item, lines 13-15')],
        id='a paragraph and an item',
    ),
    pytest.param(
        {'Problem': PROBLEM + '\nVolumes cannot grow.\n\n' + WHO},
        [t103(12, WHO_QUOTED)],
        id="the author's text between: the guidance after it is left in",
    ),
    pytest.param(
        {'Security': CRYPTO + '\n' + CRYPTO},
        [],
        id='short template text alone is no guidance',
    ),
])
def test_one_finding_per_run(
        bodies: dict[str, str], found: list[str],
) -> None:
    assert run(spec(**bodies)) == found


@pytest.mark.parametrize(('bodies', 'found'), [
    pytest.param(
        {'Problem': PROBLEM + '\n' + WHO + '\nVolumes cannot grow.\n'},
        [], id="paragraphs before the author's text: its lead-in",
    ),
    pytest.param(
        {'Problem': HISTORY + '\nVolumes cannot grow.\n'},
        [t103(8, HISTORY_QUOTED)],
        id="another section's guidance is no lead-in of this one's text",
    ),
    pytest.param(
        {'History': HISTORY + '\n' + REVISIONS},
        [], id="before the template's table, as the template has it",
    ),
    pytest.param(
        {'History': HISTORY},
        [t103(18, HISTORY_QUOTED)], id='alone in its section',
    ),
    pytest.param(
        {'History': HISTORY + '\n.. Proposed in 2026.2.\n'},
        [t103(18, HISTORY_QUOTED)], id='before a comment: nothing rendered',
    ),
    pytest.param(
        {'Security': QUESTIONS + '\n' + TOKENS + '\n  No.\n\n' + CRYPTO +
         '\n  No.\n'},
        [], id='before questions, each answered under it',
    ),
    pytest.param(
        {'Security': QUESTIONS + '\n' + CRYPTO},
        [t103(13, 'Answer each of the following questions about the '
                  'change:', '1 paragraph and 1 list item, lines 13-15')],
        id="before the template's short item: not the author's",
    ),
    pytest.param(
        {'Problem': '* ' + WHO + '\n* Operators, every week.\n'},
        [t103(8, '* Say who has the problem and how often they run into it '
                 'tod...')],
        id="an item beside the author's items is no lead-in",
    ),
    pytest.param(
        {'Security': TOKENS + '\n* No new data is exposed.\n'},
        [], id="a question item: the author's item after it answers it",
    ),
    pytest.param(
        {'Assignee': LEADING + '\nPrimary assignee:\n  jdoe\n'},
        [], id='before the label the author filled in',
    ),
    pytest.param(
        {'Assignee': LEADING + '\n' + PRIMARY},
        [t103(23, LEADING_QUOTED), t104(26, '<launchpad-id or None>')],
        id='before the placeholder left in',
    ),
    pytest.param(
        {'Client': CLIENT + '\nCLI\n---\n\nNo change.\n'},
        [], id="before a subsection of the author's text",
    ),
    pytest.param(
        {'Client': CLIENT + '\nCLI\n---\n\n' + CLI},
        [t103(29, CLIENT_QUOTED), t103(34, CLI_QUOTED)],
        id='before a subsection of guidance only',
    ),
    pytest.param(
        {'Client': CLIENT + '\nOther\n=====\n\nNo change.\n'},
        [t103(29, CLIENT_QUOTED)],
        id='the next section is not its own',
    ),
])
def test_guidance_as_a_lead_in(
        bodies: dict[str, str], found: list[str],
) -> None:
    assert run(spec(**bodies)) == found


def test_the_introduction_ends_at_the_first_section() -> None:
    text = spec().replace(' Grow volumes\n=============\n',
                          ' Grow volumes\n=============\n\n' + PROBLEM)
    assert run(text) == [t103(5, PROBLEM_QUOTED)]


@pytest.mark.parametrize(('body', 'found'), [
    pytest.param(
        REVIEWERS,
        [t104(24, '<launchpad-id or None>', ' (2 times, to line 25)')],
        id='twice in one list: one finding',
    ),
    pytest.param(
        'Reviewers:\n\n* <launchpad-id or None>\n* <launchpad-id or None>\n',
        [t104(25, '<launchpad-id or None>', ' (2 times, to line 26)')],
        id='in two items of one list',
    ),
    pytest.param(
        PRIMARY + '\n' + REVIEWERS,
        [t104(24, '<launchpad-id or None>'),
         t104(27, '<launchpad-id or None>', ' (2 times, to line 28)')],
        id='in two lists: one finding each',
    ),
])
def test_t104_once_per_list(body: str, found: list[str]) -> None:
    assert run(spec(Assignee=body)) == found


@pytest.mark.parametrize(('title', 'found'), [
    pytest.param('The title of the spec', True, id='the placeholder'),
    pytest.param('The Title Of The Spec', True, id='in other case'),
    pytest.param('the title of the spec', True, id='lower case'),
    pytest.param('Grow volumes: the title of the spec', True,
                 id='five words of it in a row'),
    pytest.param('Mitaka the title', False,
                 id="its words and the author's own"),
])
def test_t102_placeholder_title(title: str, found: bool) -> None:
    bar = '=' * (len(title) + 2)
    text = spec().replace('=============\n Grow volumes\n=============\n',
                          f'{bar}\n {title}\n{bar}\n')
    assert run(text) == ([
        f"{PATH}:1:1: T102 title is the template's placeholder 'The title "
        "of the spec': write the spec's own title",
    ] if found else [])


POSTMORTEM = 'Postmortem documentation'


@pytest.mark.parametrize(('title', 'found'), [
    pytest.param(POSTMORTEM, True, id='the placeholder'),
    pytest.param('Postmortem Documentation', True, id='in other case'),
    pytest.param('Mitaka Postmortem documentation', False,
                 id="the placeholder's words and the author's own"),
    pytest.param('Postmortem documentation of Mitaka', False,
                 id="the author's words after it"),
])
def test_t102_a_short_template_title(title: str, found: bool) -> None:
    """A template title shorter than five words is a title a spec may
    extend; only the title itself, or nearly, is the placeholder."""
    bar = '=' * len(title)
    template = Template(Spec(
        'template.rst',
        f'{"=" * 24}\n{POSTMORTEM}\n{"=" * 24}\n\nText.\n'.encode(),
    ))
    text = f'{bar}\n{title}\n{bar}\n\nWhat went wrong.\n'
    found_text = [
        d.as_text() for d in leftovers.check(
            Spec(PATH, text.encode()),
            context(load_settings(None, {}), template, PATH))
    ]
    assert found_text == ([
        f"{PATH}:1:1: T102 title is the template's placeholder "
        f"'{POSTMORTEM}': write the spec's own title",
    ] if found else [])
