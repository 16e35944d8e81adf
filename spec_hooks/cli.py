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

from spec_hooks import __version__, fixes, suppression
from spec_hooks.checks import Check, Fixer
from spec_hooks.config import (
    DEFAULT_BASELINE,
    ConfigError,
    Settings,
    Value,
    check_selection,
    load_settings,
    parse_codes,
    parse_line,
    parse_whole_number,
)
from spec_hooks.context import Context, build, unversioned
from spec_hooks.diagnostics import FORMATTERS, Diagnostic, format_text
from spec_hooks.rules import E905, E999, FAMILIES, RULES, fixable
from spec_hooks.spec import BadInput, Spec, read_regular_file
from spec_hooks.template import TemplateError

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any, NoReturn, TextIO

    from spec_hooks.baseline import Baseline

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
MIN_FILES_PER_JOB = 8  # fewer files than this per process: not worth one


def main(argv: Sequence[str] | None, families: str, description: str,
         parallel: bool = False) -> int:
    """A hook: parse its options, then check the files with the checks of
    ``families`` (code prefixes, 'SLTRW'); ``parallel`` adds ``--jobs``."""
    args = file_names_alone(argv, families, parallel)
    if args is None:
        hook_parser = parser(description, families, parallel)
        args = hook_parser.parse_args(argv)
        _check_usage(hook_parser, args)
        if args.list_rules:
            from spec_hooks import explain  # as rarely needed as the parser

            return _print(explain.list_rules())
        if args.explain is not None:
            return _explain(args.explain)
    return run(args, families, overrides(args), getattr(args, 'jobs', 1))


def file_names_alone(argv: Sequence[str] | None, families: str,
                     parallel: bool) -> argparse.Namespace | None:
    """What ``parser`` would parse from ``argv`` if it is file names alone
    (as pre-commit passes them), without building it: that costs more
    than checking a spec's license.  None if ``argv`` has any option."""
    names = sys.argv[1:] if argv is None else list(argv)
    if any(name.startswith('-') for name in names):
        return None
    defaults: dict[str, object] = dict.fromkeys((
        'template', 'config', 'baseline', 'select', 'ignore',
        'extend_select', 'extend_ignore', 'stdin_filename', 'explain',
    ))
    defaults.update(format='text', show_source=False, statistics=False,
                    exit_zero=False, list_rules=False)
    if any(fixable(family) for family in families):
        defaults['fix'] = False
    if set(families) & set('SLT'):
        defaults['template_history'] = None
    if 'L' in families:
        defaults.update(license_file=None, copyright_holder=None)
    if 'W' in families:
        defaults['max_line_length'] = None
    if parallel:
        defaults['jobs'] = 0
    return argparse.Namespace(filenames=names, **defaults)


def overrides(args: argparse.Namespace) -> dict[str, Value]:
    """The settings the command line sets besides the selection."""
    return {
        key: getattr(args, key.replace('-', '_'), None) for key in
        ('license-file', 'copyright-holder', 'max-line-length',
         'template-history', 'baseline')
    }


def _check_usage(parser: argparse.ArgumentParser,
                 args: argparse.Namespace) -> None:
    """What argparse cannot check alone; exits 2 with one line."""
    check_selection_usage(parser, args)
    if '-' in args.filenames and getattr(args, 'fix', False):
        parser.error('argument --fix: cannot rewrite standard input (-)')


def check_selection_usage(parser: argparse.ArgumentParser,
                          args: argparse.Namespace) -> None:
    """A code both selected and ignored on the command line: exits 2 with
    one line."""
    try:
        check_selection({
            f'--{key}': getattr(args, key.replace('-', '_')) or ()
            for key in ('select', 'extend-select', 'ignore', 'extend-ignore')
        })
    except ConfigError as e:
        parser.error(str(e))


def _explain(code: str) -> int:
    from spec_hooks import explain

    text = explain.explain(code)
    if text is None:
        print(f'error: --explain: {code!r} is not a code of spec-hooks; '
              f'--list-rules lists them', file=sys.stderr)
        return EXIT_USAGE
    return _print(text)


def _print(text: str) -> int:
    """Print ``text`` on stdout: exit code 0, or 2 if it cannot be."""
    try:
        _output(sys.stdout, text)
    except (OSError, UnicodeEncodeError) as e:
        return _output_failed(e)
    return EXIT_CLEAN


