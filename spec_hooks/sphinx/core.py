"""The names docutils and Sphinx itself know, without importing either.

Taken from Sphinx 9.0/9.1 (the modules of ``sphinx.application.
builtin_extensions``: sphinx.domains.*, sphinx.directives.*, sphinx.roles)
and docutils 0.22/0.23; tests/test_sphinx_core.py compares them with the
installed docutils, and with Sphinx where it is installed.
"""
from __future__ import annotations

from spec_hooks.sphinx.names import Names, spec

# Docutils' own names (its registry and its English names), which it
# checks itself.
DOCUTILS_DIRECTIVES = frozenset((
    'admonition', 'attention', 'caution', 'class', 'code', 'code-block',
    'compound', 'container', 'contents', 'csv-table', 'danger', 'date',
    'default-role', 'epigraph', 'error', 'figure', 'footer', 'header',
    'highlights', 'hint', 'image', 'important', 'include', 'line-block',
    'list-table', 'math', 'meta', 'note', 'parsed-literal', 'pull-quote',
    'raw', 'replace', 'restructuredtext-test-directive', 'role',
    'rst-class', 'rubric', 'section-numbering', 'sectnum', 'sidebar',
    'sourcecode', 'table', 'target-notes', 'tip', 'title', 'topic',
    'unicode', 'warning',
))
# Docutils' aliases of its 'code' directive, which Sphinx replaces with
# its own code-block (other options): registered like Sphinx's names.
SPHINX_REPLACED = frozenset(('code-block', 'sourcecode'))
DOCUTILS_ROLES = frozenset((
    'ab', 'abbreviation', 'ac', 'acronym', 'code', 'emphasis', 'literal',
    'math', 'pep', 'pep-reference', 'raw', 'rfc', 'rfc-reference', 'strong',
    'sub', 'subscript', 'sup', 'superscript', 't', 'title',
    'title-reference',
))
# Roles docutils reserves but reports as "not implemented" when used.
DOCUTILS_UNIMPLEMENTED_ROLES = frozenset((
    'anonymous-reference', 'citation-reference', 'footnote-reference', 'i',
    'index', 'named-reference', 'restructuredtext-unimplemented-role',
    'substitution-reference', 'target', 'uri', 'uri-reference', 'url',
))
# Docutils' names for testing itself, never worth suggesting.
NOT_SUGGESTED = frozenset(('restructuredtext-test-directive',))

# Substitutions Sphinx defines in every document.
DEFAULT_SUBSTITUTIONS = frozenset((
    'version', 'release', 'today', 'translation progress',
))

# The option sets of Sphinx's object descriptions, by domain.
OBJECT = (
    'no-contents-entry no-index no-index-entry no-typesetting '
    'nocontentsentry noindex noindexentry'
)
C_OBJECT = (
    'no-contents-entry no-index-entry no-typesetting nocontentsentry '
    'noindexentry single-line-parameter-list'
)
CPP_OBJECT = f'{C_OBJECT} tparam-line-spec'
JS_OBJECT = f'{OBJECT} single-line-parameter-list'
PY_OBJECT = (
    f'{OBJECT} annotation canonical module single-line-parameter-list '
    'single-line-type-parameter-list'
)
ADMONITION = 'class collapsible name'
CODE_BLOCK = (
    'caption class dedent emphasize-lines force lineno-start linenos name'
)
VERSION_CHANGE = spec(1, 1, True, True)
# What Sphinx's own classes take, for the directives an app method adds
# without a directive class of the extension's: add_object_type,
# add_crossref_type, add_autodocumenter (whose options are any).
GENERIC_OBJECT = spec(1, 0, True, True, OBJECT)
TARGET = spec(1, 0, True, False)
AUTODOC = spec(1, 0, True, True, None)
AUTHOR = spec(1, 0, True)

