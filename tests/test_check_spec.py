from __future__ import annotations

import importlib
import multiprocessing
import os
import pathlib
import subprocess
import sys
import time
from typing import Any

import pytest

from spec_hooks import checks, doctree
from spec_hooks.check_spec import main
from spec_hooks.rules import FAMILIES
from spec_hooks.spec import MAX_FILE_SIZE, BadInput, Spec
from spec_hooks.sphinx import Vocabulary
from tests.conftest import BAD_INPUTS, REPO, make_bad_input
from tests.test_leftovers import DELETE_ME

BROKEN = (
    # a leftover, a typo in a title, a long line, an unknown directive
    ('Operators want to grow', 'Work items or tasks -- break the feature up '
     'into the things that need to be\ndone to implement it. Those parts '
     'might end up being done by different people,\nbut we\'re mostly trying '
     'to understand the timeline for implementation.\n\nOperators want to '
     'grow'),
    ('Testing\n=======', 'Testin\n======'),
    ('A tempest test resizes', 'A tempest test resizes ' + 'very ' * 12),
    ('The admin guide gains', '.. notte:: mind this\n\nThe admin guide gains'),
)


def write(tmp_path: pathlib.Path, text: str,
          name: str = 'awesome-thing.rst') -> pathlib.Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def broken(text: str) -> str:
    for old, new in BROKEN:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_clean(tmp_path: pathlib.Path, example_text: str,
               capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(write(tmp_path, example_text))]) == 0
    assert capsys.readouterr() == ('', '')


