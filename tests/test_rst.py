from __future__ import annotations

import collections
import glob
import importlib
import os
import pathlib
import socket
import threading
from collections.abc import Callable, Iterator

import docutils
import pytest

from spec_hooks import doctree
from spec_hooks.checks import rst
from spec_hooks.config import OPTIONS, Settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import Template
from tests.conftest import context

# docutils 0.22 reworded some messages; users get whatever is current.
NEW_DOCUTILS = docutils.__version_info__ >= (0, 22)

PATH = 'spec.rst'
TEMPLATE = Template(Spec('template.rst', b'Title\n=====\n'))
CORPUS = os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'corpus',
)
SECRET = 'TOP-SECRET-7f3a9c'
DISABLED = (': this hook reads no file or URL, so nothing is inserted or '
            'checked')


def settings(**options: object) -> Settings:
    values = {key: default for key, (_, default) in OPTIONS.items()}
    values.update({key.replace('_', '-'): v for key, v in options.items()})
    return Settings(values, os.getcwd())


def parsed(spec: Spec, settings: Settings) -> tuple[Spec, Context]:
    """``spec`` with the names of ``settings``, and its context."""
    found = context(settings, TEMPLATE, spec.path)
    return Spec(spec.path, spec.raw, found.names), found


def run(text: str, **options: object) -> list[Diagnostic]:
    spec = Spec(PATH, text.encode())
    return list(rst.check(*parsed(spec, settings(**options))))


