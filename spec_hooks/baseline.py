"""spec-hooks baseline: today's findings, written down so that the hooks
report only new ones.

A finding is matched by its path, code, section and message, never by its
line, so that an edit elsewhere in the file keeps the match: its section is
the title of the nearest section title at or above its line, as the line
scanner of ``spec_hooks.blocks`` sees it (None above the first title); a
line number in the message ("first at line 12") is written ``line N``, as
it changes with edits above.  The file is read again for its titles only
where it has findings: no parse, so the fast hooks stay fast.  Matching
counts: a baseline with two equal entries silences two equal findings, and
a third is new.  Bad input (E9) is never baselined: it means the file was
not checked.  Paths are relative to the baseline file's directory, with
``/``, so the file works from any working directory.  A hook reads the
file ``baseline`` names (an error if it cannot), else
.spec-hooks-baseline.json beside the config file where it exists.
"""
from __future__ import annotations

import bisect
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from spec_hooks import cli
from spec_hooks.config import (
    DEFAULT_BASELINE,
    ConfigError,
    Settings,
    parse_whole_number,
)
from spec_hooks.diagnostics import Diagnostic, format_text
from spec_hooks.spec import BadInput, Spec, read_regular_file

VERSION = 1
LINE_NUMBER = re.compile(r'\bline \d+')
FIELDS = {'code', 'message', 'path', 'section'}

# path (relative to the baseline's directory), code, section, message
Entry = tuple[str, str, str | None, str]
Title = tuple[int, str]  # the first line of a section title, and its text


class BaselineError(ConfigError):
    """A baseline file that cannot be used: one line, exit code 2."""


def baselined(code: str) -> bool:
    """Whether findings of ``code`` can be baselined: all but bad input,
    which means the file could not be checked."""
    return not code.startswith('E9')


class Baseline:
    """The findings in the baseline file at ``path``, counted."""

    def __init__(self, path: str, entries: Iterable[Entry] = ()) -> None:
        self.path = path
        self.directory = os.path.dirname(os.path.abspath(path))
        self.entries = Counter(entries)

    @classmethod
    def load(cls, path: str) -> Baseline:
        """The baseline file at ``path``; BaselineError if it is missing,
        not a regular file, not JSON or not a baseline of this version."""
        try:
            raw = read_regular_file(path)
        except OSError as e:
            reason = 'file not found' if isinstance(e, FileNotFoundError) \
                else 'is a directory, not a file' \
                if isinstance(e, IsADirectoryError) else e.strerror
            raise BaselineError(
                f'{path}: cannot read the baseline: {reason}') from None
        try:
            data = json.loads(raw.decode('utf-8'))
        except (UnicodeDecodeError, ValueError) as e:
            raise BaselineError(f'{path}: not a baseline: invalid JSON: '
                                f'{e}') from None
        return cls(path, _entries(data, path))

    def entry(self, diagnostic: Diagnostic, titles: list[Title]) -> Entry:
        """The baseline's entry for ``diagnostic``, in a file whose
        section titles are ``titles``."""
        return (self.relative(diagnostic.path), diagnostic.code,
                _section(titles, diagnostic.line),
                LINE_NUMBER.sub('line N', diagnostic.message))

    def relative(self, path: str) -> str:
        relative = os.path.relpath(os.path.abspath(path), self.directory)
        return relative.replace(os.sep, '/')

    def filter(self, diagnostics: Sequence[Diagnostic],
               stdin: Mapping[str, bytes]) -> tuple[list[Diagnostic], int]:
        """The findings not in the baseline, and how many were.  Where the
        file now has more findings equal to an entry than the baseline
        has, the later ones are new."""
        left = Counter(self.entries)
        titles = _Titles(stdin)
        new = []
        for d in diagnostics:
            key = self.entry(d, titles[d.path]) if baselined(d.code) \
                else None
            if key is not None and left[key] > 0:
                left[key] -= 1
            else:
                new.append(d)
        return new, len(diagnostics) - len(new)

    def summary(self, count: int) -> str:
        findings = 'finding' if count == 1 else 'findings'
        return f'{count} {findings} in the baseline {self.path}: not ' \
            f'reported\n'

    def dumps(self) -> str:
        """The file's text: sorted, one key per line, so that it diffs
        well in review."""
        findings = [
            {'path': path, 'code': code, 'section': section,
             'message': message}
            for path, code, section, message in sorted(
                self.entries.elements(), key=_order)
        ]
        return json.dumps({'version': VERSION, 'findings': findings},
                          indent=2, sort_keys=True, ensure_ascii=False) + '\n'


