from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from spec_hooks.sphinx import core, learn
from spec_hooks.sphinx.names import merge

# Run in a fresh interpreter: the checks register Sphinx's names with
# docutils process-wide.
DOCUTILS_NAMES = textwrap.dedent('''\
    import json
    from docutils.parsers.rst import directives, roles
    from docutils.parsers.rst.languages import en

    registry = vars(roles)['_role_registry']
    role_names = {*en.roles, *registry}
    print(json.dumps({
        'directives': sorted({
            *en.directives, *vars(directives)['_directive_registry'],
        }),
        'roles': sorted(role_names),
        'unimplemented': sorted(
            name for name in role_names
            if registry.get(en.roles.get(name, name))
            is roles.unimplemented_role
        ),
    }))
''')


def docutils_names() -> dict[str, set[str]]:
    result = subprocess.run(
        [sys.executable, '-c', DOCUTILS_NAMES], capture_output=True,
        text=True, check=True,
    )
    return {key: set(value) for key, value in json.loads(
        result.stdout).items()}


# Directives newer than the oldest docutils we support (0.19).
NEWER_DIRECTIVES = frozenset(('rst-class',))


def test_docutils_names() -> None:
    names = docutils_names()
    assert names['directives'] <= core.DOCUTILS_DIRECTIVES
    assert core.DOCUTILS_DIRECTIVES - names['directives'] <= NEWER_DIRECTIVES
    assert names['unimplemented'] == core.DOCUTILS_UNIMPLEMENTED_ROLES
    assert names['roles'] - names['unimplemented'] == core.DOCUTILS_ROLES


def test_sphinx_names_are_lower_case() -> None:
    for name in (*core.SPHINX.directives, *core.SPHINX.roles):
        assert name == name.lower()


def test_sphinx_core_as_installed() -> None:
    """Where Sphinx is installed, its modules add exactly these names."""
    application = pytest.importorskip('sphinx.application')
    notes: list[str] = []
    learned = merge(*(
        names for names in (
            learn(module, notes) for module in application.builtin_extensions
        ) if names is not None
    ))
    assert notes == []
    assert dict(learned.directives) == dict(core.SPHINX.directives)
    assert learned.roles == core.SPHINX.roles
    assert learned.domains == core.SPHINX.domains