def parser(description: str, families: str, parallel: bool = False,
           ) -> argparse.ArgumentParser:
    """The options of a hook that runs the checks of ``families``."""
    parser = UsageParser(description=description, formatter_class=_Formatter)
    parser.add_argument(
        'filenames', nargs='*',
        help='spec files, or directories to check every *.rst below, or - '
             'for standard input',
    )
    parser.add_argument('--version', action='version',
                        version=f'spec-hooks {__version__}')
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
        '--baseline', metavar='FILE',
        help='report only findings not in this baseline file, which '
             "'spec-hooks baseline' writes",
    )
    _add_output_options(parser)
    add_selection_options(parser)
    parser.add_argument(
        '--stdin-filename', metavar='PATH',
        help='the path standard input (-) stands for: in output, in '
             'file name checks and for the per-path config',
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
            help="check each spec against today's template, not also the "
                 "template as it was in the spec's life",
        )
    if 'L' in families:
        add_license_options(parser)
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
            help='worker processes; 0 (the default): one per core this '
                 'process may use, and at most one per 8 files',
        )
    return parser


class UsageParser(argparse.ArgumentParser):
    """Usage errors in one line on stderr, naming the option, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f'error: {message}\n')


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--show-source', action='store_true',
        help='print each finding\'s line under it, with a caret at its '
             'column',
    )
    parser.add_argument(
        '--statistics', action='store_true',
        help='print how often each code was found, most frequent first',
    )
    parser.add_argument(
        '--exit-zero', action='store_true',
        help='exit 0 even with findings (2 still means a usage error)',
    )


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    codes = option(parse_codes, 'codes')
    parser.add_argument(
        '--select', metavar='CODES', type=codes,
        help="report only these codes or prefixes, e.g. S1,L101 (replaces "
             "the config's select)",
    )
    parser.add_argument(
        '--ignore', metavar='CODES', type=codes,
        help="do not report these codes or prefixes (replaces the config's "
             "ignore)",
    )
    parser.add_argument(
        '--extend-select', metavar='CODES', type=codes,
        help="report these codes or prefixes too, besides those selected",
    )
    parser.add_argument(
        '--extend-ignore', metavar='CODES', type=codes,
        help="do not report these codes or prefixes either, besides those "
             "ignored",
    )


def add_license_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--license-file', metavar='PATH', action='append',
        help="expect this file's text as the license header instead of "
             "the template's; given again, any of them (--fix inserts the "
             'first)',
    )
    parser.add_argument(
        '--copyright-holder', metavar='NAME',
        type=option(parse_line, 'copyright-holder'),
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
                 fix: bool, stdin: Mapping[str, bytes] | None = None,
                 ) -> None:
        self.context = context
        self.families = families
        self.fix = fix
        self.stdin = stdin or {}  # the path standard input stands for

    def __call__(self, path: str) -> tuple[list[Diagnostic], bool]:
        from spec_hooks import checks

        fixers = {
            code: fixer for family in self.families if self.fix
            for code, fixer in checks.fixers(family).items()
        }
        return check_file(path, self.context,
                          [checks.check(f) for f in self.families], fixers,
                          ran=''.join(self.families),
                          raw=self.stdin.get(path))


class Prepared:
    """A run ready to check its files: the context, built before any file
    is read; the families that run; standard input's bytes, by the path
    it stands for; and the baseline whose findings are not reported."""

    def __init__(self, context: Context, paths: list[str],
                 running: list[str], stdin: dict[str, bytes],
                 baseline: Baseline | None) -> None:
        self.context = context
        self.paths = paths
        self.running = running
        self.stdin = stdin
        self.baseline = baseline

    def check(self, fix: bool, jobs: int,
              ) -> tuple[list[Diagnostic], list[str]]:
        """The findings, sorted, and the files fixed."""
        job = Job(self.context, self.running, fix, self.stdin)
        results = _map(job, self.paths, jobs)
        diagnostics = _once_per_extension_name(sorted(
            (d for found, _ in results for d in found),
            key=Diagnostic.position,
        ))
        fixed = sorted(path for path, (_, changed) in zip(
            self.paths, results, strict=True) if changed)
        return diagnostics, fixed


def prepare(
        args: argparse.Namespace, families: str,
        overrides: dict[str, Value] | None = None, *, baseline: bool,
) -> Prepared | int:
    """Settings, context and (with ``baseline``, where one is set) the
    baseline of a run; or, on a usage or configuration error, said in one
    line, exit code 2, before any file is read."""
    stdin_name = getattr(args, 'stdin_filename', None) or '-'
    stdin = {}
    if '-' in args.filenames:
        stdin[stdin_name] = sys.stdin.buffer.read()
    paths = _expand(args.filenames, stdin_name)
    try:
        settings = load_settings(args.config, {
            'template': args.template, 'select': args.select,
            'ignore': args.ignore, 'extend-select': args.extend_select,
            'extend-ignore': args.extend_ignore, **(overrides or {}),
            # A template named on the command line beats the config's rules.
            **({'templates': ()} if args.template else {}),
        })
        running = [prefix for prefix in families if settings.runs(prefix)]
        context = build(settings, paths, outline='S' in running,
                        parse='R' in running)
        known = _baseline(settings) if baseline else None
    except (ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
    for note in context.notes:
        print(f'note: {note}', file=sys.stderr)
    return Prepared(context, paths, running, stdin, known)


def _baseline(settings: Settings) -> Baseline | None:
    """The baseline the config or command line names; else the default
    file beside the config file (or in the working directory), where it
    exists."""
    path = settings.baseline or \
        os.path.relpath(os.path.join(settings.root, DEFAULT_BASELINE))
    if settings.baseline is None and not os.path.lexists(path):
        return None
    from spec_hooks.baseline import Baseline

    return Baseline.load(path)


def run(
        args: argparse.Namespace,
        families: str,
        overrides: dict[str, Value] | None = None,
        jobs: int = 1,
) -> int:
    """Check (and with ``--fix``, fix) every file named in ``args`` with the
    checks of ``families`` (code prefixes: 'SLTRW'); print; return the exit
    code.  What is not selected does not run."""
    if not args.filenames and os.environ.get('PRE_COMMIT') != '1':
        print('no files given: nothing checked', file=sys.stderr)
    prepared = prepare(args, families, overrides, baseline=True)
    if isinstance(prepared, int):
        return prepared
    diagnostics, fixed = prepared.check(getattr(args, 'fix', False), jobs)
    stdin, summary = prepared.stdin, ''
    if prepared.baseline is not None:
        diagnostics, baselined = prepared.baseline.filter(diagnostics, stdin)
        summary = prepared.baseline.summary(baselined) if baselined else ''
    # Machine-readable formats keep stdout to themselves.
    side = sys.stderr if args.format in ('json', 'sarif') else sys.stdout
    try:
        _output(side, ''.join(f'Fixing {path}\n' for path in fixed))
        if args.format == 'text':
            _output(sys.stdout, format_text(
                diagnostics, _colour(sys.stdout),
                _sources(diagnostics, stdin) if args.show_source else None,
            ))
        else:
            _output(sys.stdout, FORMATTERS[args.format](diagnostics))
        if args.statistics:
            _output(side, _statistics(diagnostics))
        _output(sys.stderr, summary)
    except (OSError, UnicodeEncodeError) as e:  # closed pipe, full disk
        return _output_failed(e)
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if diagnostics or fixed else EXIT_CLEAN


def _expand(names: Sequence[str], stdin_name: str) -> list[str]:
    """The files to check: each name once, as given, a directory replaced
    by every *.rst below it (sorted; hidden directories skipped) and ``-``
    by the name standard input stands for."""
    paths = []
    for name in names:
        if name == '-':
            paths.append(stdin_name)
        elif os.path.isdir(name):
            below = rst_below(name)
            if not below:
                print(f'{name}: no .rst file below this directory',
                      file=sys.stderr)
            paths.extend(below)
        else:
            paths.append(name)
    return list(dict.fromkeys(paths))


def rst_below(directory: str) -> list[str]:
    found: list[str] = []
    for root, directories, files in os.walk(directory):
        directories[:] = [d for d in directories if not d.startswith('.')]
        found.extend(
            os.path.join(root, name) for name in files
            if name.endswith('.rst')
        )
    return sorted(found)


def _colour(stream: TextIO | None) -> bool:
    """Colour on a terminal; NO_COLOR turns it off, FORCE_COLOR on."""
    if os.environ.get('NO_COLOR') or stream is None:
        return False
    if os.environ.get('FORCE_COLOR'):
        return True
    return stream.isatty()


def _sources(diagnostics: Sequence[Diagnostic], stdin: Mapping[str, bytes],
             ) -> dict[str, list[str]]:
    """The lines of each file with findings, as they are now (after any
    fix); none for a file that cannot be read."""
    lines = {}
    for path in {d.path for d in diagnostics}:
        try:
            raw = stdin[path] if path in stdin else \
                read_regular_file(path)
        except OSError:
            continue
        text = raw.decode('utf-8', 'replace').removeprefix('\ufeff')
        lines[path] = text.replace('\r\n', '\n').replace('\r', '\n') \
            .split('\n')
    return lines


def _statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Each code found, how often and its name; most frequent first."""
    counts: dict[str, int] = {}
    for d in diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
    return ''.join(
        f'{n:>5}  {code:<5} {RULES[code].name if code in RULES else ""}'
        .rstrip() + '\n'
        for code, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
    )
