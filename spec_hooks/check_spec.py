"""check-spec: every check in one pass, each file read and parsed once."""
from __future__ import annotations

import argparse
from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import leftovers, license, rst, structure, style

CHECKS = {
    'S': structure.check,
    'L': license.check,
    'T': leftovers.check,
    'R': rst.check,
    'W': style.check,
}
FIXERS = (license.fix, leftovers.fix)


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        'Check reStructuredText specs against their template: structure, '
        'license header, leftover template text, RST validity and style, '
        'in one pass.',
        fix=True,
    )
    cli.add_license_options(parser)
    parser.add_argument(
        '-j', '--jobs', type=_jobs, default=0, metavar='N',
        help='worker processes (default: one per core)',
    )
    args = parser.parse_args(argv)
    return cli.run(args, CHECKS, FIXERS, cli.license_overrides(args),
                   jobs=args.jobs)


def _jobs(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f'not a number of jobs: {text!r}')
    return int(text)


if __name__ == '__main__':
    raise SystemExit(main())
