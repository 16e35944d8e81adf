"""check-spec-leftovers: template text the author forgot to replace."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'T',
        'Check reStructuredText specs for template text left in: the '
        '"Delete this paragraph" instruction, the placeholder title, '
        'guidance copied verbatim, unfilled <placeholders>.',
    )


if __name__ == '__main__':
    raise SystemExit(main())