def diag(line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(PATH, line, code, message, column)


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param(
        'Intro.\n\n.. notte:: Remember this.\n',
        [diag(3, 4, 'R101',
              'Unknown directive type "notte"; did you mean \'note\'?')],
        id='R101 directive typo, with hint',
    ),
    pytest.param(
        '* item\n\n  .. NOTTE:: x\n',
        [diag(3, 6, 'R101',
              'Unknown directive type "NOTTE"; did you mean \'note\'?')],
        id='R101 nested and in capitals',
    ),
    pytest.param(
        '.. codeblock:: python\n\n   x = 1\n',
        [diag(1, 4, 'R101', 'Unknown directive type "codeblock"; did you '
                            "mean 'code-block'?")],
        id='R101 hint is a Sphinx directive',
    ),
    pytest.param(
        '.. frobnicate::\n\n   text\n',
        [diag(1, 4, 'R101', 'Unknown directive type "frobnicate" (if an '
                            'extension provides it, add it to '
                            'extra-directives)')],
        id='R101 no close name',
    ),
    pytest.param(
        'See :reff:`intro`.\n',
        [diag(1, 5, 'R102', 'Unknown interpreted text role "reff"; did you '
                            "mean 'ref'?")],
        id='R102 role typo, with hint',
    ),
    pytest.param(
        'First line,\nthen :py:meht:`run` and :reff:`a`\nand :reff:`b`.\n',
        [diag(2, 6, 'R102', 'Unknown interpreted text role "py:meht"; did '
                            "you mean 'py:meth'?"),
         diag(2, 25, 'R102', 'Unknown interpreted text role "reff"; did you '
                             "mean 'ref'?"),
         diag(3, 5, 'R102', 'Unknown interpreted text role "reff"; did you '
                            "mean 'ref'?")],
        id='R102 each use at its own line and column',
    ),
    pytest.param(
        'A :frobnicate:`x`.\n',
        [diag(1, 3, 'R102', 'Unknown interpreted text role "frobnicate" '
                            '(if an extension provides it, add it to '
                            'extra-roles)')],
        id='R102 no close name',
    ),
    pytest.param(
        '+---+---+\n| a | b |\n+---+\n',
        [diag(3, 1, 'R103', 'Malformed table. Right border not aligned or '
                            'missing.') if NEW_DOCUTILS else
         diag(1, 1, 'R103', 'Malformed table.')],
        id='R103 grid table',
    ),
    pytest.param(
        '+---+\n| a |\n+---+\nText.\n',
        [diag(4, 1, 'R103', 'Blank line required after table.')],
        id='R103 no blank line after table',
    ),
    pytest.param(
        '.. list-table::\n\n   * - a\n     - b\n   * - c\n',
        [diag(1, 1, 'R103', 'Error parsing content block for the "list-table" '
                            'directive: uniform two-level bullet list '
                            'expected, but row 2 does not contain the same '
                            'number of items as row 1 (1 vs 2).')],
        id='R103 list-table rows differ',
    ),
    pytest.param(
        'Text\nmore text\n  indented.\n',
        [diag(3, 1, 'R104', 'Unexpected indentation.')],
        id='R104 unexpected indentation',
    ),
    pytest.param(
        'Text:\n\n   quoted\nunquoted\n',
        [diag(4, 1, 'R104',
              'Block quote ends without a blank line; unexpected unindent.')],
        id='R104 block quote',
    ),
    pytest.param(
        'term\n   definition\nnext\n',
        [diag(3, 1, 'R104', 'Definition list ends without a blank line; '
                            'unexpected unindent.')],
        id='R104 definition list',
    ),
    pytest.param(
        '* one\n* two\n continued\n',
        [diag(3, 1, 'R104',
              'Bullet list ends without a blank line; unexpected unindent.')],
        id='R104 bullet list',
    ),
    pytest.param(
        'Proposed change\n=====\n\nText.\n',
        [diag(2, 1, 'R105', "Title underline too short: 5 '=' for a title 15 "
                            'characters wide')],
        id='R105 underline too short',
    ),
    pytest.param(
        '=====\nProposed change\n=====\n\nText.\n',
        [diag(1, 1, 'R105', "Title overline too short: 5 '=' for a title 15 "
                            'characters wide')],
        id='R105 overline too short',
    ),
    pytest.param(
        '=====\nTitle\n-----\n\nText.\n',
        [diag(1, 1, 'R105', 'Title overline & underline mismatch.')],
        id='R105 overline and underline differ',
    ),
    pytest.param(
        'Title\n=====\n\nA\n-\n\nB\n=\n\nC\n~\n\nText.\n',
        [diag(10, 1, 'R106', "Title level inconsistent: 'C' ('~' under) would "
                             'skip a level; adorn it like the other titles of '
                             'the level it belongs to')],
        id='R106 title level inconsistent',
    ),
    pytest.param(
        'Title\n=====\n\nA\n-\n\nB\n=\n\n~~~\nC\n~~~\n\nText.\n',
        [diag(11, 1, 'R106', "Title level inconsistent: 'C' ('~' over and "
                             'under) would skip a level; adorn it like the '
                             'other titles of the level it belongs to')],
        id='R106 title with an overline',
    ),
    pytest.param(
        'A *closed* and an *open one.\n',
        [diag(1, 1, 'R107',
              'Inline emphasis start-string without end-string.')],
        id='R107 emphasis: the lone * is not told apart',
    ),
    pytest.param(
        'Text\nwith ``literal.\n\nA **strong one.\n',
        [diag(2, 6, 'R107', 'Inline literal start-string without end-string.'),
         diag(4, 3, 'R107', 'Inline strong start-string without end-string.')],
        id='R107 literal and strong',
    ),
    pytest.param(
        'A `reference.\n',
        [diag(1, 3, 'R107', 'Inline interpreted text or phrase reference '
                            'start-string without end-string.')],
        id='R107 interpreted text',
    ),
    pytest.param(
        'Para\nline two, see foo_\nand `the bar`_.\n',
        [diag(2, 15, 'R108', 'Unknown target name: "foo".'),
         diag(3, 5, 'R108', 'Unknown target name: "the bar".')],
        id='R108 unknown targets at their place',
    ),
    pytest.param(
        'See [1]_.\n',
        [diag(1, 5, 'R108', 'Unknown target name: "1".')],
        id='R108 footnote without footnote',
    ),
    pytest.param(
        '.. _a: https://a.example\n.. _a: https://b.example\n\nSee a_.\n',
        [diag(2, 1, 'R109', 'Duplicate explicit target name: "a".')],
        id='R109 duplicate target: once, not again at each reference',
    ),
    pytest.param(
        'Notes\n=====\n\nx\n\nNotes\n=====\n\nSee `Notes`_.\n',
        [diag(9, 5, 'R109', 'Duplicate target name, cannot be used as a '
                            'unique reference: "notes".')],
        id='R109 reference to a title used twice',
    ),
    pytest.param(
        'Title\n=====\n\nSee a__ and b__.\n\n__ https://a.example\n',
        [diag(4, 5, 'R110',
              'Anonymous hyperlink mismatch: 2 references but 1 targets.')],
        id='R110 message without line: line of the nearest node',
    ),
    pytest.param(
        'Uses |name| here.\n',
        [diag(1, 6, 'R110', 'Undefined substitution referenced: "name".')],
        id='R110 undefined substitution',
    ),
    pytest.param(
        '.. |x| replace:: |x| |x|\n',
        [diag(1, 1, 'R110', 'Circular substitution definition detected:')],
        id='R110 a substitution that refers to itself twice',
    ),
    pytest.param(
        'See |x|.\n\n.. |x| replace:: a |x| b |x|\n\nAnd `dangling`_.\n',
        [diag(1, 5, 'R110',
              'Circular substitution definition referenced: "x".'),
         diag(3, 1, 'R110', 'Circular substitution definition detected:'),
         diag(5, 5, 'R108', 'Unknown target name: "dangling".')],
        id='R110 circular substitution, and the transforms after it run',
    ),
    pytest.param(
        '.. |a| replace:: |b| |b|\n.. |b| replace:: |a| |a|\n',
        [diag(2, 1, 'R110', 'Circular substitution definition detected:')],
        id='R110 two substitutions that refer to each other twice',
    ),
    pytest.param(
        'Uses |a|.\n\n.. |a| replace:: |b|\n\nAnd `dangling`_.\n',
        [diag(3, 18, 'R110', 'Undefined substitution referenced: "b".'),
         diag(5, 5, 'R108', 'Unknown target name: "dangling".')],
        id='R110 a definition used above it refers to an undefined one',
    ),
    pytest.param(
        '.. include:: other.rst\n',
        [diag(1, 1, 'R111', '"include" directive disabled' + DISABLED)],
        id='R111 include',
    ),
    pytest.param(
        '.. raw:: html\n\n   <b>bold</b>\n',
        [diag(1, 1, 'R111', '"raw" directive disabled' + DISABLED)],
        id='R111 raw',
    ),
    pytest.param(
        '.. role:: html(raw)\n   :format: html\n\nA :html:`<b>x</b>`.\n',
        [diag(4, 3, 'R111', 'raw (and derived) roles disabled' + DISABLED)],
        id='R111 raw role',
    ),
    pytest.param(
        'Example::\n\nNot indented.\n',
        [diag(3, 1, 'R112', 'Literal block expected; none found.')],
        id='R112 literal block expected',
    ),
    pytest.param(
        'Example::\n    code\n',
        [diag(2, 1, 'R112', 'Blank line missing before literal block (after '
                            'the "::")? Interpreted as a definition list '
                            'item.')],
        id='R112 the one INFO kept',
    ),
    pytest.param(
        '.. note::\n\nText.\n',
        [diag(1, 1, 'R113', 'Content block expected for the "note" directive; '
                            'none found.')],
        id='R113 directive without content',
    ),
    pytest.param(
        '.. note:: x\n   :colour: red\n',
        [diag(1, 1, 'R113',
              'Error in "note" directive: unknown option: "colour".')],
        id='R113 unknown option',
    ),
    pytest.param(
        '----\n\nText.\n',
        [diag(1, 1, 'R199',
              'Transition at the start of the document.' if NEW_DOCUTILS
              else 'Document or section may not begin with a transition.')],
        id='R199 anything else',
    ),
    pytest.param(
        '* item\n\n  Title\n  =====\n',
        [diag(4, 1, 'R199', 'Unexpected section title.')],
        id='R199 title in a list',
    ),
])
def test_codes(text: str, expected: list[Diagnostic]) -> None:
    assert run(text) == expected