def _once_per_extension_name(
        diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A name that an extension unknown to spec-hooks likely provides is
    reported where it is first used in the run, not at every use: it is
    one thing to declare, not a typo in every spec."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for d in diagnostics:
        if d.code in ('R101', 'R102') and UNKNOWN_TO_US in d.message:
            name = d.message.split('"')[1]
            if (d.code, name) in seen:
                continue
            seen.add((d.code, name))
        kept.append(d)
    return kept


UNKNOWN_TO_US = '(unknown to spec-hooks)'


def _output(stream: TextIO | None, text: str) -> None:
    """Write and flush now, so that a failure is reported here."""
    if not text:
        return
    if stream is None:  # the hook was started with it closed
        raise OSError(0, 'it is closed')
    stream.write(text)
    stream.flush()


def _output_failed(error: OSError | UnicodeEncodeError) -> int:
    """Say in one line why the output could not be written; exit code 2."""
    _silence_stdout()
    reason = error.strerror if isinstance(error, OSError) else str(error)
    print(f'error: cannot write the output: {reason}', file=sys.stderr)
    return EXIT_USAGE


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of
    what could not be written prints no traceback at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing to silence


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
        fixers: Mapping[str, Fixer] | None = None, *,
        ran: str | None = None, raw: bytes | None = None,
) -> tuple[list[Diagnostic], bool]:
    """The findings for one file, and whether a fixer rewrote it.
    ``ran``: the families of ``checks`` (default: all), for suppression
    comments; ``raw``: the file's bytes, when not to be read from ``path``
    (standard input).  A file being fixed is locked from reading to
    writing, so that two runs fixing it take turns."""
    if path not in context.templates:
        return [], False  # a template is not a spec
    every = ''.join(p for p, f in FAMILIES.items() if f.module)
    if not fixers:
        return _check_file(path, context, list(checks), {}, ran or every,
                           raw)
    with fixes.Exclusive(path):
        return _check_file(path, context, list(checks), fixers,
                           ran or every, raw)


