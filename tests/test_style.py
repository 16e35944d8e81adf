from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from spec_hooks.checks import style
from spec_hooks.config import OPTIONS, Settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.spec import Spec
from spec_hooks.template import DEFAULT_TEMPLATE, load_template
from tests.conftest import context

CORPUS = os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'corpus',
)
NOVA_CRLF = os.path.join(
    'specs', 'ussuri', 'implemented', 'action-event-fault-details.rst',
)
LIMIT = 20  # short lines keep the cases readable
TOO_LONG = 'a line that is too long'  # 23 characters

Expected = tuple[int, str, str, int]  # line, code, message, column


def run(
        path: str, raw: bytes, max_line_length: int = LIMIT,
) -> list[Diagnostic]:
    values = {key: default for key, (_, default) in OPTIONS.items()}
    values['max-line-length'] = max_line_length
    settings = Settings(values, os.path.dirname(path))
    template = load_template(DEFAULT_TEMPLATE)
    found = style.check(Spec(path, raw), context(settings, template, path))
    return sorted(found, key=Diagnostic.key)


def expect(path: str, *findings: Expected) -> list[Diagnostic]:
    return sorted(
        (Diagnostic(path, line, code, message, column)
         for line, code, message, column in findings),
        key=Diagnostic.key,
    )


def at(line: int, length: int = len(TOO_LONG)) -> Expected:
    """A W101 on ``line``, ``length`` characters long."""
    return (line, 'W101', f'line too long ({length} > {LIMIT} characters)',
            LIMIT + 1)


W101 = at(1)


CLEAN = '''\
..
  This work is licensed under a Creative Commons Attribution 3.0 Unported
  License.

==============
A clean title
==============

Text with “quotes”, an em dash — and café; a long line with a URL, see
https://specs.openstack.org/openstack/nova-specs/specs/2024.1/index.html here.

* An item with ``code``.

.. code-block:: python

   print('hi')
'''


@pytest.mark.parametrize(('text', 'limit'), (
    pytest.param(CLEAN, 79, id='clean spec'),
    pytest.param('twenty characters ok\n', LIMIT, id='exactly at limit'),
    pytest.param('ééééé ééééé ééééé éé\n', LIMIT, id='characters not bytes'),
    pytest.param(f'{TOO_LONG}\n', 0, id='limit 0 disables'),
    pytest.param('', LIMIT, id='empty text'),
))
def test_clean(tmp_path: Path, text: str, limit: int) -> None:
    path = str(tmp_path / 'spec.rst')
    assert run(path, text.encode(), limit) == []


