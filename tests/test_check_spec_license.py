from __future__ import annotations

import json
import os
import pathlib
import stat
from collections.abc import Callable
from typing import Any

import pytest

from spec_hooks import cli
from spec_hooks.check_spec_license import main
from tests.conftest import (
    BAD_INPUTS,
    make_bad_input,
    run_in_fresh_interpreter,
)
from tests.test_license import (
    BODY,
    CC,
    CC_TEMPLATE,
    CC_WORDS,
    EXAMPLE_TEXT,
    NOTE,
    NOTE_TEMPLATE,
    YEAR,
    apache,
)

FIX = ['--fix', '--copyright-holder', 'ACME']
MISSING = ("L101 license header missing: the template starts with "
           "'Copyright (C) 2014, <Copyright holder> Licensed under the ...'; "
           "set copyright-holder so that --fix can insert it")
MISSING_WITH_HOLDER = MISSING.replace(
    'set copyright-holder so that --fix can insert it',
    'run with --fix to insert it',
)


@pytest.fixture(autouse=True)
def cwd(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No config file but the ones a test writes."""
    monkeypatch.chdir(tmp_path)


def header(newline: str, holder: str = 'ACME') -> bytes:
    """What --fix inserts on top: the template's header and a blank line."""
    lines = [*apache(YEAR, holder), '']
    return ''.join(line + newline for line in lines).encode()


def spec(tmp_path: pathlib.Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return str(path)


def read(path: str) -> bytes:
    return pathlib.Path(path).read_bytes()


def test_clean_exits_0(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = spec(tmp_path, 'awesome-thing.rst', EXAMPLE_TEXT)
    assert main([path]) == 0
    assert main([*FIX, path]) == 0
    assert capsys.readouterr() == ('', '')
    assert read(path) == EXAMPLE_TEXT.encode()


def test_no_files_exits_0(capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PRE_COMMIT', '1')
    assert main([]) == 0
    assert capsys.readouterr() == ('', '')


def test_findings_exit_1(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = spec(tmp_path, 'spec.rst', BODY)
    assert main([path]) == 1
    assert capsys.readouterr() == (f'{path}:1:1: {MISSING}\n', '')
    assert main(['--fix', path]) == 1  # no holder: nothing to insert
    assert capsys.readouterr() == (f'{path}:1:1: {MISSING}\n', '')
    assert read(path) == BODY.encode()


ODD = BODY + 'Tabs\tand trailing spaces  \nzero\u200bwidth, line\u2028sep\n'


@pytest.mark.parametrize(
    ('raw', 'newline'), [
        pytest.param(BODY.encode(), '\n', id='LF'),
        pytest.param(BODY.replace('\n', '\r\n').encode(), '\r\n', id='CRLF'),
        pytest.param(BODY.replace('\n', '\r').encode(), '\r', id='CR'),
        pytest.param(b'\xef\xbb\xbf' + BODY.encode(), '\n', id='BOM'),
        pytest.param(b'\xef\xbb\xbf' + BODY.replace('\n', '\r\n').encode(),
                     '\r\n', id='BOM and CRLF'),
        pytest.param(BODY.rstrip('\n').encode(), '\n', id='no final EOL'),
        pytest.param(ODD.encode(), '\n', id='odd characters'),
        pytest.param(ODD.replace('\n', '\r\n', 3).encode(), '\r\n',
                     id='mixed endings'),
    ],
)
def test_fix_inserts_the_header_and_nothing_else(
        tmp_path: pathlib.Path, raw: bytes, newline: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = spec(tmp_path, 'spec.rst', raw)
    bom = b'\xef\xbb\xbf' if raw.startswith(b'\xef\xbb\xbf') else b''

    assert main([*FIX, path]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    fixed = bom + header(newline) + raw[len(bom):]
    assert read(path) == fixed

    assert main([*FIX, path]) == 0  # idempotent
    assert capsys.readouterr() == ('', '')
    assert read(path) == fixed
    assert os.listdir(tmp_path) == ['spec.rst']


def test_fix_takes_the_holder_from_the_config(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'setup.cfg').write_text(
        '[spec-hooks]\ncopyright-holder = Config Corp, Inc.\n',
    )
    path = spec(tmp_path, 'spec.rst', BODY)
    assert main(['--fix', path]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert read(path) == header('\n', 'Config Corp, Inc.') + BODY.encode()
    assert main(['--fix', path]) == 0


def test_fix_appends_for_position_end(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'template.rst').write_text(
        '\n'.join(CC) + '\n\n=======\n Title\n=======\n\nText.\n',
    )
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\ntemplate = "template.rst"\n'
        'license-position = "end"\n',
    )
    raw = b'=====\r\nTitle\r\n=====\r\n\r\nText.'
    path = spec(tmp_path, 'spec.rst', raw)

    assert main(['--fix', path]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    fixed = raw + b'\r\n\r\n' + '\r\n'.join(CC).encode() + b'\r\n'
    assert read(path) == fixed

    assert main(['--fix', path]) == 0
    assert capsys.readouterr() == ('', '')
    assert read(path) == fixed


def test_fix_fills_in_the_year_of_a_license_file(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'HEADER.txt').write_text(
        'Copyright (c) <YEAR> <COPYRIGHT HOLDER>\n\nLicensed under the '
        'Apache License, Version 2.0.\n',
    )
    path = spec(tmp_path, 'spec.rst', BODY)
    argv = [*FIX, '--license-file', 'HEADER.txt', path]

    assert main(argv) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    fixed = (f'..\n Copyright (c) {YEAR} ACME\n\n Licensed under the '
             f'Apache License, Version 2.0.\n\n{BODY}').encode()
    assert read(path) == fixed

    assert main(argv) == 0
    assert capsys.readouterr() == ('', '')
    assert read(path) == fixed


@pytest.mark.parametrize(
    ('old', 'new', 'expected'), [
        ('Version 2.0', 'Version 3.0',
         "3:1: L102 license header differs from the template: after "
         "'Apache License, Version': expected '2.0', found '3.0'"),
        ('you may\n  # not use', 'you\n  # not use',
         '3:1: L102 license header differs from the template: after '
         '\'(the "License"); you\': missing \'may\''),
        ('Example Cloud Ltd.', '<Copyright holder>',
         "3:1: L104 copyright holder not filled in: replace '<Copyright "
         "holder>' with the holder's name"),
        ('2026', 'YYYY',
         f'3:1: L105 copyright year not filled in: write the year, e.g. '
         f'{YEAR}'),
        ('::\n\n', 'Intro.\n\n::\n\n',
         '5:1: L103 license header is not at the top of the file: move it '
         'there'),
    ],
)
def test_fix_never_touches_a_header_that_is_there(
        tmp_path: pathlib.Path, old: str, new: str, expected: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    assert old in EXAMPLE_TEXT
    raw = EXAMPLE_TEXT.replace(old, new, 1).replace('\n', '\r\n').encode()
    path = spec(tmp_path, 'spec.rst', raw)
    assert main([*FIX, path]) == 1
    assert capsys.readouterr() == (f'{path}:{expected}\n', '')
    assert read(path) == raw


def test_json_output_stays_pure_with_fix(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    fixme = spec(tmp_path, 'a.rst', BODY)
    altered = spec(tmp_path, 'b.rst',
                   EXAMPLE_TEXT.replace('Version 2.0', 'Version 3.0'))
    assert main([*FIX, '--format', 'json', fixme, altered]) == 1
    out, err = capsys.readouterr()
    assert err == f'Fixing {fixme}\n'
    assert json.loads(out) == [{
        'path': altered, 'line': 3, 'column': 1, 'code': 'L102',
        'message': "license header differs from the template: after 'Apache "
                   "License, Version': expected '2.0', found '3.0'",
    }]
    assert read(fixme) == header('\n') + BODY.encode()

    assert main([*FIX, '--format', 'json', fixme]) == 0
    assert capsys.readouterr() == ('[]\n', '')


@pytest.mark.parametrize(('content', 'expected'), BAD_INPUTS)
def test_bad_input_is_one_line_and_the_others_are_still_fixed(
        tmp_path: pathlib.Path, content: bytes | str, expected: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_input(tmp_path, content)
    before = content if isinstance(content, bytes) else None
    fixme = spec(tmp_path, 'fixme.rst', BODY)
    altered = spec(tmp_path, 'altered.rst',
                   EXAMPLE_TEXT.replace('Version 2.0', 'Version 3.0'))

    assert main([*FIX, str(bad), fixme, altered]) == 1

    out, err = capsys.readouterr()
    fixing, *found = out.splitlines()
    assert fixing == f'Fixing {fixme}'
    assert sorted(found) == sorted([
        f'{bad}:1:1: {expected}',
        f"{altered}:3:1: L102 license header differs from the template: "
        f"after 'Apache License, Version': expected '2.0', found '3.0'",
    ])
    assert err == ''
    assert read(fixme) == header('\n') + BODY.encode()
    if before is not None:
        assert bad.read_bytes() == before


def test_fix_through_a_symlink(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    real = spec(tmp_path, 'real.rst', BODY)
    link = tmp_path / 'link.rst'
    link.symlink_to('real.rst')
    assert main([*FIX, str(link)]) == 1
    assert capsys.readouterr() == (f'Fixing {link}\n', '')
    assert link.is_symlink()
    assert read(real) == header('\n') + BODY.encode()


def test_a_read_only_directory_does_not_stop_a_fix(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """The file is written in place: nothing is created beside it."""
    locked = tmp_path / 'locked'
    locked.mkdir()
    path = spec(locked, 'spec.rst', BODY)
    locked.chmod(0o555)
    try:
        assert main([*FIX, path]) == 1
    finally:
        locked.chmod(0o755)
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert read(path) == header('\n') + BODY.encode()
    assert os.listdir(locked) == ['spec.rst']


@pytest.mark.parametrize('mode', [0o444, 0o400, 0o555])
def test_a_read_only_file_is_never_replaced(
        tmp_path: pathlib.Path, mode: int,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """By its mode bits, whoever runs the hook: root could write it."""
    path = spec(tmp_path, 'spec.rst', BODY)
    fixme = spec(tmp_path, 'fixme.rst', BODY)
    os.chmod(path, mode)
    assert main([*FIX, path, fixme]) == 1
    assert capsys.readouterr() == (
        f'Fixing {fixme}\n'
        f'{path}:1:1: E905 cannot write the fix: the file is read-only\n'
        f'{path}:1:1: {MISSING_WITH_HOLDER}\n',
        '',
    )
    assert read(path) == BODY.encode()
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


def test_failed_write_is_e905_and_the_others_are_fixed(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    locked = spec(tmp_path, 'locked.rst', BODY)
    fixme = spec(tmp_path, 'fixme.rst', BODY)
    opener: Callable[[str, int], int] = os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if path.endswith('locked.rst') and flags & os.O_RDWR:
            raise PermissionError(13, 'Permission denied')
        return opener(path, flags, *args)

    monkeypatch.setattr(os, 'open', refuse)
    assert main([*FIX, locked, fixme]) == 1
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert out.splitlines()[:2] == [  # and what is still wrong in it
        f'Fixing {fixme}',
        f'{locked}:1:1: E905 cannot write the fix: Permission denied',
    ]
    assert [line.split()[1] for line in out.splitlines()[2:]] == ['L101']
    assert err == ''
    assert read(locked) == BODY.encode()
    assert read(fixme) == header('\n') + BODY.encode()
    assert sorted(os.listdir(tmp_path)) == ['fixme.rst', 'locked.rst']


@pytest.mark.parametrize(
    ('config', 'message'), [
        ('license-position = "middle"\n',
         'license-position must be one of top, end, anywhere'),
        ('copyright-holder = 1\n', 'copyright-holder must be a string'),
        ('license-fil = "x"\n',
         "unknown option 'license-fil'; did you mean 'license-file'?"),
    ],
)
def test_bad_config_exits_2_and_fixes_nothing(
        tmp_path: pathlib.Path, config: str, message: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    pyproject = tmp_path / 'pyproject.toml'
    pyproject.write_text('[tool.spec-hooks]\n' + config)
    path = spec(tmp_path, 'spec.rst', BODY)
    assert main([*FIX, path]) == 2
    assert capsys.readouterr() == ('', f'error: {pyproject}: {message}\n')
    assert read(path) == BODY.encode()


def test_fix_keeps_hard_links_owner_and_group(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = spec(tmp_path, 'spec.rst', BODY)
    other_name = tmp_path / 'other-name.rst'
    os.link(path, other_name)
    os.chmod(path, 0o604)
    if os.geteuid() == 0:
        os.chown(path, 4321, 8765)  # an owner and group that are not ours
    before = os.stat(path)
    assert main([*FIX, path]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    after = os.stat(path)
    assert read(str(other_name)) == header('\n') + BODY.encode()
    assert (after.st_ino, after.st_nlink, after.st_uid, after.st_gid,
            after.st_mode) == (before.st_ino, 2, before.st_uid,
                               before.st_gid, before.st_mode)


def test_a_file_changed_while_it_was_checked_is_not_written(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = spec(tmp_path, 'spec.rst', BODY)
    edited = ('Saved by an editor meanwhile.\n\n' + BODY).encode()
    fix_in_memory = cli._fixed

    def while_an_editor_saves(*args: Any) -> Any:
        pathlib.Path(path).write_bytes(edited)
        return fix_in_memory(*args)

    monkeypatch.setattr(cli, '_fixed', while_an_editor_saves)
    assert main([*FIX, path]) == 1
    assert capsys.readouterr() == (
        f'{path}:1:1: E905 cannot write the fix: the file changed while it '
        f'was checked; run again\n'
        f'{path}:1:1: {MISSING_WITH_HOLDER}\n', '',
    )
    assert read(path) == edited


QUOTE_FIRST = (
    '  Quoted text the author wrote.\n\n=====\nTitle\n=====\n\nText.\n'
)
NOT_SAFE = ('; not fixed, as --fix could not do it safely: the fixed '
            'document would differ from this one in more than the inserted '
            'license header')


@pytest.mark.parametrize(
    ('template', 'missing'), [
        pytest.param(CC_TEMPLATE, 'L101 license header missing: the template '
                     f'starts with {CC_WORDS}; run with --fix to insert it',
                     id='comment header'),
        pytest.param(None, MISSING_WITH_HOLDER, id='literal block header'),
    ],
)
def test_a_header_that_would_swallow_the_first_block_is_not_inserted(
        tmp_path: pathlib.Path, template: str | None, missing: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """The author's indented first block would continue the inserted
    comment or literal block: gone from the rendered document."""
    argv = []
    if template is not None:
        argv = ['--template', spec(tmp_path, 'template.rst', template)]
    path = spec(tmp_path, 's.rst', QUOTE_FIRST)
    for _ in range(2):
        assert main([*FIX, *argv, path]) == 1
        assert capsys.readouterr() == (
            f'{path}:1:1: {missing}{NOT_SAFE}\n', '',
        )
        assert read(path) == QUOTE_FIRST.encode()


def test_a_header_at_the_end_after_a_lone_cr_keeps_its_blank_line(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A line feed right after the last line's lone CR would make the two
    one CRLF line break: the blank line before the note would be gone."""
    template = spec(tmp_path, 'template.rst', NOTE_TEMPLATE)
    raw = b'=======\nMy spec\n=======\n\nLast line ends with a lone CR.\r'
    path = spec(tmp_path, 'my-spec.rst', raw)
    assert main(['--template', template, '--fix', path]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert read(path) == raw + b'\r' + '\n'.join(NOTE).encode() + b'\n'
    assert main(['--template', template, '--fix', path]) == 0
    assert capsys.readouterr() == ('', '')


def test_a_template_without_title_stops_the_run_before_anything_is_written(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    template = spec(tmp_path, 'template.rst', '\n'.join(CC[:3]) + '\n\n'
                    'A template without a title.\n')
    paths = [spec(tmp_path, name, '=======\nMy spec\n=======\n\nText.\n')
             for name in ('my-spec.rst', 'other.rst')]
    assert main(['--template', template, *FIX, *paths]) == 2
    assert capsys.readouterr() == (
        '', f'error: {template}: template has no title: a template is a '
            'reStructuredText spec with a title\n',
    )
    for path in paths:
        assert read(path) == b'=======\nMy spec\n=======\n\nText.\n'


HOLDERS = [
    pytest.param('ACME\nCorp', id='line feed'),
    pytest.param('ACME\rCorp', id='carriage return'),
    pytest.param('ACME\tCorp', id='tab'),
    pytest.param('ACME\x1bCorp', id='escape'),
    pytest.param('ACME\x85Corp', id='next line'),
    pytest.param('ACME\u2028Corp', id='line separator'),
]


@pytest.mark.parametrize('holder', HOLDERS)
def test_a_holder_that_is_not_one_line_is_a_usage_error(
        tmp_path: pathlib.Path, holder: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    raw = b'=====\r\nTitle\r\n=====\r\n\r\nText.\r\n'
    path = spec(tmp_path, 's.rst', raw)
    with pytest.raises(SystemExit) as exit:
        main(['--fix', '--copyright-holder', holder, path])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        f'error: argument --copyright-holder: copyright-holder must be one '
        f'line without control characters, not {holder!r}',
    )
    assert read(path) == raw


@pytest.mark.parametrize('holder', HOLDERS)
def test_a_holder_that_is_not_one_line_is_a_config_error(
        tmp_path: pathlib.Path, holder: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    pyproject = tmp_path / 'pyproject.toml'
    pyproject.write_text('[tool.spec-hooks]\ncopyright-holder = '
                         f'{json.dumps(holder)}\n')
    path = spec(tmp_path, 's.rst', BODY)
    assert main(['--fix', path]) == 2
    assert capsys.readouterr() == (
        '', f'error: {pyproject}: copyright-holder must be one line without '
            f'control characters, not {holder!r}\n',
    )
    assert read(path) == BODY.encode()


@pytest.mark.parametrize(
    ('text', 'imported'), [
        pytest.param(EXAMPLE_TEXT, False, id='nothing to fix'),
        pytest.param(BODY, True, id='a fix to verify'),
    ],
)
def test_docutils_is_imported_only_to_verify_a_fix(
        tmp_path: pathlib.Path, text: str, imported: bool,
) -> None:
    path = spec(tmp_path, 'awesome-thing.rst', text)
    assert run_in_fresh_interpreter('check_spec_license', [*FIX, path]) == (
        int(imported), imported)