def r105(adornment: int, width: int, counting: str = '',
         where: str = 'overline') -> list[Diagnostic]:
    line = 1 if where == 'overline' else 2
    return [diag(line, 1, 'R105', f"Title {where} too short: {adornment} '=' "
                                  f'for a title {width} characters wide'
                                  f'{counting}')]


def overlined(title: str, adornment: int) -> str:
    return f'{"=" * adornment}\n{title}\n{"=" * adornment}\n\nText.\n'


SPACE = ', counting its leading space'


BULLET_ENDS = 'Bullet list ends without a blank line; unexpected unindent'
QUOTE_ENDS = 'Block quote ends without a blank line; unexpected unindent'


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param(
        '* Check:\n * the size\n * the pivot\n* Update the root.\n',
        [diag(2, 1, 'R104', f'{BULLET_ENDS}; the same block breaks again '
                            'at line 4')],
        id='a nested list indented one space: one finding',
    ),
    pytest.param(
        '* Phase 1:\n * find\n * merge\n  * create\n  * set\n'
        '   * full\n  * replicate\n',
        [diag(2, 1, 'R104', f'{BULLET_ENDS}; the same block breaks again '
                            'at lines 4, 6 and 7')],
        id='three levels: one finding naming every line',
    ),
    pytest.param(
        '* Check:\n * the size\n\n* Split:\n * the pivot\n',
        [diag(2, 1, 'R104', f'{BULLET_ENDS}.'),
         diag(5, 1, 'R104', f'{BULLET_ENDS}.')],
        id='two blocks: one finding each',
    ),
    pytest.param(
        'Text:\n\n   quoted\nunquoted\nmore\n  indented.\n',
        [diag(4, 1, 'R104', f'{QUOTE_ENDS}; the same block breaks again at '
                            'line 6')],
        id='an unindent and an indent of one block',
    ),
])
def test_r104_once_per_broken_block(
        text: str, expected: list[Diagnostic],
) -> None:
    """Docutils warns at each unindent of one broken block; one finding
    tells of it, and of where it breaks again."""
    assert run(text) == expected


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param(overlined(' Resize live volume', 18), r105(18, 19, SPACE),
                 id='one space: one short'),
    pytest.param(overlined(' Resize live volume', 19), [],
                 id='one space: as wide'),
    pytest.param(overlined(' Resize live volume', 20), [],
                 id='one space: one longer'),
    pytest.param(overlined('  Resize live volume', 19),
                 r105(19, 20, ', counting its 2 leading spaces'),
                 id='two spaces: one short'),
    pytest.param(overlined('  Resize live volume', 20), [],
                 id='two spaces: as wide'),
    pytest.param(overlined(' Resize live volume ', 19), [],
                 id='a trailing space does not count'),
    pytest.param(overlined('Resize live volume', 17), r105(17, 18),
                 id='no indentation: one short'),
    pytest.param(overlined('Resize live volume', 18), [],
                 id='no indentation: as wide'),
    pytest.param(overlined(' \u65e5\u672c\u8a9e', 6),
                 r105(6, 7, SPACE), id='wide characters: one short'),
    pytest.param(overlined(' \u65e5\u672c\u8a9e', 7), [],
                 id='wide characters: as wide'),
    pytest.param('Resize live volume\n' + '=' * 17 + '\n\nText.\n',
                 r105(17, 18, where='underline'),
                 id='underline: one short'),
    pytest.param('Resize live volume\n' + '=' * 18 + '\n\nText.\n', [],
                 id='underline: as long'),
])
def test_title_adornment_widths(
        text: str, expected: list[Diagnostic],
) -> None:
    """docutils wants an overline as wide as the title's line, its
    indentation included (on 0.19 as on the newest)."""
    assert run(text) == expected


