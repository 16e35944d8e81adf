"""Real git, real pre-commit: the hook manifest as users consume it, and
the README's pre-commit configuration as users copy it.

This repository's files (tracked and untracked-but-not-ignored, so work in
progress is tested too) are committed to a throwaway hook repository; a
throwaway spec repository uses it from its ``.pre-commit-config.yaml`` with
every hook of ``.pre-commit-hooks.yaml``, installs the git hook and commits.
pre-commit builds ONE virtualenv (pip-installing the package) for all those
tests, and one more for the release the README's configuration names; it,
pip and virtualenv keep their caches in a temporary directory, never in
~/.cache.
"""
from __future__ import annotations

import configparser
import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

if shutil.which('git') is None:
    pytest.skip('git is not on PATH', allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
HOOKS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / '.pre-commit-hooks.yaml').read_text(encoding='utf-8'),
)
GOOD_SPEC = (ROOT / 'examples' / 'awesome-thing.rst').read_bytes()
SPEC = 'specs/awesome-thing.rst'  # the blueprint URL names awesome-thing
NAME, EMAIL = 'spec-hooks tests', 'spec-hooks-tests@example.invalid'
SLOW = 900  # seconds: the first commit pip-installs the package


@dataclasses.dataclass(frozen=True)
class SpecRepo:
    """The spec repository every test starts from, and what built it."""

    path: Path
    env: dict[str, str]
    store: Path  # PRE_COMMIT_HOME
    commit_output: str  # of the commit that added the good spec


def _env(caches: Path) -> dict[str, str]:
    """os.environ without what a surrounding git hook or user config would
    leak in (GIT_DIR, GIT_INDEX_FILE, SKIP, a global core.hooksPath...),
    with every cache under ``caches``."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(('GIT_', 'PRE_COMMIT')) and key != 'SKIP'
    }
    env.update(
        GIT_AUTHOR_NAME=NAME, GIT_AUTHOR_EMAIL=EMAIL,
        GIT_COMMITTER_NAME=NAME, GIT_COMMITTER_EMAIL=EMAIL,
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM='1',
        PRE_COMMIT_HOME=str(caches / 'pre-commit'),
        PIP_CACHE_DIR=str(caches / 'pip'),
        VIRTUALENV_OVERRIDE_APP_DATA=str(caches / 'virtualenv'),
        VIRTUALENV_NO_PERIODIC_UPDATE='1',  # no detached child process
    )
    return env


def _run(
        *cmd: str | Path, cwd: Path, env: dict[str, str], check: bool = True,
        timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd``; stdout and stderr together, as a user sees them."""
    proc = subprocess.run(
        [str(part) for part in cmd], cwd=cwd, env=env, timeout=timeout,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        stdin=subprocess.DEVNULL, check=False,
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f'{cmd} exited {proc.returncode} in {cwd}:\n{proc.stdout}',
        )
    return proc


def _git_init(path: Path, env: dict[str, str]) -> None:
    _run('git', '-c', 'init.defaultBranch=main', 'init', '-q', path,
         cwd=path.parent, env=env)
    _configure(path, env)


def _configure(path: Path, env: dict[str, str]) -> None:
    for key, value in (
            ('user.name', NAME), ('user.email', EMAIL),
            ('commit.gpgsign', 'false'),
    ):
        _run('git', 'config', key, value, cwd=path, env=env)


def _pre_commit(*args: str, cwd: Path, env: dict[str, str],
                **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, '-m', 'pre_commit', *args, cwd=cwd, env=env,
                **kwargs)


def _head(path: Path, env: dict[str, str]) -> str:
    return _run('git', 'rev-parse', 'HEAD', cwd=path, env=env).stdout.strip()


def _passed(name: str) -> re.Pattern[str]:
    """pre-commit's status line for a hook that ran and passed."""
    return re.compile(rf'^{re.escape(name)}\.+Passed$', re.MULTILINE)


