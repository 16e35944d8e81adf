"""How many of check-spec's findings a maintainer would agree with, per
repository of the shared corpus, each checked with its ready config
``examples/<repo>.toml``.

    python benchmarks/precision.py run [REPO...]     # findings per code
    python benchmarks/precision.py sample [REPO...] [--seed 2026]
    python benchmarks/precision.py score [REPO...] [--estimate]
    python benchmarks/precision.py show REPO [--unjudged] [--code S103]

``sample`` writes ``benchmarks/precision/<repo>.csv``: every finding of a
code with at most 12 findings, at least 4 of every other code, and more of
those at random: 40 rows or more, at least 20 of them of the frequent
codes.  Verdicts already in the file are kept for findings still found
(matched by path, code and message; a message that only adds the template
version it was found against, ``(against T as of C)``, is the same
finding); rows whose finding is gone are dropped.  Fill in ``verdict``
(REAL: a maintainer would agree it must be changed; NOISE: not) and
``reason``; a NOISE reason starts with its class,
``c<N>: ...`` (see ``NOISE_CLASSES``).  ``score`` counts them, and with
``--estimate`` weighs each code's sample by the code's share of all
findings; ``show`` prints each sampled finding with the spec text around it
(and the file's outline for structure findings), for judging.

Each repository is checked in a temporary directory holding the config as
``pyproject.toml`` and links to the repository's ``specs`` (and root-level
``template.rst``), so nothing is written into the corpus.  The files
checked are every ``.rst`` under ``specs`` but ``index.rst`` and git
symlinks (pre-commit never hands a symlink to a hook).

The corpus has no git history, so template history cannot act there.
With ``--clones DIR`` each repository is checked instead in ``DIR/<repo>``,
a clone with its history, checked out at the commit the corpus README
lists (so the files, and the verdicts, are the corpus's); the config is
written into the clone for the run and removed after it.
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, '..', 'shared', 'corpus')
EXAMPLES = os.path.join(ROOT, 'examples')
VERDICTS = os.path.join(HERE, 'precision')
COLUMNS = ('path', 'line', 'code', 'verdict', 'reason', 'message')
SMALL_CODE = 12  # a code with this many findings or fewer: all sampled
SAMPLE_SIZE = 40
MIN_REST = 20  # of the frequent codes, at least this many are drawn
MIN_PER_CODE = 4  # and of each frequent code at least this many
NOISE_CLASSES = {
    'c1': 'template changed after the spec was written (or the spec is '
          'older than the template)',
    'c2': 'one mistake, several findings',
    'c3': "the template's placeholder blueprint URL left in, reported as "
          'S112',
    'c4': 'license block: other accepted wording or place, or template '
          'text another check rejects',
    'c5': 'not a spec: template, index, README, placeholder or test page',
    'c6': 'another kind of spec in the same place (spec lite, collection, '
          'graduation or new-library spec, part of a blueprint, roadmap)',
    'c7': 'wrong diagnosis: the message names the wrong section or cause',
    'c9': 'optional content the repository allows but the config cannot '
          'express',
    'c10': 'style or naming rule the repository does not have or enforce',
    'c11': "template guidance kept as the lead-in of the author's answer",
    'c12': "the template's placeholder section title required literally",
    'c13': 'no template applies to the directory (the repository does not '
           'check it); the built-in template is used',
    'c14': "a file-name form the repository uses (library prefix + "
           "blueprint)",
}


class RunError(Exception):
    """check-spec stopped with a usage or configuration error."""


class Finding:
    """One diagnostic of check-spec, as read from its JSON output."""

    def __init__(self, path: str, line: int, code: str, message: str):
        self.path = path
        self.line = line
        self.code = code
        self.message = message

    def key(self) -> tuple[str, str, str]:
        return verdict_key(self.path, self.code, self.message)


# What a finding against an older version of its template (template
# history) adds to the message: the same finding of the same text, so it
# keeps its verdict.
AS_OF = re.compile(r' \(against [^()]* as of [0-9a-f]{12}\)$')


def verdict_key(path: str, code: str, message: str) -> tuple[str, str, str]:
    """What a verdict is matched by: path, code and message, the message
    without the template version it was found against."""
    return path, code, AS_OF.sub('', message)


def row_key(row: dict[str, str]) -> tuple[str, str, str]:
    return verdict_key(row['path'], row['code'], row['message'])


def is_stored_symlink(path: str) -> bool:
    """A git symlink checked out as a file holding its target's path."""
    if os.path.getsize(path) > 300:
        return False
    with open(path, 'rb') as f:
        text = f.read().strip()
    return b'\n' not in text and text.endswith(b'.rst')


