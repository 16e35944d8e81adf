from __future__ import annotations

import json
import pathlib

import docutils
import pytest

from spec_hooks.check_spec_structure import main
from tests.conftest import BAD_INPUTS, make_bad_input


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


@pytest.mark.parametrize(('content', 'expected'), BAD_INPUTS)
def test_bad_input_is_one_line_and_the_others_are_still_checked(
        tmp_path: pathlib.Path, good: pathlib.Path, content: bytes | str,
        expected: str, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_input(tmp_path, content)
    broken_spec = tmp_path / 'awesome-thing-two.rst'
    broken_spec.write_text(example_text.replace('Testing\n=======',
                                                'Testin\n======'))

    assert main([str(bad), str(good), str(broken_spec)]) == 1

    out, err = capsys.readouterr()
    assert sorted(out.splitlines()) == sorted([
        f'{bad}:1:1: {expected}',
        f"{broken_spec}:54:1: S107 section title 'Testin' is not in the "
        "template; did you mean 'Testing'?",
    ])
    assert err == ''


@pytest.mark.parametrize(
    'encode', [
        pytest.param(lambda t: b'\xef\xbb\xbf' + t.encode(), id='BOM'),
        pytest.param(lambda t: t.replace('\n', '\r\n').encode(), id='CRLF'),
        pytest.param(lambda t: t.rstrip('\n').encode(), id='no final EOL'),
    ],
)
def test_encodings_and_newlines_are_fine(
        tmp_path: pathlib.Path, example_text: str, encode: object,
) -> None:
    assert callable(encode)
    path = tmp_path / 'awesome-thing.rst'
    path.write_bytes(encode(example_text))
    assert main([str(path)]) == 0


def test_json_format(
        tmp_path: pathlib.Path, example_text: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(example_text.replace('Testing\n=======',
                                         'Testin\n======'))
    assert main(['--format', 'json', str(path)]) == 1
    assert json.loads(capsys.readouterr().out) == [{
        'path': str(path), 'line': 54, 'column': 1, 'code': 'S107',
        'message': "section title 'Testin' is not in the template; did you "
                   "mean 'Testing'?",
    }]


def test_template_option(
        tmp_path: pathlib.Path, good: pathlib.Path,
        capsys: pytest.CaptureFixture[str],
) -> None:
    template = tmp_path / 'template.rst'
    template.write_text('=======\n Title\n=======\n\nIntro.\n\nHistory\n'
                        '=======\n\nText.\n')
    assert main(['--template', str(template), str(good)]) == 1
    assert f"{good}:20:1: S103 missing section 'History'" in \
        capsys.readouterr().out


@pytest.mark.parametrize(
    ('template_text', 'message'), [
        (None, 'template file not found'),
        ('No sections here.\n', 'template has no title'),
        ('Title\n=====\n\nText.\n\nOther\n=====\n\nText.\n',
         'template has more than one top-level title'),
        ('Title\n=====\n\nA\n-\n\nx\n\nB\n~\n\nx\n\nC\n-\n\nx\n\nD\n^\n\n'
         'x\n',
         'template does not parse: Title level inconsistent:'
         if docutils.__version_info__ < (0, 22) else
         'template does not parse: Inconsistent title style: skip from '
         'level 2 to 4.'),
    ],
)
def test_unusable_template_exits_2(
        tmp_path: pathlib.Path, good: pathlib.Path,
        template_text: str | None, message: str,
        capsys: pytest.CaptureFixture[str],
) -> None:
    template = tmp_path / 'template.rst'
    if template_text is not None:
        template.write_text(template_text)
    assert main(['--template', str(template), str(good)]) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err.startswith('error: ') and message in err
    assert len(err.splitlines()) == 1


def test_template_option_beats_the_configs_rules(
        tmp_path: pathlib.Path, good: pathlib.Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / '.git').mkdir()
    (tmp_path / 'empty-template.rst').write_text('No title.\n')
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.spec-hooks.templates]\n"*.rst" = "empty-template.rst"\n',
    )
    monkeypatch.chdir(tmp_path)
    assert main([good.name]) == 2  # the rule's template has no title
    capsys.readouterr()
    assert main(['--template', 'missing.rst', good.name]) == 2
    assert 'missing.rst: template file not found' in capsys.readouterr().err
    from spec_hooks.template import DEFAULT_TEMPLATE
    assert main(['--template', DEFAULT_TEMPLATE, good.name]) == 0


