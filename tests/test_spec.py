from __future__ import annotations

import pytest

from spec_hooks.spec import Spec

SPACES = ' ' * 20_000  # quadratic in this took seconds; linear, nothing


@pytest.mark.parametrize(
    ('line', 'codes'), [
        ('.. spec-hooks: disable=S104,W101', ('S104', 'W101')),
        ('..  spec-hooks: disable = s104 , w101 ', ('S104', 'W101')),
        ('..\tspec-hooks:disable=\tT\t', ('T',)),
        ('.. SPEC-HOOKS: DISABLE=L', ()),  # 'spec-hooks:' as written
        ('.. spec-hooks: Disable=L', ('L',)),
        ('.. spec-hooks: disable=', ()),
        ('.. spec-hooks: disable=,,', ()),
        ('.. spec-hooks: disable=S104;W101', ()),
        ('.. spec-hooks: disable=S104\tW101', ()),
        ('spec-hooks: disable=S104', ()),
        (f'.. spec-hooks: disable=a{SPACES}b', (f'A{SPACES}B',)),
        (f'.. spec-hooks: disable={SPACES}S1{SPACES}', ('S1',)),
        (f'.. spec-hooks: disable=S1{SPACES}!', ()),
        (f'.. spec-hooks: disable={SPACES}\t{SPACES}S1', ('S1',)),
        (f'..{SPACES}spec-hooks:{SPACES}disable{SPACES}={SPACES}W', ('W',)),
    ],
)
def test_disabled_codes(line: str, codes: tuple[str, ...]) -> None:
    spec = Spec('spec.rst', f'Title\n=====\n\n{line}\n'.encode())
    assert spec.disabled_codes() == codes


def test_disabled_codes_of_every_line() -> None:
    spec = Spec('spec.rst', b'.. spec-hooks: disable=S1\n\ntext\n\n'
                            b'.. spec-hooks: disable=W101, R\n')
    assert spec.disabled_codes() == ('S1', 'W101', 'R')
