"""Checks: one module per rule family, each a function (spec, context) ->
diagnostics.

A check reads nothing, parses nothing and prints nothing: it is handed a
``Spec`` and asks it for what it needs.  Where a fix is safe, a module also
has fixers (spec, context) -> edits, in ``FIXES`` by the code they fix.
Which module checks which family is the rule registry's to say; modules are
imported only when their family runs (docutils stays out of the fast
hooks).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.fixes import Edit
from spec_hooks.rules import FAMILIES
from spec_hooks.spec import Spec

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any

Check = Callable[[Spec, Context], Iterator[Diagnostic]]
# A fixer returns the edits that are safe to make; the runner applies them.
Fixer = Callable[[Spec, Context], list[Edit]]


def check(prefix: str) -> Check:
    """The check of the family ``prefix`` (S, L, T, R or W)."""
    check: Check = _module(prefix).check
    return check


def fixers(prefix: str) -> dict[str, Fixer]:
    """The fixers of the family ``prefix``, by the code each fixes."""
    found: dict[str, Fixer] = getattr(_module(prefix), 'FIXES', {})
    return found


def _module(prefix: str) -> Any:
    module = FAMILIES[prefix].module
    assert module is not None, f'family {prefix} has no check'
    return importlib.import_module(f'spec_hooks.checks.{module}')
