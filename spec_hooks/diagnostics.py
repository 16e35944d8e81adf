"""Diagnostics and their formatters: text, JSON, GitHub Actions workflow
commands and SARIF 2.1.0."""
from __future__ import annotations


class Diagnostic:
    """One finding: where it is, its stable code and what to change.

    A plain class rather than a dataclass: ``dataclasses`` costs more start-up
    time than the license and leftover hooks may spend in total.
    """

    __slots__ = ('code', 'column', 'line', 'message', 'path')

    def __init__(
            self, path: str, line: int, code: str, message: str,
            column: int = 1,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message

    def position(self) -> tuple[str, int, int]:
        """The sort key of output: by place, then in the order found."""
        return (self.path, self.line, self.column)

    def key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f'Diagnostic{self.key()!r}'

    def as_text(self) -> str:
        return (
            f'{self.path}:{self.line}:{self.column}: '
            f'{self.code} {self.message}'
        )

    def as_dict(self) -> dict[str, str | int]:
        return {
            'path': self.path,
            'line': self.line,
            'column': self.column,
            'code': self.code,
            'message': self.message,
        }


BOLD, RED, RESET = '\033[1m', '\033[1;31m', '\033[0m'


def format_text(diagnostics: list[Diagnostic], colour: bool = False,
                sources: dict[str, list[str]] | None = None) -> str:
    """``path:line:col: CODE message`` lines; with ``sources`` (each
    file's lines) the finding's line under it and a caret at its column."""
    out = []
    for d in diagnostics:
        if colour:
            out.append(f'{BOLD}{d.path}{RESET}:{d.line}:{d.column}: '
                       f'{RED}{d.code}{RESET} {d.message}\n')
        else:
            out.append(f'{d.as_text()}\n')
        lines = (sources or {}).get(d.path)
        if lines is not None and 1 <= d.line <= len(lines) and \
                not d.code.startswith('E9'):
            out.append(_source(lines[d.line - 1], d.column, colour))
    return ''.join(out)


def _source(line: str, column: int, colour: bool) -> str:
    """The line, and under it a caret at ``column``; tabs before the
    column are kept so that the caret lines up on a terminal."""
    before = line[:max(column - 1, 0)]
    pad = ''.join('\t' if c == '\t' else ' ' for c in before)
    caret = f'{RED}^{RESET}' if colour else '^'
    return f'    {line}\n    {pad}{caret}\n'


def format_json(diagnostics: list[Diagnostic]) -> str:
    import json  # only the JSON format pays for it

    return json.dumps([d.as_dict() for d in diagnostics], indent=2) + '\n'


def _escape_github(text: str, property_value: bool = False) -> str:
    """Text as a workflow command carries it: ``%``, CR and LF always
    escaped; in a property value ``:`` and ``,`` too."""
    text = text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')
    if property_value:
        text = text.replace(':', '%3A').replace(',', '%2C')
    return text


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each finding an error annotation
    on its line of the pull request's diff."""
    return ''.join(
        f'::error file={_escape_github(d.path, True)},line={d.line},'
        f'col={d.column},title={_escape_github(d.code, True)}::'
        f'{_escape_github(f"{d.code} {d.message}")}\n'
        for d in diagnostics
    )


SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'


def _artifact_uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative paths stay relative
    references, absolute ones become file URIs."""
    from urllib.parse import quote

    posix = path.replace('\\', '/')
    if posix.startswith('/'):
        return 'file://' + quote(posix)
    return quote(posix)


def format_sarif(diagnostics: list[Diagnostic]) -> str:
    """One SARIF 2.1.0 log: a run of spec-hooks with every rule of the
    registry (its summary, why and fix) and the findings as results."""
    import json

    from spec_hooks import __version__
    from spec_hooks.rules import RULES

    index = {code: n for n, code in enumerate(RULES)}
    rules = [{
        'id': rule.code,
        'name': rule.name,
        'shortDescription': {'text': rule.summary},
        'fullDescription': {'text': rule.why},
        'help': {'text': rule.fix},
        'defaultConfiguration': {'enabled': rule.default},
    } for rule in RULES.values()]
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            'ruleId': d.code,
            'level': 'error',
            'message': {'text': d.message},
            'locations': [{'physicalLocation': {
                'artifactLocation': {'uri': _artifact_uri(d.path)},
                'region': {'startLine': max(d.line, 1),
                           'startColumn': max(d.column, 1)},
            }}],
        }
        if d.code in index:
            result['ruleIndex'] = index[d.code]
        results.append(result)
    log = {
        '$schema': SARIF_SCHEMA,
        'version': '2.1.0',
        'runs': [{
            'tool': {'driver': {
                'name': 'spec-hooks',
                'version': __version__,
                'rules': rules,
            }},
            'results': results,
        }],
    }
    return json.dumps(log, indent=2) + '\n'


FORMATTERS = {
    'text': format_text, 'json': format_json, 'github': format_github,
    'sarif': format_sarif,
}
