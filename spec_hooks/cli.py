"""What every hook's ``main`` shares: options, the per-file loop, output.

Data flows one way: path -> Spec -> checks -> diagnostics -> formatter ->
exit code.  A bad file becomes a diagnostic for that file and the loop goes
on; a bad configuration or template stops the run with exit code 2.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence

from spec_hooks import explain, fixes
from spec_hooks.checks import Check, Fixer
from spec_hooks.config import (
    ConfigError,
    Value,
    load_settings,
    parse_codes,
    parse_nonempty,
    parse_whole_number,
)
from spec_hooks.context import Context, build
from spec_hooks.diagnostics import FORMATTERS, Diagnostic
from spec_hooks.rules import E905, E999, fixable
from spec_hooks.spec import BadInput, Spec
from spec_hooks.template import TemplateError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
MIN_FILES_PER_JOB = 8  # fewer files than this per process: not worth one


def main(argv: Sequence[str] | None, families: str, description: str,
         parallel: bool = False) -> int:
    """A hook: parse its options, then check the files with the checks of
    ``families`` (code prefixes, 'SLTRW'); ``parallel`` adds ``--jobs``."""
    args = parser(description, families, parallel).parse_args(argv)
    if args.list_rules:
        sys.stdout.write(explain.list_rules())
        return EXIT_CLEAN
    if args.explain is not None:
        return _explain(args.explain)
    overrides = {
        key: getattr(args, key.replace('-', '_'), None) for key in
        ('license-file', 'copyright-holder', 'max-line-length',
         'template-history')
    }
    return run(args, families, overrides, getattr(args, 'jobs', 1))


def _explain(code: str) -> int:
    text = explain.explain(code)
    if text is None:
        print(f'error: --explain: {code!r} is not a code of spec-hooks; '
              f'--list-rules lists them', file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_CLEAN


def parser(description: str, families: str, parallel: bool = False,
           ) -> argparse.ArgumentParser:
    """The options of a hook that runs the checks of ``families``."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=_Formatter,
    )
    parser.add_argument('filenames', nargs='*', help='spec files to check')
    parser.add_argument(
        '--template', metavar='PATH',
        help='template to check against (default: from the config, else '
             'the built-in blueprint template)',
    )
    parser.add_argument(
        '--config', metavar='PATH',
        help='read settings from this pyproject.toml or setup.cfg instead '
             'of the nearest one',
    )
    parser.add_argument(
        '--format', choices=sorted(FORMATTERS), default='text',
        help='output format (default: %(default)s)',
    )
    parser.add_argument(
        '--select', metavar='CODES', type=option(parse_codes, 'codes'),
        help='report only these codes or prefixes, e.g. S1,L101',
    )
    parser.add_argument(
        '--ignore', metavar='CODES', type=option(parse_codes, 'codes'),
        help='do not report these codes or prefixes',
    )
    parser.add_argument(
        '--explain', metavar='CODE',
        help="print a rule's name, summary, why, examples and fix, and exit",
    )
    parser.add_argument(
        '--list-rules', action='store_true',
        help='print every code with its name, whether --fix fixes it and '
             'whether it is on by default, and exit',
    )
    if any(fixable(family) for family in families):
        parser.add_argument(
            '--fix', action='store_true',
            help='rewrite files where a fix is safe, and report the rest',
        )
    if set(families) & set('SLT'):
        parser.add_argument(
            '--no-template-history', dest='template_history',
            action='store_false', default=None,
            help="check each spec against today's template, not the "
                 'template as it was when git first saw the spec',
        )
    if 'L' in families:
        _add_license_options(parser)
    if 'W' in families:
        parser.add_argument(
            '--max-line-length', metavar='N',
            type=option(parse_whole_number, 'max-line-length'),
            help='longest line allowed; 0 for no limit (default: 79)',
        )
    if parallel:
        parser.add_argument(
            '-j', '--jobs', type=option(parse_whole_number, 'jobs'),
            default=0, metavar='N',
            help='worker processes (default: 0, one per core, and at most '
                 'one per 8 files)',
        )
    return parser


