"""A long fuzzing run of every hook, outside pytest.

    python tools/fuzz.py --inputs 100000 --seed 1 --out fuzz-failures

Draws specs from the strategies in tests/fuzz_strategies.py (documents,
generated templates with specs written from them, and mutated corpus specs
when ../shared/corpus is present, in turn) and checks the properties of
tests/fuzz_properties.py on each: every hook exits 0, 1 or 2 without E999 or
a traceback; ``--fix`` is idempotent, writes nothing when the run ends with
exit code 2, and keeps the author's text.

A failure with a signature not seen before in this run is shrunk by
Hypothesis to a minimal input, written to ``--out`` (the spec, its template
if any, and a .txt that says what broke), and the run goes on looking for
other defects; inputs that show an already-seen defect are only counted.
Prints progress, then one line per defect: how often, the minimal input.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import fuzz_properties, fuzz_strategies  # noqa: E402

Input = fuzz_strategies.Input


def sources() -> dict[str, st.SearchStrategy[Input]]:
    found: dict[str, st.SearchStrategy[Input]] = {
        'documents': fuzz_strategies.documents().map(lambda d: (d, None)),
        'templates': fuzz_strategies.templates_and_specs().map(
            lambda pair: (pair[1], pair[0])),
    }
    files = fuzz_strategies.corpus_files()
    if files:
        found['corpus'] = fuzz_strategies.mutated_corpus_specs(files).map(
            fuzz_strategies.with_corpus_template)
    return found


def failures(directory: str, data: bytes, template: bytes | None) -> list[
        fuzz_properties.Failure]:
    """Every property broken on one input (not just the first).  The
    directory is the same for every input, so that a template the same as
    the last input's is not read again."""
    shutil.rmtree(os.path.join(directory, 'original'), ignore_errors=True)
    os.makedirs(directory, exist_ok=True)  # a /tmp cleaner may have struck
    path, options = fuzz_properties.write_input(directory, data, template)
    found = []
    for name in fuzz_properties.HOOKS:
        try:
            fuzz_properties.check_hook(name, path, options)
        except fuzz_properties.Failure as e:
            found.append(e)
    for name in fuzz_properties.FIXING_HOOKS:
        with open(path, 'wb') as f:
            f.write(data)
        fixed = fuzz_properties.Fixed(name, path, options)
        for check in (
                fixed.check_output, fixed.check_exit_2_writes_nothing,
                fixed.check_idempotent, fixed.check_kept_lines,
                fixed.check_kept_blocks):
            try:
                check()
            except fuzz_properties.Failure as e:
                found.append(e)
    return found


class OutOfTime(Exception):
    """The time given to a source is up."""


class Campaign:
    """Counts inputs and defects; the defect being shrunk, if any."""

    def __init__(self, out: str, directory: str) -> None:
        self.out = out
        self.directory = directory
        self.tried = 0
        self.shrink_runs = 0
        self.seen: Counter[str] = Counter()
        self.minimal: dict[str, tuple[Input, fuzz_properties.Failure]] = {}
        self.target: str | None = None
        self.started = time.monotonic()
        self.deadline = float('inf')

    def property(self, drawn: Input) -> None:
        """Raise only for the defect being shrunk, or for a new one."""
        if time.monotonic() > self.deadline:
            raise OutOfTime
        if self.target is None:
            self.tried += 1
            if self.tried % 500 == 0:
                self.progress()
        else:
            self.shrink_runs += 1
        found = failures(self.directory, *drawn)
        if self.target is None:
            self.seen.update({f.signature for f in found})
        for failure in found:
            new = failure.signature not in self.minimal
            if (self.target is None and new) or \
                    failure.signature == self.target:
                self.target = failure.signature
                self.minimal[failure.signature] = (drawn, failure)
                raise failure

    def progress(self) -> None:
        elapsed = time.monotonic() - self.started
        print(f'{self.tried} inputs, {elapsed:.0f} s, '
              f'{self.tried / elapsed:.1f}/s, {len(self.minimal)} defects',
              flush=True)

    def record(self) -> None:
        """Write the minimal input of the defect just shrunk."""
        assert self.target is not None
        (data, template), failure = self.minimal[self.target]
        number = len(self.minimal)
        stem = os.path.join(self.out, f'{number:02d}')
        with open(f'{stem}-spec.rst', 'wb') as f:
            f.write(data)
        if template is not None:
            with open(f'{stem}-template.rst', 'wb') as f:
                f.write(template)
        with open(f'{stem}.txt', 'w', encoding='utf-8') as f:
            f.write(f'{failure.signature}\n\n{failure.detail}\n\n'
                    f'spec: {data!r}\ntemplate: {template!r}\n')
        print(f'NEW {number:02d}: {failure.signature}\n'
              f'    spec {_short(data)}\n    template {_short(template)}',
              flush=True)
        self.target = None


