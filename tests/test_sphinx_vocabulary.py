from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from spec_hooks.sphinx import (
    SphinxConf,
    Vocabulary,
    find_conf,
    read_conf,
    vocabulary,
)
from spec_hooks.sphinx.core import GENERIC_OBJECT, OBJECT
from spec_hooks.sphinx.names import spec

CORPUS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared',
                      'corpus')


def conf(tmp_path: os.PathLike[str], text: str) -> SphinxConf:
    path = os.path.join(tmp_path, 'conf.py')
    with open(path, 'w', encoding='utf-8') as file:
        file.write(textwrap.dedent(text))
    return read_conf(path)


def plain(tmp_path: os.PathLike[str], extensions: str = '') -> Vocabulary:
    return vocabulary(conf(tmp_path, f'extensions = [{extensions}]\n'),
                      learn_unknown=False)


@pytest.mark.parametrize('name', [
    'c:function', 'C:Function', 'cpp:class', 'js:function', 'py:function',
    'rst:directive:option', 'std:option', 'toctree', 'code-block',
    'versionadded', 'version-removed', 'only', 'index', 'glossary',
    'productionlist', 'function', 'class', 'currentmodule', 'note',
    'list-table',
])
def test_directives_accepted_without_extensions(tmp_path: str,
                                                name: str) -> None:
    assert plain(tmp_path).knows_directive(name)


@pytest.mark.parametrize('name', [
    'c:func', 'c:macro', 'cpp:any', 'js:meth', 'py:meth', 'rst:dir',
    'std:ref', 'math:numref', 'ref', 'doc', 'download', 'numref', 'kbd',
    'term', 'envvar', 'func', 'meth', 'eq', 'index', 'abbr', 'sup', 'code',
])
def test_roles_accepted_without_extensions(tmp_path: str, name: str) -> None:
    assert plain(tmp_path).knows_role(name)


@pytest.mark.parametrize(('kind', 'name', 'tail'), [
    ('role', 'c:functon', "did you mean 'c:func'?"),
    ('role', 'c:fnc', "did you mean 'c:func'?"),
    ('directive', 'c:functon', "did you mean 'c:function'?"),
    ('directive', 'c:method', '(if an extension provides it, add it to '
                              'extra-directives)'),
    ('directive', 'cpp:fucntion', "did you mean 'cpp:function'?"),
    ('directive', 'py:functon', "did you mean 'py:function'?"),
    ('role', 'py:fnuc', "did you mean 'py:func'?"),
    ('role', 'pyy:func', "did you mean 'py:func'?"),
    ('directive', 'notee', "did you mean 'note'?"),
    ('directive', 'code-blok', "did you mean 'code-block'?"),
    ('directive', 'toctre', "did you mean 'toctree'?"),
    ('role', 'refs', "did you mean 'ref'?"),
    ('role', 'Kbd2', "did you mean 'kbd'?"),
    ('directive', 'mermaid', "provided by extension 'sphinxcontrib.mermaid',"
                             ' which conf.py does not load'),
    ('directive', 'seqdiag', "provided by extension 'sphinxcontrib.seqdiag',"
                             ' which conf.py does not load'),
    ('directive', 'http:get', "provided by extension "
                              "'sphinxcontrib.httpdomain', which conf.py "
                              'does not load'),
    ('directive', 'todo', "provided by extension 'sphinx.ext.todo', which "
                          'conf.py does not load'),
    ('role', 'external+python:ref', "provided by extension "
                                    "'sphinx.ext.intersphinx', which "
                                    'conf.py does not load'),
    ('role', 'cite:p', "provided by extension 'sphinxcontrib.bibtex', "
                       'which conf.py does not load'),
    ('directive', 'frobnicate', '(if an extension provides it, add it to '
                                'extra-directives)'),
    ('role', 'frobnicate', '(if an extension provides it, add it to '
                           'extra-roles)'),
])
def test_explain_unknown(tmp_path: str, kind: str, name: str,
                         tail: str) -> None:
    known = plain(tmp_path)
    if kind == 'directive':
        assert not known.knows_directive(name)
        assert known.explain_unknown('directive', name) == tail
    else:
        assert not known.knows_role(name)
        assert known.explain_unknown('role', name) == tail