def _add_license_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--license-file', metavar='PATH',
        help="expect this file's text as the license header instead of "
             "the template's",
    )
    parser.add_argument(
        '--copyright-holder', metavar='NAME',
        type=option(parse_nonempty, 'copyright-holder'),
        help='the holder --fix writes into a license header it inserts',
    )


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil: argparse makes
    one for every add_argument, and shutil costs start-up time."""

    def __init__(self, prog: str) -> None:
        columns = os.environ.get('COLUMNS', '')
        if columns.isdigit():
            width = int(columns)
        else:
            try:
                width = os.get_terminal_size().columns
            except OSError:
                width = 80
        super().__init__(prog, width=width - 2)


def option(parse: Callable[[Value, str], Any], key: str,
           ) -> Callable[[str], Any]:
    """An argparse type that parses a value as the config option ``key``
    does, so both accept and refuse the same values."""
    def convert(text: str) -> Any:
        try:
            return parse(text, key)
        except ConfigError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return convert


class Job:
    """Checking (and fixing) one file of the run: the context, the families
    whose checks run and, with ``--fix``, the fixers.  Sent to worker
    processes once, when they start."""

    def __init__(self, context: Context, families: Sequence[str],
                 fix: bool) -> None:
        self.context = context
        self.families = families
        self.fix = fix

    def __call__(self, path: str) -> tuple[list[Diagnostic], bool]:
        from spec_hooks import checks

        fixers = {
            code: fixer for family in self.families if self.fix
            for code, fixer in checks.fixers(family).items()
        }
        return check_file(path, self.context,
                          [checks.check(f) for f in self.families], fixers)


def run(
        args: argparse.Namespace,
        families: str,
        overrides: dict[str, Value] | None = None,
        jobs: int = 1,
) -> int:
    """Check (and with ``--fix``, fix) every file named in ``args`` with the
    checks of ``families`` (code prefixes: 'SLTRW'); print; return the exit
    code.  What is not selected does not run."""
    paths = list(dict.fromkeys(args.filenames))  # each file once
    try:
        settings = load_settings(args.config, {
            'template': args.template, 'select': args.select,
            'ignore': args.ignore, **(overrides or {}),
            # A template named on the command line beats the config's rules.
            **({'templates': ()} if args.template else {}),
        })
        running = [prefix for prefix in families if settings.runs(prefix)]
        context = build(settings, paths, outline='S' in running,
                        parse='R' in running)
    except (ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
    for note in context.notes:
        print(f'note: {note}', file=sys.stderr)
    job = Job(context, running, getattr(args, 'fix', False))
    results = _map(job, paths, jobs)
    diagnostics = sorted(
        (d for found, _ in results for d in found), key=Diagnostic.position,
    )
    fixed = sorted(path for path, (_, changed) in zip(
        paths, results, strict=True) if changed)
    fixing = ''.join(f'Fixing {path}\n' for path in fixed)
    (sys.stderr if args.format == 'json' else sys.stdout).write(fixing)
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    return EXIT_FINDINGS if diagnostics or fixed else EXIT_CLEAN


def _map(
        job: Job, paths: list[str], jobs: int,
) -> list[tuple[list[Diagnostic], bool]]:
    """``job`` over ``paths``, in worker processes when several cores and
    files make that worth its start-up cost."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') \
        else os.cpu_count() or 1
    jobs = min(jobs or cores, len(paths) // MIN_FILES_PER_JOB)
    if jobs < 2:
        return [job(path) for path in paths]
    import concurrent.futures
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context(
        'fork' if 'fork' in methods else None,
    )
    # The job goes to each worker once, as it starts, not with every file.
    with concurrent.futures.ProcessPoolExecutor(
            jobs, context, initializer=_install, initargs=(job,)) as pool:
        chunk = max(1, len(paths) // (jobs * 4))
        return list(pool.map(_run_installed, paths, chunksize=chunk))


_INSTALLED: list[Job] = []  # in a worker process: the job it runs


def _install(job: Job) -> None:
    _INSTALLED.append(job)


def _run_installed(path: str) -> tuple[list[Diagnostic], bool]:
    return _INSTALLED[0](path)


def check_file(
        path: str, context: Context, checks: Iterable[Check],
        fixers: Mapping[str, Fixer] | None = None,
) -> tuple[list[Diagnostic], bool]:
    """The findings for one file, and whether a fixer rewrote it."""
    settings = context.settings
    if path not in context.templates:
        return [], False  # a template is not a spec
    try:
        spec = Spec.read(path, context.names)
    except BadInput as e:
        bad = Diagnostic(path, 1, e.code, e.message)
        return [bad] if settings.reports(bad.code, path) else [], False
    disabled = spec.disabled_codes()
    found: list[Diagnostic] = []
    changed = False
    active = [
        fixer for code, fixer in (fixers or {}).items()
        if settings.reports(code, path, disabled)
    ]
    try:
        if active:
            fixed, problem = _fix(spec, context, active)
            if problem and settings.reports(problem.code, path, disabled):
                found.append(problem)
            if fixed is not None:
                spec, changed = fixed, True
        for check in checks:
            found.extend(
                d for d in check(spec, context)
                if settings.reports(d.code, path, disabled)
            )
    except BadInput as e:  # found only when parsed: too deeply nested
        found.append(Diagnostic(path, 1, e.code, e.message))
    except Exception as e:  # a bug of ours must not stop the other files
        found.append(E999(
            path, 1,
            f'internal error, please report it: {type(e).__name__}: {e}',
        ))
    return found, changed


MAX_FIX_ROUNDS = 4  # each fixer sees the result of the others until none acts


def _fix(
        spec: Spec, context: Context, fixers: Sequence[Fixer],
) -> tuple[Spec | None, Diagnostic | None]:
    """The spec as fixed, if a fixer changed it, or why it could not be
    written.  Fixers run in turn, each on the result of the one before,
    until none changes anything, so one run reaches the fixed point.  A
    read-only file is left alone, whoever runs the hook."""
    fixed = spec
    for _ in range(MAX_FIX_ROUNDS):
        before = fixed.raw
        for fixer in fixers:
            edits = fixer(fixed, context)
            if edits:
                fixed = Spec(spec.path, fixes.apply(fixed, edits),
                             context.names)
        if fixed.raw == before:
            break
    if fixed.raw == spec.raw:
        return None, None
    if not os.stat(spec.path).st_mode & 0o222:
        return None, E905(spec.path, 1, 'cannot write the fix: the file is '
                          'read-only')
    try:
        fixes.write_atomically(spec.path, fixed.raw)
    except OSError as e:
        return None, E905(spec.path, 1, f'cannot write the fix: {e.strerror}')
    return fixed, None
