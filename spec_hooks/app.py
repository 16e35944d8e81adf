"""spec-hooks: the commands for adopting the hooks in a specs repository.

Each subcommand lives in its own module, imported only when it runs, with
``main(argv) -> int`` and its own parser; the hooks (``check-spec`` and
the others) stay separate entry points.
"""
from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from spec_hooks import __version__
from spec_hooks.cli import EXIT_USAGE

# name: (module, one-line summary for the help)
COMMANDS: dict[str, tuple[str, str]] = {
    'init': ('spec_hooks.adopt', 'configure spec-hooks for an existing '
             'specs repository'),
    'new': ('spec_hooks.scaffold',
            'write a new spec from the template that applies to its path'),
    'baseline': ('spec_hooks.baseline',
                 "write today's findings to a baseline file, so that the "
                 'hooks report only new ones'),
}

USAGE = 'usage: spec-hooks COMMAND [options]'


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ('-h', '--help'):
        print(_help())
        return 0 if args else EXIT_USAGE
    if args[0] == '--version':
        print(f'spec-hooks {__version__}')
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f'error: unknown command {name!r}: choose from '
              f'{", ".join(COMMANDS)}', file=sys.stderr)
        return EXIT_USAGE
    module = importlib.import_module(COMMANDS[name][0])
    code: int = module.main(rest)
    return code


def _help() -> str:
    width = max(map(len, COMMANDS), default=0)
    lines = [USAGE, '', 'commands:']
    lines += [f'  {name:<{width}}  {summary}'
              for name, (_, summary) in COMMANDS.items()]
    lines += ['', "Run 'spec-hooks COMMAND --help' for a command's options."]
    return '\n'.join(lines)


if __name__ == '__main__':
    raise SystemExit(main())
