from __future__ import annotations

import pathlib

import pytest

from spec_hooks.check_spec_rst import main


@pytest.mark.parametrize(
    ('text', 'expected'), [
        ('Title\n=====\n\n.. code-block:: python\n\n   x = 1\n\n'
         'See :ref:`x`.\n', []),
        ('Title\n=====\n\n.. notte:: x\n',
         ['4:4: R101 Unknown directive type "notte"; did you mean '
          "'note'?"]),
    ],
)
def test_main(tmp_path: pathlib.Path, text: str, expected: list[str],
              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'x.rst'
    path.write_text(text)
    assert main([str(path)]) == (1 if expected else 0)
    assert capsys.readouterr().out.splitlines() == [
        f'{path}:{line}' for line in expected
    ]


def test_non_utf8(tmp_path: pathlib.Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / 'x.rst'
    path.write_bytes(b'\xff\xfeT\x00')
    assert main([str(path)]) == 1
    assert capsys.readouterr().out == (
        f'{path}:1:1: E903 binary file (NUL byte at offset 3)\n'
    )