@pytest.mark.parametrize('indent', [0, 1, 2, 3])
def test_a_too_short_adornment_is_shorter_than_the_title(indent: int) -> None:
    """The message never says too short for a title no wider."""
    title = ' ' * indent + 'Resize live volume'
    for adornment in range(4, len(title) + 3):
        found = run(overlined(title, adornment))
        assert bool(found) is (adornment < len(title)), (adornment, found)
        for diagnostic in found:
            numbers = [int(word) for word in diagnostic.message.split()
                       if word.isdigit()]
            assert numbers[0] < numbers[1], diagnostic.message



UNDEFINED = 'Undefined substitution referenced: '


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param(
        'x |a\n+=+\n|-|\n+-+\n|-|\n',
        [diag(1, 3, 'R110', UNDEFINED + '"a +=+ |-".'),
         diag(5, 1, 'R110', UNDEFINED + '"-".')],
        id='the text after the last one blamed, not inside it',
    ),
    pytest.param(
        'See |Prima|_ here.\n',
        [diag(1, 5, 'R110', UNDEFINED + '"Prima".'),
         diag(1, 5, 'R108', 'Unknown target name: "prima".')],
        id='two kinds of message about one text',
    ),
    pytest.param(
        'A |x| ``|x|`` and |y|, |x|.\n',
        [diag(1, 3, 'R110', UNDEFINED + '"x".'),
         diag(1, 19, 'R110', UNDEFINED + '"y".'),
         diag(1, 24, 'R110', UNDEFINED + '"x".')],
        id='after the last one of its kind, past a literal copy',
    ),
])
def test_each_message_at_the_text_it_blames(
        text: str, expected: list[Diagnostic],
) -> None:
    assert run(text) == expected