def make_view(repo: str, corpus: str) -> tuple[str, list[str]]:
    """A temporary directory with the repository's config as
    ``pyproject.toml``, its ``specs`` tree and root template as links into
    the corpus, and a ``.git`` directory where config lookup stops; and the
    spec files in it.  A git symlink stored as a text file becomes a real
    symlink, as in a clone (nova's backlog template is one); like index
    files, symlinks are not spec files."""
    source = os.path.join(os.path.abspath(corpus), repo)
    view = tempfile.mkdtemp(prefix=f'spec-hooks-precision-{repo}-')
    os.mkdir(os.path.join(view, '.git'))
    shutil.copyfile(os.path.join(EXAMPLES, f'{repo}.toml'),
                    os.path.join(view, 'pyproject.toml'))
    if os.path.isfile(os.path.join(source, 'template.rst')):
        os.symlink(os.path.join(source, 'template.rst'),
                   os.path.join(view, 'template.rst'))
    files = []
    for directory, _, names in os.walk(os.path.join(source, 'specs')):
        relative = os.path.relpath(directory, source)
        os.makedirs(os.path.join(view, relative), exist_ok=True)
        for name in names:
            path = os.path.join(directory, name)
            link = os.path.join(view, relative, name)
            if is_stored_symlink(path):
                with open(path, encoding='utf-8') as f:
                    os.symlink(f.read().strip(), link)
                continue
            os.symlink(path, link)
            if name.endswith('.rst') and name != 'index.rst':
                files.append(os.path.join(relative, name))
    return view, sorted(files)


CLONE_CONFIG = '.spec-hooks-precision.toml'
UPSTREAM = re.compile(r'^\| ([\w.-]+) \| [\w./-]+(?: \([^)]*\))? \| '
                      r'([0-9a-f]{40}) ', re.MULTILINE)


def corpus_commits(corpus: str) -> dict[str, str]:
    """The commit each corpus repository was copied from, as its README
    lists them."""
    try:
        with open(os.path.join(corpus, 'README.md'), encoding='utf-8') as f:
            return dict(UPSTREAM.findall(f.read()))
    except OSError:
        return {}


def clone_files(clone: str) -> list[str]:
    """The spec files of a clone: every ``.rst`` under ``specs`` but
    ``index.rst`` and symlinks, as in the corpus view (some snapshots
    store a symlink as a file holding its target's path)."""
    files = []
    for directory, _, names in os.walk(os.path.join(clone, 'specs')):
        for name in names:
            path = os.path.join(directory, name)
            if name.endswith('.rst') and name != 'index.rst' and \
                    not os.path.islink(path) and \
                    not is_stored_symlink(path):
                files.append(os.path.relpath(path, clone))
    return sorted(files)


def check_clone(repo: str, clone: str, corpus: str) -> tuple[str, list[str]]:
    """The clone of ``repo`` as a place to run in, with the repository's
    config written into it, and its spec files; the run goes on with a
    warning where the clone is not at the corpus's commit."""
    if not os.path.isdir(os.path.join(clone, '.git')):
        raise RunError(f'{repo}: {clone} is no git clone')
    head = subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=clone,
                          capture_output=True, text=True, check=False)
    wanted = corpus_commits(corpus).get(repo)
    if wanted and head.stdout.strip() != wanted:
        print(f'warning: {clone} is at {head.stdout.strip()[:12]}, the '
              f'corpus at {wanted[:12]}: verdicts may not apply',
              file=sys.stderr)
    shutil.copyfile(os.path.join(EXAMPLES, f'{repo}.toml'),
                    os.path.join(clone, CLONE_CONFIG))
    return clone, clone_files(clone)