C_DIRECTIVES = {
    **{
        f'c:{name}': spec(1, 0, True, True, C_OBJECT) for name in (
            'enum', 'enumerator', 'function', 'macro', 'member', 'struct',
            'type', 'union', 'var',
        )
    },
    'c:alias': spec(1, 0, True, True, 'maxdepth noroot'),
    'c:namespace': spec(1, 0, True),
    'c:namespace-pop': spec(0, 0, True),
    'c:namespace-push': spec(1, 0, True),
}
CPP_DIRECTIVES = {
    **{
        f'cpp:{name}': spec(1, 0, True, True, CPP_OBJECT) for name in (
            'class', 'concept', 'enum', 'enum-class', 'enum-struct',
            'enumerator', 'function', 'member', 'struct', 'type', 'union',
            'var',
        )
    },
    'cpp:alias': spec(1, 0, True, True, 'maxdepth noroot'),
    'cpp:namespace': spec(1, 0, True),
    'cpp:namespace-pop': spec(0, 0, True),
    'cpp:namespace-push': spec(1, 0, True),
}
JS_DIRECTIVES = {
    **{
        f'js:{name}': spec(1, 0, True, True, JS_OBJECT) for name in (
            'attribute', 'class', 'data', 'function', 'method',
        )
    },
    'js:module': spec(1, 0, False, True, (
        'no-contents-entry no-index no-index-entry no-typesetting '
        'nocontentsentry noindex'
    )),
}
PY_DIRECTIVES = {
    'py:attribute': spec(1, 0, True, True, f'{PY_OBJECT} type value'),
    'py:class': spec(1, 0, True, True, f'{PY_OBJECT} abstract final'),
    'py:classmethod': spec(1, 0, True, True, PY_OBJECT),
    'py:currentmodule': spec(1),
    'py:data': spec(1, 0, True, True, f'{PY_OBJECT} type value'),
    'py:decorator': spec(1, 0, True, True, f'{PY_OBJECT} async'),
    'py:decoratormethod': spec(1, 0, True, True, (
        f'{PY_OBJECT} abstract abstractmethod async classmethod final '
        'staticmethod'
    )),
    'py:exception': spec(1, 0, True, True, f'{PY_OBJECT} abstract final'),
    'py:function': spec(1, 0, True, True, f'{PY_OBJECT} async'),
    'py:method': spec(1, 0, True, True, (
        f'{PY_OBJECT} abstract abstractmethod async classmethod final '
        'staticmethod'
    )),
    'py:module': spec(1, 0, False, True, (
        'deprecated no-contents-entry no-index no-index-entry '
        'no-typesetting nocontentsentry noindex platform synopsis'
    )),
    'py:property': spec(1, 0, True, True, (
        f'{PY_OBJECT} abstract abstractmethod classmethod type'
    )),
    'py:staticmethod': spec(1, 0, True, True, PY_OBJECT),
    'py:type': spec(1, 0, True, True, PY_OBJECT),
}
RST_DIRECTIVES = {
    'rst:directive': spec(1, 0, True, True, OBJECT),
    'rst:directive:option': spec(1, 0, True, True, f'{OBJECT} type'),
    'rst:role': spec(1, 0, True, True, OBJECT),
}
STD_DIRECTIVES = {
    'std:cmdoption': spec(1, 0, True, True, OBJECT),
    'std:confval': spec(1, 0, True, True, (
        'default no-contents-entry no-index no-index-entry no-typesetting '
        'type'
    )),
    'std:envvar': spec(1, 0, True, True, OBJECT),
    'std:glossary': spec(0, 0, False, True, 'sorted'),
    'std:option': spec(1, 0, True, True, OBJECT),
    'std:productionlist': spec(1, 0, True),
    'std:program': spec(1, 0, True),
}
# Directives outside any domain, Sphinx's versions of docutils' included.
GENERIC_DIRECTIVES = {
    **{
        name: spec(0, 0, True, True, ADMONITION) for name in (
            'attention', 'caution', 'danger', 'error', 'hint', 'important',
            'note', 'seealso', 'tip', 'warning',
        )
    },
    **dict.fromkeys((
        'deprecated', 'version-added', 'version-changed',
        'version-deprecated', 'version-removed', 'versionadded',
        'versionchanged', 'versionremoved',
    ), VERSION_CHANGE),
    **dict.fromkeys(('codeauthor', 'moduleauthor', 'sectionauthor'), AUTHOR),
    'acks': spec(0, 0, False, True),
    'admonition': spec(1, 0, True, True, ADMONITION),
    'centered': spec(1, 0, True),
    'code': spec(0, 1, False, True, 'class force name number-lines'),
    'code-block': spec(0, 1, False, True, CODE_BLOCK),
    'cssclass': spec(1, 0, True, True),
    'csv-table': spec(0, 1, True, True, (
        'align class delim encoding escape file header header-rows '
        'keepspace name quote stub-columns url width widths'
    )),
    'default-domain': spec(1),
    'default-role': spec(0, 1),
    'describe': spec(1, 0, True, True, OBJECT),
    'figure': spec(1, 0, True, True, (
        'align alt class figclass figname figwidth height loading name '
        'scale target width'
    )),
    'highlight': spec(1, 0, False, False, 'force linenothreshold'),
    'hlist': spec(0, 0, False, True, 'columns'),
    'include': spec(1, 0, True, False, (
        'class code encoding end-before end-line literal name number-lines '
        'parser start-after start-line tab-width'
    )),
    'index': spec(1, 0, True, False, 'name'),
    'literalinclude': spec(1, 0, True, False, (
        'append caption class dedent diff emphasize-lines encoding end-at '
        'end-before force language lineno-match lineno-start linenos lines '
        'name prepend pyobject start-after start-at tab-width'
    )),
    'math': spec(0, 1, True, True, 'class label name no-wrap nowrap'),
    'meta': spec(0, 0, False, True),
    'object': spec(1, 0, True, True, OBJECT),
    'only': spec(1, 0, True, True),
    'rst-class': spec(1, 0, True, True),
    'rubric': spec(1, 0, True, False, 'class heading-level name'),
    'sourcecode': spec(0, 1, False, True, CODE_BLOCK),
    'tabularcolumns': spec(1, 0, True),
    'toctree': spec(0, 0, False, True, (
        'caption class glob hidden includehidden maxdepth name numbered '
        'reversed titlesonly'
    )),
}

DOMAIN_ROLES = {
    'c': (
        'data enum enumerator expr func macro member struct texpr type '
        'union var'
    ),
    'cpp': (
        'any class concept enum enumerator expr func member struct texpr '
        'type union var'
    ),
    'js': 'attr class data func meth mod',
    'math': 'numref',
    'py': 'attr class const data deco exc func meth mod obj type',
    'rst': 'dir role',
    'std': 'confval doc envvar keyword numref option ref term token',
}
GENERIC_ROLES = (
    'abbr any code command cve cwe dfn download eq file guilabel index kbd '
    'mailheader makevar manpage menuselection mimetype newsgroup pep program '
    'regexp rfc samp'
)

SPHINX = Names(
    {
        **GENERIC_DIRECTIVES, **C_DIRECTIVES, **CPP_DIRECTIVES,
        **JS_DIRECTIVES, **PY_DIRECTIVES, **RST_DIRECTIVES, **STD_DIRECTIVES,
    },
    frozenset((
        *GENERIC_ROLES.split(),
        *(f'{domain}:{role}' for domain, roles in DOMAIN_ROLES.items()
          for role in roles.split()),
    )),
    frozenset((
        'c', 'changeset', 'citation', 'cpp', 'index', 'js', 'math', 'py',
        'rst', 'std',
    )),
)
