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

from spec_hooks import fixes
from spec_hooks.checks import Check, Fixer
from spec_hooks.config import (
    ConfigError,
    Settings,
    Value,
    load_settings,
    parse_codes,
    parse_nonempty,
    parse_whole_number,
)
from spec_hooks.diagnostics import FORMATTERS, Diagnostic
from spec_hooks.spec import BadInput, Spec, is_same_file
from spec_hooks.template import Template, TemplateError, load_template

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
MIN_FILES_PER_JOB = 8  # fewer files than this per process: not worth one


def parser(description: str, fix: bool = False) -> argparse.ArgumentParser:
    """The options every hook takes (and ``--fix`` for those that can)."""
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
    if fix:
        parser.add_argument(
            '--fix', action='store_true',
            help='rewrite files where a fix is safe, and report the rest',
        )
    return parser


def add_license_options(parser: argparse.ArgumentParser) -> None:
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


def add_style_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--max-line-length', metavar='N',
        type=option(parse_whole_number, 'max-line-length'),
        help='longest line allowed; 0 for no limit (default: 79)',
    )


def license_overrides(args: argparse.Namespace) -> dict[str, Value]:
    return {'license-file': args.license_file,
            'copyright-holder': args.copyright_holder}


def style_overrides(args: argparse.Namespace) -> dict[str, Value]:
    return {'max-line-length': args.max_line_length}


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
    """What checking one file needs; sent whole to worker processes."""

    def __init__(self, settings: Settings, checks: Sequence[Check],
                 fixers: Mapping[str, Fixer]) -> None:
        self.settings = settings
        self.checks = checks
        self.fixers = fixers

    def __call__(self, path: str) -> tuple[list[Diagnostic], bool]:
        return check_file(path, self.settings, self.checks, self.fixers)


def run(
        args: argparse.Namespace,
        checks: Mapping[str, Check],
        fixers: Mapping[str, Fixer] | None = None,
        overrides: dict[str, Value] | None = None,
        jobs: int = 1,
) -> int:
    """Check (and with ``--fix``, fix) every file named in ``args``; print;
    return the exit code.  ``checks`` maps the code prefix of its findings
    to each check, ``fixers`` the code it fixes to each fixer: what is not
    selected does not run."""
    paths = list(dict.fromkeys(args.filenames))  # each file once
    try:
        settings = load_settings(args.config, {
            'template': args.template, 'select': args.select,
            'ignore': args.ignore, **(overrides or {}),
            # A template named on the command line beats the config's rules.
            **({'templates': ()} if args.template else {}),
        })
        job = Job(
            settings,
            [check for prefix, check in checks.items()
             if settings.runs(prefix)],
            (fixers or {}) if getattr(args, 'fix', False) else {},
        )
        results = _map(job, paths, jobs)
    except (ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
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
    with concurrent.futures.ProcessPoolExecutor(jobs, context) as pool:
        chunk = max(1, len(paths) // (jobs * 4))
        return list(pool.map(job, paths, chunksize=chunk))


def check_file(
        path: str, settings: Settings, checks: Iterable[Check],
        fixers: Mapping[str, Fixer] | None = None,
) -> tuple[list[Diagnostic], bool]:
    """The findings for one file, and whether a fixer rewrote it."""
    try:
        spec = Spec.read(path)
    except BadInput as e:
        bad = Diagnostic(path, 1, e.code, e.message)
        return [bad] if settings.reports(bad.code, path) else [], False
    template_path = settings.template_for(path)
    if is_same_file(path, template_path):
        return [], False  # a template is not a spec
    template = load_template(template_path)
    disabled = spec.disabled_codes()
    found: list[Diagnostic] = []
    changed = False
    active = [
        fixer for code, fixer in (fixers or {}).items()
        if settings.reports(code, path, disabled)
    ]
    try:
        if active:
            fixed, problem = _fix(spec, template, settings, active)
            if problem and settings.reports(problem.code, path, disabled):
                found.append(problem)
            if fixed is not None:
                spec, changed = fixed, True
        for check in checks:
            found.extend(
                d for d in check(spec, template, settings)
                if settings.reports(d.code, path, disabled)
            )
    except (ConfigError, TemplateError):
        raise
    except BadInput as e:  # found only when parsed: too deeply nested
        found.append(Diagnostic(path, 1, e.code, e.message))
    except Exception as e:  # a bug of ours must not stop the other files
        found.append(Diagnostic(
            path, 1, 'E999',
            f'internal error, please report it: {type(e).__name__}: {e}',
        ))
    return found, changed


def _fix(
        spec: Spec, template: Template, settings: Settings,
        fixers: Iterable[Fixer],
) -> tuple[Spec | None, Diagnostic | None]:
    """The spec as fixed, if a fixer changed it, or why it could not be
    written.  A file that is not writable is left alone."""
    edits = [e for fixer in fixers for e in fixer(spec, template, settings)]
    data = fixes.apply(spec, edits) if edits else spec.raw
    if data == spec.raw:
        return None, None
    if not os.access(spec.path, os.W_OK):
        return None, Diagnostic(spec.path, 1, 'E905', 'cannot write the '
                                'fix: the file is read-only')
    try:
        fixes.write_atomically(spec.path, data)
    except OSError as e:
        return None, Diagnostic(spec.path, 1, 'E905',
                                f'cannot write the fix: {e.strerror}')
    return Spec(spec.path, data), None