def test_same_domain_hint_never_crosses_domains(tmp_path: str) -> None:
    known = plain(tmp_path)
    for name in ('c:functon', 'c:klass', 'c:modul', 'js:functon'):
        tail = known.explain_unknown('directive', name)
        assert 'py:' not in tail and 'cpp:' not in tail, (name, tail)


def test_unknown_extension_is_named(tmp_path: str) -> None:
    known = plain(tmp_path, "'sphinx.ext.todo', 'foo.bar', 'baz'")
    assert known.unknown_extensions == ('foo.bar', 'baz')
    assert known.notes == (
        "extension 'foo.bar' is unknown to spec-hooks",
        "extension 'baz' is unknown to spec-hooks",
    )
    assert known.explain_unknown('directive', 'frobnicate') == (
        "perhaps from extension 'foo.bar' or 'baz' (unknown to spec-hooks):"
        ' add it to extra-directives'
    )
    assert known.explain_unknown('role', 'frobnicate') == (
        "perhaps from extension 'foo.bar' or 'baz' (unknown to spec-hooks):"
        ' add it to extra-roles'
    )
    assert known.explain_unknown('directive', 'todolst') == (
        "did you mean 'todolist'?"
    )


@pytest.mark.parametrize(('extensions', 'directive'), [
    ("'sphinx.ext.todo'", 'todo'),
    ("'sphinx.ext.graphviz'", 'digraph'),
    ("'sphinx.ext.inheritance_diagram'", 'graphviz'),  # set up in turn
    ("'sphinxcontrib.apidoc'", 'automodule'),
    ("'sphinxcontrib.mermaid'", 'mermaid'),
    ("'sphinxcontrib.blockdiag'", 'blockdiag'),
    ("'sphinxcontrib.plantuml'", 'uml'),
    ("'oslo_config.sphinxext'", 'oslo.config:group'),
    ("'oslo_config.sphinxext'", 'show-options'),
    ("'sphinx_design'", 'grid-item-card'),
    ("'sphinxcontrib.httpdomain'", 'http:get'),
    ("'sphinxcontrib.spelling'", 'spelling:word-list'),
])
def test_loaded_extension_directives(tmp_path: str, extensions: str,
                                     directive: str) -> None:
    assert not plain(tmp_path).knows_directive(directive)
    assert plain(tmp_path, extensions).knows_directive(directive)


def test_without_conf_every_extension_is_accepted() -> None:
    known = vocabulary(None)
    assert known.conf is None
    for name in ('todo', 'mermaid', 'seqdiag', 'uml', 'http:get',
                 'release-notes', 'tabs', 'list-plugins', 'automodule'):
        assert known.knows_directive(name), name
    for name in ('external+python:ref', 'cite:p', 'bdg-primary',
                 'spelling:word', 'oslo.config:option'):
        assert known.knows_role(name), name
    assert known.explain_unknown('directive', 'frobnicate') == (
        '(if an extension provides it, add it to extra-directives)'
    )


@pytest.mark.parametrize(('role', 'known'), [
    ('external:ref', True),
    ('external:doc', True),
    ('external:py:class', True),
    ('external:c:func', True),
    ('external+python:ref', True),
    ('external+python:py:meth', True),
    ('external+py-3:func', True),  # the primary domain's
    ('external:kbd', False),  # not a domain role
    ('external:py:fucn', False),
    ('external:nope:ref', False),
    ('external+python:', False),
    ('external', False),
])
def test_intersphinx_roles(tmp_path: str, role: str, known: bool) -> None:
    loaded = plain(tmp_path, "'sphinx.ext.intersphinx'")
    assert loaded.knows_role(role) is known
    assert not plain(tmp_path).knows_role(role)


