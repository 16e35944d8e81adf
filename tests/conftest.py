from __future__ import annotations

import os
import pathlib

import pytest

from spec_hooks.config import Settings
from spec_hooks.context import Context, build
from spec_hooks.spec import MAX_FILE_SIZE
from spec_hooks.sphinx import vocabulary
from spec_hooks.template import Template

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(REPO), 'shared', 'corpus')
EXAMPLE = os.path.join(REPO, 'examples', 'awesome-thing.rst')


@pytest.fixture
def example_text() -> str:
    """A spec that passes every check against the built-in template."""
    with open(EXAMPLE, encoding='utf-8') as f:
        return f.read()


@pytest.fixture
def good(tmp_path: pathlib.Path, example_text: str) -> pathlib.Path:
    """The example spec, as a file of its own name."""
    path = tmp_path / 'awesome-thing.rst'
    path.write_text(example_text)
    return path


@pytest.fixture(autouse=True)
def cold_cache(tmp_path_factory: pytest.TempPathFactory,
               monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty template cache of its own."""
    monkeypatch.setenv('SPEC_HOOKS_CACHE_DIR',
                       str(tmp_path_factory.mktemp('cache')))


def corpus(*parts: str) -> str:
    """A path in the shared corpus; the test skips where it is absent."""
    path = os.path.join(CORPUS, *parts)
    if not os.path.exists(path):
        pytest.skip(f'corpus not available: {path}')
    return path


# Input no hook can check: (content, the one line expected for it).  The
# content is bytes, or 'missing', 'fifo' or 'huge' (a directory is
# searched for specs: see tests/test_cli.py; make_bad_input makes one too).
BAD_INPUTS = [
    pytest.param('missing', 'E901 file not found', id='missing'),
    pytest.param('fifo', 'E901 cannot read: not a regular file', id='FIFO'),
    pytest.param('huge', f'E901 cannot read: larger than {MAX_FILE_SIZE} '
                 'bytes', id='too large'),
    pytest.param(b'Title\n=====\n\ncaf\xe9\n',
                 'E902 not valid UTF-8 (byte 0xe9 on line 4); save the file '
                 'as UTF-8', id='latin-1'),
    pytest.param(b'\x89PNG\r\n\x1a\n\0\0\0',
                 'E903 binary file (NUL byte at offset 8)', id='binary'),
    pytest.param(b'', 'E904 file is empty', id='empty'),
    pytest.param(b'\r\n \t\n', 'E904 file is empty', id='blank'),
    pytest.param(b'\xef\xbb\xbf\n', 'E904 file is empty', id='BOM only'),
]


def make_bad_input(directory: pathlib.Path, content: bytes | str,
                   ) -> pathlib.Path:
    path = directory / 'bad.rst'
    if content == 'directory':
        path.mkdir()
    elif content == 'fifo':
        os.mkfifo(path)  # reading it would block forever
    elif content == 'huge':
        with open(path, 'wb') as f:
            f.truncate(MAX_FILE_SIZE + 1)  # sparse: takes no disk space
    elif isinstance(content, bytes):
        path.write_bytes(content)
    return path


def context(settings: Settings, template: Template, *paths: str) -> Context:
    """A run context in which ``paths`` are specs of ``template``."""
    names = vocabulary(None, settings.extra_directives, settings.extra_roles)
    return Context(settings, dict.fromkeys(paths, template), names)


def files_context(settings: Settings, *paths: str) -> Context:
    """The context a hook builds for checking ``paths``."""
    return build(settings, paths, outline=True, parse=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        '--full-corpus', action='store_true',
        help='also run the slow corpus tests (marked full_corpus)',
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        'markers', 'full_corpus: a slow corpus test, run with --full-corpus',
    )


def pytest_collection_modifyitems(
        config: pytest.Config, items: list[pytest.Item],
) -> None:
    if config.getoption('--full-corpus'):
        return
    slow = pytest.mark.skip(reason='slow corpus test: run with --full-corpus')
    for item in items:
        if 'full_corpus' in item.keywords:
            item.add_marker(slow)


def run_in_fresh_interpreter(hook: str, argv: list[str]) -> tuple[int, bool]:
    """A hook's ``main(argv)`` in a new interpreter: its exit code and
    whether it imported docutils."""
    import subprocess
    import sys

    code = (
        'import sys\n'
        f'from spec_hooks.{hook} import main\n'
        f'code = main({argv!r})\n'
        'print(code, "docutils" in sys.modules)\n'
    )
    out = subprocess.run(
        [sys.executable, '-c', code], capture_output=True, text=True,
        check=True, env={**os.environ, 'PYTHONPATH': REPO},
    ).stdout
    exit_code, imported = out.splitlines()[-1].split()
    return int(exit_code), imported == 'True'
