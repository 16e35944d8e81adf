from __future__ import annotations

import os
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_hooks.spec import MAX_FILE_SIZE
from spec_hooks.sphinx.conf import (
    ConfError,
    find_conf,
    prolog_names,
    read_conf,
    read_extension,
)
from spec_hooks.sphinx.core import GENERIC_OBJECT, TARGET

CORPUS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared',
                      'corpus')


def write(tmp_path: os.PathLike[str], text: str,
          name: str = 'conf.py') -> str:
    path = os.path.join(tmp_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as file:
        file.write(textwrap.dedent(text))
    return path


# The ways the corpus' conf.py files (and others) write `extensions`.
EXTENSIONS = [
    pytest.param('''\
        extensions = ['sphinx.ext.autodoc',
                      'sphinx.ext.todo',
                      'openstackdocstheme',
                     ]
        ''', ('sphinx.ext.autodoc', 'sphinx.ext.todo', 'openstackdocstheme'),
        id='list, hanging indent, trailing comma'),
    pytest.param('''\
        extensions = [
            'sphinx.ext.autodoc',
            #'sphinx.ext.intersphinx',
            'openstackdocstheme',
            #'sphinxcontrib.spelling', # required for tox -e spelling
        ]
        ''', ('sphinx.ext.autodoc', 'openstackdocstheme'),
        id='commented-out entries'),
    pytest.param('''\
        extensions = [
            'sphinx.ext.autodoc',
            'yasfb',
        ]
        try:
            import sphinxcontrib.spelling
            extensions.append('sphinxcontrib.spelling')
        except ImportError:
            pass
        ''', ('sphinx.ext.autodoc', 'yasfb', 'sphinxcontrib.spelling'),
        id='append in try, import that fails'),
    pytest.param('''\
        extensions = ('a',)
        extensions += ['b']
        extensions += ('c',)
        extensions.extend(['d', 'e'])
        extensions.insert(0, 'f')
        ''', ('a', 'b', 'c', 'd', 'e', 'f'),
        id='tuple, +=, extend, insert'),
    pytest.param('''\
        import os
        extensions = ['a']
        if os.environ.get('SPELLING'):
            extensions.append('b')
        else:
            extensions = ['c']
        with open('x') as f:
            extensions.append('d')
        for name in ('e',):
            extensions.append('f')
        ''', ('a', 'b', 'c', 'd', 'f'), id='branches only add'),
    pytest.param('''\
        extensions = ['a']
        extensions = ['b']
        ''', ('b',), id='a later assignment replaces'),
    pytest.param('''\
        base = ['a', 'b']
        more = ('c',)
        extensions = base + list(more)
        extensions = base + ['d', *more]
        ''', ('a', 'b', 'd', 'c'), id='names bound to literals, +, *'),
    pytest.param('''\
        extensions: list[str] = ['a', 'a']
        ''', ('a',), id='annotated, repeats once'),
    pytest.param('''\
        def setup(app):
            extensions.append('not-run')
        class Config:
            extensions = ['not-run-either']
        extensions = ['a']
        ''', ('a',), id='function and class bodies are not run'),
]


@pytest.mark.parametrize(('text', 'expected'), EXTENSIONS)
def test_extensions(tmp_path: str, text: str,
                    expected: tuple[str, ...]) -> None:
    assert read_conf(write(tmp_path, text)).extensions == expected


@pytest.mark.parametrize(('text', 'expected', 'note'), [
    ("extensions = ['a', get_ext()]\n", ('a',),
     ':1: an extension name is not a string literal; ignored'),
    ('extensions = make_list()\n', (),
     ':1: extensions is not a list of string literals; ignored'),
    ("rst_prolog = open('p.rst').read()\n", (),
     ':1: rst_prolog is not a literal; ignored'),
    ('primary_domain = 3\n', (), ': primary_domain is not a string; '
     'ignored'),
    ('sys.path.insert(0, find_dir())\n', (),
     ':1: a sys.path entry is not a literal path; ignored'),
])
def test_unreadable_parts_are_noted(
        tmp_path: str, text: str, expected: tuple[str, ...], note: str,
) -> None:
    path = write(tmp_path, text)
    conf = read_conf(path)
    assert conf.extensions == expected
    assert conf.notes == (path + note,)


def test_conf_that_would_raise_is_read(tmp_path: str) -> None:
    # As octavia's: imports of the project, code run at import.
    path = write(tmp_path, '''\
        import datetime
        from pydotplus import graphviz
        import octavia.db.models as models
        sys.path.insert(0, os.path.abspath('../..'))
        from tools import create_flow_docs
        create_flow_docs.generate('tools/flow-list-v2.txt', 'doc/source')
        raise SystemExit('never run')
        extensions = [
            'sphinx.ext.graphviz',
            'oslo_config.sphinxext',
        ]
        copyright = '%s, OpenStack' % datetime.date.today().year
        project = 'octavia'
        ''')
    conf = read_conf(path)
    assert conf.extensions == ('sphinx.ext.graphviz', 'oslo_config.sphinxext')
    assert conf.values == {'project': 'octavia'}
    assert conf.local_dirs == (os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(path)))),)


