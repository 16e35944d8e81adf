"""The command line every hook shares: formats, options, file arguments,
usage errors; through main(argv), and for the formats through processes."""
from __future__ import annotations

import configparser
import io
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

from spec_hooks import __version__, cli
from spec_hooks.check_spec import main
from spec_hooks.check_spec_style import main as style_main
from spec_hooks.rules import RULES
from tests.conftest import REPO

SCHEMA = pathlib.Path(__file__).parent / 'fixtures' / 'sarif-schema-2.1.0.json'
README = pathlib.Path(REPO) / 'README.md'
# Two W findings: a tab at column 3 of line 1, trailing space on line 2.
STYLE_BAD = 'A \tb\nSecond line. \n'
TAB = '{}:1:2: W103 tab character; use spaces\n'


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch,
                       tmp_path: pathlib.Path) -> None:
    """No colour or pre-commit variables, and a repository of its own as
    the working directory, so that no config above it is found (the tests
    also run from an unpacked sdist, which is no repository)."""
    for name in ('NO_COLOR', 'FORCE_COLOR', 'PRE_COMMIT'):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / '.git').mkdir()
    monkeypatch.chdir(tmp_path)


def write(directory: pathlib.Path, name: str, text: str) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding='utf-8')
    return str(path)


# --- formats ---------------------------------------------------------------

def test_github_format(tmp_path: pathlib.Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'a,b:c.rst', STYLE_BAD)
    escaped = path.replace(',', '%2C').replace(':', '%3A')
    assert style_main(['--format', 'github', path]) == 1
    assert capsys.readouterr() == (
        f'::error file={escaped},line=1,col=3,title=W103::W103 tab '
        f'character; use spaces\n'
        f'::error file={escaped},line=2,col=13,title=W102::W102 trailing '
        f'whitespace\n', '')


def test_github_format_escapes_message_newlines() -> None:
    from spec_hooks.diagnostics import Diagnostic, format_github

    found = [Diagnostic('a.rst', 1, 'W101', '100% long\nreally')]
    assert format_github(found) == \
        '::error file=a.rst,line=1,col=1,title=W101::W101 100%25 ' \
        'long%0Areally\n'


def sarif_log(text: str) -> dict[str, object]:
    log: dict[str, object] = json.loads(text)
    jsonschema = pytest.importorskip('jsonschema')
    schema = json.loads(SCHEMA.read_text(encoding='utf-8'))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def test_sarif_format_is_valid_sarif_2_1_0(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, 'spec.rst', STYLE_BAD)
    assert style_main(['--format', 'sarif', path]) == 1
    out, err = capsys.readouterr()
    assert err == ''
    log = sarif_log(out)
    assert log['version'] == '2.1.0'
    run, = log['runs']  # type: ignore[attr-defined]
    driver = run['tool']['driver']
    assert (driver['name'], driver['version']) == ('spec-hooks', __version__)
    assert [rule['id'] for rule in driver['rules']] == list(RULES)
    assert driver['rules'][list(RULES).index('W102')] == {
        'id': 'W102', 'name': 'trailing-whitespace',
        'shortDescription': {'text': RULES['W102'].summary},
        'fullDescription': {'text': RULES['W102'].why},
        'help': {'text': RULES['W102'].fix},
        'defaultConfiguration': {'enabled': True},
    }
    assert run['results'][1] == {
        'ruleId': 'W102', 'ruleIndex': list(RULES).index('W102'),
        'level': 'error', 'message': {'text': 'trailing whitespace'},
        'locations': [{'physicalLocation': {
            'artifactLocation': {'uri': 'file://' + path},
            'region': {'startLine': 2, 'startColumn': 13},
        }}],
    }


