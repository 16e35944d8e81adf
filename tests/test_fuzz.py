"""A short, seeded fuzzing run of every hook (tools/fuzz.py runs long).

Inputs come from tests/fuzz_strategies.py: documents of arbitrary blocks
(against the built-in template), generated templates with specs written
from them, and mutated corpus specs.  The properties are those of
tests/fuzz_properties.py, each a test of its own per hook, so that a known
defect marks as little as possible.  No shrinking here: a failure names
its input as drawn; tools/fuzz.py shrinks it.
"""
from __future__ import annotations

import itertools
import os
import tempfile

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests import fuzz_properties, fuzz_strategies

Input = fuzz_strategies.Input
CORPUS_FILES = fuzz_strategies.corpus_files()

SHORT_RUN = settings(
    derandomize=True, max_examples=20, deadline=None, database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)


def source(name: str) -> st.SearchStrategy[Input]:
    if name == 'documents':
        return fuzz_strategies.documents().map(lambda data: (data, None))
    if name == 'templates':
        return fuzz_strategies.templates_and_specs().map(
            lambda pair: (pair[1], pair[0]))
    if not CORPUS_FILES:
        pytest.skip(f'corpus not available: {fuzz_strategies.CORPUS}')
    return fuzz_strategies.mutated_corpus_specs(CORPUS_FILES).map(
        fuzz_strategies.with_corpus_template)


SOURCES = ('documents', 'templates', 'corpus')


def cases(*axes: tuple[str, ...]) -> list[object]:
    """Every combination of the axes."""
    return [
        pytest.param(*combination, id='-'.join(combination))
        for combination in itertools.product(*axes)
    ]


@pytest.mark.parametrize(('name', 'hook'),
                         cases(SOURCES, tuple(fuzz_properties.HOOKS)))
@SHORT_RUN
@given(data=st.data())
def test_hooks_exit_cleanly(name: str, hook: str, data: st.DataObject,
                            ) -> None:
    """Exit code 0, 1 or 2; no E999, no traceback; the file unchanged."""
    spec, template = data.draw(source(name))
    with tempfile.TemporaryDirectory() as directory:
        path, options = fuzz_properties.write_input(directory, spec, template)
        fuzz_properties.check_hook(hook, path, options)


FIX_PROPERTIES = ('check_output', 'check_exit_2_writes_nothing',
                  'check_idempotent', 'check_kept_lines', 'check_kept_blocks')


@pytest.mark.parametrize(('name', 'hook', 'prop'), cases(
    SOURCES, fuzz_properties.FIXING_HOOKS, FIX_PROPERTIES))
@SHORT_RUN
@given(data=st.data())
def test_fix(name: str, hook: str, prop: str, data: st.DataObject) -> None:
    """--fix: no E999; nothing written on exit code 2; idempotent; the
    author's lines and blocks kept but for what T101 reports removing."""
    spec, template = data.draw(source(name))
    with tempfile.TemporaryDirectory() as directory:
        path, options = fuzz_properties.write_input(directory, spec, template)
        fixed = fuzz_properties.Fixed(hook, path, options)
        getattr(fixed, prop)()


def test_corpus_strategy_reads_the_corpus() -> None:
    if not CORPUS_FILES:
        pytest.skip(f'corpus not available: {fuzz_strategies.CORPUS}')
    assert len(CORPUS_FILES) > 2000
    assert all(os.path.isfile(path) for path in CORPUS_FILES[:10])


BLUEPRINT_DELETE_ME = '\n'.join(fuzz_strategies.BLUEPRINT_DELETE_ME)
LICENSE_ONLY = (b'..\n\nThis work is licensed under a Creative Commons '
                b'Attribution 3.0 Unported\nLicense.\n')
LICENSE_LAST = (b'Title\n=====\n\nText.\n\n::\n\n  Copyright (C) 2014, '
                b'<holder>. Licensed under the Apache License.\n')


# Each defect the fuzzer found, with the input it shrank to (by hand where
# Hypothesis stopped short), the hook and the property it broke: fixed,
# and kept as a test.
@pytest.mark.parametrize(('spec', 'template', 'hook', 'prop'), [
    pytest.param(b'.. |x| replace:: |x| |x|\n', None, 'check-spec-rst',
                 None, id='circular substitution'),
    pytest.param(b' Quoted text.\n', None, 'check-spec-license',
                 'check_kept_blocks',
                 id='indented first paragraph'),
    pytest.param(b'\t:Author: the\n', None, 'check-spec-license',
                 'check_kept_blocks',
                 id='indented first field list'),
    pytest.param(b'My own spec title\n=================\n', LICENSE_ONLY,
                 'check-spec', 'check_exit_2_writes_nothing',
                 id='template without a title'),
    pytest.param(
        f'.. a comment\n{BLUEPRINT_DELETE_ME[:-2]}::\n\n   literal '
        f'text\n'.encode(), None, 'check-spec-leftovers',
        'check_kept_blocks',
        id='T101 orphans a literal block'),
    pytest.param(b'My spec\n=======\n\n.. |x| replace:: x\n', LICENSE_LAST,
                 'check-spec-license', 'check_kept_blocks',
                 id="end header without its '::'"),
    # The defect was the property's: the fix rightly takes a directive
    # whose whole body is the paragraph with it.
    pytest.param(
        b'My spec\n=======\n\n.. note::\n\n   *Delete this paragraph when '
        b'you write your blueprint.* Here are some simple instructions.\n',
        None, 'check-spec-leftovers', 'check_kept_lines',
        id='T101 empties a note'),
])
def test_known_defect(spec: bytes, template: bytes | None, hook: str,
                      prop: str | None) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path, options = fuzz_properties.write_input(directory, spec, template)
        if prop is None:
            fuzz_properties.check_hook(hook, path, options)
        else:
            getattr(fuzz_properties.Fixed(hook, path, options), prop)()


@pytest.mark.parametrize(('text', 'first', 'after', 'lines'), [
    ('.. note::\n\n   Delete me.\n', 3, 4, range(1, 3)),
    ('.. note::\n   Delete me.\n\nNext.\n', 2, 3, range(1, 2)),
    ('.. container:: python\n\n   Delete me.\n', 3, 4, range(1, 3)),
    # the author's paragraph stays in the note: the directive stays too
    ('.. note::\n\n   Delete me.\n\n   Mine.\n', 3, 4, range(0)),
    # the paragraph is not in the directive
    ('.. note:: A note.\n\nDelete me.\n', 3, 4, range(0)),
    ('Text.\n\n   Delete me.\n', 3, 4, range(0)),
    ('   Delete me.\n', 1, 2, range(0)),
])
def test_emptied_directive(text: str, first: int, after: int,
                           lines: range) -> None:
    assert fuzz_properties._emptied_directive(
        text.splitlines(), first, after) == lines
