"""Applying fixers' edits without touching any other byte, verifying the
result the way black's safe mode does, and writing it in place.

An edit says which document elements it adds or removes, as
reStructuredText (``added``, ``removed``).  The fixed text is parsed again
and its doctree must be the original's with exactly those elements taken
out or put in: a header that swallows the indented block after it, a
removal that turns a literal block into a quote or empties a directive,
any new docutils message, all show as a difference, and the fix is not
written.  docutils is imported only when there is an edit to verify.
"""
from __future__ import annotations

import os
import re
import stat

from spec_hooks.spec import BOM, BadInput, Spec

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from docutils import nodes

# Lines with their own endings; str.splitlines would also split on \f, \v,
# \x1c.. and U+2028, which spec.lines (and so every line number) does not.
LINE = re.compile(r'[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z')


class Edit:
    """Replace lines ``start`` to ``stop`` (0-based, ``stop`` excluded) of
    ``spec.lines`` by ``lines``, written with the spec's own newline.

    ``removed`` and ``added`` are the reStructuredText of the elements the
    edit takes out of the document and puts in (empty: none); ``what``
    names them for a person ('license header')."""

    __slots__ = ('added', 'lines', 'removed', 'start', 'stop', 'what')

    def __init__(
            self, start: int, stop: int, lines: list[str], *,
            removed: str = '', added: str = '', what: str = 'edit',
    ) -> None:
        self.start = start
        self.stop = stop
        self.lines = lines
        self.removed = removed
        self.added = added
        self.what = what

    def __repr__(self) -> str:
        return f'Edit({self.start}, {self.stop}, {self.lines!r})'


class Unsafe(Exception):
    """A fix that must not be written; the message says why."""


def apply(spec: Spec, edits: list[Edit]) -> bytes:
    """The file's new bytes: BOM, encoding, newlines and every line the
    edits do not name stay as they were.  Unsafe if a line break of the
    edits would join one outside them (a lone CR, then LF) into one."""
    lines = LINE.findall(spec.source)
    # Bottom up, so earlier line numbers stay valid; at the same start a
    # removal (0, 6) goes before an insertion (0, 0), not into its lines.
    for edit in sorted(edits, key=lambda e: (e.start, e.stop), reverse=True):
        if edit.start >= len(lines) and lines and \
                not lines[-1].endswith(('\n', '\r')):
            lines[-1] += spec.newline  # appending after a last line
        new = [line + spec.newline for line in edit.lines]
        if new and new[0] == '\n' and edit.start and \
                lines[edit.start - 1].endswith('\r'):
            new[0] = '\r'  # '\n' after a lone CR would make it one CRLF
        lines[edit.start:edit.stop] = new
    text = ''.join(lines)
    if len(LINE.findall(text)) != len(lines):
        raise Unsafe('the fix would join two line breaks into one')
    return (BOM if spec.bom else b'') + text.encode('utf-8')


def fixed(spec: Spec, edit: Edit) -> Spec:
    """``spec`` with ``edit`` applied and verified; Unsafe if the doctree
    differs from the original's by more than what the edit says."""
    after = Spec(spec.path, apply(spec, [edit]), spec.names)
    try:
        old, new = tokens(spec.doctree), tokens(after.doctree)
        removed = _Elements(spec, edit.removed)
        added = _Elements(spec, edit.added)
    except BadInput as e:
        raise Unsafe(f'the file could not be parsed to verify the fix: '
                     f'{e.message}') from None
    if not any(_replaced(old, new, r, a)
               for r in removed.runs for a in added.runs):
        raise Unsafe(f'the fixed document would differ from this one in '
                     f'more than the {edit.what}')
    for elements in (removed, added):
        if elements.problem:
            raise Unsafe(f'the {edit.what} {elements.problem}')
    return after


Token = tuple[str, ...]
# Where a node stands and what docutils numbered, not what it is.
POSITIONAL = frozenset({'ids', 'backrefs', 'refid', 'line', 'source'})
# What depends on the rest of the document, which parsing alone does not
# resolve: a target's name, a reference to one, an anonymous or numbered
# reference.  An edit that adds or removes any of them is not verified.
RESOLVED_LATER = frozenset({'names', 'refname', 'anonymous', 'auto'})


def tokens(node: nodes.Node) -> list[Token]:
    """The tree below ``node`` as a flat list: each element opens with its
    tag and attributes and closes, each text is its string.  Parsing the
    elements of an edit alone gives the run of tokens the edit adds to or
    removes from the document's."""
    from docutils import nodes

    found: list[Token] = []
    stack: list[nodes.Node | None] = list(reversed(node.children))
    while stack:  # not recursive: the tree may be deep
        item = stack.pop()
        if item is None:
            found.append(('>',))
        elif isinstance(item, nodes.Element):
            attributes = sorted(
                (key, value) for key, value in item.attributes.items()
                if key not in POSITIONAL
            )
            found.append(('<', item.tagname, repr(attributes)))
            stack.append(None)
            stack.extend(reversed(item.children))
        else:
            found.append(('#text', str(item)))
    return found