def test_sarif_relative_path_and_no_findings(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    write(tmp_path, 'my spec.rst', 'Clean.\n')
    write(tmp_path, 'other.rst', 'Tab\there.\n')
    assert style_main(['--format', 'sarif', 'my spec.rst']) == 0
    assert sarif_log(capsys.readouterr().out)['runs'][0]['results'] == []  # type: ignore[index]
    assert style_main(['--format', 'sarif', 'other.rst']) == 1
    result, = sarif_log(capsys.readouterr().out)['runs'][0]['results']  # type: ignore[index]
    assert result['locations'][0]['physicalLocation']['artifactLocation'] \
        == {'uri': 'other.rst'}


@pytest.mark.parametrize('fmt', ['github', 'sarif', 'json', 'text'])
def test_formats_through_a_process(tmp_path: pathlib.Path, fmt: str) -> None:
    path = write(tmp_path, 'spec.rst', STYLE_BAD)
    proc = subprocess.run(
        [sys.executable, '-m', 'spec_hooks.check_spec_style', '--format',
         fmt, path],
        env={**os.environ, 'PYTHONPATH': REPO}, capture_output=True,
        text=True, check=False,
    )
    assert (proc.returncode, proc.stderr) == (1, '')
    if fmt == 'sarif':
        results = sarif_log(proc.stdout)['runs'][0]['results']  # type: ignore[index]
        assert [r['ruleId'] for r in results] == ['W103', 'W102']
    elif fmt == 'json':
        assert [d['code'] for d in json.loads(proc.stdout)] == \
            ['W103', 'W102']
    else:
        assert len(proc.stdout.splitlines()) == 2
        assert proc.stdout.startswith(
            f'::error file={path},line=1' if fmt == 'github' else
            f'{path}:1:3: W103')


# --- options ---------------------------------------------------------------

def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(['--version'])
    assert exc.value.code == 0
    assert capsys.readouterr() == (f'spec-hooks {__version__}\n', '')


def test_version_has_one_source() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(pathlib.Path(REPO) / 'setup.cfg', encoding='utf-8')
    assert cfg['metadata']['version'] == 'attr: spec_hooks.__version__'
    assert re.fullmatch(r'\d+\.\d+\.\d+', __version__)


def test_statistics(tmp_path: pathlib.Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'spec.rst', 'A\tb \nc\td\n')
    assert style_main(['--statistics', path]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [
        '    2  W103  tab',
        '    1  W102  trailing-whitespace',
    ]


def test_statistics_keep_json_pure(tmp_path: pathlib.Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'spec.rst', 'A\tb\n')
    assert style_main(['--statistics', '--format', 'json', path]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 1
    assert err == '    1  W103  tab\n'


def test_exit_zero(tmp_path: pathlib.Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'spec.rst', 'A\tb\n')
    assert style_main(['--exit-zero', path]) == 0
    assert capsys.readouterr().out == TAB.format(path)


def test_exit_zero_keeps_usage_errors() -> None:
    with pytest.raises(SystemExit) as exc:
        style_main(['--exit-zero', '--select', 'Q'])
    assert exc.value.code == 2


@pytest.mark.parametrize(('config', 'options', 'codes'), [
    ('', [], ['W102', 'W103']),
    ('ignore = W102', [], ['W103']),
    ('ignore = W102', ['--ignore', 'W101'], ['W102', 'W103']),
    ('ignore = W102', ['--extend-ignore', 'W103'], []),
    ('extend-ignore = W102', ['--extend-ignore', 'W103'], []),
    ('extend-ignore = W102', ['--ignore', 'W103'], []),
    ('select = W103', [], ['W103']),
    ('select = W103', ['--extend-select', 'W102'], ['W102', 'W103']),
    ('select = W103\nextend-select = W102', [], ['W102', 'W103']),
    ('select = W103', ['--select', 'W102'], ['W102']),
    ('ignore = W', ['--extend-select', 'W102'], ['W102']),
])
def test_extend_select_and_ignore_add_to_the_config(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], config: str,
        options: list[str], codes: list[str],
) -> None:
    (tmp_path / 'setup.cfg').write_text(f'[spec-hooks]\n{config}\n')
    write(tmp_path, 'spec.rst', 'A\tb \n')
    assert style_main([*options, 'spec.rst']) == (1 if codes else 0)
    out = capsys.readouterr().out
    assert sorted(line.split()[1] for line in out.splitlines()) == codes


def test_extend_select_turns_on_an_off_by_default_rule(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from spec_hooks.check_spec_leftovers import main as leftovers_main

    assert not RULES['T105'].default
    template = write(tmp_path, 'template.rst', (
        'Title\n=====\n\n..\n  Describe the change here, in as much '
        'detail as the reviewers need to agree.\n\nText.\n'))
    path = write(tmp_path, 'spec.rst', (
        'Resize\n======\n\n..\n  Describe the change here, in as much '
        'detail as the reviewers need to agree.\n\nText.\n'))
    assert leftovers_main(['--template', template, path]) == 0
    assert leftovers_main(['--template', template, '--extend-select',
                           'T105', path]) == 1
    assert ' T105 ' in capsys.readouterr().out


@pytest.mark.parametrize(('options', 'error'), [
    (['--select', 'W102', '--ignore', 'W102'],
     'error: --select and --ignore both name W102: choose one'),
    (['--extend-select', 'T', '--ignore', 'S,T'],
     'error: --extend-select and --ignore both name T: choose one'),
    (['--select', 'w1', '--extend-ignore', 'W1'],
     'error: --select and --extend-ignore both name W1: choose one'),
    (['--format', 'xml'],
     "error: argument --format: invalid choice: 'xml' (choose from "
     "'github', 'json', 'sarif', 'text')"),
    (['--select', 'Q1'],
     "error: argument --select: codes: 'Q1' is not a code or code prefix "
     "of spec-hooks, like S1, L101 or W"),
    (['-j', 'many'],
     "error: argument -j/--jobs: jobs must be a whole number, not 'many'"),
    (['--bogus'], 'error: unrecognized arguments: --bogus'),
    (['--fix', '-'], 'error: argument --fix: cannot rewrite standard '
                     'input (-)'),
])
def test_usage_errors_are_one_line_naming_the_option(
        options: list[str], error: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(options)
    assert exc.value.code == 2
    assert capsys.readouterr() == ('', f'{error}\n')


def test_config_that_selects_and_ignores_a_code_is_a_usage_error(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\nextend-select = ["T105"]\n'
        'ignore = ["T105"]\n')
    path = write(tmp_path, 'spec.rst', 'Text.\n')
    assert style_main([path]) == 2
    assert capsys.readouterr() == ('', (
        f'error: {tmp_path / "pyproject.toml"}: extend-select and ignore '
        f'both name T105: choose one\n'))


def test_selecting_on_one_level_and_ignoring_on_another_is_allowed(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'setup.cfg').write_text('[spec-hooks]\nignore = W103\n')
    write(tmp_path, 'spec.rst', 'A\tb\n')
    assert style_main(['--select', 'W103', 'spec.rst']) == 1
    assert capsys.readouterr().out == TAB.format('spec.rst')


def test_jobs_0_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(['--help'])
    help_text = ' '.join(capsys.readouterr().out.split())
    assert '0 (the default): one per core' in help_text


# --- file arguments --------------------------------------------------------

def test_directories_are_searched_for_rst_files_in_sorted_order(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ('specs/z.rst', 'specs/b/a.rst', 'specs/a.rst',
                 'specs/.hidden/h.rst', 'specs/notes.txt', 'other.rst'):
        write(tmp_path, name, 'A\tb\n')
    specs, other = tmp_path / 'specs', tmp_path / 'other.rst'
    assert style_main([str(other), str(specs), str(specs / 'a.rst')]) == 1
    assert [line.split(':')[0] for line in
            capsys.readouterr().out.splitlines()] == sorted([
                str(other), str(specs / 'a.rst'), str(specs / 'b' / 'a.rst'),
                str(specs / 'z.rst')])


def test_directory_without_specs_says_so(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'empty').mkdir()
    assert style_main([str(tmp_path / 'empty')]) == 0
    assert capsys.readouterr() == (
        '', f'{tmp_path / "empty"}: no .rst file below this directory\n')


@pytest.mark.parametrize(('options', 'shown'), [
    ([], '-'),
    (['--stdin-filename', 'specs/resize.rst'], 'specs/resize.rst'),
])
def test_standard_input(monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str],
                        options: list[str], shown: str) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'A\tb\n'))
    monkeypatch.setattr(sys, 'stdin', stdin)
    assert style_main([*options, '-']) == 1
    assert capsys.readouterr() == (TAB.format(shown), '')


def test_stdin_filename_chooses_per_file_config(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'setup.cfg').write_text(
        '[spec-hooks]\nper-file-ignores =\n    old/*.rst = W103\n')
    monkeypatch.setattr(sys, 'stdin',
                        io.TextIOWrapper(io.BytesIO(b'A\tb\n')))
    assert style_main(['--stdin-filename', 'old/x.rst', '-']) == 0
    assert capsys.readouterr() == ('', '')


@pytest.mark.parametrize(('environment', 'err'), [
    ({}, 'no files given: nothing checked\n'),
    ({'PRE_COMMIT': '1'}, ''),
])
def test_no_file_names(monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str],
                       environment: dict[str, str], err: str) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert main([]) == 0
    assert capsys.readouterr() == ('', err)


# --- source and colour -----------------------------------------------------

def test_show_source_with_a_caret(tmp_path: pathlib.Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'spec.rst', STYLE_BAD)
    assert style_main(['--show-source', path]) == 1
    assert capsys.readouterr().out == (
        f'{path}:1:3: W103 tab character; use spaces\n'
        '    A \tb\n'
        '      ^\n'
        f'{path}:2:13: W102 trailing whitespace\n'
        '    Second line. \n'
        '                ^\n'
    )


def test_show_source_lines_up_after_tabs(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, 'spec.rst', '\tIndented. \n')
    assert style_main(['--show-source', '--select', 'W102', path]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        '    \tIndented. ', '    \t         ^']


def test_show_source_skips_bad_input(tmp_path: pathlib.Path,
                                     capsys: pytest.CaptureFixture[str],
                                     ) -> None:
    path = tmp_path / 'latin.rst'
    path.write_bytes(b'caf\xe9\n')
    assert style_main(['--show-source', str(path)]) == 1
    assert capsys.readouterr().out == (
        f'{path}:1:1: E902 not valid UTF-8 (byte 0xe9 on line 1); save the '
        f'file as UTF-8\n')


@pytest.mark.parametrize(('environment', 'tty', 'coloured'), [
    ({}, False, False),
    ({}, True, True),
    ({'NO_COLOR': '1'}, True, False),
    ({'FORCE_COLOR': '1'}, False, True),
    ({'NO_COLOR': '1', 'FORCE_COLOR': '1'}, False, False),
    ({'NO_COLOR': ''}, True, True),  # empty: not set
])
def test_colour(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str],
                environment: dict[str, str], tty: bool,
                coloured: bool) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys.stdout, 'isatty', lambda: tty)
    path = write(tmp_path, 'spec.rst', 'A\tb\n')
    assert style_main([path]) == 1
    expected = (f'\033[1m{path}\033[0m:1:2: \033[1;31mW103\033[0m tab '
                f'character; use spaces\n') if coloured else TAB.format(path)
    assert capsys.readouterr().out == expected


