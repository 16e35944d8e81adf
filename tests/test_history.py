"""Template history: each spec against its template as it was in the
spec's life, on git repositories the tests build."""
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


def logged(*commits: str) -> str:
    """A ``git log -z --name-status`` of commits c1, c2... committed at
    10, 20... and authored a second earlier, each with its statuses."""
    return ''.join(f'\x01c{n} {10 * n} {10 * n - 1}\0\n{statuses}\0'
                   for n, statuses in enumerate(commits, 1))


def event(n: int, name: str, changed: bool = True) -> history.Event:
    return n - 1, 10 * n, 10 * n - 1, f'c{n}', name, changed


@pytest.mark.parametrize(
    ('log', 'expected'), [
        pytest.param(logged('A\0a.rst'), {'a.rst': [event(1, 'a.rst')]},
                     id='added'),
        pytest.param(logged('A\0a.rst', 'M\0a.rst'),
                     {'a.rst': [event(1, 'a.rst'), event(2, 'a.rst')]},
                     id='changed'),
        pytest.param(logged('A\0a.rst', 'R100\0a.rst\0b.rst'),
                     {'b.rst': [event(1, 'a.rst'),
                                event(2, 'b.rst', changed=False)]},
                     id='moved'),
        pytest.param(logged('A\0a.rst', 'R090\0a.rst\0b.rst'),
                     {'b.rst': [event(1, 'a.rst'), event(2, 'b.rst')]},
                     id='renamed and changed'),
        pytest.param(logged('A\0a.rst', 'C075\0a.rst\0b.rst'),
                     {'a.rst': [event(1, 'a.rst')],
                      'b.rst': [event(2, 'b.rst')]}, id='copied'),
        pytest.param(logged('A\0a.rst', 'D\0a.rst', 'A\0a.rst'),
                     {'a.rst': [event(3, 'a.rst')]},
                     id='deleted and added again'),
        pytest.param(logged('A\0a b\tc.rst'),
                     {'a b\tc.rst': [event(1, 'a b\tc.rst')]},
                     id='odd characters in a name'),
    ],
)
def test_the_log_is_replayed_oldest_first(
        log: str, expected: dict[str, list[history.Event]],
) -> None:
    assert history._lives(log) == expected


LIVES = {
    'spec.rst': [event(2, 'spec.rst'), event(4, 'spec.rst', changed=False),
                 event(6, 'spec.rst')],
    'template.rst': [event(1, 'old.rst'), event(2, 'old.rst'),
                     event(3, 'template.rst', changed=False),
                     event(5, 'template.rst')],
}