@pytest.mark.parametrize(('text', 'expected'), [
    ("sys.path.insert(0, os.path.abspath('.'))\n", '.'),
    ("sys.path.append('ext')\n", 'ext'),
    ('sys.path.insert(0, os.path.join(os.path.dirname(__file__), '
     "'..', 'ext'))\n", os.path.join('..', 'ext')),
    ("HERE = 'tools'\nsys.path.insert(0, os.path.abspath(HERE))\n", 'tools'),
])
def test_local_dirs(tmp_path: str, text: str, expected: str) -> None:
    conf = read_conf(write(tmp_path, text))
    assert conf.local_dirs == (
        os.path.normpath(os.path.join(tmp_path, expected)),
    )


def test_settings(tmp_path: str) -> None:
    conf = read_conf(write(tmp_path, '''\
        rst_prolog = """
        .. |project| replace:: Nova
        """
        rst_epilog = '.. role:: python(code)\\n'
        primary_domain = 'c'
        default_role = 'any'
        extlinks = {'bug': ('https://bugs.example.org/%s', 'bug %s')}
        todo_include_todos = True
        '''))
    assert conf.rst_prolog == '\n.. |project| replace:: Nova\n'
    assert conf.rst_epilog == '.. role:: python(code)\n'
    assert conf.primary_domain == 'c'
    assert conf.default_role == 'any'
    assert conf.values['extlinks'] == {
        'bug': ('https://bugs.example.org/%s', 'bug %s'),
    }
    assert conf.values['todo_include_todos'] is True


@pytest.mark.parametrize(('text', 'expected'), [
    ('', 'py'),
    ('primary_domain = None\n', None),
    ("primary_domain = 'cpp'\n", 'cpp'),
])
def test_primary_domain(tmp_path: str, text: str,
                        expected: str | None) -> None:
    assert read_conf(write(tmp_path, text)).primary_domain == expected


def test_setup_of_conf_adds_names(tmp_path: str) -> None:
    conf = read_conf(write(tmp_path, '''\
        def setup(app):
            app.add_directive('Feature-Matrix', FeatureMatrix)
            app.add_role('bug', bug_role)
            app.add_generic_role('dfn2', nodes.emphasis)
            app.add_directive_to_domain('py', 'task', Task)
            app.add_role_to_domain('py', 'task', XRefRole())
            app.add_object_type('confval', 'confval2')
            app.add_crossref_type('topic', 'topic')
            app.add_directive(name_from_variable, Other)
            app.setup_extension('sphinx.ext.graphviz')
            app.connect('build-finished', done)
        '''))
    assert dict(conf.names.directives) == {
        'feature-matrix': None, 'py:task': None,
        'std:confval': GENERIC_OBJECT, 'std:topic': TARGET,
    }
    assert conf.names.roles == {
        'bug', 'dfn2', 'py:task', 'std:confval2', 'std:topic',
    }
    assert conf.names.requires == ('sphinx.ext.graphviz',)


