"""reStructuredText problems docutils reports, one diagnostic per mistake.

Every docutils message of level WARNING or above, from parsing and from the
reader transforms, becomes a diagnostic whose code names its kind:

R101 unknown directive          R108 unknown target name
R102 unknown role               R109 duplicate target name
R103 malformed table            R110 other reference problem
R104 indentation                R111 file, URL or raw insertion disabled
R105 title adornment            R112 literal block
R106 title level inconsistent   R113 bad directive arguments or options
R107 inline markup not closed   R199 anything else

INFO messages are dropped (they repeat an ERROR, or describe text docutils
treats as ordinary on purpose), except the one that alone tells of a lost
literal block: "Blank line missing before literal block".
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator

from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import (
    R101,
    R102,
    R103,
    R104,
    R105,
    R106,
    R107,
    R108,
    R109,
    R110,
    R111,
    R112,
    R113,
    R199,
    Rule,
)
from spec_hooks.spec import Spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from docutils import nodes

    from spec_hooks.sphinx import Vocabulary
    from spec_hooks.sphinx.vocabulary import Kind

WARNING = 2
HINT_CUTOFF = 0.7  # difflib ratio from which an unknown name is a typo
NOISE = ('See "backrefs" attribute for IDs.',)

# The kind of a message, by its text: the first pattern that matches wins.
KINDS = tuple((rule, re.compile(pattern)) for rule, pattern in (
    (R101, r'Unknown directive type "(?P<name>[^"]+)"\.'),
    (R102, r'Unknown interpreted text role "(?P<name>[^"]+)"\.'),
    (R111, r'"[^"]+" directive disabled\.|File and URL access deactivated'
             r'|raw \(and derived\) roles disabled'),
    (R103, r'Malformed table\.|Blank line required after table\.'
             r'|.*"(?:csv-|list-)?table" directive'),
    (R104, r'Unexpected indentation\.|\w+(?: \w+)? ends without a blank'),
    (R105, r'Title (?:underline|overline) too short\.'
             r'|Title overline & underline mismatch\.'
             r'|Missing matching underline for section title overline\.'
             r'|Incomplete section title\.'),
    (R106, r'Title level inconsistent|Inconsistent title style'),
    (R107, r'Inline [\w ]+ start-string without end-string\.'),
    (R108, r'Unknown target name: "'),
    (R109, r'Duplicate (?:explicit )?target name'),
    (R110, r'Anonymous hyperlink mismatch|Indirect hyperlink target'
             r'|Undefined substitution referenced|Circular substitution'
             r'|Duplicate substitution definition name'
             r'|Too many (?:autonumbered|symbol) footnote references'),
    (R112, r'Literal block expected; none found\.'
             r'|Inconsistent literal block quoting\.'
             r'|Blank line missing before literal block'),
    (R113, r'Error in "[^"]+" directive|Content block expected for the "'
             r'|Invalid context: the "'),
))
QUOTED = re.compile(r'"[^"]*"')
KEPT_INFO = re.compile(r'Blank line missing before literal block')
EXPLICIT_DUPLICATE = re.compile(r'Duplicate explicit target name: "(.*)"\.')
SPHINX_OPTION = re.compile(
    r'Error in "(?P<directive>[^"]+)" directive: unknown option: '
    r'"(?P<option>[^"]+)"',
)
UNDEFINED_SUBSTITUTION = re.compile(
    r'Undefined substitution referenced: "(.+)"',
)
AMBIGUOUS_REFERENCE = re.compile(
    r'Duplicate target name, cannot be used as a unique reference: "(.*)"\.',
)


class Finding:
    """One docutils message: its text, kind, lines and the text it
    blames."""

    def __init__(
            self, message: nodes.system_message, document: nodes.document,
    ) -> None:
        self.message = message
        self.text = _text(message)
        self.rule, self.name = _kind(self.text)  # name: R101, R102
        near = [document.ids.get(ref) for ref in message['backrefs']]
        self.lines = _lines(message, near)
        self.needle = self.name if self.rule is R101 else _source(near)


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    from spec_hooks.doctree import default_vocabulary

    names = spec.names or default_vocabulary()
    findings = [
        Finding(message, spec.doctree) for message in spec.messages
        if _wanted(message)
    ]
    findings = list(_accepted(findings, names))
    finder = _Finder(spec.lines)
    diagnostics: dict[Diagnostic, None] = {}  # ordered, no repeats
    for finding in findings:
        line, column = finder.locate(finding)
        diagnostic = finding.rule(
            spec.path, line, _message(finding, names), column,
        )
        diagnostics[diagnostic] = None
    found = sorted(diagnostics, key=lambda d: (d.line, d.column))
    yield from _one_per_broken_block(found, spec.lines)


def _one_per_broken_block(
        found: list[Diagnostic], lines: list[str],
) -> list[Diagnostic]:
    """R104 once per block (lines up to a blank one): docutils warns at
    each unindent of one broken block, as a nested list indented by one
    space warns at every level it leaves.  The first names the others."""
    starts = _block_starts(lines) or [1]
    kept: list[Diagnostic] = []
    again: dict[int, list[int]] = {}  # first line of a block -> lines
    for diagnostic in found:
        if diagnostic.code == R104.code:
            start = starts[min(diagnostic.line, len(starts)) - 1]
            if start in again:
                again[start].append(diagnostic.line)
                continue
            again[start] = []
        kept.append(diagnostic)
    for diagnostic in kept:
        start = starts[min(diagnostic.line, len(starts)) - 1]
        if diagnostic.code == R104.code and again[start]:
            diagnostic.message = (
                f'{diagnostic.message.rstrip(".")}; the same block breaks '
                f'again at {_lines_list(again[start])}')
    return kept


def _block_starts(lines: list[str]) -> list[int]:
    """For each line, the first line of the block of lines without a blank
    one that it stands in."""
    starts, start = [], 1
    for number, line in enumerate(lines, 1):
        if not line.strip() or number == 1 or not lines[number - 2].strip():
            start = number
        starts.append(start)
    return starts


def _lines_list(numbers: list[int]) -> str:
    """'line 3', 'lines 3 and 5', 'lines 3, 5 and 7'."""
    if len(numbers) == 1:
        return f'line {numbers[0]}'
    *most, last = numbers
    return f"lines {', '.join(map(str, most))} and {last}"


def _wanted(message: nodes.system_message) -> bool:
    level: int = message['level']
    return level >= WARNING or bool(KEPT_INFO.match(_text(message)))


def _accepted(
        findings: list[Finding], names: Vocabulary,
) -> Iterator[Finding]:
    """Drop what Sphinx accepts (intersphinx's ``external:`` roles, the
    options Sphinx adds to docutils' directives, the substitutions it and
    conf.py define) and what repeats a mistake (the references to a
    duplicate explicit target, which is reported itself)."""
    duplicates = {
        found.group(1) for found in (
            EXPLICIT_DUPLICATE.match(f.text) for f in findings
        ) if found
    }
    for finding in findings:
        ambiguous = AMBIGUOUS_REFERENCE.match(finding.text)
        if (ambiguous and ambiguous.group(1) in duplicates) or \
                _sphinx_accepts(finding, names):
            continue
        yield finding


def _sphinx_accepts(finding: Finding, names: Vocabulary) -> bool:
    if finding.rule is R102:
        return names.knows_role(finding.name)
    option = SPHINX_OPTION.match(finding.text)
    if option:
        spec = names.directive_spec(option.group('directive'))
        return spec is not None and (
            spec.options is None or option.group('option') in spec.options)
    substitution = UNDEFINED_SUBSTITUTION.match(finding.text)
    return substitution is not None and \
        ' '.join(substitution.group(1).lower().split()) in names.substitutions


def _text(message: nodes.system_message) -> str:
    """Docutils' text without its literal block, on one line."""
    if not message.children:
        return ''
    lines = message.children[0].astext().splitlines()
    return ' '.join(
        line.strip() for line in lines
        if line.strip() and line.strip() not in NOISE
    )