def test_many_unknown_roles_in_one_paragraph() -> None:
    """Each at its place; the paragraph is not copied, nor read again,
    per role (which took minutes and gigabytes for 50,000 roles)."""
    roles = 4_000
    lines = [' '.join(f':foo:`t{i + j}`' for j in range(4))
             for i in range(0, roles, 4)]
    expected = []
    for row, line in enumerate(lines, 1):
        expected += [
            diag(row, line.index(f':foo:`t{i}`') + 1, 'R102',
                 'Unknown interpreted text role "foo" (if an extension '
                 'provides it, add it to extra-roles)')
            for i in range((row - 1) * 4, row * 4)
        ]
    assert run('\n'.join(lines) + '\n') == expected


SPHINX = """\
Title
=====

.. code-block:: python

   x = 1

.. toctree::
   :maxdepth: 2
   :glob:

   specs/*

.. graphviz::

   digraph { a -> b }

.. seqdiag::

   seqdiag { A -> B; }

.. NOTE:: Upper case.

.. list-table:: Sizes
   :header-rows: 1

   * - Flavor
     - RAM
   * - m1.tiny
     - 512

.. csv-table:: Sizes
   :header: "Flavor", "RAM"

   "m1.tiny", 512

.. py:class:: Thing

See :ref:`usage`, :doc:`other`, :class:`Thing`, :py:meth:`Thing.run`
and :ref:`the label <usage>`.

.. _usage:

Usage
-----

Text.
"""


@pytest.mark.parametrize('text', [
    pytest.param(SPHINX, id='sphinx directives and roles'),
    pytest.param('3. three\n4. four\n', id='INFO list not starting at 1'),
    pytest.param('A\n=\n\nx\n\nA\n=\n\ny\n', id='INFO same title twice'),
    pytest.param('JSON response\n::\n\n   {}\n',
                 id='INFO short underline is ordinary text'),
    pytest.param('.. _x: https://a.example\n.. _x: https://a.example\n',
                 id='INFO same target, same URL'),
    pytest.param('.. _unused:\n\nText.\n', id='INFO unreferenced target'),
])
def test_clean(text: str) -> None:
    assert run(text) == []


def test_extra_names_registered_before_parsing() -> None:
    text = '.. spec-hooks-dir-a:: x\n\n:spec-hooks-role-a:`y`\n'
    assert run(
        text, extra_directives=('spec-hooks-dir-a',),
        extra_roles=('spec-hooks-role-a',),
    ) == []


def test_extra_names_are_taught_for_one_parse_only() -> None:
    """docutils' registries are process-wide: names one run accepts must
    not be accepted by the next run, in either order."""
    text = '.. spec-hooks-dir-b:: x\n\n:spec-hooks-role-b:`y`\n'
    extra = settings(extra_directives=('Spec-Hooks-Dir-B',),
                     extra_roles=('spec-hooks-role-b',))
    for _ in range(2):
        spec = Spec(PATH, text.encode())
        assert list(rst.check(*parsed(spec, extra))) == []
        spec = Spec(PATH, text.encode())
        assert [d.code for d in rst.check(*parsed(spec, settings()))] == [
            'R101', 'R102',
        ]


# Safety: untrusted input reads no file and no URL and finishes.

