"""spec-hooks init: one small repository per layout, the files it writes,
what it prints, and every way it refuses (one line, exit 2, nothing
written)."""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spec_hooks import __version__, adopt, app, check_spec
from spec_hooks.config import load_settings
from tests.adopt_fixtures import make, spec, template
from tests.conftest import REPO

HOOK = f"""\
-   repo: https://example.org/spec-hooks
    rev: v{__version__}
    hooks:
    -   id: check-spec
        files: ^specs/
"""

LAYOUTS = [
    pytest.param('single', """\
[tool.spec-hooks]
# Written by spec-hooks init: one template, specs/template.rst.
template = "specs/template.rst"
exclude = ["specs/**/index.rst"]
""", r"'^(specs/([^/]+/)*index\.rst|specs/template\.rst)$'", [
        'layout: one template, specs/template.rst',
        'templates: specs/template.rst',
        'specs: 2 under specs/ (1 index, README or placeholder pages and 0 '
        'links or copies are no specs)',
        'findings on the existing specs: 1: S103=1',
    ], id='single'),
    pytest.param('per-release', """\
[tool.spec-hooks]
# Written by spec-hooks init: one template per release, beside the release
# directories (specs/{release}-template.rst).
exclude = ["specs/abandoned/**"]

[tool.spec-hooks.templates]
# First matching pattern wins.
"specs/{release}/**/*.rst" = "specs/{release}-template.rst"
""", r"'^(specs/abandoned/.*|specs/[^/]*-template\.rst)$'", [
        'layout: one template per release, beside the release directories '
        '(specs/{release}-template.rst)',
        'templates: specs/rocky-template.rst, specs/stein-template.rst',
        'specs: 3 under specs/ (0 index, README or placeholder pages and 1 '
        'links or copies are no specs)',
        'note: specs/abandoned/ has no template of its own: excluded',
        'findings on the existing specs: 0',
    ], id='per-release'),
    pytest.param('templates-directory', """\
[tool.spec-hooks]
# Written by spec-hooks init: one template per release, in a templates
# directory (specs/templates/{release}-template.rst).

[tool.spec-hooks.templates]
# First matching pattern wins.
"specs/{release}/**/*.rst" = "specs/templates/{release}-template.rst"
""", r"'^(specs/templates/[^/]*-template\.rst)$'", [
        'layout: one template per release, in a templates directory '
        '(specs/templates/{release}-template.rst)',
        'templates: specs/templates/rocky-template.rst, '
        'specs/templates/stein-template.rst',
        # template-versions.rst is a spec about templates
        'specs: 3 under specs/ (0 index, README or placeholder pages and 1 '
        'links or copies are no specs)',
        'findings on the existing specs: 0',
    ], id='templates directory'),
    pytest.param('spec-lite', """\
[tool.spec-hooks]
# Written by spec-hooks init: variants beside specs/template.rst:
# specs/spec-lite-template.rst (each spec is checked against the one it fits
# best).
template = "specs/template.rst"

[tool.spec-hooks.templates]
# First matching pattern wins.
"specs/**/spec-lite-*.rst" = "specs/spec-lite-template.rst"
"specs/**/*.rst" = ["specs/template.rst", "specs/spec-lite-template.rst"]
""", r"'^(specs/template\.rst|specs/spec-lite-template\.rst)$'", [
        'layout: variants beside specs/template.rst: '
        'specs/spec-lite-template.rst (each spec is checked against the one '
        'it fits best)',
        'templates: specs/spec-lite-template.rst, specs/template.rst',
        'specs: 3 under specs/ (0 index, README or placeholder pages and 1 '
        'links or copies are no specs)',
        'structure findings per configuration: layered: 0, layered without '
        'variants: 10, single: 10; chosen: layered',
        'findings on the existing specs: 0',
    ], id='spec-lite'),
    pytest.param('license-at-end', """\
[tool.spec-hooks]
# Written by spec-hooks init: one template, specs/template.rst.
template = "specs/template.rst"
""", r"'^(specs/template\.rst)$'", [
        'layout: one template, specs/template.rst',
        'templates: specs/template.rst',
        'license: at the end of specs/template.rst: specs carry it there '
        'too',
        'specs: 2 under specs/ (0 index, README or placeholder pages and 0 '
        'links or copies are no specs)',
        'findings on the existing specs: 1: L103=1',
    ], id='license at the end'),
]


