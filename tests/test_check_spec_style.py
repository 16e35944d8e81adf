from __future__ import annotations

import pathlib

import pytest

from spec_hooks.check_spec_style import main

LONG = 'word ' * 16 + 'word\n'  # 84 characters


@pytest.mark.parametrize(
    ('argv', 'expected'), [
        ([], ['1:80: W101 line too long (84 > 79 characters)']),
        (['--max-line-length', '90'], []),
        (['--max-line-length', '0'], []),
    ],
)
def test_max_line_length(
        tmp_path: pathlib.Path, argv: list[str], expected: list[str],
        capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / 'x.rst'
    path.write_text(LONG)
    assert main([*argv, str(path)]) == (1 if expected else 0)
    assert capsys.readouterr().out.splitlines() == [
        f'{path}:{line}' for line in expected
    ]


def test_non_utf8(tmp_path: pathlib.Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'x.rst'
    path.write_bytes(b'\xc3\x28\n')
    assert main([str(path)]) == 1
    assert capsys.readouterr().out == (
        f'{path}:1:1: E902 not valid UTF-8 (byte 0xc3 on line 1); save the '
        'file as UTF-8\n'
    )
