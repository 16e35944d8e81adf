"""restructuredtext-lint as the oracle of check-spec-rst, over the corpus.

Every problem rst-lint (plain docutils) reports on a spec at level WARNING
or above must be reported by check-spec-rst too, within a few lines,
unless it is one that Sphinx awareness accepts on purpose:

* ``Unknown directive type "X"``, X a directive of docutils, Sphinx or an
  extension the repository's conf.py loads;
* ``Unknown interpreted text role "X"``, X such a role (intersphinx's
  ``external:`` roles included);
* ``Error in "X" directive: unknown option: "Y"``, Y an option of Sphinx's
  X (code-block's caption and emphasize-lines, an admonition's
  collapsible, ...);
* ``Cannot analyze code. No Pygments lexer found for "X"``, X a language
  Sphinx highlights without a Pygments lexer (none, default, guess).

A sample of the corpus keeps it short; SPEC_HOOKS_DIFFERENTIAL=all takes
every file.  rst-lint runs in its own process: check-spec-rst teaches
docutils Sphinx's names process-wide.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator

import pytest

from spec_hooks import check_spec_rst
from spec_hooks.sphinx import (
    SphinxConf,
    Vocabulary,
    find_conf,
    read_conf,
    vocabulary,
)

CORPUS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared',
                      'corpus')
SAMPLE_ONE_IN = 10
# Files whose plain-docutils problems are not Sphinx names: always taken.
ALWAYS = (
    'swift-specs/specs/in_progress/container_sharding.rst',
    'glance-specs/specs/api/v2/sharing-image-api-v2.rst',
    'nova-specs/specs/rocky/implemented/numa-aware-vswitches.rst',
    'barbican-specs/specs/newton/date-filters.rst',
    'neutron-specs/specs/template.rst',
)
WINDOW = 3  # lines between rst-lint's line and check-spec-rst's
BREAKS_AGAIN = re.compile(r'the same block breaks again at lines? [\d, and]+$')
WARNING = 2
SPHINX_LANGUAGES = ('none', 'default', 'guess')

UNKNOWN_DIRECTIVE = re.compile(r'Unknown directive type "(?P<name>[^"]+)"\.')
UNKNOWN_ROLE = re.compile(
    r'Unknown interpreted text role "(?P<name>[^"]+)"\.',
)
UNKNOWN_OPTION = re.compile(
    r'Error in "(?P<directive>[^"]+)" directive:\s+'
    r'unknown option: "(?P<option>[^"]+)"\.',
)
NO_LEXER = re.compile(
    r'Cannot analyze code\. No Pygments lexer found for "(?P<name>[^"]*)"',
)

ORACLE = textwrap.dedent('''\
    import json, sys
    import restructuredtext_lint
    for path in sys.argv[1:]:
        with open(path, encoding='utf-8', errors='replace') as file:
            errors = restructuredtext_lint.lint(file.read(), path)
        print(json.dumps([path, [
            (error.level, error.line, error.message) for error in errors
        ]]))
''')


def sample() -> list[str]:
    """Every n-th spec of the corpus by a stable hash of its path, and
    the files above; regular files only (no symlinks)."""
    everything = os.environ.get('SPEC_HOOKS_DIFFERENTIAL') == 'all'
    chosen = []
    for path in sorted(_specs()):
        relative = os.path.relpath(path, CORPUS)
        if everything or relative in ALWAYS or \
                zlib.crc32(relative.encode()) % SAMPLE_ONE_IN == 0:
            chosen.append(path)
    return chosen


def _specs() -> Iterator[str]:
    for directory, _, files in os.walk(CORPUS):
        for name in files:
            path = os.path.join(directory, name)
            if name.endswith('.rst') and not os.path.islink(path):
                yield path


def oracle(paths: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    pytest.importorskip('restructuredtext_lint')
    result = subprocess.run(
        [sys.executable, '-c', ORACLE, *paths], capture_output=True,
        text=True, check=True,
    )
    found = {}
    for line in result.stdout.splitlines():
        path, errors = json.loads(line)
        found[path] = [
            (level, number or 1, ' '.join(message.split()))
            for level, number, message in errors if level >= WARNING
        ]
    return found


def accepted_on_purpose(message: str, known: Vocabulary) -> bool:
    """Whether Sphinx (with the repository's extensions) accepts what
    plain docutils reports here."""
    found = UNKNOWN_DIRECTIVE.match(message)
    if found:
        return known.knows_directive(found.group('name'))
    found = UNKNOWN_ROLE.match(message)
    if found:
        return known.knows_role(found.group('name'))
    found = UNKNOWN_OPTION.match(message)
    if found:
        spec = known.directive_spec(found.group('directive'))
        return spec is not None and (
            spec.options is None or found.group('option') in spec.options
        )
    found = NO_LEXER.match(message)
    return bool(found and found.group('name') in SPHINX_LANGUAGES)


def vocabularies() -> dict[str, Vocabulary]:
    """Each corpus repository's vocabulary, from its conf.py."""
    found = {}
    for repository in os.listdir(CORPUS):
        conf = find_conf(os.path.join(CORPUS, repository))
        found[repository] = vocabulary(
            read_conf(conf) if conf else None, learn_unknown=False,
        )
    return found


def checked(
        paths: list[str], config: str, capsys: pytest.CaptureFixture[str],
) -> dict[str, list[int]]:
    """The lines check-spec-rst reports, by file: those of its findings,
    and those an R104 names as its block breaking again."""
    assert check_spec_rst.main(
        ['--config', config, '--format', 'json', *paths],
    ) in (0, 1)
    lines: dict[str, list[int]] = {}
    for diagnostic in json.loads(capsys.readouterr().out or '[]'):
        again = BREAKS_AGAIN.search(diagnostic['message'])
        named = [int(n) for n in re.findall(r'\d+', again.group())] \
            if again else []
        lines.setdefault(diagnostic['path'], []).extend(
            [diagnostic['line'], *named])
    return lines


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason='no corpus')
def test_check_reports_what_plain_docutils_reports(
        tmp_path: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    config = os.path.join(tmp_path, 'setup.cfg')  # the defaults, nothing
    with open(config, 'w') as file:              # found around the test
        file.write('[spec-hooks]\n')
    monkeypatch.chdir(tmp_path)
    paths = sample()
    expected = oracle(paths)
    known = vocabularies()
    reported = checked(paths, config, capsys)
    missed = []
    compared = 0
    for path, errors in expected.items():
        repository = os.path.relpath(path, CORPUS).split(os.sep)[0]
        for _, line, message in errors:
            if accepted_on_purpose(message, known[repository]):
                continue
            compared += 1
            if not any(abs(found - line) <= WINDOW
                       for found in reported.get(path, ())):
                missed.append(f'{path}:{line}: {message}')
    assert compared > 0  # the sample holds problems to compare
    assert missed == []


@pytest.mark.parametrize(('message', 'with_conf', 'accepted'), [
    ('Unknown directive type "code-block".', True, True),
    ('Unknown directive type "c:function".', True, True),
    ('Unknown directive type "node".', False, False),
    ('Unknown directive type "mermaid".', False, True),
    ('Unknown directive type "mermaid".', True, False),  # not loaded
    ('Unknown interpreted text role "c:func".', True, True),
    ('Unknown interpreted text role "external+python:ref".', False, True),
    ('Unknown interpreted text role "external+python:ref".', True, False),
    ('Unknown interpreted text role "py:fucn".', False, False),
    ('Error in "code-block" directive: unknown option: "caption".', True,
     True),
    ('Error in "note" directive: unknown option: "collapsible".', True,
     True),
    ('Error in "code-block" directive: unknown option: "captoin".', True,
     False),
    ('Error in "list-table" directive: unknown option: "caption".', True,
     False),
    ('Cannot analyze code. No Pygments lexer found for "none".', True, True),
    ('Cannot analyze code. No Pygments lexer found for "pyhton".', True,
     False),
    ('Inline emphasis start-string without end-string.', False, False),
])
def test_accepted_on_purpose(message: str, with_conf: bool,
                             accepted: bool) -> None:
    known = vocabulary(SphinxConf('conf.py') if with_conf else None)
    assert accepted_on_purpose(message, known) is accepted
