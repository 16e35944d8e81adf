"""Template history: each spec against its template as it was when git
first saw the spec, on git repositories the tests build."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

from spec_hooks import history
from spec_hooks.check_spec_structure import main

pytestmark = pytest.mark.skipif(shutil.which('git') is None,
                                reason='git is not installed')

OLD_TEMPLATE = ('=======\n Title\n=======\n\nProblem\n=======\n\nText.\n\n'
                'Proposal\n========\n\nText.\n')
NEW_TEMPLATE = OLD_TEMPLATE + '\nUpgrade impact\n==============\n\nText.\n'
SPEC = OLD_TEMPLATE.replace(' Title', ' Spec ')
MISSING = ("S103 missing section 'Upgrade impact': the template puts it "
           "after 'Proposal'")


def git(repo: pathlib.Path, *args: str) -> None:
    subprocess.run(
        ['git', '-c', 'user.name=T', '-c', 'user.email=t@example.org',
         '-c', 'commit.gpgsign=false', *args],
        cwd=repo, check=True, capture_output=True,
    )


def commit(repo: pathlib.Path, message: str) -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', message)


@pytest.fixture
def repo(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
         ) -> pathlib.Path:
    """specs/old.rst added with the old template; the template then gains
    'Upgrade impact'; specs/new.rst is not committed yet."""
    repo = tmp_path / 'repo'
    (repo / 'specs').mkdir(parents=True)
    git(repo, 'init', '-q')
    (repo / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\ntemplate = "specs/template.rst"\n')
    (repo / 'specs' / 'template.rst').write_text(OLD_TEMPLATE)
    (repo / 'specs' / 'old.rst').write_text(SPEC)
    commit(repo, 'old spec')
    (repo / 'specs' / 'template.rst').write_text(NEW_TEMPLATE)
    commit(repo, 'template gains a section')
    (repo / 'specs' / 'new.rst').write_text(SPEC)
    monkeypatch.chdir(repo)
    return repo


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[
        list[str], str]:
    main(list(argv))
    out, err = capsys.readouterr()
    return out.splitlines(), err


def test_old_spec_old_template_new_spec_new_template(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out, err = run('specs/old.rst', 'specs/new.rst', capsys=capsys)
    assert out == [f'specs/new.rst:10:1: {MISSING}']
    assert err == ''


def test_without_history_every_spec_gets_todays_template(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out, _ = run('--no-template-history', 'specs/old.rst', capsys=capsys)
    assert out == [f'specs/old.rst:10:1: {MISSING}']
    (repo / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\ntemplate = "specs/template.rst"\n'
        'template-history = false\n')
    out, _ = run('specs/old.rst', capsys=capsys)
    assert out == [f'specs/old.rst:10:1: {MISSING}']


def test_a_moved_spec_keeps_its_date(
        repo: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (repo / 'specs' / 'done').mkdir()
    git(repo, 'mv', 'specs/old.rst', 'specs/done/old.rst')
    commit(repo, 'implemented')
    out, _ = run('specs/done/old.rst', capsys=capsys)
    assert out == []


def test_a_shallow_clone_falls_back_silently(
        repo: pathlib.Path, tmp_path: pathlib.Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    clone = tmp_path / 'clone'
    subprocess.run(['git', 'clone', '-q', '--depth', '1', f'file://{repo}',
                    str(clone)], check=True, capture_output=True)
    monkeypatch.chdir(clone)
    out, err = run('specs/old.rst', capsys=capsys)
    assert out == [f'specs/old.rst:10:1: {MISSING}']
    assert err == ''


def test_no_git_and_no_commits_fall_back_silently(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / 'template.rst').write_text(NEW_TEMPLATE)
    (tmp_path / 'old.rst').write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # not a work tree, then one without commits
        out, err = run('--template', 'template.rst', 'old.rst',
                       capsys=capsys)
        assert (out, err) == ([f'old.rst:10:1: {MISSING}'], '')
        git(tmp_path, 'init', '-q')


def test_a_spec_older_than_its_template_gets_a_note(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    git(tmp_path, 'init', '-q')
    (tmp_path / 'old.rst').write_text(SPEC)
    commit(tmp_path, 'a spec before any template')
    (tmp_path / 'template.rst').write_text(NEW_TEMPLATE)
    commit(tmp_path, 'template')
    monkeypatch.chdir(tmp_path)
    out, err = run('--template', 'template.rst', 'old.rst', capsys=capsys)
    assert out == [f'old.rst:10:1: {MISSING}']
    assert err == ('note: 1 spec(s) are older than their template '
                   "template.rst: checked against today's version\n")


def test_an_old_template_without_a_title_falls_back_with_a_note(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    git(tmp_path, 'init', '-q')
    (tmp_path / 'template.rst').write_text('Just text, no title.\n')
    (tmp_path / 'old.rst').write_text(SPEC)
    commit(tmp_path, 'a broken template')
    (tmp_path / 'template.rst').write_text(NEW_TEMPLATE)
    commit(tmp_path, 'fixed')
    monkeypatch.chdir(tmp_path)
    out, err = run('--template', 'template.rst', 'old.rst', capsys=capsys)
    assert out == [f'old.rst:10:1: {MISSING}']
    assert err.startswith('note: template.rst@') and \
        err.endswith(": checked against today's version\n")


@pytest.mark.parametrize(
    ('log', 'expected'), [
        pytest.param('\x01c1\0\nA\0a.rst\0', {'a.rst': 'c1'}, id='added'),
        pytest.param('\x01c1\0\nA\0a.rst\0\x01c2\0\nR100\0a.rst\0b.rst\0',
                     {'b.rst': 'c1'}, id='renamed'),
        pytest.param('\x01c1\0\nA\0a.rst\0\x01c2\0\nC75\0a.rst\0b.rst\0',
                     {'a.rst': 'c1', 'b.rst': 'c2'}, id='copied'),
        pytest.param('\x01c1\0\nA\0a.rst\0\x01c2\0\nD\0a.rst\0'
                     '\x01c3\0\nA\0a.rst\0', {'a.rst': 'c3'},
                     id='deleted and added again'),
        pytest.param('\x01c1\0\nA\0a b\tc.rst\0', {'a b\tc.rst': 'c1'},
                     id='odd characters in a name'),
    ],
)
def test_the_log_is_replayed_oldest_first(
        log: str, expected: dict[str, str],
) -> None:
    assert history._added(log) == expected


def test_git_is_asked_twice_whatever_the_number_of_files(
        repo: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    for n in range(20):
        (repo / 'specs' / f'spec-{n}.rst').write_text(SPEC)
    commit(repo, 'more specs')
    calls: list[list[str]] = []
    real = history._git

    def counting(cwd: str, args: list[str], stdin: bytes | None = None,
                 ) -> bytes:
        calls.append(args)
        return real(cwd, args, stdin)

    monkeypatch.setattr(history, '_git', counting)
    paths = sorted(str(p.relative_to(repo)) for p in
                   (repo / 'specs').glob('spec-*.rst'))
    out, _ = run(*paths, capsys=capsys)
    assert out == [f'{p}:10:1: {MISSING}' for p in paths]
    assert [args[0] for args in calls] == ['rev-parse', 'log', 'cat-file']
    assert os.path.exists(repo / '.git')


DROPPED = OLD_TEMPLATE + '\nDropped\n=======\n\nText.\n'
GUIDANCE = ('Describe the problem this spec solves, with a use case, in a '
            'few sentences.')
REWORDED = ('Say which problem this spec solves and for whom, in a '
            'paragraph or two.')
NOTES = '\nNotes\n=====\n\nText.\n'
EXTRA_NOTES = ("S104 section 'Notes' is not in the template: rename it to a "
               "template section's title or remove it")


def two_eras(repo: pathlib.Path, then: str, spec: str, today: str,
             template: str = 'template.rst') -> None:
    """``spec`` committed as specs/a.rst beside the template ``then``,
    which later becomes ``today``."""
    (repo / template).write_text(then)
    (repo / 'specs').mkdir(exist_ok=True)
    (repo / 'specs' / 'a.rst').write_text(spec)
    commit(repo, 'a spec')
    (repo / template).write_text(today)
    commit(repo, 'the template changes')


def head(repo: pathlib.Path) -> str:
    return subprocess.run(['git', 'rev-parse', 'HEAD~1'], cwd=repo,
                          check=True, capture_output=True, text=True,
                          ).stdout[:12]


@pytest.mark.parametrize(('then', 'spec', 'today', 'expected'), [
    pytest.param(DROPPED, SPEC, OLD_TEMPLATE, [],
                 id='a section the template dropped is not demanded'),
    pytest.param(DROPPED, DROPPED.replace(' Title', ' Spec '),
                 OLD_TEMPLATE, [],
                 id='nor reported as extra where the spec has it'),
    pytest.param(OLD_TEMPLATE, SPEC, NEW_TEMPLATE, [],
                 id='a section the template gained is not demanded'),
    pytest.param(DROPPED, SPEC + NOTES, OLD_TEMPLATE,
                 [f'specs/a.rst:15:1: {EXTRA_NOTES}'],
                 id="today's fits better: no note"),
    pytest.param(DROPPED, SPEC, NEW_TEMPLATE, [],
                 id='a section only one version demands is not demanded'),
    pytest.param(DROPPED, SPEC.replace('Proposal\n', 'Proposl\n'),
                 NEW_TEMPLATE + 'X\n', [
                     "specs/a.rst:10:1: S107 section title 'Proposl' is "
                     "not in the template; did you mean 'Proposal'?"],
                 id="fit alike: today's, as without history"),
    pytest.param(
        OLD_TEMPLATE.replace('Problem\n=======\n\nText.',
                             f'Problem\n=======\n\n{GUIDANCE}'),
        SPEC.replace('Problem\n=======\n\nText.',
                     f'Problem\n=======\n\n{GUIDANCE}'),
        OLD_TEMPLATE.replace('Problem\n=======\n\nText.',
                             f'Problem\n=======\n\n{REWORDED}'),
        [], id="fit alike: today's, even where the old guidance is left in",
    ),
    pytest.param(
        DROPPED, DROPPED.replace(' Title', ' Spec ').replace(
            '\nProposal\n', '\nProposl\n'),
        NEW_TEMPLATE,
        ["specs/a.rst:10:1: S107 section title 'Proposl' is not in the "
         "template; did you mean 'Proposal'? (against template.rst as of "
         '{commit})'],
        id='the older fits better: says which',
    ),
])
def test_the_spec_is_checked_against_the_version_it_fits(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], then: str, spec: str,
        today: str, expected: list[str],
) -> None:
    """Against its template as it is and as it was, whichever it fits
    best, so history takes findings away where the spec follows its
    time's template, and a finding against that one names its commit."""
    git(tmp_path, 'init', '-q')
    two_eras(tmp_path, then, spec, today)
    monkeypatch.chdir(tmp_path)
    from spec_hooks.check_spec import main as check_spec

    check_spec(['--template', 'template.rst', '--select', 'S,T',
                'specs/a.rst'])
    out, err = capsys.readouterr()
    commit = head(tmp_path)
    assert out.splitlines() == [e.format(commit=commit) for e in expected]
    assert err == ''