@pytest.fixture(scope='module')
def base(tmp_path_factory: pytest.TempPathFactory) -> SpecRepo:
    env = _env(tmp_path_factory.mktemp('caches'))

    hook_repo = tmp_path_factory.mktemp('hook-repo')
    listed = _run('git', 'ls-files', '-z', '--cached', '--others',
                  '--exclude-standard', cwd=ROOT, env=env).stdout
    for name in sorted(set(filter(None, listed.split('\0')))):
        source, target = ROOT / name, hook_repo / name
        if os.path.lexists(source):  # tracked but deleted: as in the tree
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    _git_init(hook_repo, env)
    _run('git', 'add', '-A', cwd=hook_repo, env=env)
    _run('git', 'commit', '-q', '--no-verify', '-m', 'spec-hooks under test',
         cwd=hook_repo, env=env)

    repo = tmp_path_factory.mktemp('spec-repo')
    _git_init(repo, env)
    config = {'repos': [{
        'repo': str(hook_repo),
        'rev': _head(hook_repo, env),
        'hooks': [{'id': hook['id']} for hook in HOOKS],
    }]}
    (repo / '.pre-commit-config.yaml').write_text(
        yaml.safe_dump(config, sort_keys=False), encoding='utf-8',
    )
    (repo / 'specs').mkdir()
    (repo / SPEC).write_bytes(GOOD_SPEC)
    _pre_commit('install', cwd=repo, env=env)
    _run('git', 'add', '-A', cwd=repo, env=env)
    # Through the installed git hook: pre-commit builds the environment here.
    commit = _run('git', 'commit', '-m', 'Add a spec', cwd=repo, env=env,
                  timeout=SLOW)
    return SpecRepo(repo, env, Path(env['PRE_COMMIT_HOME']), commit.stdout)


@pytest.fixture
def clone(base: SpecRepo, tmp_path: Path) -> Path:
    """A fresh copy of the spec repository, hook installed, same store."""
    path = tmp_path / 'spec-repo'
    _run('git', 'clone', '-q', base.path, path, cwd=tmp_path, env=base.env)
    _configure(path, base.env)
    _pre_commit('install', cwd=path, env=base.env)
    return path


@pytest.mark.parametrize(
    'hook', HOOKS, ids=[hook['id'] for hook in HOOKS],
)
def test_hook_passes_on_the_good_spec(
        base: SpecRepo, hook: dict[str, Any],
) -> None:
    # It ran, and passed, in the git commit of the fixture...
    assert _passed(hook['name']).search(base.commit_output), \
        base.commit_output
    # ...and alone, on exactly that file.
    proc = _pre_commit('run', hook['id'], '--files', SPEC, cwd=base.path,
                       env=base.env, check=False)
    assert proc.returncode == 0, proc.stdout
    assert _passed(hook['name']).search(proc.stdout), proc.stdout


@pytest.mark.parametrize(
    ('old', 'new', 'accepted', 'expected'),
    (
        pytest.param(
            b'Proposed change\n===============\n',
            b'Proposed chnage\n===============\n',
            False,
            [
                f"{SPEC}:33:1: S107 section title 'Proposed chnage' is not "
                "in the template; did you mean 'Proposed change'?",
            ],
            id='misspelled-section-title-refused',
        ),
        pytest.param(
            b'None.\n',
            b'The volume service reports the new size.\n',
            True,
            [],
            id='clean-edit-accepted',
        ),
    ),
)
def test_commit(
        base: SpecRepo, clone: Path,
        old: bytes, new: bytes, accepted: bool, expected: list[str],
) -> None:
    assert GOOD_SPEC.count(old) == 1
    text = GOOD_SPEC.replace(old, new)
    (clone / SPEC).write_bytes(text)
    _run('git', 'add', SPEC, cwd=clone, env=base.env)
    before = _head(clone, base.env)

    proc = _run('git', 'commit', '-m', 'Edit the spec', cwd=clone,
                env=base.env, check=False)

    # Every hook that checks structure prints the line (check-spec too).
    found = sorted({
        line for line in proc.stdout.splitlines()
        if line.startswith(f'{SPEC}:')
    })
    assert found == expected, proc.stdout
    assert (proc.returncode == 0) is accepted, proc.stdout
    after = _head(clone, base.env)
    if accepted:
        assert after != before
        committed = _run('git', 'show', f'HEAD:{SPEC}', cwd=clone,
                         env=base.env).stdout
        assert committed == text.decode()
    else:
        assert after == before
        staged = _run('git', 'diff', '--cached', '--name-only', cwd=clone,
                      env=base.env).stdout
        assert staged == f'{SPEC}\n'


def test_one_environment_serves_every_hook(base: SpecRepo) -> None:
    """All hooks share one clone and one virtualenv: pre-commit never had to
    build a second one for a hook, nor for a clone of the spec repo."""
    repos = sorted(p.name for p in base.store.iterdir()
                   if p.is_dir() and p.name.startswith('repo'))
    assert len(repos) == 1, repos
    envs = sorted(p.name for p in (base.store / repos[0]).iterdir()
                  if p.name.startswith('py_env-'))
    assert len(envs) == 1, envs


README = ROOT / 'README.md'


def readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` the README tells users to write,
    exactly as it stands there."""
    text = README.read_text(encoding='utf-8')
    _, found, after = text.partition('Add to `.pre-commit-config.yaml`:')
    block = re.match(r'\s*```yaml\n(.*?\n)```\n', after, re.DOTALL)
    assert found and block, 'the README has no .pre-commit-config.yaml'
    return block.group(1)


def _requirements(rev: str, env: dict[str, str]) -> list[str]:
    """What pip must fetch to install the package at ``rev``: its build
    system and its dependencies."""
    def show(path: str) -> str:
        return _run('git', 'show', f'{rev}:{path}', cwd=ROOT, env=env).stdout

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    build = tomllib.loads(show('pyproject.toml'))['build-system']['requires']
    setup = configparser.ConfigParser()
    setup.read_string(show('setup.cfg'))
    needed = setup['options']['install_requires']
    return [*build, *filter(None, map(str.strip, needed.splitlines()))]


def _why_pip_cannot_fetch(
        requirements: list[str], env: dict[str, str], into: Path,
) -> str | None:
    """Why pip, as pre-commit will run it, cannot download
    ``requirements`` (no network, no index), or None if it can."""
    proc = _run(sys.executable, '-m', 'pip', 'download', '--no-deps',
                '--dest', into, *requirements, cwd=into.parent, env=env,
                check=False, timeout=SLOW)
    if proc.returncode == 0:
        return None
    return (proc.stdout.strip().splitlines() or ['no output'])[-1]


def test_the_readmes_snippet_works_as_written(tmp_path: Path) -> None:
    """The README's configuration, verbatim, installs the release it names
    from the URL it names (rewritten by git to this repository, where the
    tag is) and refuses a bad spec at git commit."""
    pytest.importorskip('pre_commit', reason='pre-commit is not installed')
    snippet = readme_snippet()
    [hooks] = yaml.safe_load(snippet)['repos']
    url, rev = hooks['repo'], str(hooks['rev'])
    env = _env(tmp_path / 'caches')
    git = _run('git', 'version', cwd=tmp_path, env=env).stdout
    if tuple(map(int, re.findall(r'\d+', git)[:2])) < (2, 31):
        pytest.skip(f'{git.strip()}: older than 2.31, the first to take '
                    f'its config from the environment')
    found = _run('git', 'rev-parse', '--verify', '--quiet',
                 f'{rev}^{{commit}}', cwd=ROOT, env=env, check=False)
    if found.returncode != 0:
        pytest.skip(f"{ROOT} has no tag or commit {rev!r}, the README's "
                    f'rev: fetch it (git fetch --tags) to run this test')
    (tmp_path / 'pip-probe').mkdir()
    why = _why_pip_cannot_fetch(_requirements(rev, env), env,
                                tmp_path / 'pip-probe')
    if why is not None:
        pytest.skip(f'pip cannot install the hook here: {why}')
    # pre-commit runs git without GIT_CONFIG_GLOBAL but keeps the config
    # given in the environment, for its own clone of the hook repository.
    env.update(GIT_CONFIG_COUNT='1', GIT_CONFIG_KEY_0=f'url.{ROOT}.insteadOf',
               GIT_CONFIG_VALUE_0=url)
    repo = tmp_path / 'spec-repo'
    repo.mkdir()
    _git_init(repo, env)
    (repo / '.pre-commit-config.yaml').write_text(snippet, encoding='utf-8')
    (repo / 'specs').mkdir()
    good = _run('git', 'show', f'{rev}:examples/awesome-thing.rst', cwd=ROOT,
                env=env).stdout
    (repo / SPEC).write_text(good, encoding='utf-8')
    _pre_commit('install', cwd=repo, env=env)
    _run('git', 'add', '-A', cwd=repo, env=env)

    commit = _run('git', 'commit', '-m', 'Add a spec', cwd=repo, env=env,
                  check=False, timeout=SLOW)
    assert commit.returncode == 0, commit.stdout
    assert _passed('check spec').search(commit.stdout), commit.stdout

    title = 'Proposed change\n===============\n'
    assert good.count(title) == 1
    bad = good.replace(title, title.replace('change', 'chnage'))
    (repo / SPEC).write_text(bad, encoding='utf-8')
    _run('git', 'add', SPEC, cwd=repo, env=env)
    before = _head(repo, env)
    refused = _run('git', 'commit', '-m', 'Misspell a title', cwd=repo,
                   env=env, check=False)
    line = bad[:bad.index('Proposed chnage')].count('\n') + 1
    assert refused.returncode == 1, refused.stdout
    assert [found for found in refused.stdout.splitlines()
            if found.startswith(f'{SPEC}:')] == [
        f"{SPEC}:{line}:1: S107 section title 'Proposed chnage' is not in "
        "the template; did you mean 'Proposed change'?",
    ]
    assert _head(repo, env) == before
