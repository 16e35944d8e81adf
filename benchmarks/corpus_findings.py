"""Findings of the spec-hooks checks over the shared corpus of real specs.

Each repository is checked against its own template(s), the way its
maintainers would configure the hooks.  Prints the files checked and the
findings per repository and code; ``--sample CODE`` prints a seeded random
sample of findings to verify by hand.

    python benchmarks/corpus_findings.py [--corpus DIR] [--checks ...]
"""
from __future__ import annotations

import argparse
import collections
import glob
import os
import random
import sys

from spec_hooks import checks
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from spec_hooks.context import build
from spec_hooks.template import TemplateError

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', 'shared', 'corpus')
CHECKS = {
    'structure': 'S', 'license': 'L', 'leftovers': 'T', 'rst': 'R',
    'style': 'W',
}

# repository: (spec glob, template, per-path templates)
REPOSITORIES = {
    'barbican-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'designate-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'glance-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'heat-specs': ('specs/*/*.rst', None, {
        'specs/{release}/*.rst': 'specs/templates/{release}-template.rst',
    }),
    'ironic-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'keystone-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'magnum-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'neutron-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'nova-specs': ('specs/*/*/*.rst', None, {
        'specs/{release}/*/*.rst': 'specs/{release}-template.rst',
    }),
    'octavia': ('specs/**/*.rst', 'specs/template.rst', {}),
    'openstack-specs': ('specs/**/*.rst', 'template.rst', {}),
    'oslo-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'sahara-specs': ('specs/**/*.rst', 'specs/template.rst', {}),
    'swift-specs': ('specs/**/*.rst', 'template.rst', {}),
}


def is_stored_symlink(path: str) -> bool:
    """A git symlink checked out as a file holding its target's path: in a
    real clone it is a symlink, which pre-commit never hands to a hook."""
    if os.path.getsize(path) > 300:
        return False
    with open(path, 'rb') as f:
        text = f.read().strip()
    return b'\n' not in text and text.endswith(b'.rst')


def spec_files(root: str, pattern: str) -> tuple[list[str], int]:
    found, links = [], 0
    for path in sorted(glob.glob(pattern, root_dir=root, recursive=True)):
        if os.path.basename(path) in ('index.rst', 'skeleton.rst') or \
                'template' in os.path.basename(path):
            continue
        if is_stored_symlink(os.path.join(root, path)):
            links += 1
            continue
        found.append(path)
    return found, links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=CORPUS)
    parser.add_argument('--checks', nargs='+', choices=sorted(CHECKS),
                        default=['leftovers', 'license', 'structure'])
    parser.add_argument('--repos', nargs='+', choices=sorted(REPOSITORIES),
                        default=sorted(REPOSITORIES))
    parser.add_argument('--sample', metavar='CODE', action='append',
                        default=[], help='print findings of this code')
    parser.add_argument('--size', type=int, default=10)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    chosen = [checks.check(CHECKS[name]) for name in args.checks]
    totals: collections.Counter[str] = collections.Counter()
    samples: dict[str, list[str]] = collections.defaultdict(list)
    for repo in args.repos:
        pattern, template, rules = REPOSITORIES[repo]
        root = os.path.join(args.corpus, repo)
        os.chdir(root)
        settings = load_settings(None, {
            'template': template,
            'templates': tuple((glob, (target,))
                               for glob, target in rules.items()),
        })
        files, links = spec_files(root, pattern)
        counts: collections.Counter[str] = collections.Counter()
        for path in files:
            try:
                context = build(settings, [path], outline=True)
                found = check_file(path, context, chosen)[0]
            except TemplateError as e:  # the hook would exit 2
                counts['unusable template'] += 1
                samples['unusable template'].append(f'{repo}/{path}: {e}')
                continue
            for d in found:
                counts[d.code] += 1
                samples[d.code].append(f'{repo}/{d.as_text()}')
        totals.update(counts)
        codes = ' '.join(f'{c}={n}' for c, n in sorted(counts.items()))
        print(f'{repo}: {len(files)} files ({links} stored symlinks '
              f'skipped): {codes or "clean"}')
    print('total:', ' '.join(f'{c}={n}' for c, n in sorted(totals.items())))
    rng = random.Random(2026)
    for code in args.sample:
        found = samples.get(code, [])
        print(f'\n{code}: {args.size} of {len(found)}')
        for line in rng.sample(found, min(args.size, len(found))):
            print(line)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
