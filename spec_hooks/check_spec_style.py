"""check-spec-style: line length, whitespace, line endings, invisible
characters."""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import style


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        'Check the style of reStructuredText specs: line length, trailing '
        'whitespace, tabs, line endings, invisible characters, final '
        'newline.',
    )
    parser.add_argument(
        '--max-line-length', type=int, metavar='N',
        help='longest line allowed; 0 for no limit (default: 79)',
    )
    args = parser.parse_args(argv)
    return cli.run(args, {'W': style.check},
                   overrides={'max-line-length': args.max_line_length})


if __name__ == '__main__':
    raise SystemExit(main())
