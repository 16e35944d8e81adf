"""check-spec: every check in one pass, each file read and parsed once."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'SLTRW',
        'Check reStructuredText specs against their template: structure, '
        'license header, leftover template text, RST validity and style, '
        'in one pass.',
        parallel=True,
    )


if __name__ == '__main__':
    raise SystemExit(main())
