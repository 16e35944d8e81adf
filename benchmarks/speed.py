"""How fast check-spec is beside rst-lint and doc8, and how fast the
text-level hooks start.

    pip install -e . doc8      # rst-lint comes with spec-hooks
    python benchmarks/speed.py [--corpus DIR] [--rounds N]

1. check-spec (every check on, nova's per-release templates), rst-lint and
   doc8 over all of nova-specs, in alternating order each round; the medians
   and their ratios.  Targets: check-spec <= 1/2 of rst-lint, <= 1/4 of doc8
   in wall time; check-spec --jobs 1 <= 0.8 of rst-lint in CPU time (per
   core).
2. One spec, as at a commit, with the template cache warm: check-spec beside
   rst-lint on the same file.  Target: <= 0.8 of rst-lint.
3. check-spec-license and check-spec-leftovers on one spec beside a bare
   ``python -c pass`` of the same interpreter, alternating.  Target: within
   2.5x of ``python -c pass``.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', 'shared', 'corpus')
BIN = os.path.dirname(sys.executable)
CONFIGS = {
    'pyproject.toml': '[tool.spec-hooks.templates]\n'
                      '"specs/{release}/*/*.rst" = '
                      '"specs/{release}-template.rst"\n',
    'setup.cfg': '[spec-hooks]\ntemplates =\n    specs/{release}/*/*.rst'
                 ' = specs/{release}-template.rst\n',
}
ONE_SPEC = 'specs/2026.1/implemented/vtpm-live-migration.rst'


def timed(command: list[str], cwd: str) -> tuple[float, float]:
    """Wall and CPU (user and system, every process) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + \
        (after.ru_stime - before.ru_stime)
    return wall, cpu


def alternate(
        commands: dict[str, list[str]], cwd: str, rounds: int,
        cpu: bool = False,
) -> dict[str, float]:
    """The median wall (or CPU) time of each command, run in turn each
    round with the order rotated, so drift in the machine's load spreads
    over all."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for number in range(rounds):
        turn = names[number % len(names):] + names[:number % len(names)]
        for name in turn:
            times[name].append(timed(commands[name], cwd)[cpu])
    return {name: statistics.median(found) for name, found in times.items()}


def nova_view(corpus: str, config: str | None) -> tuple[str, list[str]]:
    """A directory with nova's specs (linked) and, if named, a config file
    for them; the spec files, without templates and git symlinks stored as
    text."""
    view = tempfile.mkdtemp(prefix='spec-hooks-bench-')
    os.mkdir(os.path.join(view, '.git'))  # where config lookup stops
    os.symlink(os.path.join(os.path.abspath(corpus), 'nova-specs', 'specs'),
               os.path.join(view, 'specs'))
    if config is not None:
        with open(os.path.join(view, config), 'w') as f:
            f.write(CONFIGS[config])
    files = []
    for root, _, names in os.walk(os.path.join(view, 'specs'),
                                  followlinks=True):
        for name in names:
            path = os.path.relpath(os.path.join(root, name), view)
            if name.endswith('.rst') and 'template' not in name and \
                    os.path.getsize(os.path.join(view, path)) > 300:
                files.append(path)
    files.sort()
    # Only what a per-release template exists for, as nova's own test.
    files = [
        path for path in files if path.count('/') == 3 and os.path.exists(
            os.path.join(view, 'specs', path.split('/')[1] +
                         '-template.rst'))
    ]
    return view, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=CORPUS)
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--start-rounds', type=int, default=40)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.corpus, 'nova-specs')):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    view, files = nova_view(args.corpus, 'pyproject.toml')
    print(f'{len(files)} nova-specs files, {os.cpu_count()} cores, '
          f'{args.rounds} rounds')
    whole = alternate({
        'check-spec': [os.path.join(BIN, 'check-spec'), *files],
        'rst-lint': [os.path.join(BIN, 'rst-lint'), *files],
        'doc8': [os.path.join(BIN, 'doc8'), *files],
    }, view, args.rounds)
    for name, seconds in whole.items():
        print(f'  {name:12} {seconds:7.2f} s')
    ours = whole['check-spec']
    print(f'  check-spec / rst-lint = {ours / whole["rst-lint"]:.2f}'
          f'   (target <= 0.50)')
    print(f'  check-spec / doc8     = {ours / whole["doc8"]:.2f}'
          f'   (target <= 0.25)')
    per_core = alternate({
        'check-spec -j 1': [os.path.join(BIN, 'check-spec'), '-j', '1',
                            *files],
        'rst-lint': [os.path.join(BIN, 'rst-lint'), *files],
    }, view, args.rounds, cpu=True)
    for name, seconds in per_core.items():
        print(f'  {name:16} {seconds:7.2f} s CPU')
    print(f'  check-spec -j 1 / rst-lint CPU = '
          f'{per_core["check-spec -j 1"] / per_core["rst-lint"]:.2f}'
          f'   (target <= 0.80)')

    print(f'one spec ({ONE_SPEC}), template cache warm, '
          f'{args.start_rounds} rounds:')
    os.environ['SPEC_HOOKS_CACHE_DIR'] = tempfile.mkdtemp()
    check_one = [os.path.join(BIN, 'check-spec'), ONE_SPEC]
    timed(check_one, view)  # fills the cache
    one = alternate({
        'check-spec': check_one,
        'rst-lint': [os.path.join(BIN, 'rst-lint'), ONE_SPEC],
    }, view, args.start_rounds)
    for name, seconds in one.items():
        print(f'  {name:12} {seconds * 1000:7.1f} ms')
    ratio = one['check-spec'] / one['rst-lint']
    print(f'  check-spec / rst-lint = {ratio:.2f}   (target <= 0.80)')

    print(f'one spec ({ONE_SPEC}), {args.start_rounds} rounds:')
    for config in (None, 'setup.cfg', 'pyproject.toml'):
        where = nova_view(args.corpus, config)[0]
        start = alternate({
            'python -c pass': [sys.executable, '-c', 'pass'],
            'check-spec-license': [os.path.join(BIN, 'check-spec-license'),
                                   ONE_SPEC],
            'check-spec-leftovers': [
                os.path.join(BIN, 'check-spec-leftovers'), ONE_SPEC],
        }, where, args.start_rounds)
        bare = start.pop('python -c pass')
        template = f"nova's template from {config}" if config else \
            'built-in template, no config'
        print(f'  {template}: python -c pass {bare * 1000:.1f} ms')
        for name, seconds in start.items():
            print(f'    {name:20} {seconds * 1000:6.1f} ms = '
                  f'{seconds / bare:.2f}x   (target <= 2.50x)')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
