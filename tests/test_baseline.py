"""spec-hooks baseline and --baseline: which findings a baseline silences
as the specs change, the file it writes, and the baseline files refused;
through main(argv), and as processes."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest

from spec_hooks import (
    app,
    baseline,
    check_spec,
    check_spec_leftovers,
    check_spec_license,
    check_spec_rst,
    check_spec_structure,
    check_spec_style,
)
from tests.conftest import EXAMPLE, REPO, run_in_fresh_interpreter

SPEC = 'specs/awesome-thing.rst'
BASELINE = '.spec-hooks-baseline.json'
TESTING = 'A tempest test resizes a volume of an active server.\n'
DEPENDENCIES = 'None.\n'
PROPOSED = 'about the new size.\n'
# The example spec with trailing whitespace in the Testing section.
W102_TESTING = {TESTING: TESTING.replace('.\n', '. \n')}
HOOKS: list[Callable[[Sequence[str] | None], int]] = [
    check_spec.main, check_spec_structure.main, check_spec_license.main,
    check_spec_leftovers.main, check_spec_rst.main, check_spec_style.main,
]


@pytest.fixture(autouse=True)
def _repository(monkeypatch: pytest.MonkeyPatch,
                tmp_path: pathlib.Path) -> None:
    """A repository of its own as the working directory, with no config
    above it, no git (the .git directory is empty) and no colour."""
    for name in ('NO_COLOR', 'FORCE_COLOR', 'PRE_COMMIT'):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / '.git').mkdir()
    monkeypatch.chdir(tmp_path)


def write_spec(edits: dict[str, str], path: str = SPEC) -> str:
    """The example spec, passing every check, with each key of ``edits``
    (a line, or a run of lines) replaced by its value."""
    text = pathlib.Path(EXAMPLE).read_text(encoding='utf-8')
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new, 1)
    pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(path).write_text(text, encoding='utf-8')
    return path


def entry(code: str, section: str | None, message: str,
          path: str = SPEC) -> dict[str, str | None]:
    return {'code': code, 'message': message, 'path': path,
            'section': section}


def trailing(section: str) -> dict[str, str | None]:
    return entry('W102', section, 'trailing whitespace')


def written(path: str = BASELINE) -> list[dict[str, str | None]]:
    data = json.loads(pathlib.Path(path).read_text(encoding='utf-8'))
    assert data['version'] == 1
    findings: list[dict[str, str | None]] = data['findings']
    return findings


def make_baseline(capsys: pytest.CaptureFixture[str],
                  *argv: str) -> None:
    assert baseline.main(list(argv)) == 0
    capsys.readouterr()


SUMMARY = '{} in the baseline .spec-hooks-baseline.json: not reported\n'


# --- what a baseline silences as the spec changes --------------------------

@pytest.mark.parametrize(('now', 'reported', 'silenced'), [
    pytest.param(W102_TESTING, '', 1, id='unchanged'),
    pytest.param({**W102_TESTING, PROPOSED: f'{PROPOSED}\nMore.\n\nText.\n'},
                 '', 1, id='lines above inserted'),
    pytest.param({**W102_TESTING, 'Operators want': 'Admins want'}, '', 1,
                 id='text above changed'),
    pytest.param({**W102_TESTING, DEPENDENCIES: 'None. \n'},
                 f'{SPEC}:42:6: W102 trailing whitespace\n', 1,
                 id='same code in another section'),
    pytest.param({TESTING: TESTING.replace('.\n', '.  \n')}, '', 1,
                 id='more trailing whitespace on the line'),
    pytest.param({'Testing\n=======\n': 'Testin\n======\n', **W102_TESTING},
                 f"{SPEC}:54:1: S107 section title 'Testin' is not in the "
                 f"template; did you mean 'Testing'?\n"
                 f'{SPEC}:57:53: W102 trailing whitespace\n', 0,
                 id='section renamed'),
    pytest.param({}, '', 0, id='fixed'),
])
def test_baselined_finding(
        now: dict[str, str], reported: str, silenced: int,
        capsys: pytest.CaptureFixture[str],
) -> None:
    write_spec(W102_TESTING)
    make_baseline(capsys)
    assert written() == [trailing('Testing')]
    write_spec(now)
    assert check_spec.main(['--baseline', BASELINE, SPEC]) == \
        (1 if reported else 0)
    assert capsys.readouterr() == (
        reported, SUMMARY.format('1 finding') if silenced else '')


@pytest.mark.parametrize(('before', 'now', 'reported'), [
    pytest.param(1, 1, [], id='one of one'),
    pytest.param(2, 3, [3], id='a third'),
    pytest.param(2, 2, [], id='two of two'),
    pytest.param(3, 2, [], id='one fixed'),
    pytest.param(1, 3, [2, 3], id='two more'),
])
def test_equal_findings_are_counted(
        before: int, now: int, reported: list[int],
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Equal findings in one section: as many are silenced as the
    baseline has; the later ones are new."""
    def spec(count: int) -> dict[str, str]:
        return {DEPENDENCIES: ''.join(f'None {n}. \n\n'
                                      for n in range(1, count + 1))}

    write_spec(spec(before))
    make_baseline(capsys)
    assert written() == [trailing('Dependencies')] * before
    write_spec(spec(now))
    assert check_spec.main(['--baseline', BASELINE, SPEC]) == \
        (1 if reported else 0)
    out, err = capsys.readouterr()
    assert out == ''.join(f'{SPEC}:{40 + 2 * n}:8: W102 trailing '
                          f'whitespace\n' for n in reported)
    assert err == SUMMARY.format(
        f'{now - len(reported)} finding{"s" * (now - len(reported) > 1)}')


