"""What every hook's ``main`` shares: options, the per-file loop, output.

Data flows one way: path -> Spec -> checks -> diagnostics -> formatter ->
exit code.  A bad file becomes a diagnostic for that file and the loop goes
on; a bad configuration or template stops the run with exit code 2.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from spec_hooks.checks import Check
from spec_hooks.config import ConfigError, Settings, Value, load_settings
from spec_hooks.diagnostics import FORMATTERS, Diagnostic
from spec_hooks.spec import BadInput, Spec, is_same_file
from spec_hooks.template import TemplateError, load_template

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def parser(description: str) -> argparse.ArgumentParser:
    """The options every hook takes."""
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
    return parser


def run(
        args: argparse.Namespace,
        checks: Sequence[Check],
        overrides: dict[str, Value] | None = None,
) -> int:
    """Check every file named in ``args``; print; return the exit code."""
    try:
        settings = load_settings(
            args.config, {'template': args.template, **(overrides or {})},
        )
        diagnostics = sorted(
            (d for path in args.filenames
             for d in check_file(path, settings, checks)),
            key=Diagnostic.position,
        )
    except (ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    return EXIT_FINDINGS if diagnostics else EXIT_CLEAN


def check_file(
        path: str, settings: Settings, checks: Iterable[Check],
) -> list[Diagnostic]:
    try:
        spec = Spec.read(path)
    except BadInput as e:
        return [Diagnostic(path, 1, e.code, e.message)]
    template_path = settings.template_for(path)
    if is_same_file(path, template_path):
        return []  # a template is not a spec
    template = load_template(template_path)
    return [d for check in checks for d in check(spec, template, settings)]
