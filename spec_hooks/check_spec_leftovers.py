"""check-spec-leftovers: template text the author forgot to replace."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import leftovers


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        'Check reStructuredText specs for template text left in: the '
        '"Delete this paragraph" instruction, the placeholder title, '
        'guidance copied verbatim, unfilled <placeholders>.',
        fix=True,
    )
    args = parser.parse_args(argv)
    return cli.run(args, {'T': leftovers.check}, {'T101': leftovers.fix})


if __name__ == '__main__':
    raise SystemExit(main())
