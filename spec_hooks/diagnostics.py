"""Diagnostics and their text and JSON formatters."""
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


def format_text(diagnostics: list[Diagnostic]) -> str:
    return ''.join(f'{d.as_text()}\n' for d in diagnostics)


def format_json(diagnostics: list[Diagnostic]) -> str:
    import json  # only the JSON format pays for it

    return json.dumps([d.as_dict() for d in diagnostics], indent=2) + '\n'


FORMATTERS = {'text': format_text, 'json': format_json}
