"""The suppression comment's form is read in time linear in the line."""
from __future__ import annotations

import time

import pytest

from spec_hooks import suppression
from spec_hooks.spec import Spec


@pytest.mark.parametrize(('comment', 'parsed'), [
    (' disable=W101', ('disable', 'W101')),
    (' disable-next = S103 , W1 ', ('disable-next', 'S103 , W1')),
    (' disable=W101,', ('disable', 'W101')),
    (' disable=W101 ,  ', ('disable', 'W101')),
    (' disable=W101,,', None),
    (' disable=W101 x', None),
    (' disable=', None),
])
def test_form(comment: str, parsed: tuple[str, str] | None) -> None:
    found = suppression.FORM.match(comment)
    assert (found.groups() if found else None) == parsed


def test_a_line_of_blanks_before_text_is_read_in_linear_time() -> None:
    """Two '\\s*' around an optional ',' took 20 s for 80,000 blanks."""
    line = f'.. spec-hooks: disable=a{" " * 100_000}b\n'
    spec = Spec('awesome-thing.rst', f'Title\n=====\n\n{line}'.encode())
    started = time.process_time()
    _, problems = suppression._parse(spec)
    assert time.process_time() - started < 2
    assert [d.code for d in problems] == ['N101']
