"""How check-spec's time and memory grow on pathological input.

    python benchmarks/pathological.py [--scales 1,2,4,8] [--cases a,b,...]
        [--timeout 120] [--memory-mb 3072] [--base 1.0]
    python benchmarks/pathological.py --profile d --scales 2

Each case is a spec generated at 1x, 2x, 4x, 8x its base size and checked
by ``check-spec`` (every check, the built-in template) in a subprocess with
a wall-clock timeout and an address-space cap, so that the benchmark never
eats the machine.  The table gives wall seconds (less a bare check-spec run
on a small spec), peak memory (the child's maximum RSS), and the growth
from the previous scale as an exponent: time ~ size ** exponent, so about 1
is linear and 2 quadratic.  "timeout" and "MemoryError" stand for runs that
did not finish.  ``--profile CASE`` runs one case under cProfile instead
(in this process, no cap) and prints the functions that take the time.
"""
from __future__ import annotations

import argparse
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CORPUS = os.path.join(REPO, '..', 'shared', 'corpus')
SPEC_NAME = 'awesome-thing.rst'


def _head(title: str = 'Pathological input') -> str:
    line = '=' * (len(title) + 2)
    return f'{line}\n {title}\n{line}\n\n'


def disable_comment(n: int) -> str:
    """(a) The one line ``.. spec-hooks: disable=a<n spaces>b``."""
    with open(os.path.join(REPO, 'examples', SPEC_NAME),
              encoding='utf-8') as f:
        example = f.read()
    return f'{example}\n.. spec-hooks: disable=a{" " * n}b\n'


def misspelled_sections(n: int) -> str:
    """(b) Sections whose titles are typos of the template's (S107)."""
    typos = ('Detailed problme description', 'Propsed change',
             'Alternativs', 'Data model impcat', 'REST API impcat',
             'Securty impact', 'Testng', 'Dependancies', 'Refrences')
    return _head() + ''.join(
        f'{typos[i % len(typos)]} {i}\n{"=" * 24}\n\nText.\n\n'
        for i in range(n))


def _template(titles: list[str]) -> str:
    """A template: license comment, title, one section per title."""
    return ('..\n This work is licensed under a Creative Commons '
            'Attribution 3.0\n Unported License.\n\n' + _head('Title') +
            ''.join(f'{t}\n{"=" * len(t)}\n\nGuidance.\n\n'
                    for t in titles))


def reversed_sections(n: int) -> tuple[str, str]:
    """(b2) A template of ``n`` sections, and a spec with them in reverse
    order (S105 for all but one)."""
    titles = [f'Section number {i}' for i in range(n)]
    spec = _head() + ''.join(f'{t}\n{"=" * len(t)}\n\nText.\n\n'
                             for t in reversed(titles))
    return spec, _template(titles)


def misspelled_against_template(n: int) -> tuple[str, str]:
    """(b3) A template of ``n`` sections, and a spec with each title
    misspelled (S107 against every one still unmatched)."""
    titles = [f'Topic {i:05d} of the plan' for i in range(n)]
    spec = _head() + ''.join(
        f'{t.replace("plan", "plna")}\n{"=" * len(t)}\n\nText.\n\n'
        for t in titles)
    return spec, _template(titles)