# --- the README documents every option -------------------------------------

def readme_options() -> set[str]:
    text = README.read_text(encoding='utf-8')
    table = text.split('### Command-line options\n', 1)[1].strip() \
        .split('\n\n')[0]
    rows = [line for line in table.splitlines()
            if line.startswith('| `')]
    return {
        flag for row in rows
        for flag in re.findall(r'(--?[a-z][a-z-]*)', row.split('|')[1])
    }


HOOKS = [('SLTRW', True), ('S', False), ('L', False), ('T', False),
         ('R', False), ('W', False)]


def parser_options() -> set[str]:
    return {
        flag for families, parallel in HOOKS
        for action in cli.parser('', families, parallel)._actions
        for flag in action.option_strings
    } - {'-h', '--help'}


def test_readme_option_table_is_the_parser_s() -> None:
    assert readme_options() == parser_options()


@pytest.mark.parametrize(('families', 'parallel'), HOOKS)
@pytest.mark.parametrize('argv', [
    [], ['spec.rst'], ['specs/a.rst', 'specs', 'b c.rst', ''],
], ids=['none', 'one', 'several'])
def test_file_names_alone_are_parsed_as_the_parser_would(
        families: str, parallel: bool, argv: list[str],
) -> None:
    expected = cli.parser('', families, parallel).parse_args(argv)
    assert cli.file_names_alone(argv, families, parallel) == expected


@pytest.mark.parametrize('argv', [
    ['-'], ['spec.rst', '--fix'], ['-j', '1', 'spec.rst'], ['--', 'x.rst'],
])
def test_any_option_is_left_to_the_parser(argv: list[str]) -> None:
    assert cli.file_names_alone(argv, 'SLTRW', True) is None