LONG_LINES = (
    pytest.param(f'{TOO_LONG}\n', [W101], id='prose'),
    pytest.param(f'{TOO_LONG}  \n', [W101, (1, 'W102', 'trailing whitespace',
                                            24)],
                 id='trailing whitespace is not counted'),
    pytest.param('twenty characters ok   \n', [
        (1, 'W102', 'trailing whitespace', 21)],
        id='long by trailing whitespace alone'),
    pytest.param(f'Title\n=====\n\n{TOO_LONG}\n', [at(4)], id='after title'),
    pytest.param(f'{TOO_LONG}\n{"=" * 23}\n', [W101],
                 id='a title cannot wrap but can be shortened'),
    pytest.param('see https://example.com/a/b/c\n', [], id='url'),
    pytest.param('   averylongsingletokenindeed\n', [], id='single token'),
    pytest.param('.. _target name: some/relative/path.html\n', [],
                 id='hyperlink target'),
    pytest.param(f'Example::\n\n    {TOO_LONG}\n', [], id='literal block'),
    pytest.param(f'Example: ::\n\n    {TOO_LONG}\n', [],
                 id='literal block, partially minimised'),
    pytest.param(f'::\n\n    {TOO_LONG}\n\n      {TOO_LONG}\n', [],
                 id='lone :: and blank lines inside the block'),
    pytest.param(f'Example::\n\n    code\n\n{TOO_LONG}\n', [at(5)],
                 id='literal block ends at dedent'),
    pytest.param(f'Example::\n    {TOO_LONG}\n', [at(2, 27)],
                 id='no blank line after :: is a definition list'),
    pytest.param(f'Example::\n\n> {TOO_LONG}\n> more\n\n{TOO_LONG}\n',
                 [at(6)], id='quoted literal block'),
    pytest.param(f'Example::\n\n{TOO_LONG}\n', [at(3)],
                 id='unindented text after :: is no literal block'),
    pytest.param(f'- item::\n\n      {TOO_LONG}\n', [],
                 id='literal block in a list item'),
    pytest.param(f'- item::\n\n  {TOO_LONG}\n', [at(3, 25)],
                 id='list item text after :: is no literal block'),
    pytest.param(f'Title\n::::::\n\n  {TOO_LONG}\n', [at(4, 25)],
                 id='an underline of colons is no literal marker'),
    pytest.param(f'.. a comment::\n\n   {TOO_LONG}\n', [at(3, 26)],
                 id='a comment ending in :: is no literal marker'),
    pytest.param(f'.. note::\n\n   {TOO_LONG}\n', [],
                 id='note body, as doc8 skips directive bodies'),
    pytest.param(f'.. note::\n\n   Run::\n\n      {TOO_LONG}\n', [],
                 id='literal block inside a note'),
    pytest.param(f'.. list-table::\n\n   * - {TOO_LONG}\n', [],
                 id='list-table cells'),
    pytest.param(f'..  CODE-BLOCK:: python\n\n   {TOO_LONG}\n', [],
                 id='directive names ignore case and extra spaces'),
    pytest.param(f'.. code::\n\n   code\n\n{TOO_LONG}\n', [at(5)],
                 id='directive body ends at dedent'),
    pytest.param('.. literalinclude:: ../a/long/path.py\n', [],
                 id='verbatim directive line'),
    pytest.param('.. image:: ../a/long/path.png\n', [],
                 id='a marker line with a lone argument'),
    pytest.param(
        '+-------------------------+\n'
        f'| {TOO_LONG} |\n'
        '+=========================+\n'
        '| another cell            |\n'
        '+-------------------------+\n'
        f'{TOO_LONG}\n',
        [at(6)], id='grid table'),
    pytest.param(f'| {TOO_LONG}\n', [at(1, 25)], id='line block is text'),
    pytest.param(f'+ {TOO_LONG}\n', [at(1, 25)], id='bullet + is text'),
    pytest.param(
        '=====  ================\n'
        'name   description\n'
        '=====  ================\n'
        f'a      {TOO_LONG}\n'
        '\n'
        f'b      {TOO_LONG}\n'
        '=====  ================\n'
        '\n'
        f'{TOO_LONG}\n',
        [at(9)], id='simple table'),
    pytest.param(
        '=====  ================\n'
        f'{TOO_LONG}\n',
        [at(1), at(2)], id='simple table border without a bottom border'),
)

