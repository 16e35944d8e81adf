"""Spec: one reStructuredText file, read once, parsed at most once."""
from __future__ import annotations

import errno
import os
import re
import stat

from spec_hooks import blocks

TYPE_CHECKING = False  # typing itself costs start-up time the fast hooks lack
if TYPE_CHECKING:
    from docutils import nodes

    from spec_hooks.doctree import Messages
    from spec_hooks.sphinx import Vocabulary

BOM = b'\xef\xbb\xbf'
TOO_DEEP = 'nested too deeply to check: flatten the lists, quotes or ' \
    'directives inside one another'
NEWLINE = re.compile('\r\n|\r|\n')
# The comment up to '=', then the codes, whitespace around them stripped.
# Two patterns, not one: in one, a space the codes may hold and one that
# may follow them are a choice the engine retries at every split, which
# takes time quadratic in a run of spaces.
DISABLE = re.compile(r'\.\.\s+spec-hooks:\s*disable\s*=', re.IGNORECASE)
CODES = re.compile(r'[\w, ]*')


class BadInput(Exception):
    """A file that cannot be checked at all, with the code to report."""

    def __init__(self, code: str, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


class Section:
    """A section of the outline: its title and where and how it stands."""

    __slots__ = (
        'children', 'depth', 'has_body', 'line', 'overline', 'parent',
        'title', 'underline',
    )

    def __init__(
            self, title: str, depth: int, line: int, underline: str,
            overline: bool, has_body: bool, parent: Section | None,
    ) -> None:
        self.title = title
        self.depth = depth
        self.line = line  # of the title text, 1-based
        self.underline = underline
        self.overline = overline
        self.has_body = has_body
        self.parent = parent
        self.children: list[Section] = []

    @property
    def style(self) -> str:
        """The adornment, as a person would name it: ``'=' over and under``."""
        where = 'over and under' if self.overline else 'under'
        return f"'{self.underline}' {where}"

    def walk(self) -> list[Section]:
        """This section and all below it, in document order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def __repr__(self) -> str:
        return f'Section({self.title!r}, depth={self.depth}, line={self.line})'


class Spec:
    """The bytes of one file and their text: ``source`` as decoded,
    ``text`` and ``lines`` with newlines made ``\\n``; lazily its blocks and
    its doctree."""

    def __init__(self, path: str, raw: bytes,
                 names: Vocabulary | None = None) -> None:
        self.path = path
        self.raw = raw
        # The directives and roles a parse accepts; None: those of Sphinx
        # and every extension spec-hooks knows.
        self.names = names
        self.bom = raw.startswith(BOM)
        self.source = _decode(raw[len(BOM):] if self.bom else raw)
        self.newline = _newline_style(self.source)
        self.text = self.source
        if '\r' in self.text:
            self.text = self.text.replace('\r\n', '\n').replace('\r', '\n')
        self.lines = self.text.split('\n')
        self._blocks: list[blocks.Block] | None = None
        self._parsed: tuple[nodes.document, Messages] | None = None
        self._outline: list[Section] | None = None
        self._transformed = False

    @classmethod
    def read(cls, path: str, names: Vocabulary | None = None) -> Spec:
        try:
            raw = read_regular_file(path)
        except FileNotFoundError:
            raise BadInput('E901', 'file not found') from None
        except IsADirectoryError:
            raise BadInput('E901', 'is a directory, not a file') from None
        except OSError as e:
            raise BadInput('E901', f'cannot read: {e.strerror}') from None
        return cls.from_bytes(path, raw, names)

    @classmethod
    def from_bytes(cls, path: str, raw: bytes,
                   names: Vocabulary | None = None) -> Spec:
        """The spec ``path`` stands for, with ``raw`` as its content."""
        if not raw.removeprefix(BOM).strip():
            raise BadInput('E904', 'file is empty')
        return cls(path, raw, names)

    @property
    def blocks(self) -> list[blocks.Block]:
        """Text-level blocks, for the checks that must not wait for
        docutils."""
        if self._blocks is None:
            try:
                self._blocks = blocks.split(self.lines)
            except RecursionError:
                raise BadInput('E906', TOO_DEEP) from None
        return self._blocks

    @property
    def doctree(self) -> nodes.document:
        return self._parse()[0]

    @property
    def parse_messages(self) -> list[nodes.system_message]:
        """The docutils messages of parsing alone."""
        return list(self._parse()[1])

    @property
    def messages(self) -> list[nodes.system_message]:
        """Every docutils message, including those of the transforms."""
        if not self._transformed:
            from spec_hooks.doctree import apply_transforms

            self.outline  # noqa: B018  the transforms rewrite the sections
            apply_transforms(self.doctree)
            self._transformed = True
        return self._parse()[1]

    @property
    def outline(self) -> list[Section]:
        """The top-level sections, each with its subsections."""
        if self._outline is None:
            self._outline = _outline(self.doctree, self.lines)
        return self._outline

    def disabled_codes(self) -> tuple[str, ...]:
        """Codes the file turns off for itself with a comment line
        ``.. spec-hooks: disable=S104,W101``."""
        return tuple(
            code.strip().upper() for line in self.lines
            if 'spec-hooks:' in line
            for match in [DISABLE.match(line)] if match
            for codes in [line[match.end():].strip()]
            if CODES.fullmatch(codes)
            for code in codes.split(',') if code.strip()
        )

    def sections(self) -> list[Section]:
        """Every section in document order."""
        return [s for top in self.outline for s in top.walk()]

    def _parse(self) -> tuple[nodes.document, Messages]:
        if self._parsed is None:
            from spec_hooks import limits
            from spec_hooks.doctree import parse

            beyond = limits.problems(self.text)
            if beyond:  # docutils would take minutes or gigabytes
                line, message = beyond[0]
                raise BadInput('E906', message, line)
            try:
                self._parsed = parse(self.text, self.path, self.names)
            except RecursionError:
                raise BadInput('E906', TOO_DEEP) from None
        return self._parsed


MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes: no spec, template or config nears


def read_regular_file(path: str, limit: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.  A FIFO or
    device (which could block or never end) or a larger file is refused
    with an OSError without reading from it; the descriptor is closed on
    every path."""
    fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0))
    try:
        return _read_open_file(fd, path, limit)
    finally:
        os.close(fd)


