"""Template history: each spec is checked against its template as it is
and as it was in the spec's life -- when the spec was written, when it was
added, when it last changed -- so a section the template gained later, or
dropped since, does not make every older spec wrong.

Git is asked twice per run, whatever the number of files: one ``git log``
of the specs' and templates' folders gives when each spec was written,
added and last changed and when each template changed (renames followed, so
a spec moved from ``approved/`` to ``implemented/`` keeps its dates and a
template keeps its past under its old name), one ``git cat-file --batch``
the templates as they were then.  Without git, outside a work tree or in
a shallow clone there is no history to ask: every spec gets today's
template.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

# What may be asked of git at most, so a huge history cannot stall a commit.
TIMEOUT = 60  # seconds


# What the log says of a path in one commit: the commit's place in the log
# (oldest first), when it was committed and authored, the commit, the
# path's name then, and whether its text changed (a move does not change
# it).
Event = tuple[int, int, int, str, str, bool]


class History:
    """Each path's life as git tells it, and files as they were."""

    def __init__(self, top: str, lives: dict[str, list[Event]]) -> None:
        self.top = top
        self.lives = lives  # path relative to top -> its events, oldest first

    def relative(self, path: str) -> str | None:
        relative = os.path.relpath(os.path.realpath(path), self.top)
        if relative.startswith(os.pardir):
            return None
        return relative.replace(os.sep, '/')

    def life(self, path: str) -> list[Event]:
        relative = self.relative(path)
        return self.lives.get(relative, []) if relative else []

    def versions(self, spec: str, template: str,
                 ) -> list[tuple[str, str]] | None:
        """The template's versions in the spec's life, as (commit, path)
        to read: as it was when the spec was written (the author date of
        the commit that added it), when it was added and when the spec
        last changed (moves aside), each once.  None where git does not
        know the spec (a new one); empty where the template did not exist
        in its life."""
        life = self.life(spec)
        if not life:
            return None
        added = life[0]
        changed = [event for event in life if event[5]] or life
        order, written = added[0], added[2]
        template_life = self.life(template)
        found: list[tuple[str, str]] = []
        for then in (
                # not after it was added, whatever the clocks say
                [e for e in template_life if e[0] <= order and
                 e[1] <= written],
                [e for e in template_life if e[0] <= order],
                [e for e in template_life if e[0] <= changed[-1][0]]):
            version = (then[-1][3], then[-1][4]) if then else None
            if version and version not in found:
                found.append(version)
        return found

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


def read(directory: str, paths: Iterable[str],
         templates: Iterable[str] = ()) -> History | None:
    """The history of the specs at ``paths`` and of their ``templates``
    in the git work tree that holds ``directory``; None where there is
    none to read."""
    if not might_be_in_work_tree(directory):
        return None  # spares starting git, and importing subprocess
    import subprocess

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
    wanted |= {r for r in map(history.relative, templates) if r is not None}
    # The top folder of each spec and template: a spec moved from
    # specs/x/approved to specs/x/implemented is followed, and a code
    # repository's history outside those folders is not read.
    folders = sorted({r.split('/')[0] if '/' in r else '.' for r in wanted})
    try:
        log = _git(top, ['log', '-z', '--name-status', '-M', '--reverse',
                         '--format=%x01%H %ct %at', '--', *folders])
    except (OSError, subprocess.SubprocessError):
        return None
    lives = _lives(log.decode('utf-8', 'surrogateescape'))
    history.lives = {path: lives[path] for path in wanted if path in lives}
    return history


def might_be_in_work_tree(directory: str) -> bool:
    """False where git cannot find a work tree from ``directory``: no
    ``.git`` file, nor ``.git`` directory with a ``HEAD``, in it or above
    it (git passes over one without), and no GIT_DIR naming one."""
    if 'GIT_DIR' in os.environ:
        return True
    directory = os.path.abspath(directory)
    while True:
        dot_git = os.path.join(directory, '.git')
        if os.path.isfile(dot_git) or \
                os.path.exists(os.path.join(dot_git, 'HEAD')):
            return True
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        directory = parent


def _lives(log: str) -> dict[str, list[Event]]:
    """Replays ``git log --name-status`` oldest first: the events of each
    path that exists now, renames followed."""
    lives: dict[str, list[Event]] = {}
    for order, record in enumerate(log.split('\x01')[1:]):
        header, *fields = record.split('\0')
        commit, committed, authored = header.split()
        at = order, int(committed), int(authored), commit
        tokens = iter(field.strip('\n') for field in fields)
        for status in tokens:
            if not status:
                continue
            path = next(tokens, '')
            if status[0] in 'RC':
                new = next(tokens, '')
                past = lives.pop(path, []) if status[0] == 'R' else []
                lives[new] = [*past, (*at, new, status != 'R100')]
            elif status == 'A':
                lives[path] = [(*at, path, True)]
            elif status == 'D':
                lives.pop(path, None)
            else:
                lives.setdefault(path, []).append((*at, path, True))
    return lives


def _git(cwd: str, args: list[str], stdin: bytes | None = None) -> bytes:
    import subprocess  # only where git is asked: it costs start-up time

    result = subprocess.run(
        ['git', '-c', 'core.quotePath=false', *args], cwd=cwd, input=stdin,
        capture_output=True, timeout=TIMEOUT, check=True,
        env={**os.environ, 'GIT_OPTIONAL_LOCKS': '0'},
    )
    return result.stdout
