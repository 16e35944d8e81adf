"""W101 against doc8's D001 ("Line too long"), the line check most
OpenStack specs repositories run, on every repository of the corpus.

W101 follows D001's decisions: directive bodies, literal blocks, targets,
definition terms, lines without a space and lines with a URL are exempt.
Every line on which the two disagree must be one of the cases below, each
a place where doc8 (2.0.0) is plainly wrong or W101 exempts more:

W101 only (doc8 misses a line that wraps):

* ``marker prose``: text after a directive's marker (``.. note:: Some
  text``); doc8 skips the marker line with the body.
* ``doc8 region``: a line inside what doc8 takes for a directive region:
  its pattern ``^\\s*..\\s(.*?)::`` leaves the dots unescaped (``In the
  CLI, run::`` opens a region) and a region runs on over every indented
  line, not only the lines deeper than the directive.
* ``doc8 term``: a field or line-block line followed by its indented
  continuation, which doc8 takes for a definition term.  (A list item
  doc8 does not know as one, ``(c)`` or ``b.``, W101 takes for a term as
  doc8 does: the repositories that run doc8 accept its long lines.)
* ``docutils lines``: doc8 maps lines to docutils nodes and skips those
  it finds in a literal block or a target; docutils' line numbers put
  prose there (a literal block's span counted from a wrong start, the
  target of an embedded ``<url>`_`` link).

D001 only (W101 exempts a line that cannot wrap):

* ``verbatim``: tables, which doc8 checks and W101 exempts as it always
  has (a table's column cannot wrap without redrawing the table), and
  literal blocks that doc8's docutils parse misses and W101's scanner
  finds.
* ``url``: a URL of another scheme than http(s).
"""
from __future__ import annotations

import os
from collections import Counter

import pytest

from spec_hooks.checks.style import _NOT_TERM, _REGION
from spec_hooks.spec import Spec
from tests.test_style import run

doc8_checks = pytest.importorskip('doc8.checks')
doc8_parser = pytest.importorskip('doc8.parser')

CORPUS = os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'corpus',
)
LIMIT = 79
FAST = ('ironic-specs', 'keystone-specs', 'magnum-specs', 'octavia')

# Per repository, how many long lines both report, and the disagreements
# by case; measured on the corpus.
EXPECTED: dict[str, tuple[int, dict[str, int]]] = {
    'barbican-specs': (185, {'verbatim': 45}),
    'designate-specs': (171, {'docutils lines': 2, 'verbatim': 201}),
    'glance-specs': (257, {
        'doc8 region': 6, 'doc8 term': 13, 'docutils lines': 2,
        'marker prose': 1, 'verbatim': 17}),
    'heat-specs': (0, {}),
    'ironic-specs': (0, {'marker prose': 2}),
    'keystone-specs': (0, {}),
    'magnum-specs': (21, {'doc8 region': 1}),
    'neutron-specs': (883, {
        'doc8 region': 2, 'doc8 term': 2, 'docutils lines': 4,
        'marker prose': 2, 'verbatim': 825}),
    'nova-specs': (2, {'doc8 region': 2, 'verbatim': 14}),
    'octavia': (0, {}),
    'openstack-specs': (5, {}),
    'oslo-specs': (129, {'docutils lines': 3, 'verbatim': 2}),
    'sahara-specs': (0, {}),
    'swift-specs': (612, {
        'doc8 region': 1, 'docutils lines': 2, 'marker prose': 1}),
}


def spec_files(repo: str) -> list[str]:
    root = os.path.join(CORPUS, repo, 'specs')
    return sorted(
        os.path.join(where, name)
        for where, _, names in os.walk(root) for name in names
        if name.endswith('.rst')
        and not os.path.islink(os.path.join(where, name))
    )


def doc8_long_lines(path: str) -> tuple[set[int], object, list[str]]:
    """D001's line numbers, the doc8 check and the lines it read."""
    check = doc8_checks.CheckMaxLineLength(
        {'max_line_length': LIMIT, 'allow_long_titles': False})
    parsed = doc8_parser.parse(path)
    found = {line for line, _, _ in check.report_iter(parsed)}
    return found, check, list(parsed.lines_iter())


def w101_long_lines(path: str) -> set[int]:
    with open(path, 'rb') as file:
        raw = file.read()
    return {found.line for found in run(path, raw, LIMIT)
            if found.code == 'W101'}


def w101_only_case(
        number: int, lines: list[str], check: object, path: str,
) -> str:
    line = lines[number - 1]
    stripped = line.lstrip()
    opened = _REGION.match(stripped)
    if opened and len(stripped[opened.end():].split()) > 1:
        return 'marker prose'
    index = number - 1
    regions = check._extract_directives(lines)  # type: ignore[attr-defined]
    if (index, index) in regions and _NOT_TERM.match(stripped):
        return 'doc8 term'
    if any(start <= index <= end for start, end in regions):
        return 'doc8 region'
    return 'docutils lines' if _in_docutils_skip(check, path, number) \
        else 'unexplained'


def _in_docutils_skip(check: object, path: str, number: int) -> bool:
    parsed = doc8_parser.parse(path)
    nodes, _ = check._extract_node_lines(  # type: ignore[attr-defined]
        parsed.document)
    spans = [(node, low, high) for node, (low, high) in nodes
             if low <= number <= high]
    if not spans:
        return False
    smallest = min(high - low for _, low, high in spans)
    return any(
        type(node).__name__ in ('literal_block', 'target')
        for node, low, high in spans if high - low == smallest)


def d001_only_case(number: int, path: str) -> str:
    with open(path, 'rb') as file:
        spec = Spec(path, file.read())
    line = spec.lines[number - 1]
    if '://' in line:
        return 'url'
    if any(block.verbatim and block.start <= number <= block.end
           for block in spec.blocks):
        return 'verbatim'
    return 'unexplained'


def compare(repo: str) -> tuple[int, Counter[str], list[str]]:
    """Lines both report, the disagreements by case, and the unexplained
    ones as ``path:line: case``."""
    both, cases, unexplained = 0, Counter[str](), []
    for path in spec_files(repo):
        doc8_lines, check, lines = doc8_long_lines(path)
        w101_lines = w101_long_lines(path)
        both += len(doc8_lines & w101_lines)
        for number in sorted(w101_lines - doc8_lines):
            cases[case := w101_only_case(number, lines, check, path)] += 1
            if case == 'unexplained':
                unexplained.append(f'{path}:{number}: W101 only')
        for number in sorted(doc8_lines - w101_lines):
            cases[case := d001_only_case(number, path)] += 1
            if case == 'unexplained':
                unexplained.append(f'{path}:{number}: D001 only')
    return both, cases, unexplained


@pytest.mark.parametrize('repo', [
    pytest.param(repo, marks=[] if repo in FAST else pytest.mark.full_corpus)
    for repo in sorted(EXPECTED)
])
def test_w101_agrees_with_doc8(repo: str) -> None:
    if not os.path.isdir(os.path.join(CORPUS, repo)):
        pytest.skip('corpus not found')
    both, cases, unexplained = compare(repo)
    assert unexplained == []
    assert (both, dict(cases)) == EXPECTED[repo]
