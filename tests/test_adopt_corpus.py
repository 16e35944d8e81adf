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
