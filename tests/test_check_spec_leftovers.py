from __future__ import annotations

import json
import pathlib
from collections.abc import Callable

import pytest

from spec_hooks.check_spec_leftovers import main
from spec_hooks.template import DEFAULT_TEMPLATE
from tests.conftest import (
    BAD_INPUTS,
    make_bad_input,
    run_in_fresh_interpreter,
)
from tests.test_leftovers import DELETE_ME, TESTING_GUIDANCE, TESTING_TEXT

TITLE = '==================================\n Resize volumes'
T101 = (
    "T101 template instruction left in: '*Delete this paragraph when you "
    "write your blueprint.* Here ...'; delete the paragraph (--fix does)"
)
T103 = (
    "T103 template guidance left in: 'Please discuss how the change will be "
    "tested. We especially ...'; replace it with the spec's own text"
)


def with_paragraph(text: str) -> str:
    """``text`` with the template's "Delete this paragraph" paragraph and
    one blank line before the title, where the template has them."""
    assert text.count(TITLE) == 1
    return text.replace(TITLE, DELETE_ME + '\n' + TITLE)


def with_guidance(text: str) -> str:
    """``text`` with the template's guidance as its Testing section's only
    text."""
    assert text.count(TESTING_TEXT) == 1
    return text.replace(TESTING_TEXT, TESTING_GUIDANCE)


def test_clean_file_exits_0(
        good: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(good)]) == 0
    assert capsys.readouterr() == ('', '')


