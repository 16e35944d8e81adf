"""Sphinx awareness: which directives, roles and substitutions a spec may
use, from the project's conf.py (read, never run), Sphinx's domains and
the extensions conf.py loads.  Pure Python: neither Sphinx nor docutils is
imported, unless an extension unknown to the table has to be learned.
"""
from __future__ import annotations

from spec_hooks.sphinx.conf import ConfError, SphinxConf, find_conf, read_conf
from spec_hooks.sphinx.learn import learn
from spec_hooks.sphinx.names import DirectiveSpec, Names
from spec_hooks.sphinx.vocabulary import Vocabulary, vocabulary

__all__ = [
    'ConfError', 'DirectiveSpec', 'Names', 'SphinxConf', 'Vocabulary',
    'find_conf', 'learn', 'read_conf', 'vocabulary',
]
