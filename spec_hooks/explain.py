"""Rule documentation, all of it from the registry: ``--explain CODE``,
``--list-rules`` and the README's code tables."""
from __future__ import annotations

import re

from spec_hooks.config import OPTIONS
from spec_hooks.rules import (
    EXAMPLE_PATH,
    EXAMPLE_TEMPLATE,
    FAMILIES,
    RULES,
    Rule,
)

WIDTH = 79  # --explain wraps its prose to this many columns
README_START = '<!-- rules:start -->'
README_END = '<!-- rules:end -->'


def list_rules() -> str:
    """One line per code: code, name, fixable, on by default."""
    width = max(len(rule.name) for rule in RULES.values())
    lines = [f'{"code":<5} {"name":<{width}} {"fix":<3} default']
    for rule in RULES.values():
        fix = 'yes' if rule.fixable else ''
        default = 'on' if rule.default else 'off'
        lines.append(f'{rule.code:<5} {rule.name:<{width}} {fix:<3} {default}')
    return '\n'.join(lines) + '\n'


def explain(code: str) -> str | None:
    """Everything about one rule, like ``ruff rule``; None if no such
    code."""
    rule = RULES.get(code.strip().upper())
    if rule is None:
        return None
    parts = [
        f'{rule.code} ({rule.name}): {rule.summary}',
        f'Family: {rule.family.title}.  Fixable: '
        f'{"yes, with --fix" if rule.fixable else "no"}.  On by default: '
        f'{"yes" if rule.default else "no; select it to turn it on"}.',
        f'Why: {rule.why}',
    ]
    if rule.bad is not None and rule.good is not None:
        parts += _examples(rule, rule.bad, rule.good)
    parts.append(f'Fix: {rule.fix}')
    if rule.config is not None:
        parts.append(f'The config of the examples:\n'
                     f'{_indented(_toml(rule.config))}')
    if rule.bad is not None and _against_template(rule):
        parts.append(f'The example template:\n{_indented(EXAMPLE_TEMPLATE)}')
    return '\n\n'.join(_wrapped(part) for part in parts) + '\n'


def _against_template(rule: Rule) -> bool:
    """Whether the rule's examples mean something only against the example
    template: those of the rules that compare a spec with its template."""
    return rule.family.prefix in 'SLT'


def _examples(rule: Rule, bad: str, good: str) -> list[str]:
    """The bad and the good example, as text; as Python string literals
    where what they are about is invisible (trailing space, a tab, a line
    ending, no final newline)."""
    notes = []
    if rule.bad_path != EXAMPLE_PATH:
        notes.append(f'as {rule.bad_path}')
    if _against_template(rule):
        notes.append('against the example template, see below')
    literal = _needs_literal(bad) or _needs_literal(good)
    show = _literal if literal else _indented
    if literal:
        notes.append('each line a Python string, to show what is invisible')
    noted = f' ({"; ".join(notes)})' if notes else ''
    named = f' (as {EXAMPLE_PATH})' if rule.bad_path != EXAMPLE_PATH else ''
    return [f'Bad{noted}:\n{show(bad)}', f'Good{named}:\n{show(good)}']


def _toml(config: dict[str, object]) -> str:
    """A rule's example config as the ``pyproject.toml`` table it is."""
    import json  # only --explain needs it

    plain = [f'{key} = {json.dumps(value)}' for key, value in config.items()
             if not isinstance(value, dict)]
    tables = [['[tool.spec-hooks]', *plain]] if plain else []
    for key, value in config.items():
        if isinstance(value, dict):
            tables.append([f'[tool.spec-hooks.{key}]'] + [
                f'{json.dumps(k)} = {json.dumps(v)}' for k, v in value.items()
            ])
    return '\n\n'.join('\n'.join(table) for table in tables)


def _needs_literal(text: str) -> bool:
    return not text.strip() or not text.endswith('\n') or any(
        line != line.rstrip() or not line.isprintable()
        for line in text.split('\n')
    )


def _indented(text: str) -> str:
    return '\n'.join(f'    {line}'.rstrip() for line in text.splitlines())


def _literal(text: str) -> str:
    return '\n'.join(
        f'    {line!r}' for line in text.splitlines(keepends=True)
    )


def _wrapped(part: str) -> str:
    """A part's first paragraph wrapped to ``WIDTH``; what follows its
    first line break (an example, the template) stays as it is."""
    import textwrap  # only --explain needs it: spare every hook's start-up

    head, newline, rest = part.partition('\n')
    return textwrap.fill(head, WIDTH, break_long_words=False,
                         break_on_hyphens=False) + newline + rest


def readme_tables() -> str:
    """The README's code tables: per family, its introduction and one row
    per rule."""
    sections = []
    for prefix, family in FAMILIES.items():
        rows = [_row(r) for r in RULES.values() if r.family is family]
        sections.append(
            f'### {family.title} ({prefix})\n\n{family.about}\n\n'
            '| code | name | meaning | how to fix |\n|---|---|---|---|\n'
            + '\n'.join(rows) + '\n',
        )
    return '\n'.join(sections)


def _row(rule: Rule) -> str:
    off = ' (off by default)' if not rule.default else ''
    cells = (rule.code, f'`{rule.name}`', _markdown(f'{rule.summary}{off}'),
             _markdown(rule.fix))
    return f'| {" | ".join(cells)} |'


def _markdown(text: str) -> str:
    """Plain registry text as a Markdown table cell: ``<placeholders>`` and
    pipes escaped, options as code."""
    text = text.replace('<', '\\<').replace('|', '\\|')
    options = '|'.join(re.escape(key) for key in OPTIONS if '-' in key)
    return re.sub(rf'(?<![\w-])(--fix|{options})(?![\w-])', r'`\1`', text)


def readme_with_tables(readme: str) -> str:
    """``readme`` with the text between its rule markers replaced by
    ``readme_tables()``.  Raises ValueError without exactly one pair of
    markers, in order."""
    if readme.count(README_START) != 1 or readme.count(README_END) != 1:
        raise ValueError(f'expected one {README_START} and one '
                         f'{README_END} line')
    before, rest = readme.split(README_START)
    if README_END not in rest:
        raise ValueError(f'{README_END} comes before {README_START}')
    after = rest.split(README_END)[1]
    return (f'{before}{README_START}\n\n{readme_tables()}\n{README_END}'
            f'{after}')