# What doc8's D001 skips and W101 with it, and where doc8 is wrong.
DOC8_SHAPES = (
    pytest.param(
        '.. list-table:: Values\n'
        '   :header-rows: 1\n'
        '\n'
        '   * - Value\n'
        f'     - {TOO_LONG}\n'
        f'       {TOO_LONG}\n',
        [], id='list-table cell lines'),
    pytest.param(
        f'.. note::\n\n    **Bold**\n\n    {TOO_LONG}\n    {TOO_LONG}\n',
        [], id='note body'),
    pytest.param(f'.. note:: Longer text\n   {TOO_LONG}\n', [at(1, 21)],
                 id='words after the marker wrap, the body is skipped'),
    pytest.param(
        f'.. line-block::\n\n    Variables:\n       NAME - {TOO_LONG}\n',
        [], id='line-block directive'),
    pytest.param(f'.. topic:: Support\n\n    {TOO_LONG}\n', [],
                 id='topic body'),
    pytest.param('.. |logo| image:: ../a/path.png\n', [],
                 id='a substitution definition is a directive'),
    pytest.param(f'.. |name| replace:: {TOO_LONG}\n', [at(1, 43)],
                 id='words after a substitution definition wrap'),
    pytest.param(f'{TOO_LONG}\n    its definition\n', [],
                 id='a definition term cannot wrap'),
    # doc8 takes these for terms, and the repositories that run it
    # accept them: so does W101.
    pytest.param(f'   (c) {TOO_LONG}\n       from it.\n',
                 [], id="an item '(c)' continued is a term to doc8"),
    pytest.param(f'       b. {TOO_LONG}\n          more\n', [],
                 id="an item 'b.' continued is a term to doc8"),
    pytest.param(f'   3. {TOO_LONG}\n      from it.\n',
                 [at(1, 29)], id='a numbered item line is no term'),
    pytest.param(f':field: {TOO_LONG}\n   more\n', [at(1, 31)],
                 id='a field line is no term'),
    pytest.param(f'| {TOO_LONG}\n  more\n', [at(1, 25)],
                 id='a line-block line is no term'),
    pytest.param(f'In a {TOO_LONG}::\n\n    code\n', [at(1, 30)],
                 id='a paragraph ending in :: opens no directive region'),
    pytest.param(
        f'- item\n\n  .. note::\n\n     {TOO_LONG}\n\n  {TOO_LONG}\n',
        [at(7, 25)], id='a directive body ends at its own indentation'),
    pytest.param(f'.. code::\n\n   code\n{TOO_LONG}\n', [at(4)],
                 id='a directive body ends at the first dedent'),
)


@pytest.mark.parametrize(('text', 'findings'), LONG_LINES + DOC8_SHAPES)
def test_long_lines(
        tmp_path: Path, text: str, findings: list[Expected],
) -> None:
    path = str(tmp_path / 'spec.rst')
    assert run(path, text.encode()) == expect(path, *findings)


@pytest.mark.parametrize('name', (
    'actdiag', 'blockdiag', 'code', 'code-block', 'csv-table', 'graphviz',
    'highlight', 'literalinclude', 'mermaid', 'nwdiag', 'parsed-literal',
    'seqdiag', 'sourcecode', 'uml',
))
def test_verbatim_directives(tmp_path: Path, name: str) -> None:
    path = str(tmp_path / 'spec.rst')
    text = f'.. {name}:: arg\n   :option: x\n\n   {TOO_LONG}\n\n{TOO_LONG}\n'
    assert run(path, text.encode()) == expect(path, at(6))


def w(line: int, code: str, message: str, column: int) -> Expected:
    return (line, code, message, column)


CRLF = w(1, 'W104', 'CRLF line endings; use LF', 1)