@pytest.mark.parametrize(('layout', 'config', 'exclude', 'summary'),
                         LAYOUTS)
def test_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch, layout: str, config: str,
                exclude: str, summary: list[str]) -> None:
    make(tmp_path, layout)
    assert app.main(['init', str(tmp_path)]) == 0
    out = capsys.readouterr()
    next_step = 'spec-hooks baseline && pre-commit install' \
        if not summary[-1].endswith(': 0') else 'pre-commit install'
    assert out.out.splitlines() == [
        *summary, 'wrote pyproject.toml', 'wrote .pre-commit-config.yaml',
        f'next: {next_step}',
    ]
    assert out.err == ''
    assert (tmp_path / 'pyproject.toml').read_text() == config
    assert (tmp_path / '.pre-commit-config.yaml').read_text() == \
        f'repos:\n{HOOK}        exclude: {exclude}\n'
    # The hook reads the config and finds what init said.
    monkeypatch.chdir(tmp_path)
    check_spec.main(['--format', 'json', 'specs'])
    found = collections.Counter(
        d['code'] for d in json.loads(capsys.readouterr().out))
    said = summary[-1].split(': ')[2:]
    assert found == collections.Counter({
        code: int(n) for code, n in (c.split('=') for c in ''.join(said)
                                     .split())})


def test_templates_are_told_from_specs_about_templates(
        tmp_path: Path) -> None:
    make(tmp_path, 'templates-directory')
    tree = adopt.survey(str(tmp_path))
    assert (tree.templates, tree.specs, tree.aliases) == (
        ['specs/templates/rocky-template.rst',
         'specs/templates/stein-template.rst'],
        ['specs/rocky/make-things-better.rst',
         'specs/stein/make-things-better.rst',
         'specs/stein/template-versions.rst'],
        {'specs/rocky/rocky-template.rst':
            'specs/templates/rocky-template.rst'},
    )


@pytest.mark.parametrize(('text', 'optional'), [
    ('This is an optional section, where it applies.', ['Alternatives']),
    ('Optional section intended to be used each time.', ['Alternatives']),
    ('* Alternatives is optional. However we suggest one.',
     ['Alternatives']),
    ('This section is optional, and gives room.', ['Alternatives']),
    ('Say which alternatives you considered.', []),
    ('An optional list of links is welcome.', []),
])
def test_sections_the_template_calls_optional(
        tmp_path: Path, text: str, optional: list[str]) -> None:
    (tmp_path / 'template.rst').write_text(template().replace(
        'Alternatives\n============\n\nWhat',
        f'Alternatives\n============\n\n{text}\n\nWhat'))
    assert adopt.optional_sections(str(tmp_path), ['template.rst']) == \
        optional


