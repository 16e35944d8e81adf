"""check-spec: every check in one pass, each file read and parsed once."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import leftovers, license, rst, structure, style
from spec_hooks.config import parse_whole_number

CHECKS = {
    'S': structure.check,
    'L': license.check,
    'T': leftovers.check,
    'R': rst.check,
    'W': style.check,
}
FIXERS = {'L101': license.fix, 'T101': leftovers.fix}


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        'Check reStructuredText specs against their template: structure, '
        'license header, leftover template text, RST validity and style, '
        'in one pass.',
        fix=True,
    )
    cli.add_license_options(parser)
    cli.add_style_options(parser)
    parser.add_argument(
        '-j', '--jobs', type=cli.option(parse_whole_number, 'jobs'),
        default=0, metavar='N',
        help='worker processes (default: one per core, and at most one per '
             '8 files)',
    )
    args = parser.parse_args(argv)
    return cli.run(args, CHECKS, FIXERS, {
        **cli.license_overrides(args), **cli.style_overrides(args),
    }, jobs=args.jobs)


if __name__ == '__main__':
    raise SystemExit(main())
