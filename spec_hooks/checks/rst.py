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
    seen: Counter[tuple[int, str]] = Counter()
    found_at: dict[tuple[int, str], tuple[str, list[int]]] = {}
    diagnostics: dict[Diagnostic, None] = {}  # ordered, no repeats
    for finding in findings:
        line, column = _locate(spec.lines, finding, seen, found_at)
        diagnostic = finding.rule(
            spec.path, line, _message(finding, names), column,
        )
        diagnostics[diagnostic] = None
    yield from sorted(diagnostics, key=lambda d: (d.line, d.column))


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
    return list(dict.fromkeys(line for line in found if line)) or [1]


def _source(near: list[nodes.Element | None]) -> str:
    """The source text of the nodes the message is about, if it has any."""
    for node in near:
        if node is not None and node.rawsource:
            return str(node.rawsource)
    return ''


def _locate(
        lines: list[str], finding: Finding, seen: Counter[tuple[int, str]],
        found_at: dict[tuple[int, str], tuple[str, list[int]]],
) -> tuple[int, int]:
    """Line and column of the text blamed, else docutils' line, column 1.

    Docutils gives a paragraph's first line for a problem anywhere in it;
    the n-th message about the same text there is its n-th occurrence.
    """
    line = _clamp(finding.lines[0], lines)
    needle = finding.needle
    if not needle:
        return line, 1
    nth = seen[line, needle]
    seen[line, needle] += 1
    for start in finding.lines:
        found = _find(lines, _clamp(start, lines), needle, nth, found_at)
        if found:
            return found
    return line, 1


def _clamp(line: int, lines: list[str]) -> int:
    return max(1, min(line, len(lines)))


def _find(
        lines: list[str], line: int, needle: str, nth: int,
        found_at: dict[tuple[int, str], tuple[str, list[int]]],
) -> tuple[int, int] | None:
    """The n-th ``needle`` in the block (up to a blank line) at ``line``;
    a lone '*' or '`' only where it is the one in the block.  Each block
    is searched once per needle (``found_at``), however many messages."""
    if (line, needle) not in found_at:
        source = _block(lines, line)
        pattern = r'\s+'.join(re.escape(word) for word in needle.split())
        found_at[line, needle] = source, [
            found.start() for found in re.finditer(pattern, source)
        ]
    source, starts = found_at[line, needle]
    if (len(needle) < 3 and len(starts) != 1) or nth >= len(starts):
        return None
    offset = starts[nth]
    row = source.count('\n', 0, offset)
    column = offset - (source.rfind('\n', 0, offset) + 1) + 1
    return line + row, column


def _block(lines: list[str], line: int) -> str:
    """The text from ``line`` up to the next blank line."""
    block: list[str] = []
    for text in lines[line - 1:]:
        if block and not text.strip():
            break
        block.append(text)
    return '\n'.join(block)


def _message(finding: Finding, names: Vocabulary) -> str:
    if finding.rule is R101:
        return _unknown(finding, names.explain_unknown('directive',
                                                       finding.name))
    if finding.rule is R102:
        return _unknown(finding, names.explain_unknown('role', finding.name))
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


def _literal(message: nodes.system_message) -> list[str]:
    """The source lines docutils quotes under its message, if any."""
    from docutils import nodes

    for child in message.children[1:]:
        if isinstance(child, nodes.literal_block):
            return [line for line in child.astext().splitlines() if line]
    return []


def _title(block: list[str]) -> tuple[str, str, str]:
    """Title, adornment character and where, from a quoted title."""
    if len(block) >= 3:
        return block[1].strip(), block[2][:1], 'over and under'
    return block[0].strip(), block[-1][:1], 'under'


def _too_short(text: str, block: list[str]) -> str:
    from docutils.utils import column_width

    title, char, _ = _title(block)
    adornment = block[0] if 'overline' in text else block[-1]
    return (f'{text.rstrip(".")}: {len(adornment.rstrip())} '
            f"'{char}' for a title {column_width(title)} characters wide")


def _inconsistent(block: list[str]) -> str:
    title, char, where = _title(block)
    return (f"Title level inconsistent: '{title}' ('{char}' {where}) "
            f'would skip a level; adorn it like the other titles of the '
            f'level it belongs to')