def test_dry_run_shows_a_diff_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, 'license-at-end')
    (tmp_path / 'pyproject.toml').write_text('[build-system]\n')
    assert adopt.main(['--dry-run', str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.split('findings on the existing specs: 1: L103=1\n')[1] == (
        '--- a/pyproject.toml\n'
        '+++ b/pyproject.toml\n'
        '@@ -1 +1,5 @@\n'
        ' [build-system]\n'
        '+\n'
        '+[tool.spec-hooks]\n'
        '+# Written by spec-hooks init: one template, specs/template.rst.\n'
        '+template = "specs/template.rst"\n'
        '--- a/.pre-commit-config.yaml\n'
        '+++ b/.pre-commit-config.yaml\n'
        '@@ -0,0 +1,7 @@\n'
        '+repos:\n'
        + ''.join(f'+{line}\n' for line in HOOK.splitlines()) +
        "+        exclude: '^(specs/template\\.rst)$'\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        'pyproject.toml', 'specs']
    assert (tmp_path / 'pyproject.toml').read_text() == '[build-system]\n'


PYPROJECT = (
    '[build-system]\r\n'
    'requires = ["setuptools"]  # kept as it is\r\n'
    '\r\n'
    '[tool.spec-hooks]\r\n'
    'template = "old.rst"\r\n'
    '\r\n'
    '[tool.spec-hooks.templates]\r\n'
    '"a/*.rst" = "old.rst"\r\n'
    '\r\n'
    '[tool.other]\r\n'
    'key = 1\r\n'
)


def test_an_existing_section_is_kept_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, 'license-at-end')
    (tmp_path / 'pyproject.toml').write_bytes(PYPROJECT.encode())
    assert adopt.main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        'error: pyproject.toml already configures spec-hooks; --force '
        'replaces that section\n')
    assert (tmp_path / 'pyproject.toml').read_bytes() == PYPROJECT.encode()
    assert not (tmp_path / '.pre-commit-config.yaml').exists()


def test_force_replaces_the_section_and_keeps_the_rest(
        tmp_path: Path) -> None:
    make(tmp_path, 'license-at-end')
    (tmp_path / 'pyproject.toml').write_bytes(PYPROJECT.encode())
    assert adopt.main(['--force', str(tmp_path)]) == 0
    assert (tmp_path / 'pyproject.toml').read_bytes() == (
        b'[build-system]\r\n'
        b'requires = ["setuptools"]  # kept as it is\r\n'
        b'\r\n'
        b'[tool.spec-hooks]\r\n'
        b'# Written by spec-hooks init: one template, specs/template.rst.\r\n'
        b'template = "specs/template.rst"\r\n'
        b'\r\n'
        b'[tool.other]\r\n'
        b'key = 1\r\n'
    )


@pytest.mark.parametrize(('name', 'before', 'after'), [
    pytest.param('setup.cfg',
                 '[metadata]\nname = specs\n\n[spec-hooks]\ntemplate = '
                 'old.rst\nignore =\n    W101\n[flake8]\nmax = 1\n',
                 '[metadata]\nname = specs\n\n[spec-hooks]\n# Written by '
                 'spec-hooks init: one template, specs/template.rst.\n'
                 'template = specs/template.rst\n\n[flake8]\nmax = 1\n',
                 id='setup.cfg'),
    pytest.param('pyproject.toml',
                 '[tool]\nspec-hooks.template = "old.rst"\n', None,
                 id='dotted keys'),
    pytest.param('pyproject.toml',
                 '[tool.spec-hooks]\ntext = """\n[tool.other]\n"""\n', None,
                 id='a header inside a string'),
])
def test_force_replaces_only_what_it_can_tell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        before: str, after: str | None) -> None:
    make(tmp_path, 'license-at-end')
    (tmp_path / name).write_text(before)
    assert adopt.main(['--force', str(tmp_path)]) == (0 if after else 2)
    assert (tmp_path / name).read_text() == (after or before)
    if after is None:
        assert capsys.readouterr().err == (
            f'error: {name}: cannot replace the spec-hooks section safely '
            f'(it is written in another form); remove it and run init '
            f'again\n')


SETUP_CFG = '[metadata]\nname = specs\n'


def test_setup_cfg_when_the_repository_has_one(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               ) -> None:
    make(tmp_path, 'spec-lite')
    (tmp_path / 'setup.cfg').write_text(SETUP_CFG)
    assert adopt.main([str(tmp_path)]) == 0
    assert (tmp_path / 'setup.cfg').read_text() == SETUP_CFG + """
[spec-hooks]
# Written by spec-hooks init: variants beside specs/template.rst:
# specs/spec-lite-template.rst (each spec is checked against the one it fits
# best).
template = specs/template.rst
templates =
    specs/**/spec-lite-*.rst = specs/spec-lite-template.rst
    specs/**/*.rst = specs/template.rst, specs/spec-lite-template.rst
"""
    assert not (tmp_path / 'pyproject.toml').exists()
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.templates_for('specs/rocky/other-small-thing.rst') == (
        str(tmp_path / 'specs/template.rst'),
        str(tmp_path / 'specs/spec-lite-template.rst'))


OTHER_HOOKS = """\
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: trailing-whitespace
default_stages: [pre-commit]
"""


