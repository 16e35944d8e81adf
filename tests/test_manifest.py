"""Drift between .pre-commit-hooks.yaml, setup.cfg and the hook modules."""
from __future__ import annotations

import configparser
import importlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / '.pre-commit-hooks.yaml'
HOOKS: list[dict[str, Any]] = yaml.safe_load(
    MANIFEST.read_text(encoding='utf-8'),
)


def _console_scripts() -> dict[str, str]:
    """setup.cfg's console_scripts: name -> 'module:function'."""
    cfg = configparser.ConfigParser()
    assert cfg.read(ROOT / 'setup.cfg', encoding='utf-8')
    scripts = {}
    value = cfg['options.entry_points']['console_scripts']
    for line in filter(None, map(str.strip, value.splitlines())):
        name, _, target = line.partition('=')
        assert name.strip() not in scripts, f'{name.strip()} declared twice'
        scripts[name.strip()] = target.strip()
    return scripts


SCRIPTS = _console_scripts()
by_hook = pytest.mark.parametrize(
    'hook', HOOKS, ids=[hook['id'] for hook in HOOKS],
)
by_script = pytest.mark.parametrize('name', sorted(SCRIPTS))


def _entry_name(hook: dict[str, Any]) -> str:
    """The executable of ``entry``; flags that must not change may follow."""
    return shlex.split(hook['entry'])[0]


def _main(name: str) -> Callable[..., Any]:
    module, _, attribute = SCRIPTS[name].partition(':')
    main: Callable[..., Any] = getattr(
        importlib.import_module(module), attribute,
    )
    return main


def test_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, '-m', 'pre_commit', 'validate-manifest', MANIFEST],
        env={**os.environ, 'PRE_COMMIT_HOME': str(tmp_path)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (0, '')


def test_manifest_has_hooks_with_unique_ids() -> None:
    ids = [hook['id'] for hook in HOOKS]
    assert ids
    assert len(ids) == len(set(ids)), ids


# Console scripts that are no hooks: the adoption commands.
NOT_HOOKS = ['spec-hooks']


def test_every_console_script_is_a_hook() -> None:
    assert sorted(_entry_name(hook) for hook in HOOKS) == \
        sorted(set(SCRIPTS) - set(NOT_HOOKS))
    assert set(NOT_HOOKS) <= set(SCRIPTS)


@by_hook
def test_hook_id_is_its_entry(hook: dict[str, Any]) -> None:
    assert _entry_name(hook) == hook['id']


@by_hook
def test_entry_is_a_console_script(hook: dict[str, Any]) -> None:
    assert _entry_name(hook) in SCRIPTS


@pytest.mark.parametrize(
    ('key', 'expected'),
    (
        ('language', 'python'),
        ('types', ['rst']),
    ),
)
@by_hook
def test_hook_key(hook: dict[str, Any], key: str, expected: object) -> None:
    assert hook.get(key) == expected


@by_hook
def test_hook_has_a_description(hook: dict[str, Any]) -> None:
    description = hook.get('description')
    assert isinstance(description, str)
    assert description.strip()


@by_hook
def test_hook_works_with_pre_commit_3_0(hook: dict[str, Any]) -> None:
    """pre-commit 3.0 and 3.1 (Debian 12's) reject the whole manifest for
    the stage names 3.2 introduced, and 4 warns about the old ones: a hook
    names no stages (so it runs in every stage) and asks for no newer
    pre-commit."""
    assert 'stages' not in hook
    version = str(hook.get('minimum_pre_commit_version', '0'))
    assert tuple(map(int, version.split('.'))) <= (3, 0, 0)


@by_script
def test_console_script_target_is_callable(name: str) -> None:
    assert callable(_main(name))


@by_hook
def test_require_serial_iff_entry_takes_jobs(
        hook: dict[str, Any], capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exc_info:
        _main(_entry_name(hook))(['--help'])
    assert exc_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith('usage: ')
    takes_jobs = '--jobs' in out.split()
    assert hook.get('require_serial', False) is takes_jobs
