"""The sdist and the wheel hold what they must: the sdist what its own
tests need (and they pass from it), the wheel the package and its data,
with runtime dependencies only."""
from __future__ import annotations

import email
import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

from spec_hooks import __version__
from tests.conftest import REPO

IGNORED = shutil.ignore_patterns(
    '.git', '.venv', 'build', 'dist', '*.egg-info', '__pycache__',
    '.*_cache',
)
SDIST_NEEDS = (
    'LICENSE', 'README.md', 'CHANGELOG.md', 'setup.cfg', 'pyproject.toml',
    '.pre-commit-hooks.yaml', 'examples/awesome-thing.rst',
    'tests/__init__.py', 'tests/conftest.py', 'tests/test_cli.py',
    'tests/fixtures/sarif-schema-2.1.0.json', 'tools/readme_rules.py',
    'spec_hooks/py.typed',
)


@pytest.fixture(scope='module')
def dist(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """An sdist and a wheel built, without network, from a copy of the
    repository (a build writes into the tree it builds)."""
    for module in ('build', 'setuptools', 'wheel'):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f'{module} is not installed; cannot build offline')
    root = tmp_path_factory.mktemp('packaging')
    source = root / 'source'
    shutil.copytree(REPO, source, ignore=IGNORED)
    proc = subprocess.run(
        [sys.executable, '-m', 'build', '--no-isolation', '--sdist',
         '--wheel', '--outdir', str(root / 'dist'), str(source)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / 'dist'


def sdist_names(dist: pathlib.Path) -> set[str]:
    archive, = dist.glob('*.tar.gz')
    prefix = f'spec_hooks-{__version__}/'
    with tarfile.open(archive) as tar:
        return {name.removeprefix(prefix) for name in tar.getnames()}


def test_sdist_has_what_its_tests_need(dist: pathlib.Path) -> None:
    names = sdist_names(dist)
    assert set(SDIST_NEEDS) <= names, sorted(set(SDIST_NEEDS) - names)
    tests = {n for n in os.listdir(pathlib.Path(REPO) / 'tests')
             if n.endswith('.py')}
    assert {f'tests/{n}' for n in tests} <= names


def test_wheel_has_the_package_its_data_and_the_license(
        dist: pathlib.Path) -> None:
    wheel, = dist.glob('*.whl')
    assert wheel.name == f'spec_hooks-{__version__}-py3-none-any.whl'
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f'spec_hooks-{__version__}.dist-info'
        metadata = email.message_from_bytes(
            archive.read(f'{info}/METADATA'))
    assert 'spec_hooks/templates/blueprint.rst' in names
    assert 'spec_hooks/py.typed' in names
    assert any(n.startswith(f'{info}/') and n.endswith('LICENSE')
               for n in names)
    assert not any(n.startswith(('tests/', 'benchmarks/')) for n in names)
    assert metadata['Version'] == __version__
    assert metadata['Author'] == 'spec-hooks developers'
    classifiers = metadata.get_all('Classifier')
    assert 'License :: OSI Approved :: Apache Software License' in \
        classifiers
    assert [c for c in classifiers if c.startswith(
        'Programming Language :: Python :: 3.')] == [
        f'Programming Language :: Python :: 3.{minor}'
        for minor in range(10, 14)]
    runtime = [r for r in metadata.get_all('Requires-Dist')
               if 'extra ==' not in r]
    assert sorted(r.split(';')[0].split('>')[0].strip() for r in runtime) \
        == ['docutils', 'tomli']


def test_tests_pass_in_the_unpacked_sdist(
        dist: pathlib.Path, tmp_path: pathlib.Path) -> None:
    archive, = dist.glob('*.tar.gz')
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path)  # our own archive, just built
    unpacked = tmp_path / f'spec_hooks-{__version__}'
    proc = subprocess.run(
        [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider',
         'tests/test_cli.py', 'tests/test_readme.py', 'tests/test_rules.py',
         'tests/test_manifest.py'],
        cwd=unpacked, env={**os.environ, 'PYTHONPATH': str(unpacked)},
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