class _Elements:
    """The elements an edit adds or removes, parsed from their text alone:
    the runs of tokens they may stand for in a document (a list of one
    item may also be that item alone, taken from or put into a longer
    list), and why they cannot be verified, if they cannot."""

    def __init__(self, spec: Spec, text: str) -> None:
        from docutils import nodes

        self.runs: list[list[Token]] = [[]]
        self.problem = ''
        if not text:
            return
        document = Spec(spec.path, text.encode('utf-8'), spec.names).doctree
        run = tokens(document)
        self.runs = [run]
        children = document.children
        if len(children) == 1 and isinstance(
                children[0], (nodes.bullet_list, nodes.enumerated_list)) \
                and len(children[0].children) == 1:
            self.runs.append(run[1:-1])
        elements = list(document.findall(nodes.Element, include_self=False))
        if any(isinstance(e, nodes.system_message) for e in elements):
            self.problem = 'does not parse cleanly on its own'
        elif any(e.get(key) for e in elements for key in RESOLVED_LATER):
            self.problem = 'defines or refers to names, which the fix ' \
                'cannot verify'


def _replaced(old: list[Token], new: list[Token], removed: list[Token],
              added: list[Token]) -> bool:
    """Whether ``new`` is ``old`` with one run ``removed`` replaced by the
    run ``added`` (either may be empty), everything else the same."""
    if len(old) - len(removed) != len(new) - len(added):
        return False
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) and \
            old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    first = max(0, len(old) - len(removed) - suffix)
    last = min(prefix, len(old) - len(removed))
    return any(
        old[at:at + len(removed)] == removed and
        new[at:at + len(added)] == added
        for at in range(first, last + 1)
    )


class Changed(Exception):
    """The file is no longer what was read: writing would lose a change."""


LOCK_WAIT = 60.0  # seconds; then go on without the lock


class Exclusive:
    """An advisory lock (flock) on a file while it is read, fixed and
    written: two runs that fix one file take turns, the second reading
    what the first wrote, so neither writes over the other's fix.  Best
    effort: a path that is no regular file is not locked (reading it
    reports why), nor one locked for longer than LOCK_WAIT; ``write``
    still compares the file with what was read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> Exclusive:
        try:
            self.fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return self
        if stat.S_ISREG(os.fstat(self.fd).st_mode):
            _lock(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # and with it the lock


def _lock(fd: int) -> None:
    import fcntl
    import time

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                return
            time.sleep(0.01)
        except OSError:  # no locks here (some network file systems)
            return


def write(path: str, read: bytes, data: bytes) -> None:
    """Replace the content of the file at ``path``, which was ``read``
    when it was checked, by ``data``.  Changed if it no longer holds
    ``read``; OSError if it cannot be written.

    In place, into the same inode: hard links, owner, group, mode, ACLs
    and extended attributes stay, and a symlink's target is written.
    Renaming a new file over it would be atomic but would break hard
    links and, unless root runs the hook, change owner and group.

    So no error can leave the file half-written: nothing truncates it
    first; the new blocks a longer text needs are written first, past the
    old end, so a full disk or quota fails before a byte of the old text
    changes (and the file is cut back); the rest is one write over blocks
    the file already has, and if that fails the old bytes are written
    back.  What remains is a crash of the machine during that one write,
    which only a rename could rule out.
    """
    fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or \
                status.st_size != len(read) or \
                _read_at(fd, len(read) + 1) != read:
            raise Changed(path)
        _replace(fd, read, data)
    finally:
        os.close(fd)


def _read_at(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes from the start of the file."""
    chunks, done = [], 0
    while done < size and (chunk := os.pread(fd, size - done, done)):
        chunks.append(chunk)
        done += len(chunk)
    return b''.join(chunks)


def _write_at(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


def _replace(fd: int, old: bytes, new: bytes) -> None:
    if len(new) > len(old):
        try:
            _write_at(fd, new[len(old):], len(old))
        except OSError:
            os.ftruncate(fd, len(old))
            raise
    try:
        _write_at(fd, new[:len(old)], 0)
        os.ftruncate(fd, len(new))
    except OSError as error:
        try:
            _write_at(fd, old, 0)
            os.ftruncate(fd, len(old))
        except OSError as again:
            raise OSError(error.errno, f'{error.strerror}, and writing the '
                          f'old text back failed: {again.strerror}') from None
        raise
