"""The rule registry tells the truth: its examples do what they say when run
through the real checks, and its codes, names and fixers agree with the
code that uses them."""
from __future__ import annotations

import pathlib
import re

import pytest

from spec_hooks import checks, rules
from spec_hooks.cli import check_file
from spec_hooks.config import (
    OPTIONS,
    ConfigError,
    Settings,
    _parse_table,
    parse_codes,
)
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import FAMILIES, RULES, Rule
from tests.conftest import files_context

# Bad input that only the file system or a bug can cause: no text shows it.
WITHOUT_EXAMPLES = ('E901', 'E902', 'E905', 'E906', 'E999')
WITH_EXAMPLES = [rule for rule in RULES.values() if rule.bad is not None]


def settings(tmp_path: pathlib.Path, config: dict[str, object] | None = None,
             **options: object) -> Settings:
    """The defaults, with the example template written to ``tmp_path``
    and named by ``template``, or else by the rule's own ``config``."""
    template = tmp_path / 'template.rst'
    template.write_text(rules.EXAMPLE_TEMPLATE, encoding='utf-8')
    values = {key: default for key, (_, default) in OPTIONS.items()}
    values['template'] = str(template)
    if config is not None:
        values['template'] = None
        values.update(_parse_table(config, 'example', str(tmp_path)))
    values.update({key.replace('_', '-'): v for key, v in options.items()})
    return Settings(values, str(tmp_path))


def run(tmp_path: pathlib.Path, name: str, text: str, prefixes: str,
        **options: object) -> list[Diagnostic]:
    """What the checks of the families ``prefixes`` report, with every code
    of them selected, for ``text`` in a file called ``name``; bad input (E)
    goes through every check.  Newlines are written as they are."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode('utf-8'))
    chosen = settings(tmp_path, select=tuple(prefixes), **options)
    context = files_context(chosen, str(path))
    families = [p for p in prefixes if FAMILIES[p].module] or 'SLTRW'
    found, _ = check_file(str(path), context,
                          [checks.check(family) for family in families])
    return found


def example_id(rule: Rule) -> str:
    return rule.code


@pytest.mark.parametrize('rule', WITH_EXAMPLES, ids=example_id)
def test_bad_example_reports_its_code_alone(
        rule: Rule, tmp_path: pathlib.Path,
) -> None:
    assert rule.bad is not None
    found = run(tmp_path, rule.bad_path, rule.bad, rule.family.prefix,
                config=rule.config)
    assert {d.code for d in found} == {rule.code}, \
        [d.as_text() for d in found]


@pytest.mark.parametrize('rule', WITH_EXAMPLES, ids=example_id)
def test_good_example_reports_nothing_of_its_family(
        rule: Rule, tmp_path: pathlib.Path,
) -> None:
    assert rule.good is not None
    found = run(tmp_path, rules.EXAMPLE_PATH, rule.good, rule.family.prefix,
                config=rule.config)
    assert [d.as_text() for d in found] == []


@pytest.mark.parametrize(
    'rule', [rule for rule in RULES.values() if rule.fixable],
    ids=example_id,
)
def test_fix_mends_the_bad_example(rule: Rule, tmp_path: pathlib.Path,
                                   ) -> None:
    assert rule.bad is not None
    prefix = rule.family.prefix
    path = tmp_path / rule.bad_path
    path.write_text(rule.bad, encoding='utf-8')
    chosen = settings(tmp_path, select=(prefix,),
                      copyright_holder='Example Cloud Ltd.')
    context = files_context(chosen, str(path))
    check = [checks.check(prefix)]
    assert check_file(str(path), context, check, checks.fixers(prefix)) == \
        ([], True)
    assert check_file(str(path), context, check) == ([], False)


def test_good_spec_passes_every_check(tmp_path: pathlib.Path) -> None:
    """The example spec the S, L and T examples are cut from is a whole,
    clean spec of the example template, T105 included."""
    found = run(tmp_path, rules.EXAMPLE_PATH, rules.GOOD_SPEC, 'ESLTRW')
    assert [d.as_text() for d in found] == []


def test_only_environment_caused_input_lacks_examples() -> None:
    without = [
        code for code, rule in RULES.items()
        if rule.bad is None or rule.good is None
    ]
    assert without == list(WITHOUT_EXAMPLES)
    assert all(RULES[code].bad is RULES[code].good is None
               for code in WITHOUT_EXAMPLES)


@pytest.mark.parametrize('code', RULES)
def test_code_is_stable_in_form(code: str) -> None:
    assert re.fullmatch(r'[A-Z]{1,3}[0-9]{1,3}', code)
    assert RULES[code].code == code
    assert code[0] in FAMILIES


def test_names_are_unique_kebab_case() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', name), name


def test_every_family_has_rules() -> None:
    assert {code[0] for code in RULES} == set(FAMILIES)


@pytest.mark.parametrize(
    'prefix', [p for p, family in FAMILIES.items() if family.module],
)
def test_fixers_are_those_of_fixable_rules(prefix: str) -> None:
    fixable = {
        code for code, rule in RULES.items()
        if rule.fixable and code.startswith(prefix)
    }
    assert set(checks.fixers(prefix)) == fixable


def test_only_check_families_have_fixable_rules() -> None:
    assert not [
        rule for rule in RULES.values()
        if rule.fixable and rule.family.module is None
    ]


@pytest.mark.parametrize('rule', RULES.values(), ids=example_id)
def test_fix_text_says_whether_fix_does_it(rule: Rule) -> None:
    assert ('--fix' in rule.fix) == rule.fixable


@pytest.mark.parametrize(('value', 'accepted'), [
    ('S1', True),
    ('S', True),
    ('s103', True),
    ('E9', True),
    ('E999', True),
    ('T105', True),
    ('S9', False),
    ('S1034', False),
    ('X1', False),
    ('X', False),
    ('E1', False),
    ('1', False),
])
def test_parse_codes_accepts_the_registry_prefixes(
        value: str, accepted: bool,
) -> None:
    if accepted:
        assert parse_codes(value, 'select') == (value.upper(),)
    else:
        with pytest.raises(ConfigError, match='is not a code or code prefix'):
            parse_codes(value, 'select')


def test_parse_codes_accepts_every_prefix_of_every_code() -> None:
    prefixes = sorted({
        code[:end] for code in RULES for end in range(1, len(code) + 1)
    })
    assert parse_codes(','.join(prefixes), 'ignore') == tuple(prefixes)