def findings(repo: str, corpus: str, clones: str | None = None,
             ) -> tuple[int, list[Finding]]:
    """The number of files checked and check-spec's findings over them:
    in a view of the corpus, or with ``clones`` in the repository's clone
    there, with its history."""
    if clones:
        where, files = check_clone(repo, os.path.join(clones, repo), corpus)
        options = ['--config', CLONE_CONFIG]
    else:
        (where, files), options = make_view(repo, corpus), []
    try:
        env = dict(os.environ, PYTHONPATH=ROOT)
        done = subprocess.run(
            ['nice', sys.executable, '-m', 'spec_hooks.check_spec',
             '--format', 'json', *options, *files],
            cwd=where, env=env, capture_output=True, text=True, check=False,
        )
    finally:
        if clones:
            os.unlink(os.path.join(where, CLONE_CONFIG))
        else:
            shutil.rmtree(where)
    if done.returncode not in (0, 1):
        raise RunError(f'{repo}: check-spec failed: {done.stderr.strip()}')
    found = [
        Finding(d['path'], d['line'], d['code'], d['message'])
        for d in json.loads(done.stdout or '[]')
    ]
    return len(files), found


def read_rows(repo: str) -> list[dict[str, str]]:
    path = os.path.join(VERDICTS, f'{repo}.csv')
    if not os.path.isfile(path):
        return []
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def write_rows(repo: str, rows: list[dict[str, str]]) -> None:
    os.makedirs(VERDICTS, exist_ok=True)
    rows.sort(key=lambda r: (r['path'], int(r['line']), r['code']))
    with open(os.path.join(VERDICTS, f'{repo}.csv'), 'w', newline='',
              encoding='utf-8') as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator='\n')
        writer.writeheader()
        writer.writerows(rows)


def row_of(finding: Finding, verdict: str = '', reason: str = '',
           ) -> dict[str, str]:
    return {'path': finding.path, 'line': str(finding.line),
            'code': finding.code, 'verdict': verdict, 'reason': reason,
            'message': finding.message}


def draw(found: list[Finding], kept: list[Finding], seed: int,
         repo: str) -> list[Finding]:
    """The findings to add to ``kept``: every finding of a small code; of
    every other code at least ``MIN_PER_CODE``, so that each code's
    precision can be estimated; and more at random from those codes:
    enough for ``SAMPLE_SIZE`` in all, and never fewer than ``MIN_REST``."""
    per_code = collections.Counter(f.code for f in found)
    chosen = {id(f) for f in kept}
    rng = random.Random(f'{seed}:{repo}')
    added = [f for f in found
             if per_code[f.code] <= SMALL_CODE and id(f) not in chosen]
    for code in sorted(c for c, n in per_code.items() if n > SMALL_CODE):
        mine = [f for f in found if f.code == code]
        have = sum(1 for f in mine if id(f) in chosen)
        pool = [f for f in mine if id(f) not in chosen]
        added += rng.sample(pool, max(0, MIN_PER_CODE - have))
    chosen.update(id(f) for f in added)
    rest = [f for f in found if per_code[f.code] > SMALL_CODE]
    small = sum(1 for f in found if per_code[f.code] <= SMALL_CODE)
    target = min(len(rest), max(SAMPLE_SIZE - small, MIN_REST))
    wanted = target - sum(1 for f in rest if id(f) in chosen)
    pool = [f for f in rest if id(f) not in chosen]
    return added + rng.sample(pool, max(0, min(wanted, len(pool))))


def sample(repo: str, corpus: str, seed: int, clones: str | None) -> None:
    _, found = findings(repo, corpus, clones)
    # Old verdicts, by finding; a finding found twice (same message on
    # two lines) keeps the verdict given for the nearer line.
    old: dict[tuple[str, str, str], list[dict[str, str]]] = \
        collections.defaultdict(list)
    for row in read_rows(repo):
        old[row_key(row)].append(row)
    kept_rows, kept = [], []
    # Findings still on their line first, so that a row is never taken by
    # another finding of the same message; then the nearest line.
    on_line = {id(f) for f in found if any(
        int(r['line']) == f.line for r in old.get(f.key(), []))}
    for finding in sorted(found, key=lambda f: id(f) not in on_line):
        rows = old.get(finding.key())
        if not rows:
            continue
        rows.sort(key=lambda r: abs(int(r['line']) - finding.line))
        row = rows.pop(0)
        kept.append(finding)
        kept_rows.append(row_of(finding, row['verdict'], row['reason']))
    added = draw(found, kept, seed, repo)
    dropped = sum(len(rows) for rows in old.values())
    write_rows(repo, kept_rows + [row_of(f) for f in added])
    print(f'{repo}: {len(found)} findings; sample {len(kept) + len(added)}'
          f' ({len(kept)} kept, {len(added)} new, {dropped} dropped)')


