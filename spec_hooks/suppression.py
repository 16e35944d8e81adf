"""Suppression comments: a spec turns codes off for itself.

``.. spec-hooks: disable=CODE,...`` anywhere turns the codes off for the
whole file; ``.. spec-hooks: disable-next=CODE,...`` for the block that
follows the comment, and where that block is a section title, for the
whole section (up to the next title of the same or a higher level).  Codes
may be prefixes, as in ``ignore``.

The comments are themselves checked: a comment that is neither form (N101),
a code spec-hooks does not have (N102), and a ``disable-next`` code that
silences no finding (N103, only for codes whose check ran).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import N101, N102, N103, is_code_prefix
from spec_hooks.spec import Spec

COMMENT = re.compile(r'\.\.\s+spec-hooks:(.*)$', re.IGNORECASE)
# One run of blanks before the end, with or without a comma in it: two
# adjacent '\s*' around an optional ',' backtrack quadratically on a line
# of blanks followed by text.
FORM = re.compile(
    r'\s*(disable-next|disable)\s*=\s*(\w+(?:\s*,\s*\w+)*)\s*(?:,\s*)?$',
    re.IGNORECASE,
)


class Suppression:
    """One ``disable-next`` code and the lines it covers (inclusive)."""

    __slots__ = ('code', 'first', 'last', 'line', 'used')

    def __init__(self, code: str, line: int, first: int, last: int) -> None:
        self.code = code
        self.line = line  # of the comment
        self.first = first
        self.last = last
        self.used = False

    def covers(self, finding: Diagnostic) -> bool:
        return self.first <= finding.line <= self.last and \
            finding.code.startswith(self.code)


def apply(spec: Spec, found: Iterable[Diagnostic], ran: str,
          ) -> list[Diagnostic]:
    """``found`` less what ``disable-next`` comments silence, plus the
    findings about the comments themselves.  ``ran``: the families whose
    checks ran, so that a code nobody looked for is no N103."""
    if 'spec-hooks:' not in spec.text:
        return list(found)
    suppressions, problems = _parse(spec)
    kept = []
    for finding in found:
        covering = [s for s in suppressions if s.covers(finding)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(finding)
    kept.extend(problems)
    kept.extend(
        N103(spec.path, s.line, f'disable-next={s.code} suppresses nothing: '
             f'no {s.code} finding in the next block; remove it')
        for s in suppressions if not s.used and s.code[0] in ran
    )
    return kept


def _parse(spec: Spec) -> tuple[list[Suppression], list[Diagnostic]]:
    suppressions: list[Suppression] = []
    problems: list[Diagnostic] = []
    for number, line in enumerate(spec.lines, 1):
        comment = COMMENT.match(line) if 'spec-hooks:' in line else None
        if comment is None:
            continue
        form = FORM.match(comment.group(1))
        if form is None:
            problems.append(N101(
                spec.path, number,
                f'malformed suppression comment {line.strip()!r}: write '
                f"'.. spec-hooks: disable=CODE,...' or "
                f"'.. spec-hooks: disable-next=CODE,...'",
            ))
            continue
        codes = [c.strip().upper() for c in form.group(2).split(',')]
        for code in codes:
            if not is_code_prefix(code):
                problems.append(N102(
                    spec.path, number,
                    f'{code!r} is not a code of spec-hooks; --list-rules '
                    f'lists them',
                ))
        if form.group(1).lower() == 'disable-next':
            first, last = _next_block(spec, number)
            suppressions.extend(
                Suppression(code, number, first, last)
                for code in codes if is_code_prefix(code)
            )
    return suppressions, problems


def _next_block(spec: Spec, line: int) -> tuple[int, int]:
    """The lines of the block after the comment on ``line``: a title's
    whole section.  (0, -1), which covers nothing, at the end of the file.
    """
    blocks = spec.blocks
    comment_end = next(
        (b.end for b in blocks if b.start <= line <= b.end), line,
    )
    following = [b for b in blocks if b.start > comment_end]
    if not following:
        return 0, -1
    block = following[0]
    if block.kind != 'title':
        return block.start, block.end
    titles = [b for b in blocks if b.kind == 'title']
    # Levels as docutils numbers them: styles in order of first use.
    levels = list(dict.fromkeys(_style(b.lines) for b in titles))
    level = levels.index(_style(block.lines))
    for later in titles:
        if later.start > block.start and \
                levels.index(_style(later.lines)) <= level:
            return block.start, later.start - 1
    return block.start, len(spec.lines)


def _style(lines: list[str]) -> tuple[bool, str]:
    """A title block's adornment: whether overlined, and its character."""
    return len(lines) == 3, lines[-1].strip()[:1]