def test_pre_commit_config_is_extended_once(tmp_path: Path) -> None:
    make(tmp_path, 'license-at-end')
    (tmp_path / '.pre-commit-config.yaml').write_text(OTHER_HOOKS)
    assert adopt.main([str(tmp_path)]) == 0
    ours = ''.join(f'  {line}\n' for line in HOOK.splitlines())
    extended = OTHER_HOOKS.replace(
        'default_stages', f"{ours}          exclude: "
        f"'^(specs/template\\.rst)$'\ndefault_stages")
    assert (tmp_path / '.pre-commit-config.yaml').read_text() == extended
    yaml = pytest.importorskip('yaml')
    repos = yaml.safe_load(extended)['repos']
    assert [r['repo'] for r in repos] == [
        'https://github.com/pre-commit/pre-commit-hooks',
        'https://example.org/spec-hooks']
    assert adopt.main(['--force', str(tmp_path)]) == 0
    assert (tmp_path / '.pre-commit-config.yaml').read_text() == extended


def write_bad_template(root: Path) -> None:
    make(root, 'single')
    (root / 'specs' / 'template.rst').write_bytes(b'Title\n=====\n\xe9\n')


def no_template(root: Path) -> None:
    (root / 'specs').mkdir()
    (root / 'specs' / 'make-things-better.rst').write_text('Title\n=====\n')


def fifo_spec(root: Path) -> None:
    make(root, 'single')
    os.mkfifo(root / 'specs' / 'rocky' / 'waiting.rst')


def bad_pre_commit(root: Path) -> None:
    make(root, 'single')
    (root / '.pre-commit-config.yaml').write_text('repos: []\n')


@pytest.mark.parametrize(('arrange', 'argv', 'error'), [
    pytest.param(None, ['missing'], 'missing: not a directory',
                 id='no directory'),
    pytest.param(no_template, [],
                 "no template found: no file named 'template.rst' or "
                 "'<name>-template.rst' (run init at the root of the specs "
                 "repository)", id='no template'),
    pytest.param(write_bad_template, [],
                 'specs/template.rst: cannot read: not valid UTF-8',
                 id='template not UTF-8'),
    pytest.param(fifo_spec, [],
                 'specs/rocky/waiting.rst: cannot read: not a regular file',
                 id='FIFO'),
    pytest.param(bad_pre_commit, [],
                 '.pre-commit-config.yaml: no block list "repos:" to add '
                 'the hook to', id='flow list in pre-commit config'),
])
def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch, arrange: object,
                  argv: list[str], error: str) -> None:
    if callable(arrange):
        arrange(tmp_path)
    before = sorted(str(p) for p in tmp_path.rglob('*'))
    monkeypatch.chdir(tmp_path)
    assert adopt.main(argv) == 2
    assert capsys.readouterr() == ('', f'error: {error}\n')
    assert sorted(str(p) for p in tmp_path.rglob('*')) == before


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        adopt.main(['--frobnicate'])
    assert e.value.code == 2
    assert capsys.readouterr().err == (
        'error: unrecognized arguments: --frobnicate\n')


def test_as_a_process(tmp_path: Path) -> None:
    make(tmp_path, 'single')
    done = subprocess.run(
        [sys.executable, '-m', 'spec_hooks.app', 'init', '--dry-run'],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, 'PYTHONPATH': REPO},
    )
    assert (done.returncode, done.stderr) == (0, '')
    assert done.stdout.splitlines()[0] == \
        'layout: one template, specs/template.rst'
    assert '+++ b/pyproject.toml' in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ['specs']


def test_listed_as_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(['--help']) == 0
    assert [line.split(None, 1) for line in capsys.readouterr().out
            .splitlines() if line.startswith('  init ')] == \
        [['init', 'configure spec-hooks for an existing specs repository']]


def test_a_spec_not_in_utf_8_is_a_finding_and_doc_templates_are_not_ours(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, 'single')
    (tmp_path / 'specs' / 'rocky' / 'latin.rst').write_bytes(
        spec().encode().replace(b'Text.', b'Caf\xe9.'))
    (tmp_path / 'doc').mkdir()
    (tmp_path / 'doc' / 'template.rst').write_text(template())
    assert adopt.main(['--dry-run', str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == 'templates: specs/template.rst'
    assert lines[3] == 'findings on the existing specs: 2: E902=1 S103=1'
