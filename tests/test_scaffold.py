from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import time

import pytest

from spec_hooks import app, scaffold
from spec_hooks.check_spec import main as check_spec
from spec_hooks.scaffold import main
from spec_hooks.spec import Spec
from tests.conftest import REPO

YEAR = time.localtime().tm_year
TEMPLATE = """\
..
 This work is licensed under a Creative Commons Attribution 3.0 Unported
 License.

 http://creativecommons.org/licenses/by/3.0/legalcode

..
  Keep the sections of this template.

=============================
 The title of your blueprint
=============================

Include the URL of your launchpad blueprint:

https://blueprints.launchpad.net/nova/+spec/example

Introduction paragraph -- why are we doing anything?

Problem description
===================

A detailed description of the problem:

* A list item that is long enough to need wrapping once it is indented by the
  comment.

Use Cases
---------

What use cases does this address?

Proposed change
===============

Show an example::

    $ openstack server resize --live

.. note:: Keep it short.

Alternatives
------------

This subsection is optional.

Testing
=======

Please discuss how the change will be tested.
"""
CONFIG = """\
[tool.spec-hooks]
template = "specs/template.rst"
optional-sections = ["Alternatives"]
"""
# The new spec: the optional subsection's text stays in its parent's
# comment, a line too long once indented is re-wrapped.
NEW_SPEC = """\
..
 This work is licensed under a Creative Commons Attribution 3.0 Unported
 License.

 http://creativecommons.org/licenses/by/3.0/legalcode

..
  Keep the sections of this template.

====================
 Live volume resize
====================

..
   Include the URL of your launchpad blueprint:

https://blueprints.launchpad.net/nova/+spec/live-volume-resize

..
   Introduction paragraph -- why are we doing anything?

Problem description
===================

..
   A detailed description of the problem:

   * A list item that is long enough to need wrapping once it is indented by
     the comment.

Use Cases
---------

..
   What use cases does this address?

Proposed change
===============

..
   Show an example::

       $ openstack server resize --live

   .. note:: Keep it short.

   Alternatives
   ------------

   This subsection is optional.

Testing
=======

..
   Please discuss how the change will be tested.
"""
EMPTY = ['Use Cases', 'Proposed change', 'Testing']  # S110, in order
CREATED = ('Created specs/live-volume-resize.rst from specs/template.rst: '
           '3 section(s) to write, listed by check-spec as S110\n')
PATH = 'specs/live-volume-resize.rst'


