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
    cli.add_style_options(parser)
    args = parser.parse_args(argv)
    return cli.run(args, {'W': style.check},
                   overrides=cli.style_overrides(args))


if __name__ == '__main__':
    raise SystemExit(main())
