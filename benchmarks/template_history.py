"""What template history changes, and what it costs, on real repositories.

For each clone of a specs repository (with its full git history), runs
``check-spec`` (structure, license and leftovers) over every spec with the
repository's ready configuration from ``examples/``, once with template
history and once without, and prints the time of each run, the findings per
code, and a seeded sample of the findings history removes, to check by
hand.  Also times a one-file run, as at a commit.

    python benchmarks/template_history.py CLONE [CLONE ...] [--sample N]

A clone's directory name must be a corpus repository name (nova-specs,
...), possibly with a prefix: ``/tmp/hist-nova-specs`` works.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, '..', 'examples')
CONFIG = '.spec-hooks-benchmark.toml'


def specs(clone: str) -> list[str]:
    found = []
    for directory, _, files in os.walk(os.path.join(clone, 'specs')):
        for name in files:
            path = os.path.join(directory, name)
            if name.endswith('.rst') and name != 'index.rst' and \
                    'template' not in name and not os.path.islink(path):
                found.append(os.path.relpath(path, clone))
    return sorted(found)


def check(clone: str, paths: list[str], history: bool,
          ) -> tuple[float, list[dict[str, object]]]:
    argv = [sys.executable, '-m', 'spec_hooks.check_spec', '--config',
            CONFIG, '--select', 'S,L,T', '--format', 'json', '-j', '1']
    if not history:
        argv.append('--no-template-history')
    start = time.perf_counter()
    result = subprocess.run([*argv, *paths], cwd=clone, capture_output=True,
                            text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode == 2:
        raise SystemExit(f'{clone}: {result.stderr.strip()}')
    found: list[dict[str, object]] = json.loads(result.stdout or '[]')
    return seconds, found


def key(finding: dict[str, object]) -> tuple[object, ...]:
    return finding['path'], finding['code'], finding['message']


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('clones', nargs='+')
    parser.add_argument('--sample', type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(2026)
    for clone in args.clones:
        name = next(repo for repo in sorted(os.listdir(EXAMPLES))
                    if os.path.basename(clone.rstrip('/')).endswith(
                        repo.removesuffix('.toml')))
        with open(os.path.join(EXAMPLES, name), encoding='utf-8') as f:
            config = f.read()
        with open(os.path.join(clone, CONFIG), 'w', encoding='utf-8') as f:
            f.write(config)
        paths = specs(clone)
        with_time, with_history = check(clone, paths, True)
        without_time, without = check(clone, paths, False)
        one_with, _ = check(clone, paths[:1], True)
        one_without, _ = check(clone, paths[:1], False)
        kept = {key(f) for f in with_history}
        removed = [f for f in without if key(f) not in kept]
        added = [f for f in with_history
                 if key(f) not in {key(g) for g in without}]
        print(f'{name.removesuffix(".toml")}: {len(paths)} specs')
        print(f'  all files: {with_time:.2f} s with history, '
              f'{without_time:.2f} s without; one file: {one_with:.3f} s '
              f'with, {one_without:.3f} s without')
        for label, found in (('without history', without),
                             ('with history', with_history)):
            codes = collections.Counter(str(f['code']) for f in found)
            print(f'  {label}: {len(found)} findings: ' + ' '.join(
                f'{c}={n}' for c, n in sorted(codes.items())))
        codes = collections.Counter(str(f['code']) for f in removed)
        print(f'  history removes {len(removed)} (' + ' '.join(
            f'{c}={n}' for c, n in sorted(codes.items())) +
            f') and adds {len(added)}')
        for f in rng.sample(removed, min(args.sample, len(removed))):
            print(f"    - {f['path']}:{f['line']}: {f['code']} "
                  f"{f['message']}")
        for f in added[:args.sample]:
            print(f"    + {f['path']}:{f['line']}: {f['code']} "
                  f"{f['message']}")
        os.unlink(os.path.join(clone, CONFIG))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
