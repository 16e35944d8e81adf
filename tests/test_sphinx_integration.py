"""The RST check with the project's own Sphinx setup: conf.py is found,
read (never run) and decides which names a spec may use."""
from __future__ import annotations

import pathlib

import pytest

from spec_hooks.check_spec import main as check_spec
from spec_hooks.check_spec_rst import main
from tests.conftest import corpus

SPEC = 'Title\n=====\n\n'


def project(tmp_path: pathlib.Path, conf: str | None,
            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / '.git').mkdir()
    if conf is not None:
        (tmp_path / 'doc' / 'source').mkdir(parents=True)
        (tmp_path / 'doc' / 'source' / 'conf.py').write_text(conf)
    monkeypatch.chdir(tmp_path)


def run(tmp_path: pathlib.Path, body: str,
        capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    (tmp_path / 'spec.rst').write_text(SPEC + body)
    main([*argv, 'spec.rst'])
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ('conf', 'body', 'expected'), [
        pytest.param(
            "extensions = ['sphinx.ext.todo']\n", '.. mermaid::\n\n   a\n',
            ['spec.rst:4:4: R101 Unknown directive type "mermaid"; provided '
             "by extension 'sphinxcontrib.mermaid', which conf.py does not "
             'load'],
            id='a directive of an extension conf.py does not load',
        ),
        pytest.param(
            "extensions = []\nextensions += ['sphinxcontrib.mermaid']\n",
            '.. mermaid::\n\n   a\n', [],
            id='the same directive, loaded',
        ),
        pytest.param(
            None, '.. mermaid::\n\n   a\n', [],
            id='no conf.py: every extension we know is accepted',
        ),
        pytest.param(
            "extensions = ['sphinx.ext.intersphinx']\n",
            'See :external+python:ref:`x` and :c:func:`f`.\n', [],
            id="intersphinx's external roles and the C domain",
        ),
        pytest.param(
            "extensions = []\n", 'See :external+python:ref:`x`.\n',
            ['spec.rst:4:5: R102 Unknown interpreted text role '
             '"external+python:ref"; provided by extension '
             "'sphinx.ext.intersphinx', which conf.py does not load"],
            id='external roles without intersphinx',
        ),
        pytest.param(
            "extensions = []\n", '.. c:functon:: int f(void)\n',
            ['spec.rst:4:4: R101 Unknown directive type "c:functon"; did '
             "you mean 'c:function'?"],
            id='a hint stays in the domain the prefix names',
        ),
        pytest.param(
            "extensions = []\n", '.. note::\n   :collapsible:\n\n   Text.\n',
            [], id='an option Sphinx adds to a docutils directive',
        ),
        pytest.param(
            "extensions = []\n", '.. versionadded::\n',
            ['spec.rst:4:1: R113 Error in "versionadded" directive: 1 '
             'argument(s) required, 0 supplied.'],
            id="a Sphinx directive's arguments are checked",
        ),
        pytest.param(
            "extensions = []\nrst_epilog = '.. |product| replace:: Nova'\n",
            'It is |product| |version|.\n', [],
            id='substitutions of Sphinx and of rst_epilog',
        ),
        pytest.param(
            "import os\nextensions = [os.environ['NOPE']]\n"
            "raise SystemExit('never run')\n",
            'See :reff:`x`.\n',
            ["spec.rst:4:5: R102 Unknown interpreted text role \"reff\"; "
             "did you mean 'ref'?"],
            id='a conf.py that would fail if run is read, not run',
        ),
    ],
)
def test_names_follow_conf_py(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], conf: str | None, body: str,
        expected: list[str],
) -> None:
    project(tmp_path, conf, monkeypatch)
    assert run(tmp_path, body, capsys) == expected


def test_sphinx_conf_names_the_file(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    project(tmp_path, "extensions = []\n", monkeypatch)
    (tmp_path / 'other.py').write_text(
        "extensions = ['sphinxcontrib.mermaid']\n")
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\nsphinx-conf = "other.py"\n')
    assert run(tmp_path, '.. mermaid::\n\n   a\n', capsys) == []


def test_a_broken_conf_py_is_a_configuration_error(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    project(tmp_path, 'extensions = [\n', monkeypatch)
    (tmp_path / 'spec.rst').write_text(SPEC + 'Text.\n')
    assert main(['spec.rst']) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err.startswith('error: sphinx-conf: ') and err.count('\n') == 1
    assert 'conf.py' in err


def test_corpus_with_each_repositorys_own_conf_py(
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Every corpus repository builds its specs with Sphinx and its own
    conf.py: the one unknown name left in 2,359 specs is swift's
    `.. node::` (a typo of 'note' that Sphinx, too, rejects)."""
    root = pathlib.Path(corpus('nova-specs')).parent
    found = []
    for repo in sorted(p for p in root.iterdir() if p.is_dir()):
        monkeypatch.chdir(repo)
        paths = [str(p.relative_to(repo)) for p in sorted(repo.rglob('*.rst'))
                 if p.stat().st_size > 300]  # not the stored symlinks
        assert check_spec(['--select', 'R101,R102', *paths]) in (0, 1)
        found += [f'{repo.name}/{line}' for line in
                  capsys.readouterr().out.splitlines()]
    assert found == [
        'swift-specs/specs/in_progress/container_sharding.rst:412:4: R101 '
        'Unknown directive type "node"; did you mean \'note\'?',
    ]


def test_a_name_an_unknown_extension_likely_provides_is_reported_once(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Once per name per run, where it is first used: not as a typo at
    every use, in every spec."""
    project(tmp_path, "extensions = ['house.sphinxext']\n", monkeypatch)
    body = '.. house-diagram:: a\n\n.. house-diagram:: b\n'
    for name in ('a.rst', 'b.rst'):
        (tmp_path / name).write_text(SPEC + body)
    assert main(['a.rst', 'b.rst']) == 1
    assert capsys.readouterr().out.splitlines() == [
        'a.rst:4:4: R101 Unknown directive type "house-diagram"; perhaps '
        "from extension 'house.sphinxext' (unknown to spec-hooks): add it "
        'to extra-directives',
    ]
