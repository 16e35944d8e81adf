from __future__ import annotations

import itertools
import os
import sys
import textwrap
from collections.abc import Callable, Iterator

import pytest

from spec_hooks.sphinx import learn
from spec_hooks.sphinx.core import AUTODOC, GENERIC_OBJECT, TARGET
from spec_hooks.sphinx.learn import _learn
from spec_hooks.sphinx.names import spec

COUNTER = itertools.count()
Writer = Callable[[str], str]


@pytest.fixture
def extension(tmp_path: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[
        Writer]:
    """Writes an extension module on sys.path; returns its unique name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    names: list[str] = []

    def write(source: str) -> str:
        name = f'spec_hooks_test_ext_{os.getpid()}_{next(COUNTER)}'
        with open(os.path.join(tmp_path, f'{name}.py'), 'w') as file:
            file.write(textwrap.dedent(source))
        names.append(name)
        return name

    yield write
    for name in names:
        sys.modules.pop(name, None)
    _learn.cache_clear()


def test_records_what_setup_adds(extension: Writer) -> None:
    name = extension('''\
        class Table:
            required_arguments = 1
            optional_arguments = 2
            final_argument_whitespace = True
            has_content = True
            option_spec = {'widths': str, 'class': str}

        class Plain:
            pass

        class AnyOption(dict):
            def __missing__(self, key):
                return str

        class Loose:
            option_spec = AnyOption()

        def old_style(name, arguments, options, content, lineno,
                      content_offset, block_text, state, state_machine):
            return []
        old_style.arguments = (0, 1, False)
        old_style.options = {'caption': str}
        old_style.content = True

        class Domain:
            name = 'api'
            directives = {'endpoint': Plain}
            roles = {'endpoint': object(), 'Param': object()}

        class Documenter:
            objtype = 'thing'

        def setup(app):
            app.require_sphinx('7.0')
            app.add_config_value('table_width', 80, 'env')
            if app.config.table_width:
                app.add_directive('never-added', Plain)
            app.connect('builder-inited', print)
            app.add_node(object, html=(None, None))
            app.add_directive('Table', Table)
            app.add_directive('plain', Plain, override=True)
            app.add_directive('loose', Loose)
            app.add_directive('old-style', old_style)
            app.add_role('bug', object())
            app.add_generic_role('dfn2', object)
            app.add_directive_to_domain('py', 'task', Plain)
            app.add_role_to_domain('py', 'task', object())
            app.add_object_type('confval', 'confval2', 'pair: %s; conf')
            app.add_crossref_type('topic', 'topicref')
            app.add_domain(Domain)
            app.add_autodocumenter(Documenter)
            app.setup_extension('sphinx.ext.todo')
            return {'parallel_read_safe': True}
        ''')
    names = learn(name)
    assert names is not None
    assert dict(names.directives) == {
        'table': spec(1, 2, True, True, 'class widths'),
        'plain': spec(),
        'loose': spec(options=None),
        'old-style': spec(0, 1, False, True, 'caption'),
        'py:task': spec(),
        'std:confval': GENERIC_OBJECT,
        'std:topic': TARGET,
        'api:endpoint': spec(),
        'autothing': AUTODOC,
    }
    assert names.roles == {
        'bug', 'dfn2', 'py:task', 'std:confval2', 'std:topicref',
        'api:endpoint', 'api:param',
    }
    assert names.domains == {'api'}
    assert names.requires == ('sphinx.ext.todo',)


def test_names_registered_with_docutils_directly(extension: Writer) -> None:
    from docutils.parsers.rst import directives, roles

    name = extension('''\
        from docutils import nodes
        from docutils.parsers.rst import Directive, directives, roles

        class Matrix(Directive):
            required_arguments = 1

        def setup(app):
            directives.register_directive('support-matrix', Matrix)
            roles.register_generic_role('feature', nodes.literal)
        ''')
    before = dict(vars(directives)['_directives']), dict(vars(roles)['_roles'])
    names = learn(name)
    assert names is not None
    assert dict(names.directives) == {'support-matrix': spec(1)}
    assert names.roles == {'feature'}
    after = dict(vars(directives)['_directives']), dict(vars(roles)['_roles'])
    assert after == before


@pytest.mark.parametrize(('source', 'note'), [
    ('def setup(app):\n    raise RuntimeError("needs a builder")\n',
     "skipped: its setup raised RuntimeError: needs a builder"),
    ('import not_installed_anywhere_xyz\ndef setup(app):\n    pass\n',
     "skipped: its setup raised ModuleNotFoundError: No module named "
     "'not_installed_anywhere_xyz'"),
    ('def setup(app):\n    raise SystemExit(3)\n',
     'skipped: its setup raised SystemExit: 3'),
    ('def setup(app):\n    app.add_directive()\n',
     "skipped: its setup raised TypeError: Recorder.add_directive() missing "
     "2 required positional arguments: 'name' and 'cls'"),
    ('print("imported")\n', 'not learned: it has no setup function, so it '
                            'is no Sphinx extension'),
])
def test_failures_are_notes(extension: Writer, source: str,
                            note: str) -> None:
    name = extension(source)
    notes: list[str] = []
    assert learn(name, notes) is None
    assert notes == [f"extension '{name}' {note}"]


@pytest.mark.parametrize(('name', 'note'), [
    ('antigravity', 'it is a standard library module'),
    ('os.path', 'it is a standard library module'),
    ('no_such_extension_xyz', 'no such module is installed'),
    ('no_such_package_xyz.ext', 'no such module is installed'),
    ('', 'it is not a module name'),
    ('../../etc/passwd', 'it is not a module name'),
    ('sphinx ext', 'it is not a module name'),
])
def test_refused_without_importing(name: str, note: str) -> None:
    notes: list[str] = []
    assert learn(name, notes) is None
    assert notes == [f"extension '{name}' not learned: {note}"]
    assert name not in sys.modules or name == 'os.path'


def test_parent_package_is_not_imported_to_look(
        tmp_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    package = os.path.join(tmp_path, 'spec_hooks_test_pkg')
    os.makedirs(package)
    marker = os.path.join(tmp_path, 'imported')
    with open(os.path.join(package, '__init__.py'), 'w') as file:
        file.write(f'open({marker!r}, "w").close()\n')
    with open(os.path.join(package, 'tool.py'), 'w') as file:
        file.write('def main():\n    pass\n')
    notes: list[str] = []
    assert learn('spec_hooks_test_pkg.tool', notes) is None
    assert notes == ["extension 'spec_hooks_test_pkg.tool' not learned: it "
                     'has no setup function, so it is no Sphinx extension']
    assert not os.path.exists(marker)


def test_setup_imported_from_elsewhere_counts(
        tmp_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    package = os.path.join(tmp_path, 'spec_hooks_test_reexport')
    os.makedirs(package)
    with open(os.path.join(package, '__init__.py'), 'w') as file:
        file.write('from .ext import setup\n')
    with open(os.path.join(package, 'ext.py'), 'w') as file:
        file.write('def setup(app):\n    app.add_role("re", None)\n')
    try:
        names = learn('spec_hooks_test_reexport')
        assert names is not None and names.roles == {'re'}
    finally:
        for module in ('spec_hooks_test_reexport',
                       'spec_hooks_test_reexport.ext'):
            sys.modules.pop(module, None)
        _learn.cache_clear()


def test_output_is_silenced(extension: Writer,
                            capfd: pytest.CaptureFixture[str]) -> None:
    name = extension('''\
        import os, sys, warnings
        print('at import')
        def setup(app):
            print('in setup')
            sys.stderr.write('to stderr\\n')
            os.write(1, b'to fd 1\\n')
            os.write(2, b'to fd 2\\n')
            warnings.warn('deprecated')
            app.add_role('quiet', None)
        ''')
    names = learn(name)
    assert names is not None and names.roles == {'quiet'}
    assert capfd.readouterr() == ('', '')


def test_learned_once(extension: Writer) -> None:
    name = extension('''\
        COUNT = []
        def setup(app):
            COUNT.append(1)
            app.add_role('once', None)
        ''')
    assert learn(name) == learn(name)
    assert sys.modules[name].COUNT == [1]