def test_read_extension(tmp_path: str) -> None:
    path = write(tmp_path, '''\
        import os.path
        from sphinx.util import logging

        def process_redirect_file(app, path, ent):
            app.add_role('not-in-setup', None)

        def setup(sphinx_app):
            sphinx_app.connect('build-finished', emit_redirects)
            sphinx_app.add_directive('redirect-table', Table)
        ''', name='redirect.py')
    names = read_extension(path)
    assert dict(names.directives) == {'redirect-table': None}
    assert names.roles == frozenset()


@pytest.mark.parametrize(('data', 'message'), [
    (b'extensions = ["a"\n', ":1: not valid Python: '[' was never closed"),
    (b'# caf\xe9\nextensions = []\n',
     ': not UTF-8 (byte 6 cannot be decoded)'),
    (b'x = 1\x00\n', ': not valid Python: it contains a null byte'),
])
def test_unreadable_conf(tmp_path: str, data: bytes, message: str) -> None:
    path = os.path.join(tmp_path, 'conf.py')
    with open(path, 'wb') as file:
        file.write(data)
    with pytest.raises(ConfError) as error:
        read_conf(path)
    assert str(error.value) == path + message
    assert '\n' not in str(error.value)


def test_missing_conf(tmp_path: str) -> None:
    path = os.path.join(tmp_path, 'conf.py')
    with pytest.raises(ConfError) as error:
        read_conf(path)
    assert str(error.value) == f'{path}: cannot read: No such file or ' \
                               f'directory'


@pytest.mark.parametrize(('kind', 'message'), [
    ('fifo', 'not a regular file'),
    ('huge', f'larger than {MAX_FILE_SIZE} bytes'),
])
def test_conf_that_is_no_regular_file_of_sane_size_is_not_read(
        tmp_path: str, kind: str, message: str,
) -> None:
    path = os.path.join(tmp_path, 'conf.py')
    if kind == 'fifo':
        os.mkfifo(path)  # reading it would block for ever
    else:
        with open(path, 'wb') as file:
            file.truncate(MAX_FILE_SIZE + 1)
    with pytest.raises(ConfError) as error:
        read_conf(path)
    assert str(error.value) == f'{path}: cannot read: {message}'


def test_bom_is_read(tmp_path: str) -> None:
    path = os.path.join(tmp_path, 'conf.py')
    with open(path, 'wb') as file:
        file.write(b"\xef\xbb\xbfextensions = ['a']\n")
    assert read_conf(path).extensions == ('a',)


@pytest.mark.parametrize(('present', 'expected'), [
    ([], None),
    (['docs/conf.py'], 'docs/conf.py'),
    (['docs/conf.py', 'docs/source/conf.py'], 'docs/source/conf.py'),
    (['docs/conf.py', 'doc/conf.py'], 'doc/conf.py'),
    (['doc/conf.py', 'doc/source/conf.py'], 'doc/source/conf.py'),
    (['conf.py', 'source/conf.py'], None),
])
def test_find_conf(tmp_path: str, present: list[str],
                   expected: str | None) -> None:
    for name in present:
        write(tmp_path, '', name=name)
    found = find_conf(str(tmp_path))
    assert found == (os.path.join(tmp_path, expected) if expected else None)


def test_find_conf_skips_a_directory(tmp_path: str) -> None:
    os.makedirs(os.path.join(tmp_path, 'doc', 'source', 'conf.py'))
    write(tmp_path, '', name='docs/conf.py')
    assert find_conf(str(tmp_path)) == os.path.join(tmp_path, 'docs',
                                                    'conf.py')


