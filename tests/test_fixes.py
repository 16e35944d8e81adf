from __future__ import annotations

import os
import pathlib
import stat

import pytest

from spec_hooks import doctree, fixes
from spec_hooks.fixes import Changed, Edit, Unsafe, apply, fixed, write
from spec_hooks.spec import Spec

BOM = b'\xef\xbb\xbf'


def applied(raw: bytes, *edits: Edit) -> bytes:
    return apply(Spec('spec.rst', raw), list(edits))


@pytest.mark.parametrize(
    ('raw', 'edits', 'expected'), [
        pytest.param(b'a\nb\n', [], b'a\nb\n', id='no edits'),
        pytest.param(b'a\nb\n', [Edit(0, 0, ['H', ''])], b'H\n\na\nb\n',
                     id='insert on top'),
        pytest.param(b'a\nb\nc\n', [Edit(1, 2, ['B1', 'B2'])],
                     b'a\nB1\nB2\nc\n', id='replace a line'),
        pytest.param(b'a\nb\nc\n', [Edit(1, 3, [])], b'a\n',
                     id='delete lines'),
        pytest.param(b'a\r\nb\r\n', [Edit(0, 0, ['H'])], b'H\r\na\r\nb\r\n',
                     id='CRLF'),
        pytest.param(BOM + b'a\nb\n', [Edit(0, 0, ['H'])],
                     BOM + b'H\na\nb\n', id='BOM stays first'),
        pytest.param(BOM + b'a\r\nb\r\n', [Edit(2, 2, ['E'])],
                     BOM + b'a\r\nb\r\nE\r\n', id='BOM and CRLF'),
        pytest.param(b'a\rb\r', [Edit(1, 1, ['H'])], b'a\rH\rb\r',
                     id='CR only'),
        pytest.param(b'a\r\nb\nc\rd\r\n', [Edit(2, 2, ['H'])],
                     b'a\r\nb\nH\r\nc\rd\r\n',
                     id='mixed: untouched lines keep their endings'),
        pytest.param(b'a\nb', [Edit(2, 2, ['E'])], b'a\nb\nE\n',
                     id='append after a last line without newline'),
        pytest.param(b'a\r\nb', [Edit(2, 2, ['', 'E'])],
                     b'a\r\nb\r\n\r\nE\r\n',
                     id='append after a last line without CRLF'),
        pytest.param(b'a\rb', [Edit(2, 2, ['E'])], b'a\rb\rE\r',
                     id='append after a last line without CR'),
        pytest.param(b'a\nb', [Edit(0, 0, ['H'])], b'H\na\nb',
                     id='last line without newline untouched'),
        pytest.param(b'a\nb\n\n\n', [Edit(2, 5, ['', 'E'])], b'a\nb\n\nE\n',
                     id='replace trailing blank lines'),
        pytest.param('a\u2028b\x0cc\x0bd\x1ce\x85f\nz\n'.encode(),
                     [Edit(1, 1, ['H'])],
                     'a\u2028b\x0cc\x0bd\x1ce\x85f\nH\nz\n'.encode(),
                     id='U+2028, form feed and friends are not line breaks'),
        pytest.param('ä\u200bö\nü\n'.encode(), [Edit(1, 1, ['ß €'])],
                     'ä\u200bö\nß €\nü\n'.encode(), id='non-ASCII'),
        pytest.param(b'a\n\tb  \nc', [Edit(0, 0, ['H'])],
                     b'H\na\n\tb  \nc', id='tabs and trailing spaces'),
        pytest.param(b'a\nb\nc\n', [Edit(0, 1, ['A1', 'A2']),
                                    Edit(2, 3, ['C'])],
                     b'A1\nA2\nb\nC\n', id='bottom-up: top edit first'),
        pytest.param(b'a\nb\nc\n', [Edit(2, 3, ['C']),
                                    Edit(0, 1, ['A1', 'A2'])],
                     b'A1\nA2\nb\nC\n', id='bottom-up: bottom edit first'),
        pytest.param(b'a\nb', [Edit(0, 0, ['T']), Edit(2, 2, ['E'])],
                     b'T\na\nb\nE\n', id='top and end together'),
        pytest.param(b'a\nb\r', [Edit(2, 2, ['', 'E'])], b'a\nb\r\rE\n',
                     id='after a lone CR, a blank line is a CR, not CRLF'),
        pytest.param(b'a\nb\r', [Edit(2, 2, ['E'])], b'a\nb\rE\n',
                     id='after a lone CR, a line of text'),
    ],
)
def test_apply(raw: bytes, edits: list[Edit], expected: bytes) -> None:
    assert applied(raw, *edits) == expected


def test_inserted_lines_take_the_first_line_break() -> None:
    assert applied(b'a\rb\nc\n', Edit(0, 0, ['H'])) == b'H\ra\rb\nc\n'