def _kind(text: str) -> tuple[Rule, str]:
    """The rule of a message, and the name it is about if it has one."""
    for rule, pattern in KINDS:
        found = pattern.match(text)
        if found:
            return rule, found.groupdict().get('name') or ''
    return R199, ''


def _lines(
        message: nodes.system_message, near: list[nodes.Element | None],
) -> list[int]:
    """Where to look, best first: the message's line, then that of the
    nearest node the message is about or sits in (docutils gives some
    messages no line, and the raw role a wrong one)."""
    found: list[int | None] = [message.get('line')]
    for node in [*near[:1], message.parent]:
        while node is not None and not node.line:
            node = node.parent
        found.append(node.line if node is not None else None)
    found_lines = list(dict.fromkeys(line for line in found if line))
    return found_lines or [1]  # pragma: no mutate (0 is clamped to 1)


def _source(near: list[nodes.Element | None]) -> str:
    """The source text of the nodes the message is about, if it has any."""
    for node in near:
        if node is not None and node.rawsource:
            return str(node.rawsource)
    return ''


class _Finder:
    """Where the text each message blames stands, in the block (up to a
    blank line) at the message's line.

    Docutils gives a paragraph's first line for a problem anywhere in it,
    and reports the problems of one kind (one message text but for the
    names quoted in it) in a paragraph in the order they stand.  So each
    is looked for after the one before it, and only failing that as the
    n-th occurrence of its text (the n-th message about it): a paragraph
    with n problems is read about once, not n times.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # line -> the block's text and the offset of each of its lines
        self.blocks: dict[int, tuple[str, list[int]]] = {}
        self.after: dict[tuple[int, str], int] = {}  # (line, kind) -> end
        self.seen: Counter[tuple[int, str]] = Counter()
        self.every: dict[tuple[int, str], list[tuple[int, int]]] = {}

    def locate(self, finding: Finding) -> tuple[int, int]:
        """Line and column of the text blamed, else docutils' line,
        column 1."""
        line = self._clamp(finding.lines[0])
        needle = finding.needle
        if not needle:
            return line, 1
        nth = self.seen[line, needle]
        self.seen[line, needle] += 1
        for start in finding.lines:
            found = self._find(self._clamp(start), needle, nth,
                               QUOTED.sub('""', finding.text))
            if found:
                return found
        return line, 1

    def _clamp(self, line: int) -> int:
        return max(1, min(line, len(self.lines)))

    def _find(
            self, line: int, needle: str, nth: int, kind: str,
    ) -> tuple[int, int] | None:
        """The ``needle`` after the text of the last message of this
        ``kind`` in the block at ``line``, else its n-th one there; a lone
        '*' or '`' only where it is the one in the block."""
        source, starts = self._block(line)
        pattern = re.compile(
            r'\s+'.join(re.escape(word) for word in needle.split()))
        found = pattern.search(source, self.after.get((line, kind), 0)) \
            if len(needle) >= 3 else None
        if found:
            offset, end = found.span()
        else:
            every = self._every(line, needle, source, pattern)
            if (len(needle) < 3 and len(every) != 1) or nth >= len(every):
                return None
            offset, end = every[nth]
        self.after[line, kind] = end
        row = bisect.bisect_right(starts, offset) - 1
        return line + row, offset - starts[row] + 1

    def _block(self, line: int) -> tuple[str, list[int]]:
        """The text from ``line`` up to the next blank line, read once."""
        if line not in self.blocks:
            block: list[str] = []
            for text in self.lines[line - 1:]:
                if block and not text.strip():
                    break
                block.append(text)
            starts = [0]
            for text in block[:-1]:
                starts.append(starts[-1] + len(text) + 1)
            self.blocks[line] = '\n'.join(block), starts
        return self.blocks[line]

    def _every(
            self, line: int, needle: str, source: str,
            pattern: re.Pattern[str],
    ) -> list[tuple[int, int]]:
        """Each occurrence of ``needle`` in the block, found once."""
        if (line, needle) not in self.every:
            self.every[line, needle] = [
                found.span() for found in pattern.finditer(source)
            ]
        return self.every[line, needle]


def _message(finding: Finding, names: Vocabulary) -> str:
    if finding.rule is R101:
        return _unknown(finding, _hint(names, 'directive', finding.name))
    if finding.rule is R102:
        return _unknown(finding, _hint(names, 'role', finding.name))
    block = _literal(finding.message)
    if finding.rule is R105 and 'too short' in finding.text and block:
        return _too_short(finding.text, block)
    if finding.rule is R106 and block:
        return _inconsistent(block)
    if finding.rule is R111:
        return (f'{finding.text.rstrip(".")}: this hook reads no file or '
                f'URL, so nothing is inserted or checked')
    return finding.text


def _unknown(finding: Finding, hint: str) -> str:
    text = finding.text.rstrip('.')
    return f'{text} {hint}' if hint.startswith('(') else f'{text}; {hint}'


@functools.lru_cache(maxsize=1024)
def _hint(names: Vocabulary, kind: Kind, name: str) -> str:
    """What to say of an unknown name: once per name, not per use (the
    "did you mean" search takes a millisecond)."""
    return names.explain_unknown(kind, name)


def _literal(message: nodes.system_message) -> list[str]:
    """The source lines docutils quotes under its message, if any."""
    from docutils import nodes

    # (the first child is the message's own paragraph, never a literal)
    for child in message.children[1:]:  # pragma: no mutate
        if isinstance(child, nodes.literal_block):
            return [line for line in child.astext().splitlines()
                    if line]  # pragma: no mutate (a title has no blank line)
    return []


def _title(block: list[str]) -> tuple[str, str, str]:
    """Title, adornment character and where, from a quoted title."""
    if len(block) >= 3:
        return block[1].strip(), block[2][:1], 'over and under'
    return block[0].strip(), block[-1][:1], 'under'


def _too_short(text: str, block: list[str]) -> str:
    """The lengths docutils compares: the adornment's, and the width of
    the title's line, where an overlined title's indentation counts."""
    from docutils.utils import column_width

    _, char, _ = _title(block)
    line = (block[1] if len(block) >= 3 else block[0]).rstrip()
    width = column_width(line)
    indent = width - column_width(line.lstrip())
    # (docutils reports an overline unlike the underline as a mismatch)
    adornment = (block[0] if 'overline' in text  # pragma: no mutate
                 else block[-1])
    counting = ''
    if indent:
        spaces = 'leading space' if indent == 1 else f'{indent} leading spaces'
        counting = f', counting its {spaces}'
    return (f'{text.rstrip(".")}: {len(adornment.rstrip())} '
            f"'{char}' for a title {width} characters wide{counting}")


def _inconsistent(block: list[str]) -> str:
    title, char, where = _title(block)
    return (f"Title level inconsistent: '{title}' ('{char}' {where}) "
            f'would skip a level; adorn it like the other titles of the '
            f'level it belongs to')
