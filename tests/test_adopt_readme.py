"""The README's "Adopting spec-hooks in an existing repository" commands,
run as written in a throwaway specs repository, with real git and real
pre-commit.  Where a command cannot run here as written:

* ``pip install``: the package under test is the one installed;
* ``spec-hooks``: run as ``python -m spec_hooks.app``, from this
  checkout; a command this version lacks (``baseline``) is skipped, and
  so is its file in ``git add``;
* the hook repository init names is not reachable from a test: the
  config's ``repo`` is pointed at a local copy of this checkout, tagged
  with the ``rev`` init wrote, as test_end_to_end.py builds one.
"""
from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from spec_hooks import adopt
from spec_hooks.app import COMMANDS
from tests.adopt_fixtures import make
from tests.conftest import REPO

end_to_end = pytest.importorskip('tests.test_end_to_end')

HEADING = '## Adopting spec-hooks in an existing repository'


def readme_commands() -> list[list[str]]:
    text = Path(REPO, 'README.md').read_text(encoding='utf-8')
    section = text.split(HEADING, 1)[1].split('\n## ', 1)[0]
    block = re.search(r'```sh\n(.*?)```', section, re.DOTALL)
    assert block is not None
    return [shlex.split(line) for line in block.group(1).splitlines()]


def test_the_section_has_the_steps() -> None:
    assert [c[:2] for c in readme_commands()] == [
        ['pip', 'install'], ['spec-hooks', 'init'],
        ['spec-hooks', 'baseline'], ['pre-commit', 'install'],
        ['git', 'add'], ['git', 'commit'],
    ]


def hook_repository(where: Path, env: dict[str, str], tag: str) -> Path:
    """A git repository of this checkout's files, tagged ``tag``."""
    listed = end_to_end._run(
        'git', 'ls-files', '-z', '--cached', '--others',
        '--exclude-standard', cwd=Path(REPO), env=env).stdout
    for name in sorted(set(filter(None, listed.split('\0')))):
        source, target = Path(REPO, name), where / name
        if source.is_file() and not source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    end_to_end._git_init(where, env)
    end_to_end._run('git', 'add', '-A', cwd=where, env=env)
    end_to_end._run('git', 'commit', '-q', '--no-verify', '-m', 'hooks',
                    cwd=where, env=env)
    end_to_end._run('git', 'tag', tag, cwd=where, env=env)
    return where


def test_readme_adoption_steps(tmp_path: Path) -> None:
    env = end_to_end._env(tmp_path / 'caches')
    env['PYTHONPATH'] = REPO
    specs = make(tmp_path / 'specs-repo', 'single')
    end_to_end._git_init(specs, env)
    end_to_end._run('git', 'add', '-A', cwd=specs, env=env)
    end_to_end._run('git', 'commit', '-q', '-m', 'Specs', cwd=specs,
                    env=env)
    hooks = hook_repository(tmp_path / 'hooks', env, f'v{adopt.__version__}')
    skipped = {name for name in ('baseline',) if name not in COMMANDS}
    outputs = []
    for command in readme_commands():
        if command[0] == 'pip':
            continue
        if command[0] == 'spec-hooks':
            if command[1] in skipped:
                continue
            command = [sys.executable, '-m', 'spec_hooks.app', *command[1:]]
        if command[0] == 'pre-commit':
            command = [sys.executable, '-m', 'pre_commit', *command[1:]]
        if command[:2] == ['git', 'add'] and skipped:
            command = [c for c in command if c != '.spec-hooks-baseline.json']
        if command[:2] == ['git', 'commit']:
            config = specs / '.pre-commit-config.yaml'
            config.write_text(config.read_text().replace(
                adopt.HOOK_REPOSITORY, str(hooks)))
            end_to_end._run('git', 'add', config.name, cwd=specs, env=env)
        outputs.append(end_to_end._run(
            *command, cwd=specs, env=env, timeout=end_to_end.SLOW).stdout)
    assert outputs[0].splitlines()[-1] == \
        'next: spec-hooks baseline && pre-commit install'
    assert re.search(r'^check spec\.+\(no files to check\)Skipped$',
                     outputs[-1], re.MULTILINE), outputs[-1]
    log = end_to_end._run('git', 'log', '--format=%s', '--name-only', '-1',
                          cwd=specs, env=env).stdout
    baseline = [] if skipped else ['.spec-hooks-baseline.json']
    assert log.split() == ['Check', 'specs', 'with', 'spec-hooks',
                           '.pre-commit-config.yaml', *baseline,
                           'pyproject.toml']
