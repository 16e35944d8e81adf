"""check-spec-structure: the title and the template's sections, in its
order, at its levels."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import structure


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        "Check that reStructuredText specs have their template's title and "
        'sections, in its order, at its levels.',
    )
    args = parser.parse_args(argv)
    return cli.run(args, {'S': structure.check})


if __name__ == '__main__':
    raise SystemExit(main())
