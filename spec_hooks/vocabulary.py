"""Which directives hold prose and which hold verbatim text: what the text
scanner needs.  Which names a parse accepts is the Sphinx layer's to say
(``spec_hooks.sphinx``); the run context holds them.
"""
from __future__ import annotations

# Directives whose body is prose a person wrote: scanned like the document.
PROSE_DIRECTIVES = frozenset((
    'attention', 'caution', 'danger', 'error', 'hint', 'important', 'note',
    'seealso', 'tip', 'todo', 'warning', 'admonition', 'topic', 'sidebar',
))

# Directives whose body is code, data or a diagram: it cannot be rewrapped
# and is never prose.  Not list-table: its cells are paragraphs.
VERBATIM_DIRECTIVES = frozenset((
    'actdiag', 'blockdiag', 'code', 'code-block', 'csv-table', 'graphviz',
    'highlight', 'literalinclude', 'mermaid', 'nwdiag', 'parsed-literal',
    'seqdiag', 'sourcecode', 'uml',
))

def directive_name(line: str) -> str:
    """The name of the directive that ``line`` (stripped) opens."""
    return line[2:].split('::', 1)[0].strip().lower()