def test_intersphinx_hint(tmp_path: str) -> None:
    loaded = plain(tmp_path, "'sphinx.ext.intersphinx'")
    assert loaded.explain_unknown('role', 'external+python:py:fucn') == (
        "did you mean 'external+python:py:func'?"
    )
    assert loaded.explain_unknown('role', 'external:reff') == (
        "did you mean 'external:ref'?"
    )


@pytest.mark.parametrize(('setting', 'accepted', 'rejected'), [
    ('', {'function', 'func', 'ref', 'option'}, {'macro', 'member'}),
    ("primary_domain = 'c'", {'function', 'func', 'macro', 'ref'},
     {'meth', 'currentmodule'}),
    ('primary_domain = None', {'ref', 'option', 'glossary'},
     {'function', 'func', 'meth'}),
])
def test_primary_domain(tmp_path: str, setting: str, accepted: set[str],
                        rejected: set[str]) -> None:
    known = vocabulary(conf(tmp_path, setting + '\n'))
    for name in accepted:
        assert known.knows_directive(name) or known.knows_role(name), name
    for name in rejected:
        assert not known.knows_directive(name), name
        assert not known.knows_role(name), name


def test_primary_domain_spec_wins(tmp_path: str) -> None:
    known = vocabulary(conf(tmp_path, "primary_domain = 'c'\n"))
    assert known.directive_spec('function') == known.directive_spec(
        'c:function')
    assert known.directive_spec('function') != vocabulary(
        None).directive_spec('function')


def test_names_from_config_values(tmp_path: str) -> None:
    known = vocabulary(conf(tmp_path, '''\
        extensions = ['sphinx.ext.extlinks', 'openstackdocstheme',
                      'sphinx_design']
        extlinks = {'bug': ('https://launchpad.net/bugs/%s', 'bug %s')}
        openstackdocs_projects = ['nova', 'Neutron']
        sd_custom_directives = {'dropdown-syntax': {'inherit': 'dropdown'}}
        '''))
    assert {'bug', 'nova-doc', 'neutron-doc'} <= known.roles
    assert 'dropdown-syntax' in known.directives
    assert not vocabulary(conf(tmp_path, '''\
        extlinks = {'bug': ('https://launchpad.net/bugs/%s', 'bug %s')}
        ''')).knows_role('bug')


def test_prolog_and_epilog(tmp_path: str) -> None:
    known = vocabulary(conf(tmp_path, '''\
        rst_prolog = """
        .. |Project| replace:: Nova
        .. role:: python(code)
           :language: python
        """
        rst_epilog = '.. |br| raw:: html\\n\\n   <br/>\\n'
        '''))
    assert known.substitutions == {
        'project', 'br', 'version', 'release', 'today',
        'translation progress',
    }
    assert known.knows_role('python')
    assert vocabulary(None).substitutions == {
        'version', 'release', 'today', 'translation progress',
    }


def test_conf_setup_names(tmp_path: str) -> None:
    known = vocabulary(conf(tmp_path, '''\
        def setup(app):
            app.add_object_type('confval', 'confval')
            app.add_directive('feature-matrix', FeatureMatrix)
        '''))
    assert known.knows_directive('feature-matrix')
    assert known.directive_spec('confval') == GENERIC_OBJECT


def test_local_extension_is_read_not_run(tmp_path: str) -> None:
    os.makedirs(os.path.join(tmp_path, 'ext'))
    with open(os.path.join(tmp_path, 'ext', 'local_ext.py'), 'w') as file:
        file.write(textwrap.dedent('''\
            raise SystemExit('importing me is a mistake')

            def setup(app):
                app.add_directive('local-table', LocalTable)
                app.add_role('local', local_role)
                app.setup_extension('sphinx.ext.todo')
            '''))
    known = vocabulary(conf(tmp_path, '''\
        sys.path.insert(0, os.path.abspath('ext'))
        extensions = ['local_ext']
        '''))
    assert known.unknown_extensions == ()
    assert known.knows_directive('local-table')
    assert known.knows_role('local')
    assert known.knows_directive('todo')
    assert known.directive_spec('local-table') is None