def _read_open_file(fd: int, path: str, limit: int) -> bytes:
    status = os.fstat(fd)
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, 'Is a directory', path)
    if not stat.S_ISREG(status.st_mode):
        raise OSError(0, 'not a regular file')
    too_large = OSError(0, f'larger than {limit} bytes')
    if status.st_size > limit:
        raise too_large
    chunks, size = [], 0
    while chunk := os.read(fd, min(limit + 1 - size, 1 << 20)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:  # the file grew while it was read
            raise too_large
    return b''.join(chunks)


def _decode(raw: bytes) -> str:
    nul = raw.find(b'\0')
    if nul >= 0:
        raise BadInput('E903', f'binary file (NUL byte at offset {nul})')
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError as e:
        line = raw.count(b'\n', 0, e.start) + 1
        raise BadInput(
            'E902',
            f'not valid UTF-8 (byte 0x{raw[e.start]:02x} on line {line}); '
            f'save the file as UTF-8',
        ) from None


def _newline_style(text: str) -> str:
    """The newline of the first line break: what a fixer writes back."""
    match = NEWLINE.search(text)
    return match.group() if match else '\n'


def _outline(document: nodes.document, lines: list[str]) -> list[Section]:
    from docutils import nodes

    def build(node: nodes.Element, parent: Section | None) -> list[Section]:
        found = []
        for child in node.children:
            if not isinstance(child, nodes.section):
                continue
            section = _section(child, parent, lines)
            section.children = build(child, section)
            found.append(section)
        return found

    return build(document, None)


def _section(
        node: nodes.section, parent: Section | None, lines: list[str],
) -> Section:
    from docutils import nodes

    underline_line = node.line or 1  # docutils reports the underline
    line = max(underline_line - 1, 1)
    underline = lines[underline_line - 1][:1] if node.line else '?'
    above = lines[line - 2] if line >= 2 else ''
    overline = bool(above) and set(above.rstrip()) == {underline}
    # Link targets count: a References section of targets is not empty.
    body = [
        c for c in node.children[1:]
        if not isinstance(c, (nodes.comment, nodes.system_message))
    ]
    return Section(
        title=' '.join(node[0].astext().split()),
        depth=parent.depth + 1 if parent else 1,
        line=line,
        underline=underline,
        overline=overline,
        has_body=bool(body),
        parent=parent,
    )


def is_same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