def _order(entry: Entry) -> tuple[str, str, bool, str, str]:
    path, code, section, message = entry
    return path, code, section is not None, section or '', message


def _entries(data: object, path: str) -> list[Entry]:
    if not isinstance(data, dict) or 'version' not in data:
        raise BaselineError(f'{path}: not a baseline: no "version"')
    if data['version'] != VERSION or isinstance(data['version'], bool):
        raise BaselineError(
            f'{path}: baseline version {data["version"]!r}: this '
            f'spec-hooks reads version {VERSION}; run spec-hooks baseline')
    findings = data.get('findings')
    if not isinstance(findings, list):
        raise BaselineError(f'{path}: not a baseline: "findings" must be '
                            f'a list')
    entries = []
    for number, finding in enumerate(findings, 1):
        if not isinstance(finding, dict) or set(finding) != FIELDS or not \
                all(isinstance(finding[key], str)
                    for key in ('code', 'message', 'path')) or not \
                isinstance(finding['section'], (str, type(None))):
            raise BaselineError(
                f'{path}: not a baseline: finding {number} must have a '
                f'"path", "code" and "message" (strings) and a "section" '
                f'(a string or null), and nothing else')
        entries.append((finding['path'], finding['code'],
                        finding['section'], finding['message']))
    return entries


class _Titles(dict[str, list[Title]]):
    """The section titles of each file, read when first asked for: after
    the run, so as the findings see it (fixed, where --fix wrote)."""

    def __init__(self, stdin: Mapping[str, bytes]) -> None:
        super().__init__()
        self.stdin = stdin

    def __missing__(self, path: str) -> list[Title]:
        try:
            raw = self.stdin[path] if path in self.stdin else \
                read_regular_file(path)
            blocks = Spec(path, raw).blocks
        except (OSError, BadInput):
            blocks = []  # then it has no findings but E9 ones
        titles = [(b.start, b.title_text()) for b in blocks
                  if b.kind == 'title']
        self[path] = titles
        return titles


def _section(titles: list[Title], line: int) -> str | None:
    """The title of the section ``line`` is in."""
    index = bisect.bisect_right([start for start, _ in titles], line)
    return titles[index - 1][1] if index else None


# --- the command ----------------------------------------------------------