def test_every_concern_in_one_pass(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, broken(example_text))
    assert main([str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:25:1: T103 template guidance left in: 'Work items or tasks "
        "-- break the feature up into the things ...'; replace it with the "
        "spec's own text",
        f"{path}:58:1: S107 section title 'Testin' is not in the template; "
        "did you mean 'Testing'?",
        f'{path}:61:80: W101 line too long (113 > 79 characters)',
        f'{path}:66:4: R101 Unknown directive type "notte"; did you mean '
        "'note'?",
    ]


@pytest.mark.parametrize(
    ('options', 'codes'), [
        (['--select', 'S,W'], ['S107', 'W101']),
        (['--ignore', 'T,R'], ['S107', 'W101']),
        (['--select', 'S1,W', '--ignore', 'W1'], ['S107']),
        (['--ignore', 'S', '--select', 'S107'], ['S107']),
        (['--ignore', 'W101,S107,T103,R101'], []),
    ],
)
def test_select_and_ignore_by_longest_prefix(
        tmp_path: pathlib.Path, example_text: str, options: list[str],
        codes: list[str], capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, broken(example_text))
    assert main([*options, str(path)]) == (1 if codes else 0)
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == codes


def test_per_file_ignores_and_inline_disable(
        tmp_path: pathlib.Path, example_text: str,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / '.git').mkdir()
    (tmp_path / 'setup.cfg').write_text(
        '[spec-hooks]\nper-file-ignores =\n    old/*.rst = S1, W101\n',
    )
    (tmp_path / 'old').mkdir()
    write(tmp_path / 'old', broken(example_text))
    disabled = broken(example_text).replace(
        '\nDetailed problem', '\n.. spec-hooks: disable=T103,R1\n\n'
                              'Detailed problem', 1)
    write(tmp_path, disabled)
    monkeypatch.chdir(tmp_path)
    assert main(['old/awesome-thing.rst', 'awesome-thing.rst']) == 1
    out = capsys.readouterr().out
    assert [line.split()[:2] for line in out.splitlines()] == [
        ['awesome-thing.rst:60:1:', 'S107'],
        ['awesome-thing.rst:63:80:', 'W101'],
        ['old/awesome-thing.rst:25:1:', 'T103'],
        ['old/awesome-thing.rst:66:4:', 'R101'],
    ]


def test_deselected_checks_do_not_run(
        tmp_path: pathlib.Path, example_text: str,
        monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without S and R codes nothing needs docutils: it is never called."""
    parsed = []
    real_parse = doctree.parse

    def counting(text: str, source: str,
                 names: Vocabulary | None = None) -> object:
        parsed.append(source)
        return real_parse(text, source, names)

    monkeypatch.setattr(doctree, 'parse', counting)
    path = write(tmp_path, broken(example_text))
    assert main(['--select', 'L,T,W', str(path)]) == 1
    assert parsed == []
    assert main(['--select', 'S', str(path)]) == 1
    assert str(path) in parsed


def test_jobs_give_the_same_output_in_the_same_order(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    paths = [
        str(write(tmp_path, broken(example_text), f'spec-{n:02}.rst'))
        for n in range(20)
    ]
    assert main(['-j', '1', *paths]) == 1
    serial = capsys.readouterr().out
    assert main(['-j', '2', *reversed(paths)]) == 1
    assert capsys.readouterr().out == serial
    assert len(serial.splitlines()) == 20 * 5  # S112 for each name too


def test_fix_runs_every_fixer_once(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    _, body = example_text.split('\n\n==', 1)
    instruction = (
        '*Delete this paragraph when you write your blueprint.* Here are '
        'some\nsimple instructions. This template should be in ReSTructured '
        'text. The\nfilename in the git repository should match the '
        'launchpad URL, for example a\nURL of https://blueprints.launchpad.'
        'net/nova/+spec/awesome-thing should be\nnamed awesome-thing.rst .\n'
    )
    path = write(tmp_path, f'{instruction}\n==' + body)
    options = ['--fix', '--copyright-holder', 'Example Cloud Ltd.']
    assert main([*options, str(path)]) == 1
    assert capsys.readouterr().out == f'Fixing {path}\n'
    assert path.read_text() == example_text.replace('2026', str(
        __import__('time').localtime().tm_year))
    assert main([*options, str(path)]) == 0


@pytest.mark.parametrize(('content', 'expected'), BAD_INPUTS)
@pytest.mark.parametrize('jobs', ['1', '2'])
def test_bad_input_is_one_line_and_the_others_are_still_checked(
        tmp_path: pathlib.Path, example_text: str, content: bytes | str,
        expected: str, jobs: str, capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_input(tmp_path, content)
    good = [str(write(tmp_path, example_text, f'spec-{n}.rst'))
            for n in range(16)]  # enough for two worker processes
    assert main(['-j', jobs, '--ignore', 'S112', str(bad), *good]) == 1
    assert capsys.readouterr().out == f'{bad}:1:1: {expected}\n'


@pytest.mark.parametrize('argv', [['--select', 'S-1'], ['-j', 'many']])
def test_bad_options_are_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_every_family_has_its_check() -> None:
    for family in FAMILIES.values():
        if family.module is not None:
            assert callable(checks.check(family.prefix))


def test_line_separators_inside_lines_keep_line_numbers(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """docutils would split at U+2028, \\x1c.. too; findings stay on the
    right newline-separated line and nothing crashes."""
    text = broken(example_text).replace(
        'Operators want', 'Operators\u2028want\x1cand\x85want', 1)
    path = write(tmp_path, text)
    assert main(['--select', 'S,R', str(path)]) == 1
    assert [line.split()[:2] for line in
            capsys.readouterr().out.splitlines()] == [
        [f'{path}:58:1:', 'S107'], [f'{path}:66:4:', 'R101'],
    ]


@pytest.mark.parametrize(
    'body', [
        ''.join('  ' * i + '* x\n\n' for i in range(200)),
        ''.join('   ' * i + '.. note::\n\n' for i in range(600)) + 'x\n',
    ],
    ids=['bullets', 'notes'],
)
@pytest.mark.parametrize('fix', [[], ['--fix', '--copyright-holder', 'A']])
def test_nesting_too_deep_is_one_line_and_the_others_go_on(
        tmp_path: pathlib.Path, example_text: str, body: str, fix: list[str],
        capsys: pytest.CaptureFixture[str],
) -> None:
    deep = write(tmp_path, 'T\n=\n\n' + body, 'deep.rst')
    good = write(tmp_path, example_text)
    assert main([*fix, str(deep), str(good)]) == 1
    found = capsys.readouterr().out.splitlines()
    # A header may still be inserted: the license fixer reads lines only.
    # Which limit speaks first (size, nesting before parsing, or docutils'
    # recursion) depends on the input; each is one E906 for that file.
    [line] = [line for line in found if not line.startswith('Fixing')]
    assert line.startswith(f'{deep}:')
    assert line.split()[1] == 'E906'
    assert any(reason in line for reason in (
        'nested too deeply to check: more than 50 lists',
        'nested too deeply to check: flatten the lists',
        'file too large to check: 545,707 characters',
    ))


@pytest.mark.parametrize(
    'how', [['--select', 'W'], ['--ignore', 'L,T'], ['--ignore', 'L101,T101']],
)
def test_fix_only_what_is_selected(
        tmp_path: pathlib.Path, example_text: str, how: list[str],
) -> None:
    _, body = example_text.split('\n\n==', 1)
    text = 'Delete this paragraph.\n\n==' + body
    path = write(tmp_path, text)
    main(['--fix', '--copyright-holder', 'A', *how, str(path)])
    assert path.read_text() == text


@pytest.mark.parametrize(
    'comment', [
        '.. spec-hooks: disable=L101,T101',
        '..  spec-hooks: disable = l101, t101',
        '.. spec-hooks:disable=L,T',
    ],
)
def test_fix_and_report_nothing_the_file_disables(
        tmp_path: pathlib.Path, example_text: str, comment: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    _, body = example_text.split('\n\n==', 1)
    text = f'Delete this paragraph.\n\n{comment}\n\n==' + body
    path = write(tmp_path, text)
    assert main(['--fix', '--copyright-holder', 'A', str(path)]) == 0
    assert path.read_text() == text
    assert capsys.readouterr().out == ''


def test_a_file_named_twice_is_checked_and_fixed_once(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, broken(example_text))
    assert main(['--select', 'S107', str(path), str(path)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_results_do_not_depend_on_file_order_or_workers(
        tmp_path: pathlib.Path, example_text: str,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Names one file's run teaches docutils are the run context's, not
    the process's: each of 16 identical specs gets the same findings,
    forwards, backwards, in workers, and run twice in one process."""
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\nextra-directives = ["house-diagram"]\n')
    monkeypatch.chdir(tmp_path)
    text = example_text.replace('\nNone.\n', '\n.. house-diagram:: x\n', 1)
    assert '.. house-diagram::' in text  # the only thing in Dependencies
    paths = [str(write(tmp_path, text, f'spec-{n:02}.rst')) for n in
             range(16)]
    outputs = []
    for argv in (paths, paths[::-1], ['-j', '2', *paths], paths):
        assert main(['--select', 'S110,R', *argv]) in (0, 1)
        outputs.append(capsys.readouterr().out)
    assert outputs == [outputs[0]] * 4
    assert outputs[0] == ''


def test_a_bad_template_stops_the_run_before_anything_is_written(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    template = tmp_path / 'template.rst'
    template.write_text('..\n This work is licensed under a Creative '
                        'Commons Attribution 3.0 Unported\n License.\n\n'
                        'A template without a title.\n')
    spec = write(tmp_path, 'My spec\n=======\n\nText.\n', 'my-spec.rst')
    before = spec.read_bytes()
    assert main(['--template', str(template), '--fix', str(spec)]) == 2
    assert spec.read_bytes() == before
    assert capsys.readouterr() == (
        '', f'error: {template}: template has no title: a template is a '
        'reStructuredText spec with a title\n',
    )


def test_a_note_keeps_what_follows_the_paragraph_fixed_out_of_it(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """The "Delete this paragraph" text as the body of a note that starts
    on its line, then a paragraph the author wrote into the note."""
    note = (
        '.. note:: *Delete this paragraph when you write your blueprint.* '
        'Here are some\n'
        '   simple instructions. This template should be in ReSTructured '
        'text. The\n'
        '   filename in the git repository should match the launchpad URL, '
        'for example a\n'
        '   URL of https://blueprints.launchpad.net/nova/+spec/awesome-thing '
        'should be\n'
        '   named awesome-thing.rst .\n'
        '\n'
        '   Keep this other note text, written by the author.\n'
        '\n'
    )
    title = '==================================\n Resize volumes'
    path = write(tmp_path, example_text.replace(title, note + title))
    assert main(['--fix', str(path)]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert path.read_text() == example_text.replace(title, (
        '.. note::\n\n   Keep this other note text, written by the author.'
        '\n\n' + title))
    assert main(['--fix', str(path)]) == 0


def test_fixes_that_are_not_safe_are_left_alike_on_every_run(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Without the paragraph, its '::' no longer makes the indented line a
    literal block; with the literal block, which mentions copyright, the
    license fixer leaves the header to a person."""
    text = (
        '*Delete this paragraph when you write your blueprint.* Here are '
        'some\nsimple instructions. This template should be in ReSTructured '
        'text. The\nfilename in the git repository should match the '
        'launchpad URL, for example a\nURL of https://blueprints.launchpad'
        '.net/nova/+spec/awesome-thing should be\nnamed awesome-thing.rst::'
        '\n\n  Copyright notice of the sample output\n\n'
        '=====\nTitle\n=====\n\nBody.\n'
    )
    path = write(tmp_path, text, 's.rst')
    for _ in range(2):
        assert main(['--fix', '--copyright-holder', 'X', '--select', 'L,T',
                     str(path)]) == 1
        assert capsys.readouterr() == (
            f"{path}:1:1: L101 license header missing: the template starts "
            f"with 'Copyright (C) 2014, <Copyright holder> Licensed under "
            f"the ...'; line 7 speaks of a license in another form, so --fix "
            f"leaves the header to you\n"
            f"{path}:1:1: T101 template instruction left in: '*Delete this "
            f"paragraph when you write your blueprint.* Here ...'; delete "
            f"the paragraph (--fix does); not fixed, as --fix could not do "
            f"it safely: the fixed document would differ from this one in "
            f"more than the removed \"Delete this paragraph\" paragraph\n",
            '',
        )
        assert path.read_text() == text


def take_turns(paths: list[str], hook: str, barrier: Any,
               report: str) -> None:
    """In a process of its own: fix each file with ``hook`` as soon as the
    other process is ready to fix it too."""
    main = importlib.import_module(f'spec_hooks.{hook}').main
    argv = ['--copyright-holder', 'ACME'] if hook.endswith('license') else []
    with open(report, 'w') as out:
        sys.stdout = out
        for path in paths:
            barrier.wait(timeout=60)
            print(main(['--fix', *argv, path]))


def test_two_runs_fixing_one_file_take_turns(
        tmp_path: pathlib.Path, example_text: str,
) -> None:
    """One run inserts the license header and the other removes the
    "Delete this paragraph" paragraph of the same file, at the same time,
    50 times: both fixes land every time."""
    _, _, rest = example_text.partition('  #\n\n')  # no license header
    title = '=================================='
    broken = rest.replace(title, DELETE_ME + '\n' + title, 1)
    paths = [str(write(tmp_path, broken, f'spec-{n:02}.rst'))
             for n in range(50)]
    context = multiprocessing.get_context('fork')
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=take_turns, args=(
            paths, hook, barrier, str(tmp_path / f'{hook}.out')))
        for hook in ('check_spec_license', 'check_spec_leftovers')
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    for hook in ('check_spec_license', 'check_spec_leftovers'):
        report = (tmp_path / f'{hook}.out').read_text()
        assert report == ''.join(f'Fixing {path}\n1\n' for path in paths)
    fixed = example_text.replace('Example Cloud Ltd.', 'ACME').replace(
        '2026', str(time.localtime().tm_year))
    for path in paths:
        assert pathlib.Path(path).read_text() == fixed


def hook(*argv: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """check-spec in a process of its own."""
    return subprocess.run(
        [sys.executable, '-m', 'spec_hooks.check_spec', *argv],
        stderr=subprocess.PIPE, text=True, timeout=60,
        env={**os.environ, 'PYTHONPATH': REPO, **options.pop('env', {})},
        **options,
    )


@pytest.fixture
def finding(tmp_path: pathlib.Path) -> str:
    """A spec with a finding, in a path that is not ASCII."""
    return str(write(tmp_path, 'Title\n=====\n\nText.\n', 'caf\u00e9.rst'))


@pytest.mark.parametrize('argv', [[], ['--list-rules'],
                                  ['--explain', 'T101']])
def test_output_to_a_closed_pipe(finding: str, argv: list[str]) -> None:
    """As in ``check-spec ... | head -0``."""
    read, written = os.pipe()
    os.close(read)
    try:
        done = hook(*argv, finding, stdout=written)
    finally:
        os.close(written)
    assert (done.returncode, done.stderr) == (
        2, 'error: cannot write the output: Broken pipe\n',
    )


@pytest.mark.skipif(not os.path.exists('/dev/full'), reason='no /dev/full')
@pytest.mark.parametrize('output', [[], ['--format', 'json']])
def test_output_to_a_full_disk(finding: str, output: list[str]) -> None:
    with open('/dev/full', 'w') as full:
        done = hook(*output, finding, stdout=full)
    assert (done.returncode, done.stderr) == (
        2, 'error: cannot write the output: No space left on device\n',
    )


def test_output_that_the_terminal_cannot_encode(finding: str) -> None:
    done = hook(os.path.basename(finding), stdout=subprocess.PIPE,
                cwd=os.path.dirname(finding),
                env={'PYTHONIOENCODING': 'ascii'})
    assert (done.returncode, done.stdout, done.stderr) == (
        2, '', "error: cannot write the output: 'ascii' codec can't encode "
               "character '\\xe9' in position 3: ordinal not in range(128)\n",
    )


def test_output_to_a_closed_stdout(finding: str) -> None:
    done = subprocess.run(
        ['sh', '-c', 'exec "$0" "$@" >&-', sys.executable, '-m',
         'spec_hooks.check_spec', finding],
        stderr=subprocess.PIPE, text=True, timeout=60,
        env={**os.environ, 'PYTHONPATH': REPO},
    )
    assert (done.returncode, done.stderr) == (
        2, 'error: cannot write the output: it is closed\n',
    )


def unreadable(tmp_path: pathlib.Path, kind: str) -> str:
    if kind == '/dev/zero':
        return kind
    return str(make_bad_input(tmp_path, kind))


@pytest.mark.parametrize(
    ('option', 'kind', 'message'), [
        ('--config', 'fifo', '{}: cannot read config: not a regular file'),
        ('--config', '/dev/zero',
         '{}: cannot read config: not a regular file'),
        ('--config', 'directory', '{}: cannot read config: Is a directory'),
        ('--config', 'huge', f'{{}}: cannot read config: larger than '
                             f'{MAX_FILE_SIZE} bytes'),
        ('--template', 'fifo', '{}: template cannot read: not a regular file'),
        ('--template', '/dev/zero',
         '{}: template cannot read: not a regular file'),
        ('--template', 'huge', f'{{}}: template cannot read: larger than '
                               f'{MAX_FILE_SIZE} bytes'),
        ('--license-file', 'fifo',
         'license-file {}: cannot read: not a regular file'),
        ('--license-file', '/dev/zero',
         'license-file {}: cannot read: not a regular file'),
        ('--license-file', 'directory',
         'license-file {}: is a directory, not a file'),
    ],
)
def test_every_file_read_is_a_regular_file_of_sane_size(
        tmp_path: pathlib.Path, example_text: str, option: str, kind: str,
        message: str,
) -> None:
    """Not read at all otherwise: a FIFO would block, /dev/zero never end.
    One line on stderr, exit 2, nothing checked."""
    path = unreadable(tmp_path, kind)
    spec = str(write(tmp_path, example_text))
    done = hook(option, path, spec, stdout=subprocess.PIPE)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, '', f'error: {message.format(path)}\n',
    )


@pytest.mark.skipif(not os.path.isdir('/proc/self/fd'), reason='no /proc')
@pytest.mark.parametrize('kind', ['directory', 'fifo', 'huge'])
def test_no_file_descriptor_is_left_open(
        tmp_path: pathlib.Path, kind: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Per file named that cannot be read, and per directory read as a
    file (as a template or a license file is)."""
    paths = []
    for n in range(20):
        directory = tmp_path / str(n)
        directory.mkdir()
        paths.append(str(make_bad_input(directory, kind)))
    before = len(os.listdir('/proc/self/fd'))
    searched = kind == 'directory'  # for specs below it: there are none
    for fix in ([], ['--fix']):
        assert main([*fix, '--jobs', '1', *paths]) == (0 if searched else 1)
    for path in paths:
        with pytest.raises(BadInput):
            Spec.read(path)
    assert len(os.listdir('/proc/self/fd')) == before
    assert len(capsys.readouterr().out.splitlines()) == (
        0 if searched else 40)
