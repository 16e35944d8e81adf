from __future__ import annotations

import pytest

from spec_hooks.blocks import Block, split
from spec_hooks.spec import Spec

Triple = tuple[str, int, int]


def triples(text: str) -> list[Triple]:
    return [(b.kind, b.start, b.end) for b in split(text.split('\n'))]


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            'Title\n=====\n\nText.\n',
            [('title', 1, 2), ('paragraph', 4, 4)],
            id='underline only',
        ),
        pytest.param(
            '=======\n Title\n=======\n\nText.\n',
            [('title', 1, 3), ('paragraph', 5, 5)],
            id='overline and underline',
        ),
        pytest.param(
            'A\n==\n\nText.\n',
            [('title', 1, 2), ('paragraph', 4, 4)],
            id='2-char adornment',
        ),
        pytest.param(
            'Title\n====\n\nText.\n',
            [('title', 1, 2), ('paragraph', 4, 4)],
            id='underline one short is still a title',
        ),
        pytest.param(
            'Titles\n===\n\nText.\n',
            [('paragraph', 1, 2), ('paragraph', 4, 4)],
            id='underline far too short is text, as in docutils',
        ),
        pytest.param(
            'Intro.\n\nSome text\n---------\nmore text\n',
            [('paragraph', 1, 1), ('title', 3, 4), ('paragraph', 5, 5)],
            id='adornment as the second line of a text block: a title',
        ),
        pytest.param(
            'Text.\n\n---\n\nMore.\n',
            [('paragraph', 1, 1), ('paragraph', 3, 3), ('paragraph', 5, 5)],
            id='a short line of punctuation alone is no title',
        ),
        pytest.param(
            '=====\nTitle\n=====\nText.\n',
            [('title', 1, 3), ('paragraph', 4, 4)],
            id='text right below an over and underlined title',
        ),
    ],
)
def test_titles(text: str, expected: list[Triple]) -> None:
    assert triples(text) == expected


def test_adornment_like_line_inside_a_paragraph_is_no_title() -> None:
    assert triples('Some text\nmore text\n---------\nand more\n') == [
        ('paragraph', 1, 4),
    ]


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            '..\n\nText.\n',
            [('comment', 1, 1), ('paragraph', 3, 3)],
            id='empty comment',
        ),
        pytest.param(
            '.. a comment\n   that goes on\n\nText.\n',
            [('comment', 1, 2), ('paragraph', 4, 4)],
            id='comment with text',
        ),
        pytest.param(
            '..\n  First paragraph\n  of the comment.\n\n  Second one.\n\n'
            'Text.\n',
            [('comment', 1, 5), ('paragraph', 7, 7)],
            id='multi-paragraph indented comment',
        ),
        pytest.param(
            '  ..\n     indented comment\n  body\n',
            [('comment', 1, 2), ('paragraph', 3, 3)],
            id='a comment ends where the indentation does',
        ),
        pytest.param(
            '.. _x: https://example.com/x\n\nText.\n',
            [('target', 1, 1), ('paragraph', 3, 3)],
            id='link target',
        ),
        pytest.param(
            '.. |s| image:: s.png\n   :alt: s\n',
            [('target', 1, 2)],
            id='substitution definition',
        ),
        pytest.param(
            '.. [1] A footnote\n   on two lines.\n',
            [('target', 1, 2)],
            id='footnote',
        ),
        pytest.param(
            '.. __: https://example.com/anonymous\n',
            [('target', 1, 1)],
            id='anonymous target',
        ),
        pytest.param(
            '.. code-block:: python\n\n   x = 1\n\nText.\n',
            [('directive', 1, 3), ('paragraph', 5, 5)],
            id='directive; its code is not prose',
        ),
        pytest.param(
            '.. list-table:: Revisions\n   :header-rows: 1\n\n   * - Zed\n'
            '     - Introduced\n',
            [('directive', 1, 5), ('item', 4, 5)],
            id='list-table cells are scanned, its options are not',
        ),
    ],
)
def test_comments_directives_and_targets(
        text: str, expected: list[Triple],
) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            'Example::\n\n  code\n\n  more code\nText.\n',
            [('paragraph', 1, 1), ('literal', 3, 5), ('paragraph', 6, 6)],
            id='after a paragraph ending in ::',
        ),
        pytest.param(
            'Text.\n\n::\n\n  code\n\nAfter.\n',
            [('paragraph', 1, 1), ('paragraph', 3, 3), ('literal', 5, 5),
             ('paragraph', 7, 7)],
            id='after a lone ::',
        ),
        pytest.param(
            '::\n\n  #\n  # Licensed under\n  #\n\nTitle\n=====\n',
            [('paragraph', 1, 1), ('literal', 3, 5), ('title', 7, 8)],
            id='literal license header before the title',
        ),
        pytest.param(
            '- An item::\n\n      code\n\n  The item goes on.\n',
            [('item', 1, 1), ('literal', 3, 3), ('paragraph', 5, 5)],
            id='literal block in a list item',
        ),
        pytest.param(
            'Text.\n\n  Quoted.\n',
            [('paragraph', 1, 1), ('paragraph', 3, 3)],
            id='no :: before: a block quote is a paragraph',
        ),
    ],
)
def test_literal_blocks(text: str, expected: list[Triple]) -> None:
    assert triples(text) == expected