def run(repo: str, corpus: str, clones: str | None,
        ) -> collections.Counter[str]:
    files, found = findings(repo, corpus, clones)
    counts = collections.Counter(f.code for f in found)
    codes = ' '.join(f'{c}={n}' for c, n in sorted(counts.items()))
    print(f'{repo}: {files} files, {len(found)} findings: '
          f'{codes or "clean"}')
    return counts


NOISE_CLASS = re.compile(r'(c\d+):')


def percent(real: float, noise: float) -> str:
    return f'{100 * real / (real + noise):.1f}%' if real + noise else '-'


def still_found(rows: list[dict[str, str]], found: list[Finding],
                ) -> list[dict[str, str]]:
    """The rows whose finding is among ``found`` (by path, code and
    message): a sample drawn before the findings changed (template history,
    say) speaks only for the findings that stayed."""
    left = collections.Counter(f.key() for f in found)
    kept = []
    for row in rows:
        key = row_key(row)
        if left[key]:
            left[key] -= 1
            kept.append(row)
    return kept


def score(repo: str, findings: list[Finding] | None = None,
          ) -> tuple[float, float]:
    """Print the verdicts of ``repo``; with ``findings`` (over the whole
    repository) also the estimate for all of them, each code's sample
    standing for all of that code; rows whose finding is no longer found
    are left out.  Returns the REAL and NOISE counts: of the sample, or
    estimated over all findings."""
    rows = read_rows(repo)
    found = None
    if findings is not None:
        found = collections.Counter(f.code for f in findings)
        everything = len(rows)
        rows = still_found(rows, findings)
        if len(rows) < everything:
            print(f'{repo}: {everything - len(rows)} sampled findings are '
                  'no longer found: left out')
    by_code: dict[str, collections.Counter[str]] = \
        collections.defaultdict(collections.Counter)
    classes: dict[str, collections.Counter[str]] = \
        collections.defaultdict(collections.Counter)
    for row in rows:
        verdict = row['verdict'].strip().upper() or 'UNJUDGED'
        by_code[row['code']][verdict] += 1
        if verdict == 'NOISE':
            match = NOISE_CLASS.match(row['reason'].strip())
            classes[row['code']][match.group(1) if match else '?'] += 1
    total = sum(by_code.values(), collections.Counter())
    real, noise = total['REAL'], total['NOISE']
    unjudged = f', {total["UNJUDGED"]} unjudged' if total['UNJUDGED'] else ''
    print(f'{repo}: sampled {len(rows)}, REAL {real}, NOISE {noise}'
          f'{unjudged}: precision {percent(real, noise)}')
    for code, counts in sorted(by_code.items()):
        of = f' of {found[code]}' if found is not None else ''
        print(f'    {code}: {counts["REAL"]} REAL, {counts["NOISE"]} NOISE'
              f'{of} ({percent(counts["REAL"], counts["NOISE"])})')
    sampled = sum(classes.values(), collections.Counter())
    if sampled:
        print('    noise classes in the sample: ' + _classes(sampled))
    if found is None:
        return real, noise
    weights = {
        code: found[code] / (c['REAL'] + c['NOISE'])
        for code, c in by_code.items() if c['REAL'] + c['NOISE']
    }
    est_real = sum(by_code[c]['REAL'] * w for c, w in weights.items())
    est_noise = sum(by_code[c]['NOISE'] * w for c, w in weights.items())
    judged = sum(found[c] for c in weights)
    all_found = sum(found.values())
    print(f'    estimate over all {all_found} findings: precision '
          f'{percent(est_real, est_noise)} (codes judged: '
          f'{100 * judged / all_found if all_found else 0:.0f}% of them)')
    estimated: collections.Counter[str] = collections.Counter()
    for code, counts in classes.items():
        for name, n in counts.items():
            estimated[name] += round(n * weights[code])
    if estimated:
        print('    noise classes, estimated over all findings: '
              + _classes(estimated))
    return est_real, est_noise


def _classes(counts: collections.Counter[str]) -> str:
    return ', '.join(f'{c}={n}' for c, n in sorted(
        counts.items(), key=lambda i: _class_order(i[0])))


def _class_order(name: str) -> int:
    return int(name[1:]) if name[1:].isdigit() else 99


def context(path: str, line: int, around: int) -> Iterator[str]:
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().splitlines()
    for number in range(max(1, line - around),
                        min(len(lines), line + around) + 1):
        mark = '>' if number == line else ' '
        yield f'  {mark}{number:4}| {lines[number - 1]}'