def _check_file(
        path: str, context: Context, checks: list[Check],
        fixers: Mapping[str, Fixer], ran: str, raw: bytes | None,
) -> tuple[list[Diagnostic], bool]:
    settings = context.settings
    try:
        spec = Spec.read(path, context.names) if raw is None else \
            Spec.from_bytes(path, raw, context.names)
    except BadInput as e:
        bad = Diagnostic(path, e.line, e.code, e.message)
        return [bad] if settings.reports(bad.code, path) else [], False
    disabled = spec.disabled_codes() + _ignored_for_template(spec, context)

    def findings(spec: Spec) -> list[Diagnostic]:
        try:
            found = [d for check in checks for d in check(spec, context)]
            return [
                d for d in suppression.apply(spec, found, ran)
                if settings.reports(d.code, path, disabled)
            ]
        except BadInput as e:  # found only when parsed: too deeply nested
            return [Diagnostic(path, e.line, e.code, e.message)]
        except Exception as e:  # a bug of ours must not stop the others
            return [_internal_error(path, e)]

    active = {
        code: fixer for code, fixer in fixers.items()
        if settings.reports(code, path, disabled)
    }
    if not active:
        return findings(spec), False
    try:
        return _fix(spec, context, active, findings)
    except BadInput as e:
        return [Diagnostic(path, e.line, e.code, e.message)], False
    except Exception as e:
        return [_internal_error(path, e)], False


