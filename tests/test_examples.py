"""Each ready config of examples/ over its repository of the corpus, as
benchmarks/precision.py checks it: the findings per code are those
measured, so a change that adds or drops findings on real specs shows
here.  The five smallest repositories run by default (about 10 s);
``pytest --full-corpus`` runs all fourteen (about 50 s of CPU time, two
minutes on a busy 2-core machine).  Skipped where the corpus is absent."""
from __future__ import annotations

import collections
import importlib.util
import os
import sys
from types import ModuleType

import pytest

from tests.conftest import CORPUS, REPO

# Per repository: the spec files listed (excluded ones too) and the
# findings per code.
EXPECTED = {
    'barbican-specs': (47, {
        'L101': 2, 'R112': 1, 'S103': 44, 'S105': 2, 'S106': 1, 'S107': 23,
        'S109': 1, 'S110': 2, 'S112': 1, 'W101': 177, 'W102': 17, 'W106': 3
    }),
    'designate-specs': (32, {
        'S103': 88, 'S106': 4, 'S107': 1, 'S110': 5, 'S112': 6, 'T103': 1,
        'W102': 3, 'W106': 3
    }),
    'glance-specs': (162, {
        'L101': 17, 'S103': 10, 'S106': 1, 'S107': 5, 'S108': 1, 'S110': 2,
        'S111': 2, 'S112': 17, 'T103': 1, 'T104': 4, 'W103': 1, 'W105': 5
    }),
    'heat-specs': (161, {
        'L101': 1, 'R112': 1, 'S110': 8, 'S111': 1, 'S112': 35, 'T103': 3,
        'W103': 8, 'W105': 5, 'W106': 3
    }),
    'ironic-specs': (260, {
        'S103': 77, 'S104': 1, 'S105': 10, 'S106': 1, 'S107': 1, 'S110': 12,
        'T103': 2, 'T104': 4, 'W101': 2
    }),
    'keystone-specs': (119, {
        'S103': 31, 'S106': 5, 'S107': 5, 'S108': 1, 'S109': 1, 'S110': 8,
        'S111': 5, 'T103': 5
    }),
    'magnum-specs': (24, {
        'L101': 5, 'S103': 7, 'S105': 7, 'S106': 2, 'S107': 11, 'S109': 4,
        'S112': 2
    }),
    'neutron-specs': (264, {
        'L101': 6, 'R112': 1, 'S103': 2, 'S104': 10, 'S107': 2, 'S108': 1,
        'S110': 11, 'T102': 2, 'W106': 8
    }),
    'nova-specs': (839, {
        'L101': 4, 'L102': 2, 'R112': 17, 'S105': 23, 'S108': 1, 'S110': 43,
        'S111': 3, 'S112': 52, 'T104': 4, 'W101': 2, 'W103': 2, 'W104': 1,
        'W106': 13
    }),
    'octavia': (31, {
        'L101': 2, 'R112': 1, 'S105': 1, 'S110': 49, 'S111': 4, 'S112': 9
    }),
    'openstack-specs': (14, {
        'S103': 4, 'S107': 1, 'S110': 4, 'S112': 2, 'W101': 5
    }),
    'oslo-specs': (100, {
        'L101': 3, 'L102': 1, 'S103': 76, 'S105': 2, 'S106': 5, 'S107': 13,
        'S110': 9, 'S111': 1, 'T103': 1, 'T104': 6, 'W101': 128, 'W102': 3,
        'W106': 1
    }),
    'sahara-specs': (143, {
        'L101': 5, 'S103': 124, 'S110': 12, 'W106': 14
    }),
    'swift-specs': (20, {
        'R101': 1, 'R104': 6, 'S103': 52, 'S105': 1, 'S106': 6, 'S107': 15,
        'S109': 2, 'T103': 1, 'W102': 6, 'W106': 2
    }),
}
FAST = sorted(EXPECTED, key=lambda repo: EXPECTED[repo][0])[:5]


def precision() -> ModuleType:
    """benchmarks/precision.py, which is no package."""
    path = os.path.join(REPO, 'benchmarks', 'precision.py')
    spec = importlib.util.spec_from_file_location('precision', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault('precision', module)
    spec.loader.exec_module(module)
    return module


def test_every_example_config_is_measured() -> None:
    configs = sorted(name[:-5] for name in os.listdir(
        os.path.join(REPO, 'examples')) if name.endswith('.toml'))
    assert configs == sorted(EXPECTED)


@pytest.mark.parametrize('repo', [
    pytest.param(repo, marks=[] if repo in FAST else pytest.mark.full_corpus)
    for repo in sorted(EXPECTED, key=lambda repo: EXPECTED[repo][0])
])
def test_example_config_over_its_repository(repo: str) -> None:
    if not os.path.isdir(os.path.join(CORPUS, repo)):
        pytest.skip(f'corpus not available: {CORPUS}')
    files, found = precision().findings(repo, CORPUS)
    counts = collections.Counter(finding.code for finding in found)
    assert (files, dict(sorted(counts.items()))) == EXPECTED[repo]
