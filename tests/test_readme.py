"""The README's code tables are the registry's, and tools/readme_rules.py
keeps them so."""
from __future__ import annotations

import pathlib
import re

import pytest

from spec_hooks import explain
from spec_hooks.rules import FAMILIES, RULES
from tests.conftest import REPO
from tools import readme_rules

README = pathlib.Path(REPO) / 'README.md'
START, END = explain.README_START, explain.README_END
DRIFTED = f'# Title\n\n## Codes\n\n{START}\n| S101 | old |\n{END}\n\n## Next\n'


def test_readme_tables_are_the_registry_s() -> None:
    """Fails when a rule changed and tools/readme_rules.py was not run."""
    text = README.read_text(encoding='utf-8')
    assert explain.readme_with_tables(text) == text


def test_tables_sit_under_codes() -> None:
    text = README.read_text(encoding='utf-8')
    codes = text.index('\n## Codes\n')
    following = text.index('\n## ', codes + 1)
    assert codes < text.index(START) < text.index(END) < following


def test_one_row_per_rule_in_family_order() -> None:
    tables = explain.readme_tables()
    headings = re.findall(r'^### (.*)$', tables, re.MULTILINE)
    assert headings == [f'{f.title} ({p})' for p, f in FAMILIES.items()]
    rows = re.findall(r'^\| ([A-Z]+\d+) \| `([a-z0-9-]+)` \|', tables,
                      re.MULTILINE)
    assert rows == [(code, rule.name) for code, rule in RULES.items()]


@pytest.mark.parametrize(('code', 'row'), [
    ('T104', '| T104 | `placeholder-left-in` | a template \\<placeholder>, '
             "or the template's placeholder blueprint URL, not filled in | "
             "Replace the placeholder with the answer, and the template's "
             "blueprint URL with the spec's own. |"),
    ('T105', '| T105 | `instruction-comment-left-in` | template instructions '
             'left in a comment (off by default) | Delete the comment. |'),
    ('L101', "| L101 | `license-missing` | license header missing | Insert "
             "the template's header (`--fix` does, given a "
             '`copyright-holder` where the header names one). |'),
    ('S111', '| S111 | `bad-file-name` | the file name does not match '
             '`filename-pattern` | Rename the file (the message suggests a '
             'name), or set `filename-pattern`. |'),
])
def test_row(code: str, row: str) -> None:
    rows = [line for line in explain.readme_tables().splitlines()
            if line.startswith(f'| {code} |')]
    assert rows == [row]


def test_only_the_marked_block_changes() -> None:
    rewritten = explain.readme_with_tables(DRIFTED)
    before, after = DRIFTED.split(START)[0], DRIFTED.split(END)[1]
    assert rewritten == (f'{before}{START}\n\n{explain.readme_tables()}\n'
                         f'{END}{after}')
    assert explain.readme_with_tables(rewritten) == rewritten


@pytest.mark.parametrize(('text', 'error'), [
    ('# Title\n', 'expected one <!-- rules:start --> and one '
                  '<!-- rules:end --> line'),
    (f'{START}\n{START}\n{END}\n', 'expected one'),
    (f'{END}\n{START}\n', '<!-- rules:end --> comes before '
                          '<!-- rules:start -->'),
])
def test_markers_must_be_one_pair_in_order(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        explain.readme_with_tables(text)


def test_tool_checks_then_rewrites(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'README.md'
    path.write_text(DRIFTED, encoding='utf-8')
    assert readme_rules.main(['--check', str(path)]) == 1
    assert capsys.readouterr() == ('', (
        f'{path}: the code tables differ from the rule registry; run '
        f'tools/readme_rules.py\n'))
    assert path.read_text(encoding='utf-8') == DRIFTED
    assert readme_rules.main([str(path)]) == 0
    assert capsys.readouterr() == (
        f'Rewrote the code tables of {path}\n', '')
    assert path.read_text(encoding='utf-8') == \
        explain.readme_with_tables(DRIFTED)
    assert readme_rules.main(['--check', str(path)]) == 0
    assert readme_rules.main([str(path)]) == 0
    assert capsys.readouterr() == ('', '')


def test_tool_keeps_line_endings_outside_the_block(
        tmp_path: pathlib.Path,
) -> None:
    path = tmp_path / 'README.md'
    path.write_bytes(DRIFTED.replace('# Title\n', '# Title\r\n').encode())
    assert readme_rules.main([str(path)]) == 0
    assert path.read_bytes().startswith(b'# Title\r\n\n## Codes\n')


def test_tool_without_markers(tmp_path: pathlib.Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'README.md'
    path.write_text('# Title\n', encoding='utf-8')
    assert readme_rules.main(['--check', str(path)]) == 2
    assert capsys.readouterr() == ('', (
        f'error: {path}: expected one <!-- rules:start --> and one '
        f'<!-- rules:end --> line\n'))


def test_tool_checks_the_repository_readme_by_default() -> None:
    assert README.samefile(readme_rules.README)
    assert readme_rules.main(['--check']) == 0