def test_extras(tmp_path: str) -> None:
    known = vocabulary(conf(tmp_path, ''), ['Feature-Matrix'], ['Bug'])
    assert known.knows_directive('feature-matrix')
    assert known.knows_role('bug')
    assert 'feature-matrix' in known.directives


def test_default_role_note(tmp_path: str) -> None:
    assert vocabulary(conf(tmp_path, "default_role = 'any'\n")).notes == ()
    assert vocabulary(conf(tmp_path, "default_role = 'nope'\n")).notes == (
        "default_role 'nope' is not a known role",
    )


def test_what_to_register(tmp_path: str) -> None:
    known = plain(tmp_path)
    # docutils handles its own names; Sphinx's code-block is another
    # directive than docutils' alias of 'code', so it is registered.
    assert {'toctree', 'code-block', 'sourcecode', 'c:function',
            'function', 'std:option', 'option'} <= known.directives
    assert not {'note', 'list-table', 'image', 'code'} & known.directives
    assert {'note', 'math', 'class', 'rubric'} <= known.overridden
    assert {'ref', 'c:func', 'func', 'index'} <= known.roles
    assert not {'code', 'sup', 'math'} & known.roles
    assert all(name == name.lower() for name in known.directives)


@pytest.mark.parametrize(('name', 'expected'), [
    ('toctree', spec(0, 0, False, True, (
        'caption class glob hidden includehidden maxdepth name numbered '
        'reversed titlesonly'
    ))),
    ('Function', None),  # under conf: see test_primary_domain_spec_wins
    ('std:option', spec(1, 0, True, True, OBJECT)),
    ('math', spec(0, 1, True, True, 'class label name no-wrap nowrap')),
    ('list-table', None),
    ('frobnicate', None),
])
def test_directive_spec(tmp_path: str, name: str,
                        expected: object) -> None:
    found = plain(tmp_path).directive_spec(name)
    if expected is None and name == 'Function':
        assert found == plain(tmp_path).directive_spec('py:function')
    else:
        assert found == expected


def test_building_imports_neither_docutils_nor_sphinx() -> None:
    code = textwrap.dedent('''\
        import sys
        from spec_hooks.sphinx import vocabulary
        known = vocabulary(None)
        known.explain_unknown('directive', 'notee')
        print(sorted(m for m in sys.modules
                     if m.split('.')[0] in ('docutils', 'sphinx')))
        ''')
    result = subprocess.run(
        [sys.executable, '-c', code], capture_output=True, text=True,
        check=True, env={**os.environ, 'PYTHONPATH': os.pathsep.join(
            [os.path.dirname(os.path.dirname(__file__)), *sys.path])},
    )
    assert result.stdout == '[]\n'


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason='no corpus')
def test_corpus_vocabularies_are_fast_and_complete() -> None:
    repositories = sorted(os.listdir(CORPUS))
    confs = [read_conf(path) for path in (
        find_conf(os.path.join(CORPUS, name)) for name in repositories
    ) if path]
    assert len(confs) == 14
    start = time.perf_counter()
    built = [vocabulary(one, learn_unknown=False) for one in confs]
    per_conf = (time.perf_counter() - start) / len(confs)
    assert per_conf < 0.005
    for one in built:
        assert one.unknown_extensions == ()
        assert one.notes == ()


def test_vocabulary_pickles(tmp_path: str) -> None:
    """Worker processes receive it with the settings."""
    import pickle

    known = vocabulary(conf(tmp_path, '''\
        extensions = ['sphinx.ext.intersphinx', 'sphinx_design']
        rst_prolog = '.. |project| replace:: Nova\\n'
        '''), ['feature-matrix'])
    copy = pickle.loads(pickle.dumps(known))
    assert copy.directives == known.directives
    assert copy.roles == known.roles
    assert copy.substitutions == known.substitutions
    assert copy.knows_role('external:ref')
    assert copy.explain_unknown('directive', 'mermaid') == (
        "provided by extension 'sphinxcontrib.mermaid', which conf.py does "
        'not load'
    )
