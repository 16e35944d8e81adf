"""check-spec-license: the license header the template starts with."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'L',
        "Check that reStructuredText specs carry their template's license "
        'header, filled in and in its place.',
    )


if __name__ == '__main__':
    raise SystemExit(main())
