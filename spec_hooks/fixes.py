"""Applying fixers' edits without touching any other byte, and writing the
result atomically."""
from __future__ import annotations

import os
import re

from spec_hooks.spec import BOM, Spec

# Lines with their own endings; str.splitlines would also split on \f, \v,
# \x1c.. and U+2028, which spec.lines (and so every line number) does not.
LINE = re.compile(r'[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z')


class Edit:
    """Replace lines ``start`` to ``stop`` (0-based, ``stop`` excluded) of
    ``spec.lines`` by ``lines``, written with the spec's own newline."""

    __slots__ = ('lines', 'start', 'stop')

    def __init__(self, start: int, stop: int, lines: list[str]) -> None:
        self.start = start
        self.stop = stop
        self.lines = lines

    def __repr__(self) -> str:
        return f'Edit({self.start}, {self.stop}, {self.lines!r})'


def apply(spec: Spec, edits: list[Edit]) -> bytes:
    """The file's new bytes: BOM, encoding, newlines and every line the
    edits do not name stay as they were."""
    lines = LINE.findall(spec.source)
    # Bottom up, so earlier line numbers stay valid; at the same start a
    # removal (0, 6) goes before an insertion (0, 0), not into its lines.
    for edit in sorted(edits, key=lambda e: (e.start, e.stop), reverse=True):
        if edit.start >= len(lines) and lines and \
                not lines[-1].endswith(('\n', '\r')):
            lines[-1] += spec.newline  # appending after a last line
        lines[edit.start:edit.stop] = [
            line + spec.newline for line in edit.lines
        ]
    return (BOM if spec.bom else b'') + ''.join(lines).encode('utf-8')


def write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary file in the same directory, then rename
    it over the target (following a symlink to the file it names), so a
    reader never sees half a file and the mode is kept."""
    import tempfile

    target = os.path.realpath(path)
    mode = os.stat(target).st_mode & 0o7777
    fd, temporary = tempfile.mkstemp(
        dir=os.path.dirname(target), prefix='.spec-hooks-', suffix='.tmp',
    )
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
