"""check-spec-structure: the title and the template's sections, in its
order, at its levels."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'S',
        "Check that reStructuredText specs have their template's title and "
        'sections, in its order, at its levels.',
    )


if __name__ == '__main__':
    raise SystemExit(main())
