from __future__ import annotations

import importlib.util
import os

import pytest

from spec_hooks.sphinx import find_conf, learn, read_conf
from spec_hooks.sphinx.conf import read_extension
from spec_hooks.sphinx.extensions import EXTENSIONS

CORPUS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared',
                      'corpus')
# Registered when Sphinx reads the config, which the recording app does
# not do; the table lists them from the source.
REGISTERED_LATER = {'sphinx.ext.autodoc'}


def installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # its parent package is missing
        return False


@pytest.mark.parametrize('extension', sorted(EXTENSIONS))
def test_table_matches_installed_extension(extension: str) -> None:
    if extension in REGISTERED_LATER:
        pytest.skip(f'{extension} registers its names later')
    if not installed(extension):
        pytest.skip(f'{extension} is not installed')
    notes: list[str] = []
    learned = learn(extension, notes)
    if learned is None:
        pytest.skip(notes[0])
    table = EXTENSIONS[extension]
    assert dict(learned.directives) == dict(table.directives)
    assert learned.roles == table.roles
    assert learned.domains == table.domains
    assert learned.requires == table.requires


def test_table_names_are_lower_case() -> None:
    for names in EXTENSIONS.values():
        for name in (*names.directives, *names.roles):
            assert name == name.lower()


def test_requirements_are_in_the_table() -> None:
    for names in EXTENSIONS.values():
        for required in names.requires:
            assert required in EXTENSIONS


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason='no corpus')
def test_every_corpus_extension_is_known() -> None:
    """Each extension a corpus conf.py loads is in the table, or is a
    local module next to conf.py that adds no names."""
    for repository in sorted(os.listdir(CORPUS)):
        path = find_conf(os.path.join(CORPUS, repository))
        if path is None:
            continue
        for extension in read_conf(path).extensions:
            if extension in EXTENSIONS:
                continue
            local = os.path.join(os.path.dirname(path), f'{extension}.py')
            names = read_extension(local)
            assert (dict(names.directives), names.roles) == ({}, set()), \
                (repository, extension)
