"""Checks: each a function (spec, template, settings) -> diagnostics.

A check reads nothing, parses nothing and prints nothing: it is handed a
``Spec`` and asks it for what it needs.  Where a fix is safe, a module also
has a fixer (spec, template, settings) -> edits.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from spec_hooks.config import Settings
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.fixes import Edit
from spec_hooks.spec import Spec
from spec_hooks.template import Template

Check = Callable[[Spec, Template, Settings], Iterator[Diagnostic]]
# A fixer returns the edits that are safe to make; the runner applies them.
Fixer = Callable[[Spec, Template, Settings], list[Edit]]
