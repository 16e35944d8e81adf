"""The Sphinx extensions each corpus repository loads, read from its conf.py.

For every repository of the corpus: the conf.py found, the extensions it
loads (and those they set up in turn), which of them the table of
spec-hooks does not know, anything of conf.py that could not be read
statically, and how long reading and building the vocabulary took.
Nothing is imported or run: extensions unknown to the table are not
learned here.

    python benchmarks/sphinx_names.py [--corpus DIR]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from spec_hooks.sphinx import ConfError, find_conf, read_conf, vocabulary
from spec_hooks.sphinx.extensions import EXTENSIONS

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', 'shared', 'corpus')


def report(repository: str) -> list[str]:
    path = find_conf(repository)
    name = os.path.basename(repository)
    if path is None:
        return [f'{name}: no conf.py']
    start = time.perf_counter()
    try:
        conf = read_conf(path)
    except ConfError as error:
        return [f'{name}: {error}']
    known = vocabulary(conf, learn_unknown=False)
    took = (time.perf_counter() - start) * 1000
    local = [
        extension for extension in known.loaded
        if extension not in EXTENSIONS
    ]
    in_turn = [
        extension for extension in known.loaded
        if extension not in conf.extensions
    ]
    lines = [
        f'{name}: {os.path.relpath(path, repository)} ({took:.1f} ms)',
        f'  extensions: {", ".join(conf.extensions) or "-"}',
        f'  loaded in turn: {", ".join(in_turn) or "-"}',
        f'  unknown to the table: '
        f'{", ".join(known.unknown_extensions) or "-"}',
        f'  local, read statically: {", ".join(local) or "-"}',
    ]
    lines += [f'  note: {note}' for note in known.notes]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=CORPUS)
    args = parser.parse_args(argv)
    if not os.path.isdir(args.corpus):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    for name in sorted(os.listdir(args.corpus)):
        repository = os.path.join(args.corpus, name)
        if os.path.isdir(repository):
            print('\n'.join(report(repository)))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