DESCRIPTION = (
    "Write today's findings of check-spec to a baseline file, so that the "
    'hooks report only new ones.  Run it again to drop the findings fixed '
    'since.'
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if '-' in args.filenames:
        parser.error('cannot baseline standard input (-)')
    cli.check_selection_usage(parser, args)
    args.filenames = args.filenames or repository_specs()
    prepared = cli.prepare(args, 'SLTRW', cli.overrides(args),
                           baseline=False)
    if isinstance(prepared, int):
        return prepared
    settings = prepared.context.settings
    target = settings.baseline or \
        os.path.relpath(os.path.join(settings.root, DEFAULT_BASELINE))
    try:
        old = Baseline.load(target) if os.path.lexists(target) else \
            Baseline(target)
    except BaselineError as e:
        print(f'error: {e}', file=sys.stderr)
        return cli.EXIT_USAGE
    diagnostics, _ = prepared.check(False, args.jobs)
    new = Baseline(target)
    titles = _Titles({})
    new.entries.update(new.entry(d, titles[d.path]) for d in diagnostics
                       if baselined(d.code))
    checked = {new.relative(path) for path in prepared.paths}
    new.entries.update(
        entry for entry in old.entries.elements()
        if entry[0] not in checked and _still_a_spec(new, entry[0], settings)
    )
    return _write(new, [d for d in diagnostics if not baselined(d.code)])


def _parser() -> cli.UsageParser:
    """check-spec's options that change what it finds; none of output."""
    parser = cli.UsageParser(prog='spec-hooks baseline',
                             description=DESCRIPTION)
    parser.add_argument(
        'filenames', nargs='*',
        help='spec files, or directories to check every *.rst below '
             '(default: every *.rst file of the git work tree below the '
             'current directory, tracked or not ignored; outside git, '
             'every *.rst below it)',
    )
    parser.add_argument(
        '--baseline', metavar='FILE',
        help=f"the file to write (default: the config's baseline, else "
             f'{DEFAULT_BASELINE} beside the config file, which the hooks '
             f'read where it exists)',
    )
    parser.add_argument('--template', metavar='PATH',
                        help='template to check against, as check-spec')
    parser.add_argument('--config', metavar='PATH',
                        help='read settings from this pyproject.toml or '
                             'setup.cfg instead of the nearest one')
    cli.add_selection_options(parser)
    parser.add_argument('--no-template-history', dest='template_history',
                        action='store_false', default=None,
                        help="check each spec against today's template")
    cli.add_license_options(parser)
    parser.add_argument(
        '--max-line-length', metavar='N',
        type=cli.option(parse_whole_number, 'max-line-length'),
        help='longest line allowed; 0 for no limit (default: 79)')
    parser.add_argument(
        '-j', '--jobs', type=cli.option(parse_whole_number, 'jobs'),
        default=0, metavar='N', help='worker processes, as check-spec')
    return parser


def repository_specs() -> list[str]:
    """Every .rst file below the working directory that git tracks or
    does not ignore; outside a git work tree, every .rst below it."""
    import subprocess  # only the command pays for it, not the hooks

    try:
        listed = subprocess.run(
            ['git', 'ls-files', '-z', '--cached', '--others',
             '--exclude-standard', '--', '*.rst'],
            capture_output=True, check=True, timeout=60,
            env={**os.environ, 'GIT_OPTIONAL_LOCKS': '0'},
        ).stdout.decode('utf-8', 'surrogateescape')
    except (OSError, subprocess.SubprocessError):
        return [os.path.relpath(path) for path in cli.rst_below(os.curdir)]
    # A file deleted but not yet staged is listed, and is no spec now.
    return sorted({path for path in listed.split('\0')
                   if path and os.path.lexists(path)})


def _still_a_spec(baseline: Baseline, relative: str,
                  settings: Settings) -> bool:
    path = os.path.join(baseline.directory, relative)
    return os.path.isfile(path) and settings.is_spec(path)


def _write(baseline: Baseline, unchecked: list[Diagnostic]) -> int:
    """Write the baseline (unless it is unchanged) and say so; print the
    findings that cannot be in it.  Exit code 1 if there were any."""
    text = baseline.dumps()
    try:
        if not _same(baseline.path, text):
            _replace(baseline.path, text)
    except OSError as e:
        print(f'error: {baseline.path}: cannot write the baseline: '
              f'{e.strerror}', file=sys.stderr)
        return cli.EXIT_USAGE
    count = sum(baseline.entries.values())
    files = len({path for path, _, _, _ in baseline.entries})
    print(format_text(unchecked), end='')
    print(f'{baseline.path}: {count} finding{"" if count == 1 else "s"} '
          f'in {files} file{"" if files == 1 else "s"} baselined')
    return cli.EXIT_FINDINGS if unchecked else cli.EXIT_CLEAN


def _same(path: str, text: str) -> bool:
    try:
        return read_regular_file(path) == text.encode('utf-8')
    except OSError:
        return False


def _replace(path: str, text: str) -> None:
    """Write ``text`` to a new file beside ``path`` and rename it over
    ``path`` (through a symbolic link, its target), so that a reader
    never sees half a baseline."""
    target = os.path.realpath(path)
    temporary = f'{target}.{os.getpid()}.tmp'
    try:
        with open(temporary, 'x', encoding='utf-8', newline='\n') as f:
            f.write(text)
        os.replace(temporary, target)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


if __name__ == '__main__':
    raise SystemExit(main())
