"""The fast title matcher and order blame give exactly what the plain
quadratic ones give: those are kept here as the reference."""
from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_hooks.checks import structure
from spec_hooks.spec import Section


def exhaustive_closest(title: str, candidates: list[Section],
                       ) -> Section | None:
    """Every candidate through difflib: the first of the nearest."""
    best, best_ratio = None, structure.CLOSE_TITLE
    for section in candidates:
        ratio = difflib.SequenceMatcher(
            None, section.title.casefold(), title.casefold()).ratio()
        if ratio > best_ratio or (best is None and ratio >= best_ratio):
            best, best_ratio = section, ratio
    return best


def quadratic_stay_in_place(ranks: list[int],
                            sizes: list[int] | None = None) -> set[int]:
    """The O(n^2) longest increasing run, blame to the farthest moved."""
    if not ranks:
        return set()
    sorted_ranks = sorted(ranks)
    weights = sizes or [1] * len(ranks)
    moved = [abs(i - sorted_ranks.index(rank)) for i, rank in enumerate(ranks)]
    best = [(1, weights[i], -moved[i]) for i in range(len(ranks))]
    previous = [-1] * len(ranks)
    for i, rank in enumerate(ranks):
        for j in range(i):
            if ranks[j] < rank:
                score = (best[j][0] + 1, best[j][1] + weights[i],
                         best[j][2] - moved[i])
                if score > best[i]:
                    best[i], previous[i] = score, j
    i = max(range(len(ranks)), key=lambda k: (best[k], -k))
    keep = set()
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def sections(titles: list[str]) -> list[Section]:
    return [Section(title, 2, line, '=', False, True, None)
            for line, title in enumerate(titles, 1)]


# Few letters, so that many titles are near one another and ties abound.
TITLES = st.text(alphabet='abcAB 1é', min_size=0, max_size=12)


@settings(max_examples=400, deadline=None)
@given(title=TITLES, candidates=st.lists(TITLES, max_size=30))
def test_closest_is_the_exhaustive_match(
        title: str, candidates: list[str]) -> None:
    found = sections(candidates)
    assert structure._closest(title, found) is \
        exhaustive_closest(title, found)


def typo(title: str, rng: random.Random) -> str:
    """One random edit: drop, double, swap or replace a character."""
    at = rng.randrange(len(title))
    kind = rng.randrange(4)
    if kind == 0:
        return title[:at] + title[at + 1:]
    if kind == 1:
        return title[:at] + title[at] + title[at:]
    if kind == 2 and at + 1 < len(title):
        return title[:at] + title[at + 1] + title[at] + title[at + 2:]
    return title[:at] + rng.choice('aeiouxyz') + title[at + 1:]


@pytest.mark.parametrize('seed', range(5))
def test_closest_on_generated_templates(seed: int) -> None:
    """Template-like titles and typos of them: the same matches."""
    rng = random.Random(seed)
    words = ['problem', 'change', 'impact', 'REST', 'API', 'data', 'model',
             'security', 'testing', 'proposed', 'alternatives', 'notes']
    titles = [' '.join(rng.choice(words) for _ in range(rng.randint(1, 4)))
              for _ in range(200)]
    candidates = sections(titles)
    for title in titles:
        wanted = typo(title, rng)
        assert structure._closest(wanted, candidates) is \
            exhaustive_closest(wanted, candidates), wanted


@settings(max_examples=400, deadline=None)
@given(st.permutations(list(range(12))) | st.lists(
    st.integers(0, 6), max_size=14))
def test_stay_in_place_is_the_quadratic_one(ranks: list[int]) -> None:
    assert structure._stay_in_place(ranks) == quadratic_stay_in_place(ranks)


@settings(max_examples=400, deadline=None)
@given(pairs=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4)),
                      max_size=14))
def test_weighed_stay_in_place_is_the_quadratic_one(
        pairs: list[tuple[int, int]]) -> None:
    ranks, sizes = [r for r, _ in pairs], [s for _, s in pairs]
    assert structure._stay_in_place(ranks, sizes) == \
        quadratic_stay_in_place(ranks, sizes)


@pytest.mark.parametrize('seed', range(5))
def test_stay_in_place_on_long_permutations(seed: int) -> None:
    rng = random.Random(seed)
    ranks = list(range(300))
    for _ in range(rng.randint(1, 40)):  # some moved, most in place
        i, j = rng.randrange(300), rng.randrange(300)
        ranks[i], ranks[j] = ranks[j], ranks[i]
    assert structure._stay_in_place(ranks) == quadratic_stay_in_place(ranks)


@pytest.mark.parametrize(('ranks', 'kept'), [
    ([], set()),
    ([0], {0}),
    ([1, 0], {0}),  # equally far moved: the first stays
    ([2, 0, 3, 1], {1, 2}),  # the run whose sections moved least
    ([0, 2, 1], {0, 1}),
    ([3, 0, 1, 2], {1, 2, 3}),
    ([1, 2, 3, 0], {0, 1, 2}),
    ([0, 3, 2, 1, 4], {0, 2, 4}),
])
def test_stay_in_place_keeps(ranks: list[int], kept: set[int]) -> None:
    assert structure._stay_in_place(ranks) == kept


@pytest.mark.parametrize(('ranks', 'sizes', 'kept'), [
    ([0, 2, 1], [1, 1, 3], {0, 2}),  # the one with subsections stays
    ([0, 2, 1], [1, 3, 1], {0, 1}),
    ([1, 0], [1, 2], {1}),
])
def test_weighed_stay_in_place_keeps(
        ranks: list[int], sizes: list[int], kept: set[int]) -> None:
    assert structure._stay_in_place(ranks, sizes) == kept


def test_closest_looks_near_where_the_title_stands() -> None:
    """In a template of more sections than any real one, a typo is matched
    among the NEAR_TITLES sections on either side of where it stands."""
    rng = random.Random(7)
    letters = 'abcdefghijklmnopqrstuvwxyz'
    titles = [' '.join(''.join(rng.choice(letters) for _ in range(6))
                       for _ in range(3)) for _ in range(1000)]
    matcher = structure._Titles(sections(titles))
    wanted = titles[900][:-1] + 'x'
    assert matcher.closest(wanted, near=900) is matcher.sections[900]
    assert matcher.closest(wanted, near=901 - structure.NEAR_TITLES) is \
        matcher.sections[900]
    assert matcher.closest(wanted, near=900 - structure.NEAR_TITLES) is None