@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def connect(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError('network is off in this test')

    monkeypatch.setattr(socket.socket, 'connect', connect)
    monkeypatch.setattr(socket, 'create_connection', connect)
    return attempts


@pytest.fixture
def files(tmp_path: pathlib.Path) -> dict[str, str]:
    secret = os.path.join(tmp_path, 'secret.txt')
    with open(secret, 'w') as f:
        f.write(f'{SECRET}\n"a", "{SECRET}"\n')
    fifo = os.path.join(tmp_path, 'fifo')
    if hasattr(os, 'mkfifo'):
        os.mkfifo(fifo)  # opening it to read would block forever
    return {'secret': secret, 'fifo': fifo}


def run_briefly(spec: Spec) -> list[Diagnostic]:
    """Check in a daemon thread: a blocked read fails the test, not the
    test run."""
    found: list[Diagnostic] = []

    def target() -> None:
        found.extend(rst.check(*parsed(spec, settings())))
        spec.doctree.pformat()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), 'the check blocked reading a file'
    return found


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='needs os.mkfifo')
@pytest.mark.parametrize(('text', 'code'), [
    ('.. include:: /etc/passwd\n', 'R111'),
    ('.. include:: {secret}\n', 'R111'),
    ('.. include:: {fifo}\n', 'R111'),
    ('.. include:: {secret}\n   :literal:\n', 'R111'),
    ('.. raw:: html\n   :file: {secret}\n', 'R111'),
    ('.. raw:: html\n   :file: {fifo}\n', 'R111'),
    ('.. raw:: html\n   :url: file://{secret}\n', 'R111'),
    ('.. raw:: html\n   :url: http://127.0.0.1:9/x\n', 'R111'),
    ('.. csv-table:: T\n   :file: {secret}\n', 'R111'),
    ('.. csv-table:: T\n   :file: {fifo}\n', 'R111'),
    ('.. csv-table:: T\n   :url: http://127.0.0.1:9/x\n', 'R111'),
    ('.. literalinclude:: {fifo}\n', None),
    ('.. literalinclude:: {secret}\n', None),
    ('.. image:: {fifo}\n   :width: 10\n', None),
    ('.. figure:: {fifo}\n   :figwidth: image\n', None),
])
def test_reads_nothing(
        text: str, code: str | None, files: dict[str, str],
        no_network: list[object],
) -> None:
    spec = Spec(PATH, text.format(**files).encode())
    found = run_briefly(spec)
    assert [x.code for x in found] == ([code] if code else [])
    assert SECRET not in spec.doctree.pformat()
    assert 'root:' not in spec.doctree.pformat()
    assert not any(SECRET in x.message for x in found)
    assert no_network == []


HOSTILE_CONF = """\
[general]
_disable_config: no
report_level: 1
halt_level: 2
warning_stream: {tmp}/leak.txt
file_insertion_enabled: yes
raw_enabled: yes
id_prefix: leaked-
auto_id_prefix: leaked-

[restructuredtext parser]
file_insertion_enabled: yes
raw_enabled: yes
"""


@pytest.fixture
def reimport(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Import doctree anew, as a hook process starting in a repository
    with a config would; after the test, anew where it was."""
    def reload() -> None:
        importlib.reload(doctree)

    yield reload
    monkeypatch.undo()
    importlib.reload(doctree)


@pytest.mark.parametrize('where', ['cwd', 'DOCUTILSCONFIG', 'home'])
def test_docutils_config_files_are_ignored(
        where: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        reimport: Callable[[], None],
) -> None:
    tmp = str(tmp_path)
    name = '.docutils' if where == 'home' else 'docutils.conf'
    conf = os.path.join(tmp, name)
    with open(conf, 'w') as f:
        f.write(HOSTILE_CONF.format(tmp=tmp))
    with open(os.path.join(tmp, 'secret.txt'), 'w') as f:
        f.write(SECRET)
    monkeypatch.chdir(tmp)
    monkeypatch.setenv('HOME', tmp)
    if where == 'DOCUTILSCONFIG':
        monkeypatch.setenv('DOCUTILSCONFIG', conf)
    reimport()
    text = ('.. include:: secret.txt\n\n.. raw:: html\n\n   <b>x</b>\n\n'
            '.. notte:: x\n\nTitle\n=====\n\nText.\n')
    spec = Spec(os.path.join(tmp, PATH), text.encode())
    found = list(rst.check(*parsed(spec, settings())))
    assert [(x.line, x.code) for x in found] == [
        (1, 'R111'), (3, 'R111'), (7, 'R101'),
    ]
    assert SECRET not in spec.doctree.pformat()
    assert 'leaked-' not in spec.doctree.pformat()
    assert not os.path.exists(os.path.join(tmp, 'leak.txt'))


def test_nova_specs_corpus() -> None:
    """Nova builds its specs with Sphinx: every directive and role they use
    is real, so none may be reported unknown; nothing may crash."""
    root = os.path.join(CORPUS, 'nova-specs')
    if not os.path.isdir(root):
        pytest.skip(f'corpus not available: {root}')
    paths = sorted(glob.glob(os.path.join(root, '**', '*.rst'),
                             recursive=True))
    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        with open(path, 'rb') as f:
            spec = Spec(path, f.read())
        for found in rst.check(*parsed(spec, settings())):
            assert 1 <= found.line <= len(spec.lines), found
            counts[found.code] += 1
    assert len(paths) > 800
    assert counts['R101'] == counts['R102'] == 0
    assert set(counts) <= {'R104', 'R107', 'R108', 'R112', 'R199'}
