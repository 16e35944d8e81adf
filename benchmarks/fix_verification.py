"""How often the verification of fixes lets a fix through, on real specs.

Real specs rarely need a fix, so each spec of the shared corpus is broken
the two ways the fixers mend, one at a time, in a copy in a temporary
directory (the corpus is never written):

* header: its license header, where it is the template's and in place, is
  removed; ``--fix`` with a copyright holder must insert it again;
* delete-me: the built-in template's "Delete this paragraph" paragraph is
  put before the title; ``--fix`` against the built-in template must take
  it out again.

Each fix is written, refused (with the reason, counted), or not tried (the
fixer leaves it to a person).  With ``--checks`` the fixed text must also
pass those checks with no new finding.

    python benchmarks/fix_verification.py [--corpus DIR] [--checks LTW]
        [--repos designate-specs ...]
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import tempfile
import time

from corpus_findings import CORPUS, REPOSITORIES, spec_files

from spec_hooks import checks
from spec_hooks.checks import license
from spec_hooks.cli import check_file
from spec_hooks.config import load_settings
from spec_hooks.context import Context
from spec_hooks.spec import Spec
from spec_hooks.template import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    load_template,
)

DELETE_ME = (
    '*Delete this paragraph when you write your blueprint.* Here are some\n'
    'simple instructions. This template should be in ReSTructured text. The\n'
    'filename in the git repository should match the launchpad URL, for '
    'example a\nURL of https://blueprints.launchpad.net/nova/+spec/'
    'awesome-thing should be\nnamed awesome-thing.rst .\n\n'
)
NOT_SAFE = re.compile(r'; not fixed, as --fix could not do it safely: (.*)')


def without_header(spec: Spec, context: Context) -> str | None:
    """The spec's text without its license header, if it has the
    template's, in place; else None."""
    found = list(license.check(spec, context))
    expected = license.expected_licenses(context.template(spec), context)
    if found or not expected:
        return None
    header = license._find(spec, expected)
    assert header is not None
    _, block, _ = header
    outer = next((b for b in spec.blocks
                  if b.start < block.start <= b.end), block)
    lines = spec.text.split('\n')
    if expected[0].position == 'end':
        return '\n'.join(lines[:outer.start - 1]).rstrip('\n') + '\n'
    return '\n'.join(lines[outer.end:]).lstrip('\n')


def with_delete_me(spec: Spec) -> str | None:
    title = next((b for b in spec.blocks if b.kind == 'title'), None)
    if title is None:
        return None
    lines = spec.text.split('\n')
    return '\n'.join(lines[:title.start - 1]) + (
        '\n' if title.start > 1 else '') + DELETE_ME + \
        '\n'.join(lines[title.start - 1:])


def outcome(path: str, text: str, context: Context, families: str,
            fixed_family: str, original: str) -> str:
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    fixers = checks.fixers(fixed_family)
    found, changed = check_file(
        path, context, [checks.check(f) for f in families], fixers,
    )
    if changed:
        with open(path, encoding='utf-8', newline='') as f:
            again = f.read()
        if fixed_family == 'T':  # the paragraph out: the spec as it was
            return 'written' if again == original else 'written, other text'
        return 'written'
    for d in found:
        refused = NOT_SAFE.search(d.message)
        if refused:
            return f'refused: {refused.group(1)}'
        if d.code == 'E905':
            return f'not written: {d.message}'
    return 'not tried'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=CORPUS)
    parser.add_argument('--checks', default='LT',
                        help='families whose checks must find nothing new, '
                        'as letters: LTW for license, leftovers, style')
    parser.add_argument('--repos', nargs='+', choices=sorted(REPOSITORIES),
                        default=sorted(REPOSITORIES))
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f'no corpus at {args.corpus}', file=sys.stderr)
        return 2
    results: dict[str, collections.Counter[str]] = {
        'header': collections.Counter(), 'delete-me': collections.Counter(),
    }
    examples: dict[str, list[str]] = collections.defaultdict(list)
    builtin = load_template(DEFAULT_TEMPLATE)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for repo in args.repos:
            pattern, template, rules = REPOSITORIES[repo]
            root = os.path.join(args.corpus, repo)
            os.chdir(root)
            settings = load_settings(None, {
                'template': template,
                'templates': tuple((glob, (target,))
                                   for glob, target in rules.items()),
                'copyright-holder': 'ACME', 'select': tuple(args.checks),
            })
            templates: dict[str, Template] = {}
            for path in spec_files(root, pattern)[0]:
                where = settings.template_for(path)
                if where is None:  # no template applies: no spec
                    continue
                try:
                    templates[where] = templates.get(where) or \
                        load_template(where)
                except TemplateError:  # a stored symlink: the hook exits 2
                    continue
                copy = os.path.join(scratch, os.path.basename(path))
                spec = Spec.read(path)
                own = Context(settings, {path: templates[where],
                                         copy: templates[where]})
                broken = {
                    'header': (without_header(spec, own), own, 'L'),
                    'delete-me': (with_delete_me(spec),
                                  Context(settings, {copy: builtin}), 'T'),
                }
                for name, (text, context, family) in broken.items():
                    if text is not None:
                        result = outcome(copy, text, context, args.checks,
                                         family, spec.text)
                        results[name][result] += 1
                        examples[name + result].append(f'{repo}/{path}')
    for name, counts in results.items():
        print(f'{name}: {sum(counts.values())} specs')
        for result, count in counts.most_common():
            print(f'  {count:5}  {result}')
            if result != 'written':
                print('         e.g.', ', '.join(examples[name + result][:3]))
    print(f'{time.perf_counter() - started:.1f} s')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