def test_line_numbers_in_messages_do_not_count(
        capsys: pytest.CaptureFixture[str]) -> None:
    """S108 names the line of the first section: lines inserted above
    change it, and the finding is still the baseline's."""
    duplicate = {TESTING: f'{TESTING}\nTesting\n=======\n\nMore.\n'}
    write_spec(duplicate)
    make_baseline(capsys)
    assert written() == [entry(
        'S108', 'Testing',
        "duplicate section 'Testing' (first at line N): merge the two")]
    write_spec({**duplicate, PROPOSED: f'{PROPOSED}\nMore.\n'})
    assert check_spec.main(['--baseline', BASELINE, SPEC]) == 0
    assert capsys.readouterr() == ('', SUMMARY.format('1 finding'))


def test_renamed_spec_drops_its_entries(
        capsys: pytest.CaptureFixture[str]) -> None:
    write_spec(W102_TESTING)
    make_baseline(capsys)
    moved = 'specs/implemented/awesome-thing.rst'
    os.makedirs('specs/implemented')
    os.rename(SPEC, moved)
    assert check_spec.main(['--baseline', BASELINE, moved]) == 1
    assert capsys.readouterr() == (
        f'{moved}:57:53: W102 trailing whitespace\n', '')
    make_baseline(capsys)
    assert written() == [entry('W102', 'Testing', 'trailing whitespace',
                               moved)]


def test_rewrite_drops_fixed_findings(
        capsys: pytest.CaptureFixture[str]) -> None:
    write_spec({**W102_TESTING, DEPENDENCIES: 'None. \n'})
    make_baseline(capsys)
    assert written() == [trailing('Dependencies'), trailing('Testing')]
    write_spec(W102_TESTING)
    assert check_spec.main(['--baseline', BASELINE, SPEC]) == 0
    assert capsys.readouterr() == ('', SUMMARY.format('1 finding'))
    assert baseline.main([]) == 0
    assert capsys.readouterr() == (
        f'{BASELINE}: 1 finding in 1 file baselined\n', '')
    assert written() == [trailing('Testing')]


def test_output_is_sorted_stable_json(
        capsys: pytest.CaptureFixture[str]) -> None:
    write_spec({**W102_TESTING, 'Proposed change\n===============':
                'Propösed change\n===============',
                DEPENDENCIES: 'None. \n'})
    write_spec(W102_TESTING, 'other/zz-spec.rst')
    make_baseline(capsys, SPEC, 'other')
    first = pathlib.Path(BASELINE).read_bytes()
    make_baseline(capsys, '--jobs', '1', 'other', SPEC)
    assert pathlib.Path(BASELINE).read_bytes() == first
    assert first.decode() == json.dumps({'findings': [
        entry('S112', 'Resize volumes of running servers',
              "blueprint URL names 'awesome-thing' but the file is "
              "'zz-spec.rst': rename one to match the other",
              'other/zz-spec.rst'),
        entry('W102', 'Testing', 'trailing whitespace', 'other/zz-spec.rst'),
        entry('S107', 'Propösed change', "section title 'Propösed change' "
              "is not in the template; did you mean 'Proposed change'?"),
        trailing('Dependencies'),
        trailing('Testing'),
    ], 'version': 1}, indent=2, sort_keys=True, ensure_ascii=False) + '\n'