def _roles(role: str, n: int, per_line: int, per_paragraph: int) -> str:
    lines = []
    for i in range(0, n, per_line):
        lines.append(' '.join(
            f':{role}:`t{j}`' for j in range(i, min(i + per_line, n))))
        if (i // per_line + 1) % per_paragraph == 0:
            lines.append('')
    return _head() + '\n'.join(lines) + '\n'


def known_roles(n: int) -> str:
    """(c) Known roles, four a line, ten lines a paragraph."""
    return _roles('ref', n, 4, 10)


def known_roles_one_paragraph(n: int) -> str:
    """(c2) Known roles, four a line, all in one paragraph: docutils'
    inliner alone, no message."""
    return _roles('ref', n, 4, n + 1)


def unknown_roles_one_paragraph(n: int) -> str:
    """(d) Unknown roles, four a line, all in one paragraph (R102 each)."""
    return _roles('foo', n, 4, n + 1)


def unknown_roles_own_paragraphs(n: int) -> str:
    """(e) Unknown roles, one per paragraph."""
    return _roles('foo', n, 1, 1)


def corpus_concatenated(n: int) -> str:
    """(f) Corpus specs, one after the other, up to ``n`` bytes."""
    parts, size = [], 0
    for root, dirs, files in os.walk(CORPUS):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.endswith('.rst') or os.path.islink(path):
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            parts.append(text)
            size += len(text)
            if size >= n:
                return '\n\n'.join(parts)[:n]
    raise SystemExit(f'the corpus at {CORPUS} has less than {n} bytes')


def nesting(depth: int) -> str:
    """(g) A list in a quote in a note in a list ..., ``depth`` levels."""
    lines, column = [], 0
    for level in range(depth):
        kind = level % 3
        if kind == 0:
            lines += [' ' * column + f'- item {level}', '']
            column += 2
        elif kind == 1:
            column += 2
            lines += [' ' * column + f'quote {level}', '']
        else:
            lines += [' ' * column + f'.. note:: level {level}', '']
            column += 3
    return _head() + '\n'.join(lines) + '\n'


def repeated_nesting(n: int) -> str:
    """(g') Nesting 30 levels deep, repeated ``n`` times."""
    block = nesting(30)[len(_head()):]
    return _head() + '\n'.join([block] * n)


def substitution_chain(n: int) -> str:
    """(s) ``n`` substitutions, each the one before twice: docutils copies
    each into the next, up to its line-length limit."""
    return _head() + f'Uses |x{n}|.\n\n.. |x0| replace:: lol\n' + ''.join(
        f'.. |x{i}| replace:: |x{i - 1}| |x{i - 1}|\n'
        for i in range(1, n + 1))


def long_line(n: int) -> str:
    """A paragraph of one line of ``n`` characters."""
    words = ('word ' * (n // 5 + 1))[:n].rstrip()
    return _head() + words + '\n'


def grid_table(rows: int) -> str:
    border = '+--------+--------+--------+'
    body = ''.join(f'| r{i:<5} | a      | b      |\n{border}\n'
                   for i in range(rows))
    return _head() + f'{border}\n{body}'


def simple_table(rows: int) -> str:
    border = '======== ======== ========'
    body = ''.join(f'r{i:<7} a        b\n' for i in range(rows))
    return _head() + f'{border}\n{body}{border}\n'


def many_sections(n: int) -> str:
    return _head() + ''.join(
        f'Section {i}\n{"=" * 16}\n\nText.\n\n' for i in range(n))


# name: (what, generator, base argument at 1x); a generator gives the
# spec, or the spec and its template.
CASES: dict[str, tuple[str, Callable[[int], str | tuple[str, str]], int]] = {
    'a': ('disable comment, n spaces', disable_comment, 10_000),
    'b': ('misspelled section titles', misspelled_sections, 1_000),
    'b2': ('template sections, reversed', reversed_sections, 250),
    'b3': ('template sections, misspelled', misspelled_against_template,
           250),
    'c': ('known roles, 10 lines a paragraph', known_roles, 6_250),
    'c2': ('known roles, one paragraph', known_roles_one_paragraph, 6_250),
    'd': ('unknown roles, one paragraph', unknown_roles_one_paragraph,
          1_000),
    'e': ('unknown roles, one a paragraph', unknown_roles_own_paragraphs,
          1_000),
    'f': ('corpus concatenated, bytes', corpus_concatenated, 156_250),
    'g': ('nesting depth', nesting, 50),
    'g2': ('nesting 30 deep, repeated', repeated_nesting, 100),
    's': ('substitutions, each doubling the last', substitution_chain,
          32),
    'line': ('one long line, chars', long_line, 12_500),
    'grid': ('grid table rows', grid_table, 250),
    'simple': ('simple table rows', simple_table, 1_250),
    'sections': ('sections', many_sections, 1_250),
}


class Run:
    """One check-spec run: wall and CPU seconds, peak RSS, how it ended."""

    def __init__(self, seconds: float, cpu: float, peak_mb: float,
                 outcome: str) -> None:
        self.seconds = seconds
        self.cpu = cpu
        self.peak_mb = peak_mb
        self.outcome = outcome  # 'ok', 'timeout', 'MemoryError', 'exit N'


def check_spec(path: str, timeout: float, memory_mb: int,
               template: str | None = None, code: str = REPO) -> Run:
    """check-spec on ``path`` in a child process capped at ``memory_mb``
    of address space and killed after ``timeout`` seconds."""
    cap = memory_mb * 1024 * 1024

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        os.setsid()  # a group of its own, to kill it whole

    env = {**os.environ, 'PYTHONPATH': code}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, '-m', 'spec_hooks.check_spec', path,
         *(['--template', template] if template else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        cwd=os.path.dirname(path), preexec_fn=limit,
    )
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        os.killpg(child.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    output: list[bytes] = []
    readers = [
        threading.Thread(target=lambda f=f: output.append(f.read()),
                         daemon=True)
        for f in (child.stdout, child.stderr)
    ]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own usage
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    timer.cancel()
    for reader in readers:
        reader.join(5)
    text = b''.join(output).decode('utf-8', 'replace')
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    if timed_out.is_set():
        return Run(seconds, cpu, peak, 'timeout')
    if 'MemoryError' in text:
        return Run(seconds, cpu, peak, 'MemoryError')
    code = child.returncode
    return Run(seconds, cpu, peak,
               'ok' if code in (0, 1) else f'exit {code}')


def _write(generated: str | tuple[str, str], path: str,
           ) -> tuple[str, str | None]:
    """Write the spec (and its template, if any, beside it)."""
    text, template = generated if isinstance(generated, tuple) else \
        (generated, None)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    if template is None:
        return text, None
    template_path = os.path.join(os.path.dirname(path), 'template.rst')
    with open(template_path, 'w', encoding='utf-8') as f:
        f.write(template)
    return text, template_path


def _exponent(before: tuple[int, float], after: tuple[int, float],
              ) -> float:
    """k in time ~ size ** k, between two runs."""
    return math.log(after[1] / before[1]) / math.log(after[0] / before[0])


def measure(names: list[str], scales: list[int], base: float,
            timeout: float, memory_mb: int, code: str) -> None:
    with tempfile.TemporaryDirectory(prefix='spec-hooks-patho-') as where:
        os.mkdir(os.path.join(where, '.git'))  # config lookup stops here
        path = os.path.join(where, SPEC_NAME)
        with open(path, 'w') as f:
            f.write(_head() + 'Text.\n')
        bare = min((check_spec(path, timeout, memory_mb, code=code)
                    for _ in range(3)), key=lambda run: run.cpu)
        print(f'bare check-spec on a small spec: {bare.seconds:.2f} s, '
              f'{bare.cpu:.2f} s CPU (subtracted)')
        print(f'{"case":<36} {"scale":>5} {"n":>9} {"bytes":>10} '
              f'{"wall s":>8} {"CPU s":>8} {"peak MB":>8} {"exponent":>8}')
        for name in names:
            what, generate, first = CASES[name]
            previous: tuple[int, float] | None = None
            for scale in scales:
                n = max(1, round(first * base * scale))
                text, template = _write(generate(n), path)
                size = len(text.encode('utf-8'))
                run = check_spec(path, timeout, memory_mb, template, code)
                for _ in range(2 if run.cpu < 3 * bare.cpu + 1 else 0):
                    again = check_spec(path, timeout, memory_mb, template,
                                       code)
                    if again.outcome == run.outcome and \
                            again.cpu < run.cpu:  # less noise
                        run = again
                wall = max(run.seconds - bare.seconds, 0.001)
                net = max(run.cpu - bare.cpu, 0.001)
                growth = ''
                if run.outcome != 'ok':
                    shown = f'{run.outcome:>8} {"":>8}'
                    previous = None
                else:
                    shown = f'{wall:8.2f} {net:8.2f}'
                    if previous and previous[1] >= 0.05:
                        growth = f'{_exponent(previous, (size, net)):8.2f}'
                    previous = (size, net)
                print(f'{name + ") " + what:<36} {scale:>4}x {n:>9} '
                      f'{size:>10} {shown} {run.peak_mb:>8.0f} '
                      f'{growth:>8}', flush=True)
                if run.outcome != 'ok':
                    break  # larger scales would only fail longer


def profile(name: str, scale: int, base: float, top: int,
            sort: str = 'tottime') -> None:
    """One case under cProfile, in this process: where the time goes."""
    import cProfile
    import pstats

    sys.path.insert(0, REPO)
    from spec_hooks import check_spec as hook

    what, generate, first = CASES[name]
    with tempfile.TemporaryDirectory(prefix='spec-hooks-patho-') as where:
        os.mkdir(os.path.join(where, '.git'))
        path = os.path.join(where, SPEC_NAME)
        _, template = _write(generate(max(1, round(first * base * scale))),
                             path)
        os.chdir(where)
        profiler = cProfile.Profile()
        devnull = open(os.devnull, 'w')  # noqa: SIM115
        stdout, sys.stdout = sys.stdout, devnull
        try:
            profiler.runcall(hook.main, [
                path, *(['--template', template] if template else [])])
        finally:
            sys.stdout = stdout
            devnull.close()
    print(f'{name}) {what} at {scale}x')
    stats = pstats.Stats(profiler)
    stats.sort_stats(sort).print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--cases', default=','.join(CASES),
                        help='comma-separated case names (default: all)')
    parser.add_argument('--scales', default='1,2,4,8')
    parser.add_argument('--base', type=float, default=1.0,
                        help='multiply every base size by this')
    parser.add_argument('--timeout', type=float, default=120)
    parser.add_argument('--memory-mb', type=int, default=3072)
    parser.add_argument('--profile', metavar='CASE',
                        help='profile this case at the first scale')
    parser.add_argument('--code', default=REPO,
                        help='the directory whose spec_hooks is run '
                             '(default: this repository), to compare')
    parser.add_argument('--top', type=int, default=15)
    parser.add_argument('--sort', default='tottime',
                        help="the profile's order: tottime, cumulative")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(',')]
    if args.profile:
        profile(args.profile, scales[0], args.base, args.top, args.sort)
        return 0
    names = args.cases.split(',')
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error(f'unknown cases: {unknown}; known: {list(CASES)}')
    if 'f' in names and not os.path.isdir(CORPUS):
        print(f'no corpus at {CORPUS}: case f left out', file=sys.stderr)
        names.remove('f')
    measure(names, scales, args.base, args.timeout, args.memory_mb,
            os.path.abspath(args.code))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
