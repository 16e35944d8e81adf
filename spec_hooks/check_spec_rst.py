"""check-spec-rst: is it valid reStructuredText (Sphinx-aware)?"""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli
from spec_hooks.checks import rst


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.parser(
        'Check that reStructuredText specs are valid, accepting the '
        'directives and roles of Sphinx and its common extensions.',
    )
    args = parser.parse_args(argv)
    return cli.run(args, {'R': rst.check})


if __name__ == '__main__':
    raise SystemExit(main())