def test_given_files_replace_only_their_entries(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Entries of files not checked stay while those files exist."""
    write_spec(W102_TESTING)
    write_spec({DEPENDENCIES: 'None. \n'}, 'specs/x/awesome-thing.rst')
    write_spec({DEPENDENCIES: 'None. \n'}, 'specs/y/awesome-thing.rst')
    make_baseline(capsys)
    os.remove('specs/y/awesome-thing.rst')
    write_spec({})
    make_baseline(capsys, SPEC)
    assert written() == [entry('W102', 'Dependencies', 'trailing whitespace',
                               'specs/x/awesome-thing.rst')]


def test_paths_are_relative_to_the_baseline_from_any_directory(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The config's baseline is relative to the config file; the
    baseline's paths to the baseline's directory."""
    pathlib.Path('pyproject.toml').write_text(
        '[tool.spec-hooks]\nbaseline = "ci/baseline.json"\n')
    os.mkdir('ci')
    write_spec(W102_TESTING)
    make_baseline(capsys)
    assert written('ci/baseline.json') == [
        entry('W102', 'Testing', 'trailing whitespace',
              '../specs/awesome-thing.rst')]
    monkeypatch.chdir(tmp_path / 'specs')
    assert check_spec.main(['awesome-thing.rst']) == 0
    assert capsys.readouterr() == ('', (
        f'1 finding in the baseline {tmp_path}/ci/baseline.json: not '
        f'reported\n'))
    write_spec(W102_TESTING, 'other/awesome-thing.rst')
    assert check_spec.main([str(tmp_path / SPEC),
                            'other/awesome-thing.rst']) == 1
    assert capsys.readouterr().out == \
        'other/awesome-thing.rst:57:53: W102 trailing whitespace\n'


@pytest.mark.parametrize('hook', HOOKS)
def test_every_hook_takes_a_baseline(
        hook: Callable[[Sequence[str] | None], int],
        capsys: pytest.CaptureFixture[str]) -> None:
    """A baseline of every family: each hook silences what it finds."""
    write_spec({
        **W102_TESTING,
        'Proposed change\n===============': 'Propsed change\n==============',
        '  # Copyright (C) 2026': '  # Copyleft (C) 2026',
        'Operators want': '.. spec-hooks: nonsense\n\nOperators want',
        'https://blueprints.launchpad.net/nova/+spec/awesome-thing':
            'https://blueprints.launchpad.net/nova/+spec/example',
        DEPENDENCIES: 'None :bogus:`x`.\n\n*Delete this paragraph when '
                      'you write your blueprint.*\n',
    })
    make_baseline(capsys)
    assert {f['code'] for f in written()} == {
        'L102', 'N101', 'R102', 'S107', 'S112', 'T101', 'W102'}
    assert hook(['--baseline', BASELINE, SPEC]) == 0
    assert capsys.readouterr().out == ''


def test_json_format_keeps_stdout(
        capsys: pytest.CaptureFixture[str]) -> None:
    write_spec(W102_TESTING)
    make_baseline(capsys)
    assert check_spec.main(['--format', 'json', '--baseline', BASELINE,
                            SPEC]) == 0
    assert capsys.readouterr() == ('[]\n', SUMMARY.format('1 finding'))


# --- bad input is never baselined ------------------------------------------

def test_bad_input_is_not_baselined(
        capsys: pytest.CaptureFixture[str]) -> None:
    write_spec(W102_TESTING)
    pathlib.Path('specs/empty.rst').write_text('')
    assert baseline.main([]) == 1
    assert capsys.readouterr() == (
        'specs/empty.rst:1:1: E904 file is empty\n'
        f'{BASELINE}: 1 finding in 1 file baselined\n', '')
    assert written() == [trailing('Testing')]
    data = json.loads(pathlib.Path(BASELINE).read_text())
    data['findings'].append(entry('E904', None, 'file is empty',
                                  'specs/empty.rst'))
    pathlib.Path(BASELINE).write_text(json.dumps(data))
    assert check_spec.main(['--baseline', BASELINE, 'specs']) == 1
    assert capsys.readouterr() == (
        'specs/empty.rst:1:1: E904 file is empty\n',
        SUMMARY.format('1 finding'))


# --- baseline files refused ------------------------------------------------

BAD_BASELINES = [
    pytest.param('missing', 'cannot read the baseline: file not found',
                 id='missing'),
    pytest.param('directory',
                 'cannot read the baseline: is a directory, not a file',
                 id='directory'),
    pytest.param('fifo', 'cannot read the baseline: not a regular file',
                 id='FIFO'),
    pytest.param(b'{"version": 1, "findings": [', 'not a baseline: invalid '
                 'JSON: Expecting value: line 1 column 29 (char 28)',
                 id='not JSON'),
    pytest.param(b'\xff', "not a baseline: invalid JSON: 'utf-8' codec "
                 "can't decode byte 0xff in position 0: invalid start byte",
                 id='not UTF-8'),
    pytest.param(b'{"version": 2, "findings": []}',
                 'baseline version 2: this spec-hooks reads version 1; run '
                 'spec-hooks baseline', id='version 2'),
    pytest.param(b'{"version": true, "findings": []}',
                 'baseline version True: this spec-hooks reads version 1; '
                 'run spec-hooks baseline', id='version true'),
    pytest.param(b'[]', 'not a baseline: no "version"', id='a list'),
    pytest.param(b'{"version": 1}',
                 'not a baseline: "findings" must be a list',
                 id='no findings'),
    pytest.param(b'{"version": 1, "findings": [{"path": "a.rst", '
                 b'"code": "W102", "message": "m"}]}',
                 'not a baseline: finding 1 must have a "path", "code" and '
                 '"message" (strings) and a "section" (a string or null), '
                 'and nothing else', id='no section'),
]


def make_bad_baseline(content: bytes | str) -> str:
    path = 'bad-baseline.json'
    if content == 'directory':
        os.mkdir(path)
    elif content == 'fifo':
        os.mkfifo(path)  # reading it would block forever
    elif isinstance(content, bytes):
        pathlib.Path(path).write_bytes(content)
    return path


@pytest.mark.parametrize(('content', 'error'), BAD_BASELINES)
@pytest.mark.parametrize('hook', [check_spec.main, check_spec_style.main])
def test_bad_baseline_checks_nothing(
        hook: Callable[[Sequence[str] | None], int],
        content: bytes | str, error: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = make_bad_baseline(content)
    write_spec(W102_TESTING)
    assert hook(['--baseline', path, SPEC]) == 2
    assert capsys.readouterr() == ('', f'error: {path}: {error}\n')


@pytest.mark.parametrize(('content', 'error'), [
    param for param in BAD_BASELINES if param.id != 'missing'])
def test_bad_baseline_is_not_overwritten(
        content: bytes | str, error: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = make_bad_baseline(content)
    write_spec(W102_TESTING)
    assert baseline.main(['--baseline', path]) == 2
    assert capsys.readouterr() == ('', f'error: {path}: {error}\n')
    if isinstance(content, bytes):
        assert pathlib.Path(path).read_bytes() == content


def test_config_baseline_missing(capsys: pytest.CaptureFixture[str],
                                 tmp_path: pathlib.Path) -> None:
    pathlib.Path('setup.cfg').write_text('[spec-hooks]\nbaseline = b.json\n')
    write_spec(W102_TESTING)
    assert check_spec.main([SPEC]) == 2
    assert capsys.readouterr() == (
        '', f'error: {tmp_path}/b.json: cannot read the baseline: file not '
        f'found\n')
    make_baseline(capsys)
    assert written('b.json') == [trailing('Testing')]


@pytest.mark.parametrize(('argv', 'error'), [
    (['-'], 'cannot baseline standard input (-)'),
    (['--select', 'W1', '--ignore', 'W1'],
     '--select and --ignore both name W1: choose one'),
    (['--fix'], 'unrecognized arguments: --fix'),
])
def test_usage_errors(argv: list[str], error: str,
                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        baseline.main(argv)
    assert e.value.code == 2
    assert capsys.readouterr() == ('', f'error: {error}\n')
    assert not os.path.exists(BASELINE)


# --- which files the command checks ----------------------------------------

def test_default_files_are_git_s(tmp_path: pathlib.Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """In a git work tree: the .rst files git tracks or does not ignore,
    below the working directory; outside one, every .rst below it."""
    if shutil.which('git') is None:
        pytest.skip('git not installed')
    for path in ('specs/a.rst', 'specs/new.rst', 'venv/x.rst', 'README.md',
                 '.hidden/h.rst', 'specs/gone.rst'):
        pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(path).write_text('x\n')
    assert baseline.repository_specs() == [
        'specs/a.rst', 'specs/gone.rst', 'specs/new.rst', 'venv/x.rst']
    os.rmdir('.git')
    pathlib.Path('.gitignore').write_text('venv/\n')

    def git(*args: str) -> None:
        subprocess.run(['git', '-c', 'user.name=t', '-c', 'user.email=t@t',
                        *args], check=True, capture_output=True)

    git('init', '-q', '.')
    git('add', 'specs/a.rst', 'specs/gone.rst', '.hidden/h.rst')
    git('commit', '-q', '-m', 'specs')
    os.remove('specs/gone.rst')
    assert baseline.repository_specs() == [
        '.hidden/h.rst', 'specs/a.rst', 'specs/new.rst']
    os.chdir('specs')
    assert baseline.repository_specs() == ['a.rst', 'new.rst']


def test_app_runs_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    write_spec(W102_TESTING)
    assert app.main(['baseline', '--baseline', 'b.json']) == 0
    assert capsys.readouterr() == (
        'b.json: 1 finding in 1 file baselined\n', '')
    assert 'baseline' in app.COMMANDS


# --- as processes ----------------------------------------------------------

def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', *argv], capture_output=True, text=True,
        env={**os.environ, 'PYTHONPATH': REPO},
    )


def test_processes() -> None:
    write_spec(W102_TESTING)
    made = run('spec_hooks.app', 'baseline', '--baseline', 'b.json', SPEC)
    assert (made.returncode, made.stdout, made.stderr) == (
        0, 'b.json: 1 finding in 1 file baselined\n', '')
    assert written('b.json') == [trailing('Testing')]
    write_spec({**W102_TESTING, PROPOSED: f'{PROPOSED}\nMore.\n',
                DEPENDENCIES: 'None. \n'})
    checked = run('spec_hooks.check_spec', '--baseline', 'b.json', SPEC)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        1, f'{SPEC}:44:6: W102 trailing whitespace\n',
        '1 finding in the baseline b.json: not reported\n')
    pathlib.Path('b.json').write_text('{}')
    refused = run('spec_hooks.check_spec', '--baseline', 'b.json', SPEC)
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2, '', 'error: b.json: not a baseline: no "version"\n')


@pytest.mark.parametrize('hook', ['check_spec_license',
                                  'check_spec_leftovers'])
def test_fast_hooks_stay_without_docutils(
        hook: str, capsys: pytest.CaptureFixture[str]) -> None:
    write_spec({'Operators want': '*Delete this paragraph when you write '
                                  'your blueprint.*\n\nOperators want',
                '  # Copyright (C) 2026': '  # Copyleft (C) 2026'})
    make_baseline(capsys)
    assert run_in_fresh_interpreter(
        hook, ['--baseline', BASELINE, SPEC]) == (0, False)


def test_default_baseline_beside_the_config(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Without baseline set, the hooks read .spec-hooks-baseline.json
    beside the config file where it exists; where it does not, none."""
    pathlib.Path('setup.cfg').write_text('[spec-hooks]\nignore = W101\n')
    write_spec(W102_TESTING)
    assert check_spec.main([SPEC]) == 1
    assert capsys.readouterr().err == ''
    make_baseline(capsys)
    assert check_spec.main([SPEC]) == 0
    assert capsys.readouterr() == ('', SUMMARY.format('1 finding'))
    monkeypatch.chdir(tmp_path / 'specs')
    assert check_spec_style.main(['awesome-thing.rst']) == 0
    assert capsys.readouterr() == ('', (
        '1 finding in the baseline ../.spec-hooks-baseline.json: not '
        'reported\n'))
    (tmp_path / BASELINE).write_text('{}')
    assert check_spec.main(['awesome-thing.rst']) == 2
    assert capsys.readouterr() == ('', (
        'error: ../.spec-hooks-baseline.json: not a baseline: no '
        '"version"\n'))