def test_literal_block_whose_first_line_is_the_deepest() -> None:
    assert triples('Example::\n\n      deep\n    less deep\n\nText.\n') == [
        ('paragraph', 1, 1), ('literal', 3, 4), ('paragraph', 6, 6),
    ]


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            '.. note::\n\n   Body one.\n\n   Body two\n   continued.\n\n'
            'After.\n',
            [('directive', 1, 6), ('paragraph', 3, 3), ('paragraph', 5, 6),
             ('paragraph', 8, 8)],
            id='note',
        ),
        pytest.param(
            'Intro.\n\n.. Warning::\n\n   - one\n   - two\n',
            [('paragraph', 1, 1), ('directive', 3, 6), ('item', 5, 5),
             ('item', 6, 6)],
            id='warning, any case, with a list',
        ),
        pytest.param(
            '- item\n\n  .. note::\n\n     Nested note.\n\n- next\n',
            [('item', 1, 1), ('directive', 3, 5), ('paragraph', 5, 5),
             ('item', 7, 7)],
            id='note inside a list item',
        ),
        pytest.param(
            '.. note::\n\n   Example::\n\n     code\n',
            [('directive', 1, 5), ('paragraph', 3, 3), ('literal', 5, 5)],
            id='literal block inside a note',
        ),
    ],
)
def test_prose_directive_bodies_keep_their_line_numbers(
        text: str, expected: list[Triple],
) -> None:
    assert triples(text) == expected


def test_note_with_its_body_on_the_directive_line() -> None:
    found = split(['.. note:: First line', '   of the note.', ''])
    assert [(b.kind, b.start, b.end) for b in found] == [
        ('directive', 1, 2), ('paragraph', 1, 2),
    ]
    assert 'First line' in found[1].text


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            '- one\n- two\n  wrapped\n- three\n',
            [('item', 1, 1), ('item', 2, 3), ('item', 4, 4)],
            id='bullets',
        ),
        pytest.param(
            '* one\n\n* two\n\n+ three\n\n\u2022 four\n',
            [('item', 1, 1), ('item', 3, 3), ('item', 5, 5), ('item', 7, 7)],
            id='bullets between blank lines',
        ),
        pytest.param(
            '1. one\n2. two\n#. three\n(a) four\nb) five\niv. six\n',
            [('item', 1, 1), ('item', 2, 2), ('item', 3, 3), ('item', 4, 4),
             ('item', 5, 5), ('item', 6, 6)],
            id='enumerated',
        ),
        pytest.param(
            '- outer\n\n  - inner one\n\n  - inner two\n    more\n\n'
            '- outer two\n',
            [('item', 1, 1), ('item', 3, 3), ('item', 5, 6), ('item', 8, 8)],
            id='nested items',
        ),
        pytest.param(
            '- one\n  2. not an item of its own\n- two\n',
            [('item', 1, 2), ('item', 3, 3)],
            id='a marker deeper than the item is its text',
        ),
        pytest.param(
            '- item\n\n  Its second paragraph.\n',
            [('item', 1, 1), ('paragraph', 3, 3)],
            id='item with a second paragraph',
        ),
        pytest.param(
            'Intro:\n- a\n- b\n',
            [('paragraph', 1, 3)],
            id='no blank line before: a paragraph, as in docutils',
        ),
        pytest.param(
            '-not a bullet\n',
            [('paragraph', 1, 1)],
            id='no space after the marker',
        ),
    ],
)
def test_list_items_are_split_per_item(
        text: str, expected: list[Triple],
) -> None:
    assert triples(text) == expected


