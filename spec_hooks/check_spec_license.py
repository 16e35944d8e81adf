"""check-spec-license: the license header the template starts with."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import license


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        "Check that reStructuredText specs carry their template's license "
        'header, filled in and in its place.',
        fix=True,
    )
    parser.add_argument(
        '--license-file', metavar='PATH',
        help="expect this file's text as the header instead of the "
             "template's",
    )
    parser.add_argument(
        '--copyright-holder', metavar='NAME',
        help='the holder --fix writes into a header it inserts',
    )
    args = parser.parse_args(argv)
    return cli.run(args, {'L': license.check}, [license.fix], {
        'license-file': args.license_file,
        'copyright-holder': args.copyright_holder,
    })


if __name__ == '__main__':
    raise SystemExit(main())
