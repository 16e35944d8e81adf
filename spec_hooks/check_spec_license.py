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
    cli.add_license_options(parser)
    args = parser.parse_args(argv)
    return cli.run(args, {'L': license.check}, {'L101': license.fix},
                   cli.license_overrides(args))


if __name__ == '__main__':
    raise SystemExit(main())
