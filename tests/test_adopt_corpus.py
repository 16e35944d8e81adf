"""spec-hooks init over each repository of the corpus: on a copy, init
then check-spec on every spec finds, per code, what the ready config of
examples/ finds (tests/test_examples.py), but for the differences recorded
here with their reasons: the examples encode rules of each repository that
init cannot guess.  The five smallest repositories run by default, all
fourteen with ``pytest --full-corpus``.  Skipped where the corpus is
absent."""
from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.test_examples import EXPECTED, FAST, precision


def copy_of(repo: str, into: Path) -> list[str]:
    """The repository's files under ``into``, a git symlink stored as a
    file made a symlink again (as a clone has it); and the spec files
    that test_examples checks: every .rst under specs/ but index.rst and
    symlinks."""
    source = Path(CORPUS) / repo
    stored_link = precision().is_stored_symlink
    files = []
    for path in sorted(source.rglob('*.rst')):
        relative = path.relative_to(source)
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if stored_link(str(path)):
            target.symlink_to(path.read_text(encoding='utf-8').strip())
            continue
        shutil.copyfile(path, target)
        if relative.parts[0] == 'specs' and path.name != 'index.rst':
            files.append(relative.as_posix())
    (into / '.git').mkdir()  # where config lookup stops
    return files


def check_spec(where: Path, files: list[str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, '-m', 'spec_hooks.check_spec', '--format', 'json',
         *files], cwd=where, capture_output=True, text=True, check=False,
        env={**os.environ, 'PYTHONPATH': REPO},
    )
    assert done.returncode in (0, 1), done.stderr
    counts = collections.Counter(d['code'] for d in json.loads(done.stdout))
    return dict(sorted(counts.items()))


ALLOW_EXTRA = ('the example sets allow-extra-sections: no test of the '
               'repository checks the titles (S104)')
# Per repository: how init's findings differ from the example's (init
# minus example, per code), and why.  In every case the example is right:
# it encodes a rule of the repository that its template does not state.
DIFFERENCES: dict[str, tuple[dict[str, int], str]] = {
    'barbican-specs': ({'S104': 2, 'S111': 1}, ALLOW_EXTRA + '; '
                       'StoryBoard file names (filename-pattern, S111)'),
    'designate-specs': ({'S103': 25, 'S104': 13, 'W101': 140},
                        ALLOW_EXTRA + '; the two example subsections of the '
                        "template are optional ('eg:'; S103); no rule for "
                        'line length (W101)'),
    'glance-specs': ({
        'L101': 19, 'R111': 3, 'S102': 1, 'S104': 48, 'S110': 23, 'S111': 6,
        'T103': 27, 'T104': 18, 'W101': 268,
    }, 'the example excludes specs/api/ (API reference pages) and the '
       'lite-specs.rst collections, which neither template describes; '
       + ALLOW_EXTRA + '; tox runs doc8 without D001 (W101); the full '
       "template's file-name rule is not the spec lites' (S111)"),
    'heat-specs': ({}, ''),
    'ironic-specs': ({
        'R112': 1, 'S103': 203, 'S105': 5, 'S110': 1, 'S111': 4,
    }, "the example excludes what the repository's test_titles.py never "
       'checks (specs/*-implemented/, specs/retired/, the placeholder '
       'pages of moved specs) and lets backlog specs leave sections out '
       '(S103); StoryBoard file names (S111)'),
    'keystone-specs': ({
        'L103': 1, 'S103': 9, 'S104': 40, 'S106': 1, 'S110': 2,
    }, ALLOW_EXTRA + '; the example excludes the road maps of ongoing/ (S) '
       'and lets the license stand at either end (L103)'),
    'magnum-specs': ({
        'L101': 3, 'S103': 11, 'S104': 120, 'S105': 2, 'S106': 7, 'S107': 17,
        'S109': 2, 'S112': 6, 'W101': 22, 'W102': 3,
    }, ALLOW_EXTRA + "; tox.ini's [doc8] ignore-path: no style checks "
       'there (W); specs/pre-ocata/ is older than any template (S, L)'),
    'neutron-specs': ({
        'L101': 17, 'R112': 10, 'S103': 3, 'S104': 754, 'S107': 108,
        'S109': 1, 'S110': 16, 'S111': 16, 'W101': 790, 'W102': 48,
        'W106': 1,
    }, "the example excludes what test_titles.py skips (specs/juno/: S107, "
       'specs/archive/, specs/backlog/), checks stadium scorecards by '
       'directory, where init lets every spec fit the scorecard template '
       "(S104); allows the old template's sections by name (S104) and the "
       "postmortem template's placeholder section (S103, S104); RFE names "
       '(S111); line wrapping not checked (W101)'),
    'nova-specs': ({'S103': 36}, "'Upgrade impact' is optional in queens "
                   '(per-file-optional-sections)'),
    'octavia': ({'S110': 16}, 'the example excludes specs/skeleton.rst, the '
                'template without its guidance, which init takes for a '
                'spec'),
    'openstack-specs': ({'L103': 2, 'S104': 13}, ALLOW_EXTRA + '; the '
                        'license may stand at either end (L103)'),
    'oslo-specs': ({
        'L101': 1, 'L103': 2, 'S103': 53, 'S104': 146, 'S111': 3, 'W101': 4,
    }, ALLOW_EXTRA + '; library prefixes in file names (filename-pattern, '
       'S111); the example excludes the graduation and adoption specs of '
       'a removed template and the contributor guide (S103, W101, L101) '
       'and lets the license stand at either end (L103)'),
    'sahara-specs': ({'S111': 4}, 'StoryBoard file names (filename-pattern, '
                     'S111)'),
    'swift-specs': ({
        'S103': 3, 'S104': 36, 'S107': 2, 'S111': 12, 'T103': 9, 'T104': 1,
        'W101': 616,
    }, ALLOW_EXTRA + '; no rule for file names (S111) or line length '
       '(W101); the example excludes test.rst, a test copy of the template '
       '(S, T)'),
}


def test_every_repository_has_its_difference() -> None:
    assert sorted(DIFFERENCES) == sorted(EXPECTED)


@pytest.mark.parametrize('repo', [
    pytest.param(repo, marks=[] if repo in FAST else pytest.mark.full_corpus)
    for repo in sorted(EXPECTED, key=lambda repo: EXPECTED[repo][0])
])
def test_init_over_its_repository(tmp_path: Path, repo: str) -> None:
    if not os.path.isdir(os.path.join(CORPUS, repo)):
        pytest.skip(f'corpus not available: {CORPUS}')
    files = copy_of(repo, tmp_path)
    done = subprocess.run(
        [sys.executable, '-m', 'spec_hooks.app', 'init'], cwd=tmp_path,
        capture_output=True, text=True, check=False,
        env={**os.environ, 'PYTHONPATH': REPO},
    )
    assert (done.returncode, done.stderr) == (0, '')
    found = check_spec(tmp_path, files)
    expected = collections.Counter(EXPECTED[repo][1])
    expected.update(DIFFERENCES[repo][0])
    assert found == dict(sorted(expected.items()))
    assert f'findings on the existing specs: {sum(found.values())}' in \
        done.stdout
