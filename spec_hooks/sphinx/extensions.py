"""The directives and roles of the Sphinx extensions specs repositories load.

Each entry was read from the extension's source and checked by calling
its ``setup`` against the recording app of ``learn`` (versions below);
tests/test_sphinx_extensions.py repeats that check wherever an extension
is installed.  An extension listed with no names adds none to documents
(themes, builders, feeds, image converters).

Checked against: Sphinx 9.0.4 (sources 9.1.1), openstackdocstheme 3.6.0,
yasfb 0.8.0, oslosphinx 4.18.0, oslo.config 10.7.0, oslo.policy 6.0.1,
sphinx-feature-classification (2026-06), sphinxcontrib-apidoc (2025-05),
sphinxcontrib-svg2pdfconverter (2026-03), sphinxcontrib-{block,seq,act}diag
3.0.0, sphinxcontrib-nwdiag 2.0.0, reno 4.1.0, sphinx-tabs 3.5.0,
sphinxcontrib-bibtex 2.7.0, sphinx-design 0.8.0, sphinxcontrib-mermaid
2.1.1, sphinxcontrib-plantuml 0.31, os-api-ref 3.2.0, stevedore 5.10.0,
cliff 4.17.0, sphinxcontrib-programoutput 0.20, sphinxcontrib-httpdomain
2.2.1, sphinxcontrib-spelling 8.0.2 (from source: its setup needs the
enchant C library).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spec_hooks.sphinx.core import ADMONITION, AUTODOC, CODE_BLOCK, OBJECT
from spec_hooks.sphinx.names import DirectiveSpec, Names, spec

INTERSPHINX = 'sphinx.ext.intersphinx'  # its roles: see vocabulary.py


def ext(
        directives: Mapping[str, DirectiveSpec | None] | None = None,
        roles: str = '', domains: str = '', requires: str = '',
) -> Names:
    """An extension's Names, with the name lists written as one
    space-separated string each."""
    return Names(
        dict(directives or {}), frozenset(roles.split()),
        frozenset(domains.split()), tuple(requires.split()),
    )


NOTHING = ext()
DIAGRAM = spec(0, 1, False, True, (
    'align alt caption class desctable figclass figwidth height maxwidth '
    'name scale width'
))
GRAPHVIZ_OPTIONS = 'align alt caption class graphviz_dot layout name'
PLANTUML = spec(0, 1, True, True, (
    'align alt caption height html_format latex_format max-width name '
    'scale width'
))
PROGRAM_OUTPUT = spec(1, 0, True, False, (
    'caption class cwd ellipsis extraargs language name nostderr prompt '
    'returncode shell'
))
HTTP_OBJECT = spec(1, 0, True, True, 'addtoc deprecated noindex synopsis')
HTTP_METHODS = (
    'any', 'connect', 'copy', 'delete', 'get', 'head', 'options', 'patch',
    'post', 'put', 'trace',
)
AUTOHTTP = spec(1, 0, False, True, 'endpoints include-empty-docstring '
                'undoc-endpoints')
AUTOFLASK = spec(1, 0, False, True, (
    'autoquickref blueprints endpoints groupby include-empty-docstring '
    'modules order undoc-blueprints undoc-endpoints undoc-modules '
    'undoc-static'
))
DOCTEST = 'hide no-trim-doctest-flags pyversion skipif trim-doctest-flags'
REST_TABLE = 'align class name width widths'
SPELLING = spec(0, 0, False, True)

# sphinx-design: badges in every colour, as its setup builds them.
DESIGN_COLORS = (
    'primary', 'secondary', 'success', 'info', 'warning', 'danger', 'light',
    'muted', 'dark', 'white', 'black',
)
DESIGN_ROLES = ' '.join((
    'bdg bdg-link bdg-ref octicon fa fas fab far fa-solid fa-brands '
    'fa-regular material-regular material-outlined material-round '
    'material-sharp material-twotone',
    *(f'{badge}-{color}{line}' for badge in ('bdg', 'bdg-link', 'bdg-ref')
      for color in DESIGN_COLORS for line in ('', '-line')),
))
DESIGN_CARD = (
    'class-body class-card class-footer class-header class-img-bottom '
    'class-img-top class-title footer header img-alt img-background '
    'img-bottom img-top link link-alt link-new-tab link-type margin shadow '
    'text-align width'
)
DESIGN_BUTTON = spec(1, 0, True, True, (
    'align class click-parent color expand new-tab outline ref-type shadow '
    'tooltip'
))
FOOTCITE = 'ct cts p ps t ts'
BIBTEX_CITE = (
    'alp alps author authorpar authorpars authors cauthor cauthors ct cts '
    'empty label labelpar p ps t ts year yearpar'
)

SPHINX_EXTENSIONS: dict[str, Names] = {
    'sphinx.ext.apidoc': ext(requires='sphinx.ext.autodoc'),
    # registered when the config is read; 'autotype' since Sphinx 9.0
    'sphinx.ext.autodoc': ext(dict.fromkeys((
        'automodule', 'autoclass', 'autoexception', 'autofunction',
        'autodecorator', 'automethod', 'autoproperty', 'autoattribute',
        'autodata', 'autotype',
    ), AUTODOC)),
    'sphinx.ext.autosectionlabel': NOTHING,
    'sphinx.ext.autosummary': ext({
        'autosummary': spec(0, 0, False, True, (
            'caption class nosignatures recursive signatures template '
            'toctree'
        )),
    }, roles='autolink', requires='sphinx.ext.autodoc'),
    'sphinx.ext.coverage': NOTHING,
    'sphinx.ext.doctest': ext({
        'doctest': spec(0, 1, True, True, f'{DOCTEST} options'),
        'testcleanup': spec(0, 1, True, True, 'skipif'),
        'testcode': spec(0, 1, True, True, DOCTEST),
        'testoutput': spec(0, 1, True, True, f'{DOCTEST} options'),
        'testsetup': spec(0, 1, True, True, 'skipif'),
    }),
    'sphinx.ext.duration': ext(domains='duration'),
    'sphinx.ext.extlinks': NOTHING,  # its roles are the keys of extlinks
    'sphinx.ext.githubpages': NOTHING,
    'sphinx.ext.graphviz': ext({
        'digraph': spec(1, 0, False, True, GRAPHVIZ_OPTIONS),
        'graph': spec(1, 0, False, True, GRAPHVIZ_OPTIONS),
        'graphviz': spec(0, 1, False, True, GRAPHVIZ_OPTIONS),
    }),
    'sphinx.ext.ifconfig': ext({'ifconfig': spec(1, 0, True, True)}),
    'sphinx.ext.imgconverter': NOTHING,
    'sphinx.ext.imgmath': NOTHING,
    'sphinx.ext.inheritance_diagram': ext({
        'inheritance-diagram': spec(1, 0, True, False, (
            'caption include-subclasses parts private-bases top-classes'
        )),
    }, requires='sphinx.ext.graphviz'),
    INTERSPHINX: NOTHING,
    'sphinx.ext.linkcode': NOTHING,
    'sphinx.ext.mathjax': NOTHING,
    'sphinx.ext.napoleon': NOTHING,
    'sphinx.ext.todo': ext({
        'todo': spec(0, 0, True, True, ADMONITION),
        'todolist': spec(),
    }, domains='todo'),
    'sphinx.ext.viewcode': NOTHING,
}

OTHER_EXTENSIONS: dict[str, Names] = {
    'cliff.sphinxext': ext({
        'autoprogram-cliff': spec(
            1, 0, False, False, 'application arguments command ignored',
        ),
    }),
    'openstackdocstheme': NOTHING,  # roles: see CONFIG_ROLES
    'os_api_ref': ext({
        'rest_expand_all': spec(0, 0, False, True),
        'rest_method': spec(0, 0, False, True),
        'rest_parameters': spec(0, 1, True, True, REST_TABLE),
        'rest_status_code': spec(2, 1, True, True, REST_TABLE),
    }),
    'oslo_config.sphinxconfiggen': NOTHING,
    'oslo_config.sphinxext': ext({
        'oslo.config:group': spec(1, 0, False, True, 'namespace'),
        'oslo.config:option': spec(1, 0, True, True, OBJECT),
        'show-options': spec(
            0, 0, False, True, 'config-file split-namespaces',
        ),
    }, roles='oslo.config:group oslo.config:option', domains='oslo.config'),
    'oslo_policy.sphinxext': ext({
        'show-policy': spec(0, 0, False, False, 'config-file'),
    }),
    'oslo_policy.sphinxpolicygen': NOTHING,
    'oslosphinx': NOTHING,
    'reno.sphinxext': ext({
        'release-notes': spec(0, 0, False, True, (
            'branch collapse-pre-releases earliest-version ignore-notes '
            'notesdir relnotessubdir reporoot stop-at-branch-base '
            'unreleased-version-title version'
        )),
    }),
    'sphinx_design': ext({
        '_all-octicon': spec(0, 0, False, False, 'class'),
        'accordion': spec(0, 0, False, True, 'class flush'),
        'article-info': spec(0, 0, False, False, (
            'author avatar avatar-alt avatar-link avatar-outline '
            'class-avatar class-container date read-time'
        )),
        'aside': spec(0, 1, True, True, (
            'align class class-body class-title margin name width'
        )),
        'button-link': DESIGN_BUTTON,
        'button-ref': DESIGN_BUTTON,
        'card': spec(0, 1, True, True, DESIGN_CARD),
        'card-carousel': spec(1, 0, False, True, 'class'),
        'card-footer': spec(0, 0, False, True, 'class'),
        'card-header': spec(0, 0, False, True, 'class'),
        'div': spec(0, 1, True, True, 'name style'),
        'dropdown': spec(0, 1, True, True, (
            'animate chevron class-body class-container class-title color '
            'icon margin name open'
        )),
        'grid': spec(0, 1, True, True, (
            'class-container class-row gutter margin outline padding '
            'reverse'
        )),
        'grid-item': spec(0, 0, False, True, (
            'child-align child-direction class columns margin outline '
            'padding'
        )),
        'grid-item-card': spec(0, 1, True, True, (
            f'{DESIGN_CARD} class-item columns padding'
        )),
        'step': spec(0, 1, True, True, 'class class-content class-title'),
        'steps': spec(0, 0, False, True, 'class color start'),
        'tab-item': spec(1, 0, True, True, (
            'class-container class-content class-label name selected sync'
        )),
        'tab-set': spec(0, 0, False, True, 'class orientation sync-group'),
        'tab-set-code': spec(0, 0, False, True, (
            'class-item class-set no-sync orientation sync-group'
        )),
    }, roles=DESIGN_ROLES),
    'sphinx_feature_classification.support_matrix': ext({
        'support_matrix': spec(1),
    }),
    'sphinx_tabs.tabs': ext({
        'code-tab': spec(1, 1, True, True, CODE_BLOCK),
        'group-tab': spec(0, 0, False, True),
        'tab': spec(0, 0, False, True),
        'tabs': spec(0, 0, False, True),
    }),
    'sphinxcontrib.actdiag': ext({'actdiag': DIAGRAM}),
    'sphinxcontrib.apidoc': ext(requires='sphinx.ext.autodoc'),
    'sphinxcontrib.autohttp.bottle': ext(
        {'autobottle': AUTOHTTP}, requires='sphinxcontrib.httpdomain',
    ),
    'sphinxcontrib.autohttp.flask': ext(
        {'autoflask': AUTOFLASK}, requires='sphinxcontrib.httpdomain',
    ),
    'sphinxcontrib.autohttp.flaskqref': ext(
        {'qrefflask': AUTOFLASK}, requires='sphinxcontrib.httpdomain',
    ),
    'sphinxcontrib.autohttp.tornado': ext(
        {'autotornado': AUTOHTTP}, requires='sphinxcontrib.httpdomain',
    ),
    'sphinxcontrib.bibtex': ext({
        'bibliography': spec(0, 1, True, True, (
            'all cited enumtype filter keyprefix labelprefix list notcited '
            'start style'
        )),
        'footbibliography': spec(),
    }, roles=' '.join((
        'cite footcite', *(f'cite:{role}' for role in BIBTEX_CITE.split()),
        *(f'footcite:{role}' for role in FOOTCITE.split()),
    )), domains='cite footcite'),
    'sphinxcontrib.blockdiag': ext({'blockdiag': DIAGRAM}),
    'sphinxcontrib.cairosvgconverter': NOTHING,
    'sphinxcontrib.httpdomain': ext({
        **{f'http:{method}': HTTP_OBJECT for method in HTTP_METHODS},
        'websocket:connection': spec(1, 0, True, True, (
            'addtoc deprecated no-index noindex synopsis'
        )),
    }, roles=' '.join((
        *(f'http:{role}' for role in (
            *HTTP_METHODS, 'header', 'method', 'statuscode',
        )),
        'websocket:connection',
    )), domains='http websocket'),
    'sphinxcontrib.inkscapeconverter': NOTHING,
    'sphinxcontrib.mermaid': ext({
        'autoclasstree': spec(1, 100, False, False, (
            'align alt caption config full name namespace strict title zoom'
        )),
        'mermaid': spec(0, 1, False, True, (
            'align alt caption config name title zoom'
        )),
    }),
    'sphinxcontrib.nwdiag': ext({'nwdiag': DIAGRAM}),
    'sphinxcontrib.packetdiag': ext({'packetdiag': DIAGRAM}),
    'sphinxcontrib.plantuml': ext({'plantuml': PLANTUML, 'uml': PLANTUML}),
    'sphinxcontrib.programoutput': ext({
        'command-output': PROGRAM_OUTPUT, 'program-output': PROGRAM_OUTPUT,
    }),
    'sphinxcontrib.rackdiag': ext({'rackdiag': DIAGRAM}),
    'sphinxcontrib.rsvgconverter': NOTHING,
    'sphinxcontrib.seqdiag': ext({'seqdiag': DIAGRAM}),
    'sphinxcontrib.spelling': ext({
        'spelling': SPELLING, 'spelling:word-list': SPELLING,
    }, roles='spelling:ignore spelling:word', domains='spelling'),
    'stevedore.sphinxext': ext({
        'list-plugins': spec(0, 0, False, True, (
            'class detailed overline-style titlecase underline-style'
        )),
    }),
    'yasfb': NOTHING,
}

EXTENSIONS: Mapping[str, Names] = MappingProxyType({
    **SPHINX_EXTENSIONS, **OTHER_EXTENSIONS,
})

# Roles an extension adds from a config value: (config name, what the
# role names are made of, suffix).  extlinks: its keys; openstackdocstheme:
# '<project>-doc' for each project listed.
CONFIG_ROLES: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType({
    'sphinx.ext.extlinks': (('extlinks', ''),),
    'openstackdocstheme': (
        ('openstackdocs_projects', '-doc'), ('openstack_projects', '-doc'),
    ),
})
# Directives an extension adds from a config value (the keys of a dict).
CONFIG_DIRECTIVES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    'sphinx_design': ('sd_custom_directives',),
})