@pytest.mark.parametrize(('spec', 'lives', 'expected'), [
    pytest.param('new.rst', LIVES, None, id='a spec git does not know'),
    pytest.param('spec.rst', {'spec.rst': [event(1, 'spec.rst')]}, [],
                 id='no template in its life'),
    pytest.param('spec.rst', {**LIVES, 'spec.rst': [event(2, 'spec.rst')]},
                 [('c1', 'old.rst'), ('c2', 'old.rst')],
                 id='written and added: the template under its old name'),
    pytest.param('spec.rst', LIVES,
                 [('c1', 'old.rst'), ('c2', 'old.rst'),
                  ('c5', 'template.rst')],
                 id='and as it was at the last change, a move aside'),
    pytest.param('spec.rst', {**LIVES, 'spec.rst': [
        (1, 5, 99, 'c2', 'spec.rst', True)]}, [('c2', 'old.rst')],
                 id='written after it was added: as it was added'),
])
def test_the_versions_in_a_specs_life(
        tmp_path: pathlib.Path, spec: str,
        lives: dict[str, list[history.Event]],
        expected: list[tuple[str, str]] | None,
) -> None:
    found = history.History(str(tmp_path), lives)
    assert found.versions(str(tmp_path / spec),
                          str(tmp_path / 'template.rst')) == expected


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The arguments of every git command history runs, in order."""
    calls: list[list[str]] = []
    real = history._git

    def counting(cwd: str, args: list[str], stdin: bytes | None = None,
                 ) -> bytes:
        calls.append(args)
        return real(cwd, args, stdin)

    monkeypatch.setattr(history, '_git', counting)
    return calls


def test_git_is_asked_twice_whatever_the_number_of_files(
        repo: pathlib.Path, calls: list[list[str]],
        capsys: pytest.CaptureFixture[str],
) -> None:
    for n in range(20):
        (repo / 'specs' / f'spec-{n}.rst').write_text(SPEC)
    commit(repo, 'more specs')
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


def outline(*sections: str) -> str:
    """A spec or template of ``sections``, each with a line of text."""
    return '=======\n Title\n=======\n' + ''.join(
        f"\n{title}\n{'=' * len(title)}\n\nText.\n" for title in sections)


def build(repo: pathlib.Path, *steps: dict[str, str | None]) -> None:
    """One commit per step, each writing its files (None removes one),
    the n-th committed on day n; a step's 'authored' entry, a day, is
    when its commit was written."""
    for day, step in enumerate(steps, 1):
        files = dict(step)
        authored = files.pop('authored', None) or str(day)
        for name, text in files.items():
            path = repo / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        git(repo, 'add', '-A')
        subprocess.run(
            ['git', '-c', 'user.name=T', '-c', 'user.email=t@example.org',
             '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'step'],
            cwd=repo, check=True, capture_output=True,
            env={**os.environ,
                 'GIT_COMMITTER_DATE': f'2020-01-{day:02} 12:00 +0000',
                 'GIT_AUTHOR_DATE': f'2020-01-{int(authored):02} 09:00 +0000'},
        )


TEMPLATE = 'specs/template.rst'


def linked(blueprint: str) -> str:
    """A spec or template of one section whose introduction links a
    blueprint."""
    return outline('Problem').replace(
        '=======\n\nProblem',
        f'=======\n\nhttps://blueprints.launchpad.net/x/+spec/{blueprint}'
        f'\n\nProblem', 1)
ORDER = ("specs/a.rst:15:1: S105 section 'Testing' is out of order: the "
         "template puts it after 'Problem'")


@pytest.mark.parametrize(('steps', 'expected'), [
    pytest.param(
        [{TEMPLATE: outline('Problem', 'Alternatives', 'Testing'),
          'specs/a.rst': outline('Problem', 'Alternatives', 'Testing')},
         {TEMPLATE: outline('Problem', 'Testing', 'Alternatives')}],
        [], id='an order the template has changed since'),
    pytest.param(
        [{TEMPLATE: outline('Problem', 'Testing', 'Alternatives'),
          'specs/a.rst': outline('Problem', 'Alternatives', 'Testing')},
         {TEMPLATE: outline('Problem', 'Testing', 'Alternatives') +
          'Said otherwise.\n'}],
        [ORDER], id='an order both versions reject'),
    pytest.param(
        [{TEMPLATE: outline('Problem', 'Testing'),
          'specs/a.rst': outline('Problem')},
         {TEMPLATE: outline('Problem', 'Testing', 'Upgrade')}],
        ["specs/a.rst:5:1: S103 missing section 'Testing': the template "
         "puts it after 'Problem' (against specs/template.rst as of "
         "{first})"],
        id='a section both versions demand, not the one added since'),
    pytest.param(
        [{'specs/templates/old.rst': outline('Problem', 'Testing'),
          'specs/a.rst': outline('Problem', 'Testing')},
         {'specs/templates/old.rst': None,
          TEMPLATE: outline('Problem', 'Testing')},
         {TEMPLATE: outline('Problem', 'Testing', 'Upgrade')}],
        [], id='a renamed template keeps its past'),
    pytest.param(
        [{'specs/a.rst': outline('Problem', 'Testing')},
         {TEMPLATE: outline('Problem', 'Testing')},
         {'specs/a.rst': outline('Problem', 'Testing') + '\nMore.\n'},
         {TEMPLATE: outline('Problem', 'Testing', 'Upgrade')}],
        [], id='a spec older than its template, revised to it'),
    pytest.param(
        [{TEMPLATE: outline('Problem', 'Testing')},
         {TEMPLATE: outline('Problem', 'Testing', 'Upgrade')},
         {'specs/a.rst': outline('Problem', 'Testing'), 'authored': '2'}],
        [], id='written before the template changed, added after'),
    pytest.param(
        [{TEMPLATE: linked('example'), 'specs/a.rst': linked('b')},
         {TEMPLATE: outline('Problem')}],
        ["specs/a.rst:5:1: S112 blueprint URL names 'b' but the file is "
         "'a.rst': rename one to match the other"],
        id='named after a blueprint while the template showed its URL'),
    pytest.param(
        [{TEMPLATE: linked('example')},
         {TEMPLATE: outline('Problem')},
         {'specs/a.rst': linked('b')}],
        [], id='a blueprint URL once the template had dropped it'),
])
def test_a_finding_stands_only_where_every_version_has_it(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        steps: list[dict[str, str | None]], expected: list[str],
) -> None:
    """The spec met its template at some time in its life: when it was
    written, added or last changed; what one of those versions accepts,
    today's template or not, is not reported."""
    git(tmp_path, 'init', '-q')
    (tmp_path / 'pyproject.toml').write_text(
        f'[tool.spec-hooks]\ntemplate = "{TEMPLATE}"\n')
    build(tmp_path, *steps)
    monkeypatch.chdir(tmp_path)
    first = subprocess.run(
        ['git', 'rev-list', '--max-parents=0', 'HEAD'], cwd=tmp_path,
        check=True, capture_output=True, text=True).stdout[:12]
    assert run('specs/a.rst', capsys=capsys) == (
        [e.format(first=first) for e in expected], '')




