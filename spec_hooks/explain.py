"""Rule documentation, all of it from the registry: ``--explain CODE``,
``--list-rules`` and the README's code tables."""
from __future__ import annotations

from spec_hooks.rules import EXAMPLE_TEMPLATE, FAMILIES, RULES, Rule


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
        against = ' (against the example template, see below)' \
            if rule.family.prefix in 'SLT' else ''
        parts += [
            f'Bad{against}:\n{_indented(rule.bad)}',
            f'Good:\n{_indented(rule.good)}',
        ]
    parts.append(f'Fix: {rule.fix}')
    if rule.bad is not None and rule.family.prefix in 'SLT':
        parts.append(f'The example template:\n{_indented(EXAMPLE_TEMPLATE)}')
    return '\n\n'.join(parts) + '\n'


def _indented(text: str) -> str:
    return '\n'.join(f'    {line}'.rstrip() for line in text.splitlines())


def readme_tables() -> str:
    """The README's code tables: one per family."""
    sections = []
    for prefix, family in FAMILIES.items():
        rules = [r for r in RULES.values() if r.family.prefix == prefix]
        rows = [_row(rule) for rule in rules]
        sections.append(
            f'### {family.title} ({prefix})\n\n'
            '| code | name | meaning | fix |\n|---|---|---|---|\n'
            + '\n'.join(rows) + '\n',
        )
    return '\n'.join(sections)


def _row(rule: Rule) -> str:
    flags = ' (off by default)' if not rule.default else ''
    fix = '`--fix`' if rule.fixable else ''
    return (f'| {rule.code} | `{rule.name}` | {rule.summary}{flags} | '
            f'{fix} |')
