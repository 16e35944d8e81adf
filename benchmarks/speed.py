"""How fast check-spec is beside rst-lint, and how fast the text-level
hooks start, in CPU seconds (user and system of the child and whatever it
waited for, git included): on a shared machine wall time measures the
neighbours.

    pip install .              # rst-lint comes with spec-hooks
    python benchmarks/speed.py [--corpus DIR] [--rounds N]

Run with the interpreter spec-hooks is installed for (or with the
repository on PYTHONPATH); its hooks run as ``python -m``.  The package is
byte-compiled first, as an install does: with PYTHONDONTWRITEBYTECODE a
source checkout compiles every module at every start.

1. All of nova-specs (every check on, nova's per-release templates):
   ``check-spec --jobs 1`` beside rst-lint and the docutils floor (below),
   CPU.  Target: <= 0.8 of rst-lint (per core).
2. One spec, as at a commit, with the template cache warm: check-spec
   beside rst-lint on the same file, and beside the floor of any checker
   built on docutils: importing docutils' parser and parsing the file(s),
   no transform, nothing else.  Target: <= 0.8 of rst-lint.
3. The text-level hooks (check-spec-license, -leftovers, -style) on one
   spec beside a bare ``python -c pass`` of the same interpreter, the
   cache warm (it keeps a parsed pyproject.toml), outside a git work tree
   (the view's ``.git`` is empty: git is not started).  Target: within
   2.5x of ``python -c pass``.
"""
from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CORPUS = os.path.join(REPO, '..', 'shared', 'corpus')
BIN = os.path.dirname(sys.executable)
CONFIGS = {
    'pyproject.toml': '[tool.spec-hooks.templates]\n'
                      '"specs/{release}/*/*.rst" = '
                      '"specs/{release}-template.rst"\n',
    'setup.cfg': '[spec-hooks]\ntemplates =\n    specs/{release}/*/*.rst'
                 ' = specs/{release}-template.rst\n',
}
ONE_SPEC = 'specs/2026.1/implemented/vtpm-live-migration.rst'
TEXT_HOOKS = ('check_spec_license', 'check_spec_leftovers',
              'check_spec_style')
# Importing docutils' parser and parsing the file: what any checker built
# on docutils pays at least.
FLOOR = '''
import sys
from docutils import frontend, utils
from docutils.parsers.rst import Parser
settings = frontend.get_default_settings(Parser)
settings.report_level = settings.halt_level = 5
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        text = f.read()
    Parser().parse(text, utils.new_document(path, settings))
'''


def hook(name: str) -> list[str]:
    return [sys.executable, '-m', f'spec_hooks.{name}']


def cpu(command: list[str], cwd: str) -> float:
    """CPU seconds (user and system) of the command and its children."""
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime


def alternate(
        commands: dict[str, list[str]], cwd: str, rounds: int,
) -> dict[str, float]:
    """The median CPU time of each command, run in turn each round with
    the order rotated, so drift in the machine's load spreads over all."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for number in range(rounds):
        turn = names[number % len(names):] + names[:number % len(names)]
        for name in turn:
            times[name].append(cpu(commands[name], cwd))
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
    # Only what a per-release template exists for, as nova's own test; a
    # template that is a git symlink stored as text (backlog's) is none.
    def template(path: str) -> str:
        return os.path.join(view, 'specs', path.split('/')[1] +
                            '-template.rst')

    files = [path for path in files if path.count('/') == 3 and
             os.path.exists(template(path)) and
             os.path.getsize(template(path)) > 300]
    return view, files


def byte_compile() -> None:
    """Compile the package as an install does (quietly; an installed one
    is compiled already, or cannot be written and is left alone)."""
    import spec_hooks

    compileall.compile_dir(os.path.dirname(spec_hooks.__file__), quiet=2)


def whole(view: str, files: list[str], rounds: int) -> None:
    per_core = alternate({
        'check-spec -j 1': [*hook('check_spec'), '-j', '1', *files],
        'rst-lint': [os.path.join(BIN, 'rst-lint'), *files],
        'docutils floor': [sys.executable, '-c', FLOOR, *files],
    }, view, rounds)
    print(f'all files, {rounds} rounds:')
    for name, seconds in per_core.items():
        print(f'  {name:16} {seconds:7.2f} s = '
              f'{seconds / per_core["rst-lint"]:.2f} of rst-lint')
    print(f'  check-spec -j 1 / rst-lint = '
          f'{per_core["check-spec -j 1"] / per_core["rst-lint"]:.2f}'
          f'   (target <= 0.80)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=CORPUS)
    parser.add_argument('--rounds', type=int, default=3,
                        help='rounds over all files; 0 skips them')
    parser.add_argument('--start-rounds', type=int, default=30)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.corpus, 'nova-specs')):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    byte_compile()
    view, files = nova_view(args.corpus, 'pyproject.toml')
    rst_lint = os.path.join(BIN, 'rst-lint')
    print(f'{len(files)} nova-specs files, {os.cpu_count()} cores, '
          f'CPU seconds (medians)')
    if args.rounds:  # --rounds 0: the one-spec parts alone
        whole(view, files, args.rounds)
    print(f'one spec ({ONE_SPEC}), template cache warm, '
          f'{args.start_rounds} rounds:')
    os.environ['SPEC_HOOKS_CACHE_DIR'] = tempfile.mkdtemp()
    check_one = [*hook('check_spec'), ONE_SPEC]
    cpu(check_one, view)  # fills the cache
    one = alternate({
        'check-spec': check_one,
        'rst-lint': [rst_lint, ONE_SPEC],
        'docutils floor': [sys.executable, '-c', FLOOR, ONE_SPEC],
    }, view, args.start_rounds)
    for name, seconds in one.items():
        print(f'  {name:16} {seconds * 1000:7.1f} ms = '
              f'{seconds / one["rst-lint"]:.2f} of rst-lint')
    print('  target: check-spec <= 0.80 of rst-lint')

    print(f'one spec ({ONE_SPEC}), {args.start_rounds} rounds:')
    for config in (None, 'setup.cfg', 'pyproject.toml'):
        where = nova_view(args.corpus, config)[0]
        cpu([*hook(TEXT_HOOKS[0]), ONE_SPEC], where)  # fills the cache
        start = alternate({
            'python -c pass': [sys.executable, '-c', 'pass'],
            **{name.replace('_', '-'): [*hook(name), ONE_SPEC]
               for name in TEXT_HOOKS},
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