@pytest.mark.parametrize(('made', 'expected'), [
    ({}, False),
    ({'.git/': ''}, False),  # git passes over a .git without a HEAD
    ({'.git/HEAD': 'ref: refs/heads/main\n'}, True),
    ({'../.git/HEAD': 'ref: refs/heads/main\n'}, True),
    ({'.git': 'gitdir: ../elsewhere\n'}, True),  # a worktree, a submodule
], ids=['nothing', 'empty .git', '.git here', '.git above', '.git file'])
def test_git_is_started_only_where_it_may_find_a_work_tree(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        made: dict[str, str], expected: bool,
) -> None:
    directory = tmp_path / 'top' / 'specs'
    directory.mkdir(parents=True)
    for name, text in made.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not name.endswith('/'):
            path.write_text(text)
    monkeypatch.delenv('GIT_DIR', raising=False)
    assert history.might_be_in_work_tree(str(directory)) is expected
    monkeypatch.setenv('GIT_DIR', str(tmp_path / 'repo.git'))
    assert history.might_be_in_work_tree(str(directory)) is True


def test_no_work_tree_no_git(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / '.git').mkdir()
    monkeypatch.delenv('GIT_DIR', raising=False)

    def no_git(cwd: str, args: list[str], stdin: bytes | None = None,
               ) -> bytes:
        raise AssertionError(f'git {args[0]} was started')

    monkeypatch.setattr(history, '_git', no_git)
    assert history.read(str(tmp_path), ['spec.rst']) is None


def test_the_built_in_template_alone_asks_git_nothing(
        repo: pathlib.Path, calls: list[list[str]],
        capsys: pytest.CaptureFixture[str],
) -> None:
    """It has no history in the user's repository."""
    (repo / 'pyproject.toml').write_text('[tool.spec-hooks]\n')
    run('specs/old.rst', capsys=capsys)
    assert calls == []
    run('--template', 'specs/template.rst', 'specs/old.rst', capsys=capsys)
    assert [args[0] for args in calls] == ['rev-parse', 'log', 'cat-file']