def _ignored_for_template(spec: Spec, context: Context) -> tuple[str, ...]:
    """The codes ``per-template-ignores`` turns off for the template the
    spec is checked against (choosing among several reads its outline, so
    only when the option is set)."""
    if not context.settings.per_template_ignores:
        return ()
    try:
        template = context.template(spec)
    except BadInput:  # reported by the checks that parse
        return ()
    return context.settings.ignored_for_template(
        unversioned(template.path)) if template is not None else ()


def _internal_error(path: str, e: Exception) -> Diagnostic:
    return E999(path, 1, f'internal error, please report it: '
                f'{type(e).__name__}: {e}')


MAX_FIX_ROUNDS = 4  # each fixer sees the result of the others until none acts


def _fix(
        spec: Spec, context: Context, fixers: Mapping[str, Fixer],
        findings: Callable[[Spec], list[Diagnostic]],
) -> tuple[list[Diagnostic], bool]:
    """The findings once the fixes are written, and whether any was.

    A fix is written only when verified: each edit by its doctree (see
    fixes.fixed), and all of them by the checks, which must not report
    anything on the fixed text that they did not report before.  A fix
    that is not safe leaves its finding, with a note that says why.  A
    read-only file is left alone, whoever runs the hook."""
    fixed, refused, acted = _fixed(spec, context, fixers)
    if fixed is spec:
        return _noted(findings(spec), refused), False
    before = findings(spec)
    after = findings(fixed)
    new = _new_codes(before, after)
    if new:
        why = f'the fixed file would have new findings: {", ".join(new)}'
        refused.update(dict.fromkeys(acted, why))
        return _noted(before, refused), False
    problem = _write(spec, fixed)
    if problem is not None:
        before = _noted(before, refused)
        if context.settings.reports(problem.code, spec.path,
                                    spec.disabled_codes()):
            before.insert(0, problem)
        return before, False
    return _noted(after, refused), True


def _fixed(
        spec: Spec, context: Context, fixers: Mapping[str, Fixer],
) -> tuple[Spec, dict[str, str], set[str]]:
    """``spec`` with every verified fix; why each refused fix was refused,
    by code; and the codes whose fixes were applied.  Fixers run in turn,
    each on the result of the one before, until none changes anything, so
    one run reaches the fixed point."""
    fixed = spec
    refused: dict[str, str] = {}
    acted: set[str] = set()
    for _ in range(MAX_FIX_ROUNDS):
        before = fixed
        for code, fixer in fixers.items():
            edits = fixer(fixed, context) if code not in refused else []
            try:
                candidate = fixed
                for edit in sorted(edits, key=lambda e: (e.start, e.stop),
                                   reverse=True):  # line numbers stay valid
                    candidate = fixes.fixed(candidate, edit)
            except fixes.Unsafe as e:
                refused[code] = str(e)
                continue
            except Exception as e:  # docutils failed on the fixed text
                refused[code] = f'the fix could not be verified: ' \
                    f'{type(e).__name__}: {e}'
                continue
            if edits:
                fixed = candidate
                acted.add(code)
        if fixed is before:
            break
    return fixed, refused, acted


def _new_codes(before: list[Diagnostic], after: list[Diagnostic],
               ) -> list[str]:
    """The codes reported more often in ``after`` than in ``before``."""
    counts: dict[str, int] = {}
    for diagnostic in before:
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
    for diagnostic in after:
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) - 1
    return sorted(code for code, count in counts.items() if count < 0)


def _noted(found: list[Diagnostic], refused: Mapping[str, str],
           ) -> list[Diagnostic]:
    """``found``, the findings whose fix was refused saying why."""
    return [
        Diagnostic(d.path, d.line, d.code,
                   f'{d.message}; not fixed, as --fix could not do it '
                   f'safely: {refused[d.code]}', d.column)
        if d.code in refused else d
        for d in found
    ]


def _write(spec: Spec, fixed: Spec) -> Diagnostic | None:
    """Write the fix in place; or why it could not be written."""
    try:
        if not os.stat(spec.path).st_mode & 0o222:  # not os.access: root
            return E905(spec.path, 1, 'cannot write the fix: the file is '
                        'read-only')
        fixes.write(spec.path, spec.raw, fixed.raw)
    except fixes.Changed:
        return E905(spec.path, 1, 'cannot write the fix: the file changed '
                    'while it was checked; run again')
    except OSError as e:
        return E905(spec.path, 1, f'cannot write the fix: {e.strerror}')
    return None