def test_no_files_exits_0(capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PRE_COMMIT', '1')
    assert main([]) == 0
    assert capsys.readouterr() == ('', '')


def test_findings_exit_1(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    text = with_guidance(with_paragraph(example_text))
    path.write_text(text)
    assert main([str(path)]) == 1
    assert capsys.readouterr() == (
        f'{path}:19:1: {T101}\n{path}:63:1: {T103}\n', '',
    )
    assert path.read_text() == text  # no --fix, no change


def test_fix_then_clean(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_paragraph(example_text))

    assert main(['--fix', str(path)]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert path.read_text() == example_text

    assert main(['--fix', str(path)]) == 0
    assert capsys.readouterr() == ('', '')
    assert path.read_text() == example_text


def test_fix_reports_what_it_cannot_fix(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_guidance(with_paragraph(example_text)))

    assert main(['--fix', str(path)]) == 1
    assert capsys.readouterr() == (
        f'Fixing {path}\n{path}:57:1: {T103}\n', '',
    )
    fixed = path.read_text()
    assert fixed == with_guidance(example_text)

    assert main(['--fix', str(path)]) == 1  # guidance is for a person
    assert capsys.readouterr() == (f'{path}:57:1: {T103}\n', '')
    assert path.read_text() == fixed


def crlf(text: str) -> bytes:
    return text.replace('\n', '\r\n').encode()


def bom(text: str) -> bytes:
    return b'\xef\xbb\xbf' + text.encode()


def mixed(text: str) -> bytes:
    """CRLF, but LF on the lines of the Testing section."""
    head, tail = text.split('Testing\n', 1)
    return crlf(head) + b'Testing\n' + tail.encode()


Encode = Callable[[str], bytes]


@pytest.mark.parametrize(
    'encode', [
        pytest.param(crlf, id='CRLF'),
        pytest.param(bom, id='BOM'),
        pytest.param(lambda t: bom(t).replace(b'\n', b'\r\n'),
                     id='BOM and CRLF'),
        pytest.param(lambda t: t.rstrip('\n').encode(), id='no final EOL'),
        pytest.param(lambda t: crlf(t.rstrip('\n')),
                     id='CRLF, no final EOL'),
        pytest.param(mixed, id='mixed newlines'),
    ],
)
def test_fix_changes_no_other_byte(
        tmp_path: pathlib.Path, example_text: str, encode: Encode,
        capsys: pytest.CaptureFixture[str],
) -> None:
    # Bytes a careless rewrite would change: trailing blanks, a tab, a
    # zero-width space, a non-ASCII letter, and blank lines in a row.
    original = example_text.replace(
        'None.\n', 'None. \t\n\n\nZero\u200bwidth, na\u00efve.  \n',
    )
    path = tmp_path / 'awesome-thing.rst'
    path.write_bytes(encode(with_paragraph(original)))

    assert main(['--fix', str(path)]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    assert path.read_bytes() == encode(original)

    assert main(['--fix', str(path)]) == 0
    assert path.read_bytes() == encode(original)


def test_fix_keeps_the_file_mode(
        tmp_path: pathlib.Path, example_text: str,
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_paragraph(example_text))
    path.chmod(0o640)
    assert main(['--fix', str(path)]) == 1
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ['awesome-thing.rst']


@pytest.mark.parametrize(('content', 'expected'), BAD_INPUTS)
@pytest.mark.parametrize('fix', [[], ['--fix']], ids=['check', 'fix'])
def test_bad_input_is_one_line_and_the_others_are_still_checked(
        tmp_path: pathlib.Path, good: pathlib.Path, content: bytes | str,
        expected: str, example_text: str, fix: list[str],
        capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_input(tmp_path, content)
    leftover = tmp_path / 'awesome-thing-2.rst'
    leftover.write_text(with_guidance(example_text))

    assert main([*fix, str(bad), str(good), str(leftover)]) == 1

    out, err = capsys.readouterr()
    assert sorted(out.splitlines()) == sorted([
        f'{bad}:1:1: {expected}',
        f'{leftover}:57:1: {T103}',
    ])
    assert err == ''
    if isinstance(content, bytes):
        assert bad.read_bytes() == content


def test_json_format(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_guidance(with_paragraph(example_text)))
    assert main(['--format', 'json', str(path)]) == 1
    out, err = capsys.readouterr()
    assert err == ''
    assert json.loads(out) == [
        {'path': str(path), 'line': 19, 'column': 1, 'code': 'T101',
         'message': T101[5:]},
        {'path': str(path), 'line': 63, 'column': 1, 'code': 'T103',
         'message': T103[5:]},
    ]


def test_json_format_with_fix_keeps_stdout_json(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_paragraph(example_text))
    assert main(['--fix', '--format', 'json', str(path)]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert err == f'Fixing {path}\n'


def test_the_template_is_not_a_spec(
        capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([DEFAULT_TEMPLATE]) == 0
    assert capsys.readouterr() == ('', '')


def test_template_option(
        tmp_path: pathlib.Path, good: pathlib.Path,
        capsys: pytest.CaptureFixture[str],
) -> None:
    template = tmp_path / 'template.rst'
    template.write_text(
        'Title\n=====\n\nA tempest test resizes a volume of an active '
        'server.\n',
    )
    assert main(['--template', str(template), str(good)]) == 1
    assert capsys.readouterr() == (
        f"{good}:57:1: T103 template guidance left in: 'A tempest test "
        "resizes a volume of an active server.'; replace it with the "
        "spec's own text\n", '',
    )


@pytest.mark.parametrize(
    ('template_content', 'message'), [
        (None, 'template file not found'),
        (b'Title\n=====\n\ncaf\xe9\n',
         'template not valid UTF-8 (byte 0xe9 on line 4); save the file as '
         'UTF-8'),
    ],
)
def test_unusable_template_exits_2(
        tmp_path: pathlib.Path, good: pathlib.Path,
        template_content: bytes | None, message: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    template = tmp_path / 'template.rst'
    if template_content is not None:
        template.write_bytes(template_content)
    assert main(['--template', str(template), str(good)]) == 2
    assert capsys.readouterr() == ('', f'error: {template}: {message}\n')


@pytest.mark.parametrize(
    ('config_text', 'message'), [
        ('[tool.spec-hooks]\nleftover-similarity = 2\n',
         'leftover-similarity must be a number above 0 and at most 1'),
        ('[tool.spec-hooks]\nleftover-min-words = "many"\n',
         "leftover-min-words must be a whole number, not 'many'"),
        ('[tool.spec-hooks]\nleftover-keep = 3\n',
         'leftover-keep must be a list of strings'),
    ],
)
def test_bad_config_exits_2(
        tmp_path: pathlib.Path, good: pathlib.Path, config_text: str,
        message: str, capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / 'pyproject.toml'
    config.write_text(config_text)
    assert main(['--config', str(config), str(good)]) == 2
    assert capsys.readouterr() == ('', f'error: {config}: {message}\n')


def test_config_options_apply(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_guidance(example_text))
    config = tmp_path / 'setup.cfg'
    config.write_text(
        '[spec-hooks]\nleftover-keep =\n    Please discuss how the change\n',
    )
    assert main(['--config', str(config), str(path)]) == 0
    assert capsys.readouterr() == ('', '')


@pytest.mark.parametrize(
    ('options', 'codes'), [
        ([], ['T101', 'T103']),
        (['--ignore', 'T103'], ['T101']),
        (['--select', 'T103'], ['T103']),
        (['--select', 'L'], []),
    ],
)
def test_select_and_ignore(
        tmp_path: pathlib.Path, example_text: str, options: list[str],
        codes: list[str], capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(with_guidance(with_paragraph(example_text)))
    assert main([*options, str(path)]) == (1 if codes else 0)
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()] == codes


def indented(text: str) -> str:
    return ''.join(f'   {line}\n' for line in text.splitlines())


def in_a_note(paragraph: str, *after: str) -> str:
    """``paragraph`` as the body of a note that starts on its line."""
    lines = paragraph.splitlines()
    body = [f'.. note:: {lines[0]}', *(f'   {line}' for line in lines[1:])]
    for text in after:
        body += ['', f'   {text}']
    return '\n'.join(body) + '\n'


@pytest.mark.parametrize(
    ('note', 'left'), [
        pytest.param(in_a_note(DELETE_ME, 'Keep this note text.'),
                     '.. note::\n\n   Keep this note text.\n',
                     id='the note keeps the rest of its body'),
        pytest.param(in_a_note(DELETE_ME), '', id='a note of it alone goes'),
        pytest.param('.. note::\n\n' + indented(DELETE_ME), '',
                     id='a note of it alone, on the lines below'),
        pytest.param('.. warning::\n\n' + indented(DELETE_ME) +
                     '\n   Mind the gap.\n',
                     '.. warning::\n\n   Mind the gap.\n',
                     id='a warning keeps the rest of its body'),
        pytest.param('- ' + DELETE_ME.rstrip('\n').replace('\n', '\n  ') +
                     '\n- Keep me.\n', '- Keep me.\n',
                     id='one item of a list'),
        pytest.param('* Keep me.\n\n  .. note::\n\n' +
                     ''.join(f'     {line}\n' for line in
                             DELETE_ME.splitlines()),
                     '* Keep me.\n', id='a note of it alone, in a list item'),
    ],
)
def test_fix_removes_the_paragraph_from_a_directive_or_list(
        tmp_path: pathlib.Path, example_text: str, note: str, left: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(example_text.replace(TITLE, note + '\n' + TITLE))
    assert main(['--fix', str(path)]) == 1
    assert capsys.readouterr() == (f'Fixing {path}\n', '')
    expected = example_text.replace(TITLE, left + '\n' * bool(left) + TITLE)
    assert path.read_text() == expected
    assert main(['--fix', str(path)]) == 0


def test_fix_leaves_a_paragraph_whose_removal_changes_more(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Its '::' makes the indented block after it a literal block, which
    would become a block quote without it."""
    text = example_text.replace(TITLE, DELETE_ME.replace(' .\n', '::\n') +
                                '\n  Copyright notice of the output\n\n' +
                                TITLE)
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(text)
    for _ in range(2):
        assert main(['--fix', str(path)]) == 1
        assert capsys.readouterr() == (
            f'{path}:19:1: {T101}; not fixed, as --fix could not do it '
            f'safely: the fixed document would differ from this one in '
            f'more than the removed "Delete this paragraph" paragraph\n', '',
        )
        assert path.read_text() == text


@pytest.mark.parametrize(
    ('text', 'imported'), [
        pytest.param('', False, id='nothing to fix'),
        pytest.param(DELETE_ME + '\n', True, id='a fix to verify'),
    ],
)
def test_docutils_is_imported_only_to_verify_a_fix(
        tmp_path: pathlib.Path, example_text: str, text: str,
        imported: bool,
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(example_text.replace(TITLE, text + TITLE))
    assert run_in_fresh_interpreter(
        'check_spec_leftovers', ['--fix', str(path)],
    ) == (int(imported), imported)
