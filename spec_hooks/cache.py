"""A cache on disk of template outlines, so a commit that checks one spec
does not parse the template with docutils every time.

An entry is plain JSON, keyed by a hash of the template's bytes, the
package version and the names a parse accepts: whatever shapes the
outline.  It lives in ``$SPEC_HOOKS_CACHE_DIR``, else
``$XDG_CACHE_HOME/spec-hooks``, else ``~/.cache/spec-hooks``.  Writes go
through a temporary file and a rename, so two runs writing at once leave
one whole entry; an entry that cannot be read or does not have the shape
of an outline is ignored and written anew.  A cache that cannot be written
is no error: the run goes on without it.

It also keeps the parsed pyproject.toml (by the file's bytes, which the
entry holds and a hit must equal), so a hook that checks one spec does
not import the TOML parser each time: that costs more than half a bare
start of Python.
"""
from __future__ import annotations

import marshal
import os
import zlib

from spec_hooks import __version__
from spec_hooks.spec import Section, read_regular_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spec_hooks.sphinx import Vocabulary

MAX_ENTRY = 1 << 20  # bytes; a larger file is no entry of ours


def directory() -> str:
    explicit = os.environ.get('SPEC_HOOKS_CACHE_DIR')
    if explicit:
        return explicit
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(
        os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'spec-hooks')


def key(raw: bytes, names: Vocabulary | None) -> str:
    import hashlib  # not for the config alone: it costs start-up time

    digest = hashlib.sha256()
    digest.update(f'{__version__}\0'.encode())
    if names is not None:
        for group in (names.directives, names.roles):
            digest.update('\0'.join(sorted(group)).encode() + b'\1')
    digest.update(raw)
    return digest.hexdigest()


def load(entry: str) -> Section | None:
    """The outline stored under ``entry``; None if there is no usable
    one."""
    import json  # not for the config alone: it costs start-up time

    path = os.path.join(directory(), f'{entry}.json')
    try:  # a FIFO or device is no entry either, and is never read
        data = read_regular_file(path, MAX_ENTRY)
        return _section(json.loads(data), None)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def store(entry: str, title: Section) -> None:
    """Keep ``title``'s outline under ``entry``, if the cache is
    writable."""
    import json

    _write(f'{entry}.json', json.dumps(_plain(title)).encode())


def _write(name: str, data: bytes) -> None:
    import tempfile  # a miss alone pays for it (and shutil, random)

    folder = directory()
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix='.tmp')
        try:
            with os.fdopen(fd, 'wb') as f:
                f.write(data)
            os.replace(temporary, os.path.join(folder, name))
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only home, a full disk: no cache, no harm


def _toml_entry(raw: bytes) -> str:
    return f'toml-{zlib.crc32(raw):08x}.marshal'


def load_toml(raw: bytes) -> dict[str, object] | None:
    """The TOML document ``raw`` as parsed before; None if not cached."""
    path = os.path.join(directory(), _toml_entry(raw))
    try:  # marshal, as Python's own cache of compiled modules
        version, cached, data = marshal.loads(
            read_regular_file(path, MAX_ENTRY))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if version != __version__ or cached != raw or type(data) is not dict:
        return None  # a collision of the checksum, or another version's
    table: dict[str, object] = data
    return table


def store_toml(raw: bytes, data: dict[str, object]) -> None:
    """Keep the parse of ``raw``, unless it holds what marshal cannot
    (dates and times) or is too large."""
    try:
        entry = marshal.dumps((__version__, raw, data))
    except ValueError:
        return
    if len(entry) <= MAX_ENTRY:
        _write(_toml_entry(raw), entry)


def _plain(section: Section) -> dict[str, object]:
    return {
        'title': section.title, 'depth': section.depth,
        'line': section.line, 'underline': section.underline,
        'overline': section.overline, 'has_body': section.has_body,
        'children': [_plain(child) for child in section.children],
    }


def _section(data: object, parent: Section | None) -> Section:
    """A section from its plain form; TypeError or KeyError if the data
    does not have the shape of one."""
    if not isinstance(data, dict):
        raise TypeError('not a section')
    fields = (data['title'], data['depth'], data['line'], data['underline'],
              data['overline'], data['has_body'], data['children'])
    title, depth, line, underline, overline, has_body, children = fields
    if not (isinstance(title, str) and isinstance(underline, str)
            and type(depth) is int and type(line) is int
            and isinstance(overline, bool) and isinstance(has_body, bool)
            and isinstance(children, list)):
        raise TypeError('not a section')
    section = Section(title, depth, line, underline, overline, has_body,
                      parent)
    section.children = [_section(child, section) for child in children]
    return section