@pytest.mark.parametrize(('text', 'substitutions', 'roles'), [
    ('', set(), set()),
    ('.. |Project Name| replace:: Nova\n'
     '.. |br| raw:: html\n\n   <br/>\n'
     '.. |ok|  unicode:: U+2714\n',
     {'project name', 'br', 'ok'}, set()),
    ('.. role:: python(code)\n   :language: python\n.. role:: Red\n',
     set(), {'python', 'red'}),
    ('   .. |indented| replace:: x\n.. note:: |not-a-def|\n', set(), set()),
])
def test_prolog_names(text: str, substitutions: set[str],
                      roles: set[str]) -> None:
    assert prolog_names(text) == (substitutions, roles)


# What each corpus conf.py loads (its README lists them).
CORPUS_EXTENSIONS = {
    'barbican-specs': ('sphinx.ext.autodoc', 'sphinx.ext.todo',
                       'sphinx.ext.viewcode', 'openstackdocstheme', 'yasfb'),
    'designate-specs': ('sphinx.ext.autodoc', 'yasfb', 'openstackdocstheme',
                        'sphinxcontrib.spelling'),
    'glance-specs': ('sphinx.ext.todo', 'sphinx.ext.viewcode',
                     'openstackdocstheme', 'yasfb'),
    'heat-specs': ('sphinx.ext.autodoc', 'openstackdocstheme', 'yasfb',
                   'sphinxcontrib.spelling'),
    'ironic-specs': ('sphinx.ext.autodoc', 'sphinx.ext.todo',
                     'sphinx.ext.viewcode', 'openstackdocstheme'),
    'keystone-specs': ('openstackdocstheme', 'sphinx.ext.graphviz'),
    'magnum-specs': ('sphinx.ext.autodoc', 'sphinx.ext.todo',
                     'sphinx.ext.viewcode', 'openstackdocstheme'),
    'neutron-specs': ('sphinx.ext.todo', 'sphinx.ext.viewcode', 'yasfb',
                      'openstackdocstheme'),
    'nova-specs': ('redirect', 'sphinx.ext.todo', 'openstackdocstheme',
                   'yasfb'),
    'octavia': ('sphinx.ext.autodoc', 'sphinx.ext.todo',
                'sphinx.ext.viewcode', 'sphinx.ext.graphviz',
                'sphinx_feature_classification.support_matrix',
                'openstackdocstheme', 'oslo_config.sphinxext',
                'oslo_policy.sphinxpolicygen', 'sphinxcontrib.apidoc',
                'sphinxcontrib.rsvgconverter'),
    'openstack-specs': ('sphinx.ext.autodoc', 'openstackdocstheme', 'yasfb',
                        'sphinxcontrib.spelling'),
    'oslo-specs': ('openstackdocstheme', 'yasfb', 'sphinxcontrib.spelling'),
    'sahara-specs': ('redirect', 'sphinx.ext.todo', 'openstackdocstheme',
                     'yasfb'),
    'swift-specs': ('sphinx.ext.autodoc', 'oslosphinx', 'yasfb',
                    'sphinxcontrib.spelling'),
}


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason='no corpus')
@pytest.mark.parametrize('repository', sorted(CORPUS_EXTENSIONS))
def test_corpus_conf(repository: str) -> None:
    path = find_conf(os.path.join(CORPUS, repository))
    assert path is not None
    conf = read_conf(path)
    assert conf.extensions == CORPUS_EXTENSIONS[repository]
    assert conf.notes == ()
    assert conf.primary_domain == 'py'


@given(st.text(max_size=200))
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_read_or_refused_in_one_line(tmp_path: str,
                                                 text: str) -> None:
    path = os.path.join(tmp_path, 'conf.py')
    with open(path, 'w', encoding='utf-8', errors='surrogatepass') as file:
        file.write(text)
    try:
        conf = read_conf(path)
    except ConfError as error:
        assert str(error).startswith(path)
        assert '\n' not in str(error)
    else:
        assert all(isinstance(name, str) for name in conf.extensions)