def test_a_removal_and_an_insertion_at_the_same_line() -> None:
    """The license fixer inserts at line 0 while the leftover fixer removes
    the paragraph on lines 0-1: both happen, neither eats the other."""
    assert applied(b'Delete me.\n\nText.\n',
                   Edit(0, 0, ['Header', '']), Edit(0, 2, [])) == \
        b'Header\n\nText.\n'


def test_apply_refuses_to_join_two_line_breaks() -> None:
    """Without 'b', the blank line's LF would follow a's lone CR: one CRLF
    line break, and the blank line gone."""
    with pytest.raises(Unsafe) as refused:
        apply(Spec('spec.rst', b'a\rb\n\nc\n'), [Edit(1, 2, [])])
    assert str(refused.value) == 'the fix would join two line breaks into one'


HEADER = ['..', ' Copyright 2026 ACME. Licensed under the Apache License.']
TITLE = 'Title\n=====\n\nText.\n'
DELETE = '*Delete this paragraph.* Here are some instructions.\n'
INSERT = {'added': '\n'.join(HEADER), 'what': 'inserted license header'}
REMOVE = {'removed': DELETE.rstrip('\n'), 'what': 'removed paragraph'}
DIFFERS = 'the fixed document would differ from this one in more than the '


def top(**declared: str) -> Edit:
    return Edit(0, 0, [*HEADER, ''], **declared)


@pytest.mark.parametrize(
    ('text', 'edit', 'expected'), [
        pytest.param(TITLE, top(**INSERT), '\n'.join(HEADER) + '\n\n' + TITLE,
                     id='header on top'),
        pytest.param('Text.\n', Edit(1, 1, ['', *HEADER], **INSERT),
                     'Text.\n\n' + '\n'.join(HEADER) + '\n',
                     id='header at the end'),
        pytest.param(DELETE + '\n' + TITLE, Edit(0, 2, [], **REMOVE), TITLE,
                     id='paragraph removed'),
        pytest.param('- a\n- ' + DELETE, Edit(1, 2, [], removed='- ' + DELETE,
                                             what='item'), '- a\n',
                     id='one item of a list removed'),
        pytest.param(TITLE + '\n\n\n', Edit(4, 7, []), TITLE,
                     id='blank lines: no element'),
    ],
)
def test_fixed_accepts_exactly_what_the_edit_says(
        text: str, edit: Edit, expected: str,
) -> None:
    assert fixed(Spec('spec.rst', text.encode()), edit).text == expected


@pytest.mark.parametrize(
    ('text', 'edit', 'reason'), [
        pytest.param('  Quoted text.\n', top(**INSERT),
                     DIFFERS + 'inserted license header',
                     id='header swallows an indented first block'),
        pytest.param('  Quoted text.\n',
                     Edit(0, 0, ['::', '', '  # Licensed.', ''],
                          added='::\n\n  # Licensed.', what='header'),
                     DIFFERS + 'header', id='literal header swallows it'),
        pytest.param(TITLE, top(), DIFFERS + 'edit',
                     id='nothing declared, something added'),
        pytest.param(TITLE, top(added='..\n Other words.', what='header'),
                     DIFFERS + 'header', id='other words declared'),
        pytest.param(DELETE.replace('.\n', '::\n') + '\n  literal\n',
                     Edit(0, 2, [], removed=DELETE.replace('.\n', '::'),
                          what='paragraph'),
                     DIFFERS + 'paragraph',
                     id='literal block becomes a quote'),
        pytest.param('.. note::\n\n   ' + DELETE, Edit(2, 3, [], **REMOVE),
                     DIFFERS + 'removed paragraph',
                     id='directive left empty'),
        pytest.param('Other text.\n\n' + DELETE, Edit(0, 2, [], **REMOVE),
                     DIFFERS + 'removed paragraph',
                     id='another paragraph removed'),
        pytest.param('Text.\nMore.\n', Edit(1, 1, ['', *HEADER], **INSERT),
                     DIFFERS + 'inserted license header',
                     id='header joins the paragraph above'),
        pytest.param('A _`target` here.\n\nSee target_.\n',
                     Edit(0, 2, [], removed='A _`target` here.',
                          what='paragraph'),
                     'the paragraph defines or refers to names, which the '
                     'fix cannot verify', id='a target removed'),
        pytest.param('Word `link`__ here.\n\n__ https://e.org\n',
                     Edit(0, 2, [], removed='Word `link`__ here.',
                          what='paragraph'),
                     'the paragraph defines or refers to names, which the '
                     'fix cannot verify', id='an anonymous reference removed'),
    ],
)
def test_fixed_refuses_any_other_difference(
        text: str, edit: Edit, reason: str,
) -> None:
    with pytest.raises(Unsafe) as refused:
        fixed(Spec('spec.rst', text.encode()), edit)
    assert str(refused.value) == reason


