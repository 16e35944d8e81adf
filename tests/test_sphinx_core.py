from __future__ import annotations

import pytest

from spec_hooks.sphinx import core, learn
from spec_hooks.sphinx.names import merge


def test_docutils_directives() -> None:
    from docutils.parsers.rst import directives
    from docutils.parsers.rst.languages import en

    assert {
        *en.directives, *vars(directives)['_directive_registry'],
    } == core.DOCUTILS_DIRECTIVES


def test_docutils_roles() -> None:
    from docutils.parsers.rst import roles
    from docutils.parsers.rst.languages import en

    registry = vars(roles)['_role_registry']
    names = {*en.roles, *registry}
    unimplemented = {
        name for name in names
        if registry.get(en.roles.get(name, name)) is roles.unimplemented_role
    }
    assert unimplemented == core.DOCUTILS_UNIMPLEMENTED_ROLES
    assert names - unimplemented == core.DOCUTILS_ROLES


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