@pytest.fixture
def repo(tmp_path: pathlib.Path,
         monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A specs repository with the template and config above, as the
    working directory."""
    (tmp_path / 'specs').mkdir()
    (tmp_path / 'specs' / 'template.rst').write_text(TEMPLATE)
    (tmp_path / 'pyproject.toml').write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def empty_sections(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The sections check-spec printed as empty; fails on any other
    finding."""
    out = capsys.readouterr().out
    found = re.findall(r"^\S+:\d+:1: S110 section '([^']+)' is empty: ",
                       out, re.M)
    assert len(found) == len(out.splitlines()), out
    return found


def with_text(text: str, sections: list[str]) -> str:
    """``text`` with a sentence under the title of each of ``sections``."""
    lines = text.split('\n')
    for title in sections:
        at = lines.index(title) + 2  # below its underline
        lines[at:at] = ['', 'This part is written.']
    return '\n'.join(lines)


def test_new_spec_from_the_template(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([PATH]) == 0
    assert capsys.readouterr() == (CREATED, '')
    assert (repo / PATH).read_text() == NEW_SPEC


def test_only_the_sections_to_write_are_reported_until_written(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([PATH]) == 0
    capsys.readouterr()
    assert check_spec([PATH]) == 1
    assert empty_sections(capsys) == EMPTY
    spec = repo / PATH
    spec.write_text(with_text(spec.read_text(), EMPTY))
    assert check_spec([PATH]) == 0
    assert capsys.readouterr() == ('', '')


def test_the_guidance_renders_nothing(repo: pathlib.Path) -> None:
    assert main([PATH]) == 0
    titles = ['Problem description', 'Use Cases', 'Proposed change',
              'Testing']
    # Between the titles: the URL and the guidance comments alone.
    doctree = Spec.read(PATH).doctree
    shown = [node.astext() for node in doctree.findall()
             if node.tagname in ('paragraph', 'list_item', 'literal_block',
                                 'note', 'title')]
    assert shown == [
        'Live volume resize',
        'https://blueprints.launchpad.net/nova/+spec/live-volume-resize',
        *titles,
    ]


@pytest.mark.parametrize(('options', 'title', 'url'), [
    ([], 'Live volume resize', 'live-volume-resize'),
    (['--title', 'Resize volumes while attached'],
     'Resize volumes while attached', 'live-volume-resize'),
])
def test_title_from_the_file_name_or_given(
        repo: pathlib.Path, options: list[str], title: str, url: str,
) -> None:
    assert main([PATH, *options]) == 0
    lines = (repo / PATH).read_text().split('\n')
    at = lines.index(f' {title}')
    assert lines[at - 1] == lines[at + 1] == '=' * (len(title) + 2)
    assert f'https://blueprints.launchpad.net/nova/+spec/{url}' in lines


@pytest.mark.parametrize(('name', 'title', 'blueprint'), [
    ('live-volume-resize', 'Live volume resize', 'live-volume-resize'),
    ('spec-lite-live-resize', 'Live resize', 'live-resize'),
    ('api_v2-Paging', 'Api v2 Paging', 'api_v2-Paging'),
])
def test_title_and_blueprint_from_the_file_name(
        name: str, title: str, blueprint: str) -> None:
    from spec_hooks.config import Settings, load_settings

    settings: Settings = load_settings(
        None, {'blueprint-prefixes': ('spec-lite-',)})
    found = scaffold.blueprint_name(f'specs/{name}.rst', settings)
    assert (scaffold.title_from(found), found) == (title, blueprint)


def test_builtin_template(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([PATH, '--copyright-holder', 'Example Cloud Ltd.']) == 0
    assert capsys.readouterr().out == (
        f'Created {PATH} from the built-in template: 7 section(s) to '
        f'write, listed by check-spec as S110\n')
    text = (tmp_path / PATH).read_text()
    assert text.startswith(
        f'::\n\n  #\n  # Copyright (C) {YEAR}, Example Cloud Ltd.\n  #\n'
        f'  # Licensed under the Apache License, Version 2.0')
    assert '\n..\n   *Delete this paragraph when you write your ' \
        'blueprint.* Here are some\n' in text
    assert check_spec([PATH]) == 1
    empty = empty_sections(capsys)
    assert empty == [
        'Detailed problem description', 'Proposed change', 'Dependencies',
        'Implementation', 'Alternative implementations', 'Testing',
        'Documentation impact',
    ]
    (tmp_path / PATH).write_text(with_text(text, empty))
    assert check_spec([PATH]) == 0


def test_holder_from_the_config(repo: pathlib.Path) -> None:
    (repo / 'specs' / 'template.rst').write_text(
        '..\n Copyright <holder>. Licensed under the Apache License.\n\n'
        '=====\nTitle\n=====\n\nIntro.\n\nProblem\n=======\n\nWhat.\n')
    (repo / 'pyproject.toml').write_text(
        CONFIG + 'copyright-holder = "Example Cloud Ltd."\n')
    assert main([PATH]) == 0
    assert (repo / PATH).read_text() == (
        '..\n Copyright Example Cloud Ltd.. Licensed under the Apache '
        'License.\n\n==================\nLive volume resize\n'
        '==================\n\n..\n   Intro.\n\nProblem\n=======\n\n..\n'
        '   What.\n')


def test_license_at_the_end(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / 'specs' / 'template.rst').write_text(
        '..\n  How to write a spec.\n\n=====\nTitle\n=====\n\n'
        'Problem\n=======\n\nWhat.\n\n.. note::\n\n  This work is licensed '
        'under a Creative Commons Attribution 3.0\n  Unported License.\n')
    assert main([PATH]) == 0
    text = (repo / PATH).read_text()
    assert text.endswith(
        'Problem\n=======\n\n..\n   What.\n\n.. note::\n\n  This work is '
        'licensed under a Creative Commons Attribution 3.0\n  Unported '
        'License.\n')
    assert text.startswith('..\n  How to write a spec.\n\n')
    # The note is the last section's body: the checks find nothing empty.
    assert check_spec([PATH]) == 0


def test_license_file_instead_of_the_templates_header(
        repo: pathlib.Path) -> None:
    (repo / 'LICENSE-HEADER').write_text(
        'Copyright <holder>, licensed under the MIT License.\n')
    (repo / 'pyproject.toml').write_text(
        CONFIG + 'license-file = "LICENSE-HEADER"\n')
    assert main([PATH, '--copyright-holder', 'ACME']) == 0
    text = (repo / PATH).read_text()
    assert text.startswith(
        '..\n Copyright ACME, licensed under the MIT License.\n\n..\n'
        '  Keep the sections')
    assert 'Creative Commons' not in text


def test_several_templates_the_first(repo: pathlib.Path) -> None:
    (repo / 'specs' / 'lite.rst').write_text(
        '=====\nTitle\n=====\n\n:problem: <What>\n')
    (repo / 'pyproject.toml').write_text(
        '[tool.spec-hooks.templates]\n'
        '"specs/*.rst" = ["specs/lite.rst", "specs/template.rst"]\n')
    assert main([PATH]) == 0
    assert (repo / PATH).read_text() == (
        '==================\nLive volume resize\n==================\n\n..\n'
        '   :problem: <What>\n')


def test_subsections_not_required(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').write_text(
        CONFIG + 'require-subsections = false\n')
    assert main([PATH]) == 0
    text = (repo / PATH).read_text()
    assert 'Problem description\n===================\n\n..\n   A detailed ' \
        'description of the problem:\n\n   * A list item that is long ' \
        'enough to need wrapping once it is indented by\n     the comment.' \
        '\n\n   Use Cases\n   ---------\n\n   What use cases does this ' \
        'address?\n\nProposed change\n' in text


def test_no_line_length_limit(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').write_text(CONFIG + 'max-line-length = 0\n')
    assert main([PATH]) == 0
    assert '   * A list item that is long enough to need wrapping once it ' \
        'is indented by the\n     comment.\n' in (repo / PATH).read_text()


@pytest.mark.parametrize(('line', 'limit', 'expected'), [
    ('   short', 79, ['   short']),
    ('   * one two three four', 12,
     ['   * one two', '     three', '     four']),
    ('   see https://example.org/a/very/long/path/indeed', 20,
     ['   see https://example.org/a/very/long/path/indeed']),
    ('   averyveryverylongword and more', 12,
     ['   averyveryverylongword', '   and more']),
    ('   averyveryverylongword', 12, ['   averyveryverylongword']),
    ('.. a comment that goes on', 14,
     ['.. a comment', '   that goes', '   on']),
    ('   one two three', 0, ['   one two three']),
])
def test_fit(line: str, limit: int, expected: list[str]) -> None:
    assert scaffold._fit(line, limit) == expected


@pytest.mark.parametrize(('lines', 'prose', 'expected'), [
    # prose: what is left over joins the next line of the same text
    (['   one two three', '   four'], [True, True],
     ['   one two', '   three four']),
    # not joined: a verbatim line, another indentation, a new item
    (['   one two three', '   four'], [False, False],
     ['   one two', '   three', '   four']),
    (['   one two three', '     four'], [True, True],
     ['   one two', '   three', '     four']),
    (['   one two three', '   * four'], [True, True],
     ['   one two', '   three', '   * four']),
    (['   one two three', ''], [True, True], ['   one two', '   three', '']),
])
def test_reflowed(lines: list[str], prose: list[bool],
                  expected: list[str]) -> None:
    assert scaffold._reflowed(lines, prose, 14) == expected


def test_missing_directories_are_created_and_the_mode_follows_umask(
        repo: pathlib.Path) -> None:
    path = 'specs/2027.1/approved/live-volume-resize.rst'
    old = os.umask(0o027)
    try:
        assert main([path]) == 0
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(os.listdir('specs/2027.1/approved')) == [
        'live-volume-resize.rst']  # no temporary file left


def test_written_where_hard_links_are_not_supported(
        repo: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: str, target: str) -> None:
        raise PermissionError(1, 'Operation not permitted')

    monkeypatch.setattr(os, 'link', no_links)
    assert main([PATH]) == 0
    assert (repo / PATH).read_text() == NEW_SPEC
    assert sorted(os.listdir('specs')) == [
        'live-volume-resize.rst', 'template.rst']


def test_a_file_that_appears_meanwhile_is_kept(repo: pathlib.Path) -> None:
    (repo / PATH).write_text('mine\n')
    with pytest.raises(scaffold.Refused, match='exists already'):
        scaffold.write_new(PATH, 'new\n')
    assert (repo / PATH).read_text() == 'mine\n'
    assert sorted(os.listdir('specs')) == [
        'live-volume-resize.rst', 'template.rst']


def refusal(repo: pathlib.Path, case: str) -> list[str]:
    """Set up ``case``; the arguments that spec-hooks new refuses then."""
    if case == 'exists':
        (repo / PATH).write_text('mine\n')
    elif case == 'dangling symlink':
        os.symlink('elsewhere.rst', PATH)
    elif case == 'directory is a file':
        (repo / 'specs' / '2027.1').write_text('')
        return ['specs/2027.1/live-volume-resize.rst']
    elif case == 'holder':
        (repo / 'pyproject.toml').write_text('')
    elif case == 'not UTF-8':
        (repo / 'specs' / 'template.rst').write_bytes(b'T\xe9\n==\n')
    elif case == 'unknown template':
        return [PATH, '--template', 'specs/nothing.rst']
    elif case in ('excluded', 'template path', 'no template applies'):
        (repo / 'pyproject.toml').write_text(
            '[tool.spec-hooks]\nexclude = ["specs/index.rst"]\n'
            '[tool.spec-hooks.templates]\n'
            '"specs/{release}/*.rst" = "specs/{release}-template.rst"\n')
        return [{'excluded': 'specs/index.rst',
                 'template path': 'specs/2027.1-template.rst',
                 'no template applies': 'specs/other.rst'}[case]]
    elif case == 'file name':
        return ['specs/Live_Volume.rst']
    elif case == 'no title':
        (repo / 'pyproject.toml').write_text(
            CONFIG + "filename-pattern = '.*'\n")
        return ['specs/_.rst']
    elif case == 'blueprint name':
        (repo / 'pyproject.toml').write_text(
            CONFIG + "filename-pattern = '.*'\n")
        return ['specs/resize-.rst']
    return [PATH]


@pytest.mark.parametrize(('case', 'message'), [
    ('exists', f'{PATH} exists already: spec-hooks new never overwrites a '
               f'file'),
    ('dangling symlink', f'{PATH} exists already: spec-hooks new never '
                         f'overwrites a file'),
    ('directory is a file', 'cannot create the directory specs/2027.1: '
                            'File exists'),
    ('holder', "the template's license header names a copyright holder: "
               'set copyright-holder in the config or pass '
               '--copyright-holder'),
    ('not UTF-8', '{repo}/specs/template.rst: template not valid UTF-8 '
                  '(byte 0xe9 on line 1); save the file as UTF-8'),
    ('unknown template', 'specs/nothing.rst: template file not found'),
    ('excluded', "'specs/index.rst' is not a spec: the config excludes it"),
    ('template path', "'specs/2027.1-template.rst' is not a spec: it is a "
                      "template's path"),
    ('no template applies', "no template applies to 'specs/other.rst': no "
                            'pattern of templates matches it and template '
                            'is not set; pass --template, or add a pattern '
                            'for it'),
    ('file name', "file name 'Live_Volume.rst' should be lowercase words "
                  "joined by hyphens, e.g. 'live-volume.rst'"),
    ('no title', "the file name '_.rst' gives no title: pass --title"),
    ('blueprint name', "the template links a blueprint named as the file, "
                       "and 'resize-' cannot be a blueprint's name: rename "
                       'the file'),
])
def test_refused(repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
                 case: str, message: str) -> None:
    argv = refusal(repo, case)
    before = sorted(str(p) for p in repo.rglob('*'))
    assert main(argv) == 2
    assert capsys.readouterr() == (
        '', f'error: {message.format(repo=repo)}\n')
    assert sorted(str(p) for p in repo.rglob('*')) == before


@pytest.mark.parametrize(('argv', 'message'), [
    ([], 'the following arguments are required: PATH'),
    ([PATH, '--title', ' '], 'argument --title: title must not be empty'),
    ([PATH, '--copyright-holder', 'A\nB'],
     "argument --copyright-holder: copyright-holder must be one line "
     "without control characters, not 'A\\nB'"),
])
def test_usage_errors(repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
                      argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    assert capsys.readouterr() == ('', f'error: {message}\n')


def test_template_that_breaks_a_rule(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The spec is written, and what the template makes it break is
    reported as check-spec would, with exit code 1."""
    (repo / 'specs' / 'template.rst').write_text(
        '=====\nTitle\n=====\n\nWhat *now\n=========\n\nWhat.\n')
    assert main([PATH]) == 1
    assert capsys.readouterr().out == (
        f'Created {PATH} from specs/template.rst: 1 section(s) to write, '
        f'listed by check-spec as S110\n'
        f'{PATH}:5:6: R107 Inline emphasis start-string without '
        f'end-string.\n')
    assert (repo / PATH).exists()


def test_a_command_of_spec_hooks(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(['--help']) == 0
    assert re.search(r'^  new +write a new spec from the template that '
                     r'applies to its path$', capsys.readouterr().out, re.M)
    with pytest.raises(SystemExit) as exit:
        app.main(['new', '--help'])
    assert exit.value.code == 0
    assert capsys.readouterr().out.startswith(
        'usage: spec-hooks new [-h] [--title TITLE]')


def test_as_a_process(repo: pathlib.Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, '-m', 'spec_hooks.app', 'new', PATH],
            capture_output=True, text=True, check=False,
            env={**os.environ, 'PYTHONPATH': REPO},
        )

    first = run()
    assert (first.returncode, first.stdout, first.stderr) == (
        0, CREATED, '')
    assert (repo / PATH).read_text() == NEW_SPEC
    again = run()
    assert (again.returncode, again.stdout, again.stderr) == (
        2, '', f'error: {PATH} exists already: spec-hooks new never '
               f'overwrites a file\n')
    assert (repo / PATH).read_text() == NEW_SPEC


@pytest.mark.parametrize(('old', 'new'), [
    pytest.param(b'\n', b'\r\n', id='CRLF'),
    pytest.param(b'What use cases', b'\tWhat use cases', id='tab'),
    pytest.param(b'address?', b'address?  ', id='trailing space'),
    pytest.param(b'..\n This work', b'\xef\xbb\xbf..\n This work',
                 id='BOM'),
])
def test_template_quirks_stay_out_of_the_spec(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
        old: bytes, new: bytes) -> None:
    """What the style check reports in a template is not copied."""
    (repo / 'specs' / 'template.rst').write_bytes(
        TEMPLATE.encode('utf-8').replace(old, new))
    assert main([PATH]) == 0
    assert capsys.readouterr().out == CREATED
    assert check_spec([PATH]) == 1
    assert empty_sections(capsys) == EMPTY
