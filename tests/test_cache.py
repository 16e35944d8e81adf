"""The template outline cache: warm, it spares docutils the template;
broken, it is ignored and written anew; unwritable, it is no error."""
from __future__ import annotations

import datetime
import marshal
import multiprocessing
import os
import pathlib
import threading
from typing import Any

import pytest

from spec_hooks import __version__, cache, doctree
from spec_hooks.check_spec_structure import main
from spec_hooks.checks import leftovers, license
from spec_hooks.spec import Section
from spec_hooks.sphinx import vocabulary
from spec_hooks.template import CACHED_TEMPLATES

TEMPLATE = '=======\n Title\n=======\n\nProblem\n=======\n\nText.\n'
SPEC = TEMPLATE.replace(' Title', ' Spec ').replace('Problem', 'Problme')
FOUND = ["spec.rst:5:1: S107 section title 'Problme' is not in the "
         "template; did you mean 'Problem'?"]


@pytest.fixture
def files(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
          ) -> pathlib.Path:
    (tmp_path / 'template.rst').write_text(TEMPLATE)
    (tmp_path / 'spec.rst').write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(['--template', 'template.rst', 'spec.rst'])
    return capsys.readouterr().out.splitlines()


def entries() -> list[str]:
    return sorted(os.listdir(cache.directory()))


def test_a_warm_cache_spares_the_template_parse(
        files: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    parsed: list[str] = []
    real = doctree.parse

    def counting(text: str, source: str, names: object = None) -> object:
        parsed.append(source)
        return real(text, source, names)  # type: ignore[arg-type]

    monkeypatch.setattr(doctree, 'parse', counting)
    assert run(capsys) == FOUND
    assert parsed == ['template.rst', 'spec.rst']
    assert len(entries()) == 1 and entries()[0].endswith('.json')
    parsed.clear()
    assert run(capsys) == FOUND
    assert parsed == ['spec.rst']


@pytest.mark.parametrize('content', [
    b'', b'not json', b'[]', b'{"title": "x"}', b'{"title": 1, "depth": 1, '
    b'"line": 1, "underline": "=", "overline": true, "has_body": true, '
    b'"children": []}', b'{"children": ' * 5000, b' ' * (cache.MAX_ENTRY + 1),
])
def test_a_broken_entry_is_ignored_and_written_anew(
        files: pathlib.Path, capsys: pytest.CaptureFixture[str],
        content: bytes,
) -> None:
    assert run(capsys) == FOUND
    [entry] = entries()
    path = pathlib.Path(cache.directory(), entry)
    path.write_bytes(content)
    assert run(capsys) == FOUND
    assert path.read_bytes() != content


def test_an_entry_that_is_no_regular_file_is_never_read(
        files: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A FIFO would block the run for ever: it is replaced unread."""
    assert run(capsys) == FOUND
    [entry] = entries()
    path = pathlib.Path(cache.directory(), entry)
    path.unlink()
    os.mkfifo(path)
    found: list[list[str]] = []
    thread = threading.Thread(target=lambda: found.append(run(capsys)),
                              daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), 'reading the cache blocked'
    assert found == [FOUND]
    assert path.is_file()


def test_an_unwritable_cache_is_no_error(
        files: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = files / 'not-a-directory'
    blocker.write_text('')
    monkeypatch.setenv('SPEC_HOOKS_CACHE_DIR', str(blocker / 'cache'))
    assert run(capsys) == FOUND
    assert capsys.readouterr().err == ''


def test_the_key_follows_what_shapes_the_outline() -> None:
    names = vocabulary(None)
    more = vocabulary(None, extra_directives=('house-diagram',))
    keys = {cache.key(b'a', names), cache.key(b'b', names),
            cache.key(b'a', more), cache.key(b'a', None)}
    assert len(keys) == 4
    assert cache.key(b'a', names) == cache.key(b'a', vocabulary(None))


def _store(entry: str) -> None:
    title = Section('Title', 1, 2, '=', True, True, None)
    title.children = [Section('Problem', 2, 5, '=', False, True, title)]
    for _ in range(200):
        cache.store(entry, title)


def test_two_writers_at_once_leave_one_whole_entry(
        tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv('SPEC_HOOKS_CACHE_DIR', str(tmp_path))
    context = multiprocessing.get_context('fork')
    writers = [context.Process(target=_store, args=('e',)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert entries() == ['e.json']
    loaded = cache.load('e')
    assert loaded is not None
    assert [s.title for s in loaded.walk()] == ['Title', 'Problem']


CONFIG = b'[tool.spec-hooks]\ntemplate = "template.rst"\n' \
    b'max-line-length = 99\n'
PARSED = {'tool': {'spec-hooks': {'template': 'template.rst',
                                  'max-line-length': 99}}}


def test_a_parsed_pyproject_is_kept_and_found_by_its_bytes() -> None:
    assert cache.load_toml(CONFIG) is None
    cache.store_toml(CONFIG, PARSED)
    assert cache.load_toml(CONFIG) == PARSED
    assert cache.load_toml(CONFIG + b'\n') is None


@pytest.mark.parametrize('content', [
    b'', b'\0garbage', marshal.dumps(('0.0.0', CONFIG, PARSED)),
    marshal.dumps((__version__, CONFIG + b' ', PARSED)),
    marshal.dumps((__version__, CONFIG, ['not', 'a', 'table'])),
    marshal.dumps((__version__, CONFIG)),
], ids=['empty', 'no marshal data', 'another version', 'another file',
        'no table', 'no triple'])
def test_a_toml_entry_not_of_this_file_is_no_hit(content: bytes) -> None:
    os.makedirs(cache.directory(), exist_ok=True)
    cache.store_toml(CONFIG, PARSED)
    [entry] = entries()
    pathlib.Path(cache.directory(), entry).write_bytes(content)
    assert cache.load_toml(CONFIG) is None


def test_a_toml_document_marshal_cannot_keep_is_not_kept() -> None:
    cache.store_toml(CONFIG, {'when': datetime.date(2026, 1, 1)})
    assert not os.path.exists(cache.directory()) or entries() == []


def test_the_hooks_read_a_kept_pyproject(
        files: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (files / 'pyproject.toml').write_bytes(CONFIG)
    assert run_configured(capsys) == FOUND
    cache.store_toml(CONFIG, {'tool': {'spec-hooks': {
        'template': 'template.rst', 'ignore': ['S107']}}})
    assert run_configured(capsys) == []


def run_configured(capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(['spec.rst'])
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize('cached', [
    leftovers.template_blueprint, leftovers._matcher, leftovers._guidance,
    license.template_license, doctree._taught,
], ids=lambda f: f.__name__)
def test_what_a_template_gives_is_kept_for_a_bounded_number_of_them(
        cached: Any) -> None:
    """Each run loads its templates afresh: in a process that runs the
    hooks again and again (the fuzzer, an editor), an unbounded cache grew
    by 0.4 MB a run, to gigabytes."""
    assert cached.cache_info().maxsize == CACHED_TEMPLATES
