"""What template history changes, and what it costs, on real repositories.

For each clone of a specs repository (with its full git history), runs
``check-spec`` (structure, license and leftovers) over every spec with the
repository's ready configuration from ``examples/``, once with template
history and once without, and prints the time of each run, the findings per
code, and a seeded sample of the findings history removes, to check by
hand.  Also times one-file runs, as at a commit: ``check-spec`` and
``check-spec-license`` (which, with history, compares template outlines).

    python benchmarks/template_history.py CLONE [CLONE ...] [--sample N]
        [--removed benchmarks/precision/history-removed.csv]

A clone's directory name must be a corpus repository name (nova-specs,
...), possibly with a prefix: ``/tmp/hist-nova-specs`` works.  The files
are those ``precision.py --clones`` checks.  With ``--removed``, the
sampled removed findings are merged into that CSV (repo, path, line, code,
verdict, reason, message): verdicts already there are kept for findings
still sampled, for the hand check to be filled in and audited.
"""
from __future__ import annotations

import argparse
import collections
import collections.abc
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from precision import AS_OF, EXAMPLES, ROOT, clone_files  # noqa: E402

CONFIG = '.spec-hooks-benchmark.toml'
COLUMNS = ('repo', 'path', 'line', 'code', 'verdict', 'reason', 'message')
Found = dict[str, object]
Key = collections.abc.Callable[[Found], tuple[object, ...]]


class Cost:
    """Wall-clock and CPU seconds (user and system) of a run: on a machine
    others load, the CPU time is the fairer measure."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall = wall
        self.cpu = cpu

    def __str__(self) -> str:
        return f'{self.wall:.2f} s ({self.cpu:.2f} s CPU)'


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check(clone: str, paths: list[str], history: bool,
          hook: str = 'check_spec') -> tuple[Cost, list[Found]]:
    argv = ['nice', sys.executable, '-m', f'spec_hooks.{hook}', '--config',
            CONFIG, '--format', 'json']
    if hook == 'check_spec':
        argv += ['--select', 'S,L,T', '-j', '1']
    if not history:
        argv.append('--no-template-history')
    start, cpu = time.perf_counter(), cpu_of_children()
    result = subprocess.run([*argv, *paths], cwd=clone, capture_output=True,
                            text=True, check=False,
                            env=dict(os.environ, PYTHONPATH=ROOT))
    seconds = Cost(time.perf_counter() - start, cpu_of_children() - cpu)
    if result.returncode == 2:
        raise SystemExit(f'{clone}: {result.stderr.strip()}')
    found: list[Found] = json.loads(result.stdout or '[]')
    return seconds, found


def key(finding: Found) -> tuple[object, ...]:
    return finding['path'], finding['code'], finding['message']




def unlabelled(finding: Found) -> tuple[object, ...]:
    """The finding as it reads against any version of its template (the
    note ``AS_OF`` matches)."""
    return (finding['path'], finding['code'],
            AS_OF.sub('', str(finding['message'])))


def missing(found: list[Found], other: list[Found], by: Key,
            ) -> list[Found]:
    """The findings of ``found`` that ``other`` lacks, by ``by``."""
    there = collections.Counter(map(by, other))
    lacking = []
    for f in found:
        if there[by(f)]:
            there[by(f)] -= 1
        else:
            lacking.append(f)
    return lacking


def per_code(found: list[Found]) -> str:
    codes = collections.Counter(str(f['code']) for f in found)
    return ' '.join(f'{c}={n}' for c, n in sorted(codes.items()))


def repository(clone: str) -> str:
    name = os.path.basename(clone.rstrip('/'))
    return next(repo.removesuffix('.toml')
                for repo in sorted(os.listdir(EXAMPLES))
                if name.endswith(repo.removesuffix('.toml')))


def compare(clone: str, repo: str, sample: int) -> list[Found]:
    """Prints what history changes in ``clone``; returns the sample of
    removed findings."""
    paths = clone_files(clone)
    with_time, with_history = check(clone, paths, True)
    without_time, without = check(clone, paths, False)
    one = {(hook, history): check(clone, paths[:1], history, hook)[0]
           for hook in ('check_spec', 'check_spec_license')
           for history in (True, False)}
    removed = missing(without, with_history, unlabelled)
    added = missing(with_history, without, unlabelled)
    relabelled = missing(missing(with_history, without, key), added, key)
    print(f'{repo}: {len(paths)} specs')
    print(f'  all files: {with_time} with history, {without_time} '
          'without')
    for hook in ('check_spec', 'check_spec_license'):
        print(f'  one file, {hook}: {one[hook, True]} with, '
              f'{one[hook, False]} without')
    print(f'  without history: {len(without)} findings: {per_code(without)}')
    print(f'  with history: {len(with_history)} findings: '
          f'{per_code(with_history)}')
    print(f'  history removes {len(removed)} ({per_code(removed)}), adds '
          f'{len(added)} ({per_code(added)}) and names an older template '
          f'version in {len(relabelled)} ({per_code(relabelled)})')
    rng = random.Random(f'2026:{repo}')
    chosen = rng.sample(removed, min(sample, len(removed)))
    for f in chosen:
        print(f"    - {f['path']}:{f['line']}: {f['code']} {f['message']}")
    for f in added:
        print(f"    + {f['path']}:{f['line']}: {f['code']} {f['message']}")
    return chosen


def merge(path: str, sampled: dict[str, list[Found]]) -> None:
    """Writes the sampled removed findings of each repository to ``path``,
    keeping the verdicts given before; other repositories' rows stay."""
    old: dict[tuple[str, ...], dict[str, str]] = {}
    rows: list[dict[str, str]] = []
    if os.path.isfile(path):
        with open(path, newline='', encoding='utf-8') as f:
            for row in csv.DictReader(f):
                if row['repo'] in sampled:
                    old[row['repo'], row['path'], row['code'],
                        row['message']] = row
                else:
                    rows.append(row)
    for repo, found in sampled.items():
        for finding in found:
            was = old.get((repo, *map(str, key(finding))), {})
            rows.append({
                'repo': repo, 'path': str(finding['path']),
                'line': str(finding['line']), 'code': str(finding['code']),
                'verdict': was.get('verdict', ''),
                'reason': was.get('reason', ''),
                'message': str(finding['message']),
            })
    rows.sort(key=lambda r: (r['repo'], r['path'], int(r['line']),
                             r['code']))
    with open(path, 'w', newline='', encoding='utf-8') as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator='\n')
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('clones', nargs='+')
    parser.add_argument('--sample', type=int, default=20)
    parser.add_argument('--removed', metavar='CSV',
                        help='merge the sampled removed findings into CSV')
    args = parser.parse_args()
    sampled = {}
    for clone in args.clones:
        repo = repository(clone)
        with open(os.path.join(EXAMPLES, f'{repo}.toml'),
                  encoding='utf-8') as f:
            config = f.read()
        with open(os.path.join(clone, CONFIG), 'w', encoding='utf-8') as f:
            f.write(config)
        try:
            sampled[repo] = compare(clone, repo, args.sample)
        finally:
            os.unlink(os.path.join(clone, CONFIG))
    if args.removed:
        merge(args.removed, sampled)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