@pytest.mark.parametrize(('raw', 'findings'), (
    pytest.param(b'text  \n', [w(1, 'W102', 'trailing whitespace', 5)],
                 id='trailing spaces'),
    pytest.param(b'   \nx\n', [w(1, 'W102', 'trailing whitespace', 1)],
                 id='whitespace-only line'),
    pytest.param('text\u2009\n'.encode(), [
        w(1, 'W102', 'trailing whitespace', 5)], id='trailing thin space'),
    pytest.param(b'text\t\n', [w(1, 'W102', 'trailing whitespace', 5)],
                 id='trailing tab is trailing whitespace only'),
    pytest.param(b'\tindented\n', [
        w(1, 'W103', 'tab character; use spaces', 1)], id='tab indent'),
    pytest.param(b'a\tb\tc\t\n', [
        w(1, 'W103', 'tab character; use spaces', 2),
        w(1, 'W102', 'trailing whitespace', 6)], id='tabs inside and after'),
    pytest.param(b'a\r\nb\r\n', [CRLF], id='CRLF'),
    pytest.param(b'a\rb\r', [w(1, 'W104', 'CR line endings; use LF', 1)],
                 id='CR'),
    pytest.param(b'a\nbc\r\nd\n', [w(
        2, 'W104', 'mixed line endings: CRLF here, LF on line 1; use LF '
        'throughout', 3)], id='mixed, LF first'),
    pytest.param(b'a\r\nb\nc\n', [CRLF, w(
        2, 'W104', 'mixed line endings: LF here, CRLF on line 1; use LF '
        'throughout', 2)], id='mixed, CRLF first'),
    pytest.param(b'a\r\r\n', [w(1, 'W104', 'CR line endings; use LF', 1), w(
        2, 'W104', 'mixed line endings: CRLF here, CR on line 1; use LF '
        'throughout', 1)], id='CR then CRLF'),
    pytest.param(f'{TOO_LONG} \r\n'.encode(), [
        CRLF, W101, w(1, 'W102', 'trailing whitespace', 24)],
        id='CRLF: the CR is no character of the line'),
    pytest.param(b'text', [w(1, 'W106', 'no newline at end of file', 5)],
                 id='no final newline'),
    pytest.param(b'a\n\nlast', [
        w(3, 'W106', 'no newline at end of file', 5)],
        id='no final newline, line 3'),
    pytest.param(b'a\r\nb', [CRLF, w(2, 'W106', 'no newline at end of file',
                                      2)], id='no final newline, CRLF'),
    pytest.param(b'\xef\xbb\xbfa\r\n', [CRLF], id='BOM and CRLF'),
    pytest.param(b'\xef\xbb\xbf' + TOO_LONG.encode() + b'\n', [W101],
                 id='BOM is no character of line 1'),
    pytest.param(b'\xef\xbb\xbf\xef\xbb\xbfa\n', [w(
        1, 'W105', 'invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE',
        1)], id='second BOM'),
))
def test_whitespace_and_endings(
        tmp_path: Path, raw: bytes, findings: list[Expected],
) -> None:
    path = str(tmp_path / 'spec.rst')
    assert run(path, raw) == expect(path, *findings)


@pytest.mark.parametrize(('char', 'name'), (
    ('\u200b', 'U+200B ZERO WIDTH SPACE'),
    ('\u200c', 'U+200C ZERO WIDTH NON-JOINER'),
    ('\u200d', 'U+200D ZERO WIDTH JOINER'),
    ('\u2060', 'U+2060 WORD JOINER'),
    ('\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'),
    ('\u00ad', 'U+00AD SOFT HYPHEN'),
    ('\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'),
    ('\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'),
    ('\U000e0041', 'U+E0041 TAG LATIN CAPITAL LETTER A'),
    ('\u3164', 'U+3164 HANGUL FILLER'),
    ('\u2028', 'U+2028 LINE SEPARATOR'),
    ('\x07', 'U+0007 (control character)'),
    ('\x0c', 'U+000C (control character)'),
    ('\x85', 'U+0085 (control character)'),
    ('\x7f', 'U+007F (control character)'),
))
def test_invisible(tmp_path: Path, char: str, name: str) -> None:
    path = str(tmp_path / 'spec.rst')
    raw = f'ok\nab{char}c{char}d\n'.encode()
    assert run(path, raw) == expect(
        path, w(2, 'W105', f'invisible character {name}', 3),
    )


@pytest.mark.parametrize(('text', 'findings'), (
    pytest.param('a\u200b\n', [w(
        1, 'W105', 'invisible character U+200B ZERO WIDTH SPACE', 2)],
        id='trailing zero width space is not whitespace'),
    pytest.param('a\x0c\n', [w(1, 'W102', 'trailing whitespace', 2)],
                 id='trailing form feed is trailing whitespace'),
    pytest.param('\u200bx\n\u200by\n', [
        w(1, 'W105', 'invisible character U+200B ZERO WIDTH SPACE', 1),
        w(2, 'W105', 'invisible character U+200B ZERO WIDTH SPACE', 1)],
        id='one per line'),
    pytest.param('naïve “text” — ✓ 日本語 \u00a0nbsp\n', [],
                 id='visible non-ASCII'),
))
def test_invisible_edges(
        tmp_path: Path, text: str, findings: list[Expected],
) -> None:
    path = str(tmp_path / 'spec.rst')
    assert run(path, text.encode(), 79) == expect(path, *findings)