def test_bad_config_exits_2(
        tmp_path: pathlib.Path, good: pathlib.Path,
        capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / 'pyproject.toml'
    config.write_text('[tool.spec-hooks]\ntemplet = "x.rst"\n')
    assert main(['--config', str(config), str(good)]) == 2
    assert capsys.readouterr().err == (
        f"error: {config}: unknown option 'templet'; did you mean "
        "'template'?\n"
    )


def test_unknown_format_is_a_usage_error(good: pathlib.Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(['--format', 'xml', str(good)])
    assert exc.value.code == 2


CLIENT_TEMPLATE = (
    '=====\nTitle\n=====\n\nClient impact\n=============\n\nText.\n\n'
    'CLI\n---\n\nText.\n\nSDK\n---\n\nText.\n\n'
    'Testing\n=======\n\nText.\n'
)


@pytest.mark.parametrize(('text', 'expected'), [
    ('None.', []),
    ('none', []),
    ('N/A', []),
    ('None, but the SDK gains a call.', [
        "spec.rst:5:1: S103 missing subsection 'CLI': the template puts it "
        "first under 'Client impact'",
        "spec.rst:5:1: S103 missing subsection 'SDK': the template puts it "
        "after 'CLI'"]),
])
def test_a_section_that_says_none_needs_no_subsections(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], text: str,
        expected: list[str],
) -> None:
    """The templates' own word for nothing to say: it answers the
    subsections too."""
    monkeypatch.chdir(tmp_path)
    pathlib.Path('template.rst').write_text(CLIENT_TEMPLATE)
    pathlib.Path('spec.rst').write_text(
        f'====\nSpec\n====\n\nClient impact\n=============\n\n{text}\n\n'
        'Testing\n=======\n\nText.\n')
    main(['--template', 'template.rst', '--no-template-history',
          'spec.rst'])
    assert capsys.readouterr().out.splitlines() == expected


IMPLEMENTATION_TEMPLATE = (
    '=====\nTitle\n=====\n\nProblem\n=======\n\nText.\n\n'
    'Implementation\n==============\n\n{subsections}'
)


def _subsections(*titles: str) -> str:
    return ''.join(f'{t}\n{"-" * len(t)}\n\nText.\n\n' for t in titles)


@pytest.mark.parametrize(('subsections', 'spec', 'expected'), [
    pytest.param(
        ['Assignee'],
        'Problem\n=======\n\nText.\n\n' + _subsections('Assignee'),
        "spec.rst:10:1: S103 missing section 'Implementation': its "
        "subsection 'Assignee' stands under 'Problem'; the template puts "
        "it after 'Problem'",
        id='one orphaned subsection'),
    pytest.param(
        ['A1', 'A2', 'A3', 'A4', 'A5'],
        'Problem\n=======\n\nText.\n\n' + _subsections(
            'A1', 'A2', 'A3', 'A4', 'A5'),
        "spec.rst:10:1: S103 missing section 'Implementation': its "
        "subsections 'A1', 'A2', 'A3', 'A4' and 1 more stand under "
        "'Problem'; the template puts it after 'Problem'",
        id='five orphans: four named'),
    pytest.param(
        ['Assignee'],
        'Implementation\n==============\n\n' + _subsections('Assignee'),
        "spec.rst:2:1: S103 missing section 'Problem': the template puts "
        'it first, after the title',
        id='the first section: at the title'),
])
def test_a_left_out_title_is_one_finding_at_its_orphans(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], subsections: list[str],
        spec: str, expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    pathlib.Path('template.rst').write_text(IMPLEMENTATION_TEMPLATE.format(
        subsections=_subsections(*subsections)))
    pathlib.Path('spec.rst').write_text(f'====\nSpec\n====\n\n{spec}')
    main(['--template', 'template.rst', '--no-template-history',
          'spec.rst'])
    assert capsys.readouterr().out.splitlines() == [expected]


def test_no_template_applies_at_the_first_line(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    pathlib.Path('template.rst').write_text(
        IMPLEMENTATION_TEMPLATE.format(subsections=''))
    pathlib.Path('pyproject.toml').write_text(
        '[tool.spec-hooks.templates]\n"specs/*.rst" = "template.rst"\n')
    pathlib.Path('other.rst').write_text('====\nSpec\n====\n\nText.\n')
    main(['other.rst'])
    assert capsys.readouterr().out.splitlines() == [
        "other.rst:1:1: S113 no template applies to 'other.rst': no "
        'pattern of templates matches it and template is not set; add a '
        'pattern for it, or list it in exclude']
