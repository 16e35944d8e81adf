from __future__ import annotations

import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(REPO), 'shared', 'corpus')
EXAMPLE = os.path.join(REPO, 'examples', 'awesome-thing.rst')


@pytest.fixture
def example_text() -> str:
    """A spec that passes every check against the built-in template."""
    with open(EXAMPLE, encoding='utf-8') as f:
        return f.read()


def corpus(*parts: str) -> str:
    """A path in the shared corpus; the test skips where it is absent."""
    path = os.path.join(CORPUS, *parts)
    if not os.path.exists(path):
        pytest.skip(f'corpus not available: {path}')
    return path