def test_no_docutils_import() -> None:
    code = (
        'import sys, spec_hooks.checks.style\n'
        'print(sorted(m for m in ("docutils", "typing", "dataclasses") '
        'if m in sys.modules))'
    )
    out = subprocess.run(
        [sys.executable, '-c', code], capture_output=True, text=True,
        check=True,
    ).stdout
    assert out == '[]\n'


def _is_link_stub(raw: bytes) -> bool:
    """A symlink stored as a file holding its target (as git does without
    symlink support): one line, no newline, a path to another spec."""
    return b'\n' not in raw and raw.endswith(b'.rst')


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason='no corpus')
def test_nova_corpus() -> None:
    root = os.path.join(CORPUS, 'nova-specs')
    files = 0
    files_per_code: Counter[str] = Counter()
    crlf: list[tuple[str, int]] = []
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, 'rb') as f:
                raw = f.read()
            if not name.endswith('.rst') or _is_link_stub(raw):
                continue
            files += 1
            found = run(path, raw, max_line_length=79)
            files_per_code.update({d.code for d in found})
            crlf.extend(
                (os.path.relpath(d.path, root), d.line) for d in found
                if d.code == 'W104'
            )
    assert files >= 800
    assert files_per_code['W101'] < files * 0.05
    assert crlf == [(NOVA_CRLF, 1)]
    assert files_per_code['W103'] == 2


def test_style_and_scanner_agree_on_literal_blocks(tmp_path: Path) -> None:
    """'iv.' is a list item: the text after it starts in column 4, so a
    line indented 2 is prose, not a literal block, and may not be long."""
    path = str(tmp_path / 'spec.rst')
    text = f'iv. item::\n\n  {TOO_LONG} and so on\n'
    assert run(path, text.encode()) == expect(
        path, at(3, len(TOO_LONG) + 12))


TEMPLATE_LINE = 'a line of the template, too long'


@pytest.mark.parametrize(('text', 'findings'), [
    pytest.param(f'{TEMPLATE_LINE}\n', [], id='a copy of a template line'),
    pytest.param(f'{TEMPLATE_LINE}  \n',
                 [w(1, 'W102', 'trailing whitespace', 33)],
                 id='a copy with trailing whitespace'),
    pytest.param(f'{TEMPLATE_LINE}.\n', [at(1, 33)],
                 id='the template line, edited'),
    pytest.param(f'  {TEMPLATE_LINE}\n', [at(1, 34)],
                 id='the template line, indented otherwise'),
    pytest.param(f'{TOO_LONG}\n', [W101], id='the author\'s own long line'),
])
@pytest.mark.parametrize('several', [False, True])
def test_long_lines_copied_from_the_template(
        tmp_path: Path, text: str, findings: list[Expected], several: bool,
) -> None:
    """The template's own long lines are its style, not the author's: a
    verbatim copy is not W101, whichever of a spec's templates has it."""
    template_path = tmp_path / 'template.rst'
    template_path.write_text(f'=====\nTitle\n=====\n\n{TEMPLATE_LINE}\n')
    template = load_template(str(template_path))
    path = str(tmp_path / 'spec.rst')
    values = {key: default for key, (_, default) in OPTIONS.items()}
    values['max-line-length'] = LIMIT
    settings = Settings(values, str(tmp_path))
    templates = [load_template(DEFAULT_TEMPLATE), template] if several \
        else template
    found = style.check(Spec(path, text.encode()),
                        Context(settings, {path: templates}))
    assert sorted(found, key=Diagnostic.key) == expect(path, *findings)
