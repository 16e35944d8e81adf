"""Template history: each spec is checked against its template as it is
and as it was when the spec was added, whichever it fits best, so a
section the template gained later, or dropped since, does not make every
older spec wrong.

Git is asked twice per run, whatever the number of files: one ``git log``
gives the commit that added each spec (following renames, so a spec moved
from ``approved/`` to ``implemented/`` keeps its date), one ``git
cat-file --batch`` the templates as they were then.  Without git, outside
a work tree or in a shallow clone there is no history to ask: every spec
gets today's template.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable

# What may be asked of git at most, so a huge history cannot stall a commit.
TIMEOUT = 60  # seconds


class History:
    """The commits that added specs, and templates as they were then."""

    def __init__(self, top: str, added: dict[str, str]) -> None:
        self.top = top
        self.added = added  # path relative to top -> commit

    def relative(self, path: str) -> str | None:
        relative = os.path.relpath(os.path.realpath(path), self.top)
        if relative.startswith(os.pardir):
            return None
        return relative.replace(os.sep, '/')

    def added_in(self, path: str) -> str | None:
        """The commit that added the spec at ``path``; None if git does not
        know it (a new spec)."""
        relative = self.relative(path)
        return self.added.get(relative) if relative else None

    def contents(self, wanted: Iterable[tuple[str, str]],
                 ) -> dict[tuple[str, str], bytes]:
        """The bytes of each (commit, path) that existed; paths relative to
        the top of the work tree."""
        wanted = [(c, p) for c, p in dict.fromkeys(wanted) if '\n' not in p]
        if not wanted:
            return {}
        request = ''.join(f'{c}:{p}\n' for c, p in wanted).encode()
        out = _git(self.top, ['cat-file', '--batch'], request)
        found: dict[tuple[str, str], bytes] = {}
        at = 0
        for key in wanted:
            end = out.index(b'\n', at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3 and header[1] == b'blob':
                size = int(header[2])
                found[key] = out[at:at + size]
                at += size + 1
        return found


def read(directory: str, paths: Iterable[str]) -> History | None:
    """The history of the specs at ``paths`` in the git work tree that
    holds ``directory``; None where there is none to read."""
    try:
        top, shallow = _git(directory, [
            'rev-parse', '--show-toplevel', '--is-shallow-repository',
        ]).decode().split()
    except (OSError, ValueError, subprocess.SubprocessError):
        return None  # no git, not a work tree
    if shallow == 'true':
        return None
    history = History(os.path.realpath(top), {})
    wanted = {r for r in map(history.relative, paths) if r is not None}
    if not wanted:
        return history
    # The top folder of each spec: a spec moved from specs/x/approved to
    # specs/x/implemented is followed, and a code repository's history
    # outside its specs folder is not read.
    folders = sorted({r.split('/')[0] if '/' in r else '.' for r in wanted})
    try:
        log = _git(top, ['log', '-z', '--name-status', '-M', '--reverse',
                         '--format=%x01%H', '--', *folders])
    except (OSError, subprocess.SubprocessError):
        return None
    added = _added(log.decode('utf-8', 'surrogateescape'))
    history.added = {path: added[path] for path in wanted if path in added}
    return history


def _added(log: str) -> dict[str, str]:
    """Replays ``git log --name-status`` oldest first: the commit that
    added each path that exists now, renames followed."""
    origin: dict[str, str] = {}
    for record in log.split('\x01')[1:]:
        commit, *fields = record.split('\0')
        tokens = iter(field.strip('\n') for field in fields)
        for status in tokens:
            if not status:
                continue
            path = next(tokens, '')
            if status[0] in 'RC':
                new = next(tokens, '')
                if status[0] == 'R':
                    origin[new] = origin.pop(path, commit)
                else:
                    origin[new] = commit
            elif status == 'A':
                origin[path] = commit
            elif status == 'D':
                origin.pop(path, None)
    return origin


def _git(cwd: str, args: list[str], stdin: bytes | None = None) -> bytes:
    result = subprocess.run(
        ['git', '-c', 'core.quotePath=false', *args], cwd=cwd, input=stdin,
        capture_output=True, timeout=TIMEOUT, check=True,
        env={**os.environ, 'GIT_OPTIONAL_LOCKS': '0'},
    )
    return result.stdout
