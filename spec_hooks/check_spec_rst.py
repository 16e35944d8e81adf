"""check-spec-rst: is it valid reStructuredText (Sphinx-aware)?"""
from __future__ import annotations

from collections.abc import Sequence

from spec_hooks import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        argv, 'R',
        'Check that reStructuredText specs are valid, accepting the '
        'directives and roles of Sphinx and its common extensions.',
    )


if __name__ == '__main__':
    raise SystemExit(main())