def test_empty_and_blank_input() -> None:
    assert triples('') == []
    assert triples('\n  \n\t\n') == []


@pytest.mark.parametrize('newline', ['\r\n', '\r'])
def test_spec_lines_reach_split_without_carriage_returns(
        newline: str,
) -> None:
    text = ('..\n  comment\n\n=====\nTitle\n=====\n\nText::\n\n  code\n\n'
            '- item\n')
    spec = Spec('x.rst', text.replace('\n', newline).encode())
    assert [(b.kind, b.start, b.end) for b in spec.blocks] == [
        ('comment', 1, 2), ('title', 4, 6), ('paragraph', 8, 8),
        ('literal', 10, 10), ('item', 12, 12),
    ]
    assert not any('\r' in line for b in spec.blocks for line in b.lines)


@pytest.mark.parametrize(
    ('lines', 'text', 'title'), [
        (['=======', ' Title ', '======='], '======= Title =======',
         'Title'),
        (['A title', '-------'], 'A title -------', 'A title'),
        (['  *Some*  text', '   wrapped  '], '*Some* text wrapped',
         '*Some*  text'),
    ],
)
def test_block_text_and_title_text(
        lines: list[str], text: str, title: str,
) -> None:
    block = Block('title', 3, lines)
    assert (block.start, block.end) == (3, 2 + len(lines))
    assert block.text == text
    assert block.title_text() == title


@pytest.mark.parametrize(
    ('text', 'expected'), [
        pytest.param(
            '+---+---+\n| a | b |\n+---+---+\n\nText.\n',
            [('table', 1, 3), ('paragraph', 5, 5)], id='grid table',
        ),
        pytest.param(
            '===  ===\na    b\n\nc    d\n===  ===\n\nText.\n',
            [('table', 1, 5), ('paragraph', 7, 7)],
            id='simple table, a blank line inside',
        ),
        pytest.param(
            '===  ===\na    b\n', [('paragraph', 1, 2)],
            id='a simple table border that nothing closes is text',
        ),
        pytest.param(
            'Like this::\n\n> quoted\n> lines\n\nText.\n',
            [('paragraph', 1, 1), ('literal', 3, 4), ('paragraph', 6, 6)],
            id='quoted literal block',
        ),
        pytest.param(
            '.. _wiki:\n   https://example.org\n\n   Quoted text.\n',
            [('target', 1, 2), ('paragraph', 4, 4)],
            id='a link target ends at a blank line, as in docutils',
        ),
        pytest.param(
            '.. code-block :: python\n\n   x = 1\n',
            [('directive', 1, 3)],
            id='a space before :: still makes a directive',
        ),
        pytest.param(
            '.. code-block::python\n\n   x = 1\n',
            [('comment', 1, 3)],
            id='no space after :: makes a comment, as in docutils',
        ),
        pytest.param(
            '.. only:: html\n\n   Shown text.\n',
            [('directive', 1, 3), ('paragraph', 3, 3)],
            id='an argument that is not body',
        ),
        pytest.param(
            'iv. item::\n\n  not deep enough for a literal block\n',
            [('item', 1, 1), ('paragraph', 3, 3)],
            id='a roman-numbered item sets the literal block column',
        ),
    ],
)
def test_tables_literals_and_directive_bodies(
        text: str, expected: list[Triple],
) -> None:
    assert triples(text) == expected


def test_verbatim_blocks() -> None:
    text = ('.. code-block:: python\n\n   x = 1\n\n'
            '.. note:: Prose.\n\n+---+\n| a |\n+---+\n\nText::\n\n'
            '   literal\n')
    assert [(b.kind, b.verbatim) for b in split(text.split('\n'))] == [
        ('directive', True), ('directive', False), ('paragraph', False),
        ('table', True), ('paragraph', False), ('literal', True),
    ]
