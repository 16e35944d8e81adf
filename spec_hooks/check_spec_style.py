"""check-spec-style: line length, whitespace, line endings, invisible
characters."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'W',
        'Check the style of reStructuredText specs: line length, trailing '
        'whitespace, tabs, line endings, invisible characters, final '
        'newline.',
    )


if __name__ == '__main__':
    raise SystemExit(main())