def test_fixed_refuses_what_cannot_be_parsed(
        monkeypatch: pytest.MonkeyPatch,
) -> None:
    def too_deep(*args: object) -> None:
        raise RecursionError

    monkeypatch.setattr(doctree, 'parse', too_deep)
    with pytest.raises(Unsafe) as refused:
        fixed(Spec('spec.rst', TITLE.encode()), top(**INSERT))
    assert str(refused.value) == (
        'the file could not be parsed to verify the fix: nested too deeply '
        'to check: flatten the lists, quotes or directives inside one '
        'another'
    )


def test_tokens_ignore_positions_and_ids() -> None:
    first = Spec('a.rst', b'Para [#]_ `x`_.\n\n.. _x: https://e.org\n')
    second = Spec('b.rst', b'\n\n\nPara [#]_ `x`_.\n\n\n.. _x: https://e.org\n')
    assert fixes.tokens(first.doctree) == fixes.tokens(second.doctree)
    assert fixes.tokens(first.doctree) != fixes.tokens(
        Spec('c.rst', b'Para [#]_ `y`_.\n\n.. _x: https://e.org\n').doctree)


@pytest.fixture
def target(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / 'spec.rst'
    path.write_bytes(b'old text\n')
    return path


@pytest.mark.parametrize('new', [b'new\r\n', b'new and longer text\n', b''])
def test_write_replaces_the_content_in_place(
        target: pathlib.Path, new: bytes,
) -> None:
    target.chmod(0o640)
    link = target.parent / 'hard-link.rst'
    os.link(target, link)
    before = target.stat()
    write(str(target), b'old text\n', new)
    after = target.stat()
    assert target.read_bytes() == link.read_bytes() == new
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert sorted(os.listdir(target.parent)) == ['hard-link.rst', 'spec.rst']


@pytest.mark.skipif(os.geteuid() != 0, reason='only root can give files away')
def test_write_keeps_owner_and_group(target: pathlib.Path) -> None:
    os.chown(target, 4321, 8765)
    write(str(target), b'old text\n', b'new\n')
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 8765)
    assert target.read_bytes() == b'new\n'


def test_write_through_a_symlink(tmp_path: pathlib.Path) -> None:
    real = tmp_path / 'real'
    real.mkdir()
    (real / 'spec.rst').write_bytes(b'old\n')
    link = tmp_path / 'spec.rst'
    link.symlink_to(os.path.join('real', 'spec.rst'))
    write(str(link), b'old\n', b'new\n')
    assert link.is_symlink()
    assert (real / 'spec.rst').read_bytes() == b'new\n'


@pytest.mark.parametrize(
    'now', [b'old text and more\n', b'OLD TEXT\n', b'', b'old text\n\n'],
)
def test_write_refuses_a_file_that_changed(
        target: pathlib.Path, now: bytes,
) -> None:
    target.write_bytes(now)
    with pytest.raises(Changed):
        write(str(target), b'old text\n', b'new\n')
    assert target.read_bytes() == now


class FailingWrites:
    """os.pwrite that fails on the calls numbered in ``failing``."""

    def __init__(self, *failing: int) -> None:
        self.failing = failing
        self.calls = 0
        self.pwrite = os.pwrite

    def __call__(self, fd: int, data: bytes, offset: int) -> int:
        self.calls += 1
        if self.calls in self.failing:
            raise OSError(28, 'No space left on device')
        return self.pwrite(fd, data, offset)


@pytest.mark.parametrize(
    ('new', 'failing'), [
        pytest.param(b'new and longer text\n', (1,),
                     id='growing: the new blocks'),
        pytest.param(b'new and longer text\n', (2,),
                     id='growing: the text over the old'),
        pytest.param(b'new\n', (1,), id='shrinking'),
    ],
)
def test_a_failed_write_leaves_the_old_text(
        target: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        new: bytes, failing: tuple[int, ...],
) -> None:
    monkeypatch.setattr(os, 'pwrite', FailingWrites(*failing))
    with pytest.raises(OSError) as error:
        write(str(target), b'old text\n', new)
    monkeypatch.undo()
    assert error.value.strerror == 'No space left on device'
    assert target.read_bytes() == b'old text\n'
    assert os.listdir(target.parent) == ['spec.rst']


def test_a_failed_write_that_cannot_be_undone_says_so(
        target: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, 'pwrite', FailingWrites(1, 2))
    with pytest.raises(OSError) as error:
        write(str(target), b'old text\n', b'new\n')
    assert error.value.strerror == (
        'No space left on device, and writing the old text back failed: '
        'No space left on device'
    )


def test_write_in_a_read_only_directory(tmp_path: pathlib.Path) -> None:
    directory = tmp_path / 'locked'
    directory.mkdir()
    path = directory / 'spec.rst'
    path.write_bytes(b'old\n')
    directory.chmod(0o555)
    try:
        write(str(path), b'old\n', b'new\n')  # no file is created
    finally:
        directory.chmod(0o755)
    assert path.read_bytes() == b'new\n'
    assert os.listdir(directory) == ['spec.rst']
