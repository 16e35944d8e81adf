from __future__ import annotations

import os
import pathlib
import stat

import pytest

from spec_hooks.fixes import Edit, apply, write_atomically
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
    ],
)
def test_apply(raw: bytes, edits: list[Edit], expected: bytes) -> None:
    assert applied(raw, *edits) == expected


def test_inserted_lines_take_the_first_line_break() -> None:
    assert applied(b'a\rb\nc\n', Edit(0, 0, ['H'])) == b'H\ra\rb\nc\n'


@pytest.fixture
def target(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / 'spec.rst'
    path.write_bytes(b'old\n')
    return path


@pytest.mark.parametrize('mode', [0o640, 0o664, 0o755, 0o604])
def test_write_atomically_keeps_the_mode(
        target: pathlib.Path, mode: int,
) -> None:
    target.chmod(mode)
    write_atomically(str(target), b'new\r\n')
    assert target.read_bytes() == b'new\r\n'
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert os.listdir(target.parent) == ['spec.rst']


def test_write_atomically_replaces_the_file(target: pathlib.Path) -> None:
    before = target.stat().st_ino
    write_atomically(str(target), BOM + 'é\n'.encode())
    assert target.read_bytes() == BOM + 'é\n'.encode()
    assert target.stat().st_ino != before  # renamed over, not rewritten


def test_write_atomically_relative_path(
        target: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(target.parent)
    write_atomically('spec.rst', b'new\n')
    assert target.read_bytes() == b'new\n'
    assert os.listdir(target.parent) == ['spec.rst']


def test_write_atomically_writes_through_a_symlink(
        tmp_path: pathlib.Path,
) -> None:
    real = tmp_path / 'real'
    real.mkdir()
    specs = tmp_path / 'specs'
    specs.mkdir()
    (real / 'spec.rst').write_bytes(b'old\n')
    (real / 'spec.rst').chmod(0o640)
    link = specs / 'spec.rst'
    link.symlink_to(os.path.join('..', 'real', 'spec.rst'))

    write_atomically(str(link), b'new\n')

    assert link.is_symlink()
    assert os.readlink(link) == os.path.join('..', 'real', 'spec.rst')
    assert (real / 'spec.rst').read_bytes() == b'new\n'
    assert stat.S_IMODE((real / 'spec.rst').stat().st_mode) == 0o640
    assert os.listdir(real) == ['spec.rst']
    assert os.listdir(specs) == ['spec.rst']


@pytest.mark.parametrize('step', ['replace', 'chmod'])
def test_write_atomically_failure_keeps_the_original(
        target: pathlib.Path, monkeypatch: pytest.MonkeyPatch, step: str,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, 'No space left on device')

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(OSError, match='No space left on device'):
        write_atomically(str(target), b'new\n')
    monkeypatch.undo()
    assert target.read_bytes() == b'old\n'
    assert os.listdir(target.parent) == ['spec.rst']


class FailingFile:
    """What os.fdopen returns, for a disk that is full."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(28, 'No space left on device')


def test_write_atomically_failure_in_write_leaves_no_temp_file(
        target: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, 'fdopen', lambda fd, mode: FailingFile(fd))
    with pytest.raises(OSError, match='No space left on device'):
        write_atomically(str(target), b'new\n')
    monkeypatch.undo()
    assert target.read_bytes() == b'old\n'
    assert os.listdir(target.parent) == ['spec.rst']


def test_a_removal_and_an_insertion_at_the_same_line() -> None:
    """The license fixer inserts at line 0 while the leftover fixer removes
    the paragraph on lines 0-1: both happen, neither eats the other."""
    assert applied(b'Delete me.\n\nText.\n',
                   Edit(0, 0, ['Header', '']), Edit(0, 2, [])) == \
        b'Header\n\nText.\n'
