"""Write the README's code tables from the rule registry.

The tables stand between ``<!-- rules:start -->`` and ``<!-- rules:end -->``
under "## Codes"; everything else in the README is left as it is.  With
``--check`` nothing is written: the exit code is 1 if the README differs
from what the registry says (CI and the tests run it so).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from spec_hooks.explain import readme_with_tables

README = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'README.md')


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('readme', nargs='?', default=README,
                        help='the README to rewrite (default: %(default)s)')
    parser.add_argument('--check', action='store_true',
                        help='write nothing; exit 1 if the README differs')
    args = parser.parse_args(argv)
    with open(args.readme, encoding='utf-8', newline='') as f:
        text = f.read()
    try:
        wanted = readme_with_tables(text)
    except ValueError as e:
        print(f'error: {args.readme}: {e}', file=sys.stderr)
        return 2
    if wanted == text:
        return 0
    if args.check:
        print(f'{args.readme}: the code tables differ from the rule '
              f'registry; run tools/readme_rules.py', file=sys.stderr)
        return 1
    with open(args.readme, 'w', encoding='utf-8', newline='') as f:
        f.write(wanted)
    print(f'Rewrote the code tables of {args.readme}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
