"""What every hook's ``main`` shares: options, the per-file loop, output.

Data flows one way: path -> Spec -> checks -> diagnostics -> formatter ->
exit code.  A bad file becomes a diagnostic for that file and the loop goes
on; a bad configuration or template stops the run with exit code 2.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from spec_hooks import fixes
from spec_hooks.checks import Check, Fixer
from spec_hooks.config import ConfigError, Settings, Value, load_settings
from spec_hooks.diagnostics import FORMATTERS, Diagnostic
from spec_hooks.spec import BadInput, Spec, is_same_file
from spec_hooks.template import TemplateError, load_template

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def parser(description: str, fix: bool = False) -> argparse.ArgumentParser:
    """The options every hook takes (and ``--fix`` for those that can)."""
    parser = argparse.ArgumentParser(description=description)
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
    if fix:
        parser.add_argument(
            '--fix', action='store_true',
            help='rewrite files where a fix is safe, and report the rest',
        )
    return parser


def run(
        args: argparse.Namespace,
        checks: Sequence[Check],
        fixers: Sequence[Fixer] = (),
        overrides: dict[str, Value] | None = None,
) -> int:
    """Check (and with ``--fix``, fix) every file named in ``args``; print;
    return the exit code."""
    if not getattr(args, 'fix', False):
        fixers = ()
    diagnostics: list[Diagnostic] = []
    fixed = []
    try:
        settings = load_settings(
            args.config, {'template': args.template, **(overrides or {})},
        )
        for path in args.filenames:
            found, changed = check_file(path, settings, checks, fixers)
            diagnostics.extend(found)
            if changed:
                fixed.append(path)
    except (ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
    diagnostics.sort(key=Diagnostic.position)
    fixing = ''.join(f'Fixing {path}\n' for path in fixed)
    (sys.stderr if args.format == 'json' else sys.stdout).write(fixing)
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    return EXIT_FINDINGS if diagnostics or fixed else EXIT_CLEAN


def check_file(
        path: str, settings: Settings, checks: Iterable[Check],
        fixers: Iterable[Fixer] = (),
) -> tuple[list[Diagnostic], bool]:
    """The findings for one file, and whether a fixer rewrote it."""
    try:
        spec = Spec.read(path)
    except BadInput as e:
        return [Diagnostic(path, 1, e.code, e.message)], False
    template_path = settings.template_for(path)
    if is_same_file(path, template_path):
        return [], False  # a template is not a spec
    template = load_template(template_path)
    edits = [edit for fixer in fixers for edit in fixer(spec, template,
                                                        settings)]
    changed = False
    if edits:
        data = fixes.apply(spec, edits)
        if data != spec.raw:
            try:
                fixes.write_atomically(path, data)
            except OSError as e:
                return [Diagnostic(path, 1, 'E905',
                                   f'cannot write the fix: {e.strerror}')], \
                    False
            spec, changed = Spec(path, data), True
    found = [d for check in checks for d in check(spec, template, settings)]
    return found, changed