ADORNMENT = re.compile(r'([!-/:-@[-`{-~])\1*\s*$')


def outline(path: str) -> Iterator[str]:
    """The section titles of a spec, one per line with their line number,
    indented by level as the adornments first appear: enough to judge a
    structure finding at a glance."""
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().splitlines()
    styles: list[str] = []
    number = 0
    while number + 1 < len(lines):
        text, under = lines[number], lines[number + 1]
        over = number > 0 and ADORNMENT.match(lines[number - 1]) and \
            lines[number - 1][0] == under[:1]
        if text.strip() and not ADORNMENT.match(text) and \
                not text.startswith(' ') and ADORNMENT.match(under) and \
                len(under.rstrip()) >= len(text.rstrip()) - 1:
            style = under[0] + ('^' if over else '')
            if style not in styles:
                styles.append(style)
            yield (f'  o {"  " * styles.index(style)}{text.strip()} '
                   f'[{under[0]}{" over" if over else ""}] L{number + 1}')
            number += 2
            continue
        number += 1


def show(repo: str, corpus: str, around: int, only: Iterable[str],
         unjudged: bool = False) -> None:
    wanted = set(only)
    outlined = set()
    for number, row in enumerate(read_rows(repo), 2):  # 1 is the header
        if (wanted and row['code'] not in wanted) or \
                (unjudged and row['verdict']):
            continue
        source = os.path.join(corpus, repo, row['path'])
        if row['code'].startswith('S') and row['path'] not in outlined:
            outlined.add(row['path'])
            print(f'== outline of {row["path"]}')
            print('\n'.join(outline(source)))
        print(f'#{number} {row["path"]}:{row["line"]}: {row["code"]} '
              f'{row["message"]}  [{row["verdict"]}] {row["reason"]}')
        print('\n'.join(context(source, int(row['line']), around)))


def repositories(names: list[str]) -> list[str]:
    known = sorted(name[:-5] for name in os.listdir(EXAMPLES)
                   if name.endswith('.toml'))
    for name in names:
        if name not in known:
            raise SystemExit(f'no config examples/{name}.toml')
    return names or known


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=('run', 'sample', 'score',
                                            'show'))
    parser.add_argument('repos', nargs='*', help='default: every config')
    parser.add_argument('--corpus', default=CORPUS)
    parser.add_argument('--clones', metavar='DIR',
                        help='check DIR/<repo>, a clone with its history, '
                             'instead of the corpus (template history)')
    parser.add_argument('--seed', type=int, default=2026)
    parser.add_argument('--context', type=int, default=6)
    parser.add_argument('--code', action='append', default=[],
                        help='show: only findings of this code')
    parser.add_argument('--unjudged', action='store_true',
                        help='show: only findings without a verdict')
    parser.add_argument('--estimate', action='store_true',
                        help='score: also estimate the precision over all '
                             'findings (runs check-spec for the counts)')
    args = parser.parse_args()
    repos = repositories(args.repos)
    needs_corpus = args.command != 'score' or args.estimate
    if needs_corpus and not os.path.isdir(args.corpus):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    failed = 0
    if args.command == 'run':
        totals: collections.Counter[str] = collections.Counter()
        for repo in repos:
            try:
                totals.update(run(repo, args.corpus, args.clones))
            except RunError as e:
                print(e, file=sys.stderr)
                failed += 1
        print('total: ' + ' '.join(
            f'{c}={n}' for c, n in sorted(totals.items())))
    elif args.command == 'sample':
        for repo in repos:
            try:
                sample(repo, args.corpus, args.seed, args.clones)
            except RunError as e:
                print(e, file=sys.stderr)
                failed += 1
    elif args.command == 'score':
        real = noise = 0.0
        for repo in repos:
            found = findings(repo, args.corpus, args.clones)[1] \
                if args.estimate else None
            r, n = score(repo, found)
            real, noise = real + r, noise + n
        what = 'estimated over all findings' if args.estimate \
            else 'in the samples'
        print(f'all, {what}: REAL {real:.0f}, NOISE {noise:.0f}: '
              f'precision {percent(real, noise)}')
    else:
        for repo in repos:
            show(repo, args.corpus, args.context, args.code,
                 args.unjudged)
    return 1 if failed else 0


if __name__ == '__main__':
    raise SystemExit(main())