def _short(data: bytes | None, most: int = 300) -> str:
    if data is None:
        return 'the built-in one'
    shown = repr(data[:most])
    return shown + (f' ... ({len(data)} bytes)' if len(data) > most else '')


MAX_STOPS = 10  # rounds Hypothesis itself may stop before the run gives up


def run(strategy: st.SearchStrategy[Input], campaign: Campaign,
        inputs: int, start_seed: int) -> None:
    """``inputs`` inputs, restarting Hypothesis after each new defect
    (it stops at the first failure) with the next seed."""
    round_number = stops = 0
    while campaign.tried < inputs:
        left = inputs - campaign.tried
        test = _hypothesis_test(strategy, campaign, left,
                                start_seed + round_number)
        round_number += 1
        try:
            test()
        except fuzz_properties.Failure:
            campaign.record()
        except OutOfTime:
            if campaign.target is not None:  # shrunk as far as time let it
                campaign.record()
            return
        except Exception as e:  # Hypothesis' own: flaky, unsatisfiable
            print(f'round {round_number} stopped: {type(e).__name__}: {e}',
                  flush=True)
            if campaign.target is not None:
                campaign.record()
            stops += 1
            if stops == MAX_STOPS:  # the same error each round: not a spec's
                raise
        else:
            return


def _hypothesis_test(strategy: st.SearchStrategy[Input], campaign: Campaign,
                     examples: int, number: int) -> Callable[[], None]:
    @seed(number)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck),
              phases=[Phase.generate, Phase.shrink],
              report_multiple_bugs=False, print_blob=False)
    @given(strategy)
    def test(drawn: Input) -> None:
        campaign.property(drawn)

    return test


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--inputs', type=int, default=1000,
                        help='inputs to try, shared by the sources')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='fuzz-failures',
                        help='directory for the minimal inputs')
    parser.add_argument('--source', action='append',
                        help='only these sources (default: all)')
    parser.add_argument('--minutes', type=float, default=0,
                        help='stop after this long (0: no limit), shared '
                             'by the sources like the inputs')
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    directory = tempfile.mkdtemp(prefix='spec-hooks-fuzz-')
    campaign = Campaign(args.out, directory)
    chosen = {name: strategy for name, strategy in sources().items()
              if not args.source or name in args.source}
    for number, (name, strategy) in enumerate(chosen.items()):
        share = args.inputs * (number + 1) // len(chosen)
        print(f'--- {name}: up to input {share}', flush=True)
        if args.minutes:
            campaign.deadline = campaign.started + \
                60 * args.minutes * (number + 1) / len(chosen)
        run(strategy, campaign, share, args.seed * 1000 + number * 100)
    shutil.rmtree(directory)
    campaign.progress()
    print(f'{campaign.shrink_runs} runs while shrinking')
    for signature, count in campaign.seen.most_common():
        print(f'{count:6d} inputs: {signature}')
        if signature in campaign.minimal:
            (data, template), _ = campaign.minimal[signature]
            print(f'        minimal: {_short(data)}\n'
                  f'        template: {_short(template)}')
    return 1 if campaign.seen else 0


if __name__ == '__main__':
    raise SystemExit(main())