LISTED = '''\
[tool.spec-hooks.templates]
"specs/*.rst" = ["full.rst", "lite.rst"]
'''
FULL = NEW_TEMPLATE + '\nTesting\n=======\n\nText.\n'


@pytest.mark.parametrize(('then', 'spec', 'today', 'expected'), [
    pytest.param(DROPPED, SPEC + NOTES, OLD_TEMPLATE,
                 [f'specs/a.rst:15:1: {EXTRA_NOTES} (against lite.rst)'],
                 id='the second template names its file'),
    pytest.param(DROPPED, DROPPED.replace(' Title', ' Spec ') + NOTES,
                 OLD_TEMPLATE,
                 [f'specs/a.rst:20:1: {EXTRA_NOTES} (against lite.rst as '
                  'of {commit})'],
                 id='and its commit where an older version fits better'),
    pytest.param(DROPPED, SPEC.replace('Proposal', 'Proposl'),
                 OLD_TEMPLATE, [
                     "specs/a.rst:10:1: S107 section title 'Proposl' is not "
                     "in the template; did you mean 'Proposal'? (against "
                     'lite.rst)'],
                 id='a misspelled title too'),
])
def test_several_templates_and_their_eras(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], then: str, spec: str,
        today: str, expected: list[str],
) -> None:
    git(tmp_path, 'init', '-q')
    (tmp_path / 'pyproject.toml').write_text(LISTED)
    (tmp_path / 'full.rst').write_text(FULL)
    two_eras(tmp_path, then, spec, today, template='lite.rst')
    monkeypatch.chdir(tmp_path)
    out, err = run('specs/a.rst', capsys=capsys)
    commit = head(tmp_path)
    assert (out, err) == ([e.format(commit=commit) for e in expected], '')
