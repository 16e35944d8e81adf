"""Template text the author forgot to replace.

Text-level, so no docutils: the "Delete this paragraph" instruction, the
template's placeholder title, its guidance paragraphs and list items copied
(nearly) verbatim, its ``<placeholders>``, and, when asked for, its
instruction comments.
"""
from __future__ import annotations

import collections
import functools
import itertools
import re
from collections.abc import Iterator

from spec_hooks.blocks import VISIBLE, Block, indent
from spec_hooks.checks.license import template_license
from spec_hooks.config import Settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.fixes import Edit
from spec_hooks.rules import T101, T102, T103, T104, T105, Rule
from spec_hooks.spec import Spec
from spec_hooks.template import CACHED_TEMPLATES, Template

DELETE_ME = re.compile(r'delete\s+this\s+paragraph', re.IGNORECASE)
PLACEHOLDER = re.compile(r'<(?!https?:|mailto:)[^<>`\n]{2,}>')
SHINGLE = 3  # words; a near copy shares most runs of three words
# A template block this long is its text wherever it stands verbatim, even
# too short to be called guidance ("* URL for the resource"); shorter ones
# ("None", "N/A") are answers.
SHORT_TEXT = 3  # words
TABLES = frozenset(('list-table', 'table', 'csv-table'))
# A title sharing this many words in a row with the template's is its
# placeholder, re-worded: "The title of your blueprint" where it is now
# "The title of your RFE".  A shorter template title is a name that a spec
# may extend ("Mitaka Postmortem documentation"): only the title itself,
# or nearly, is its placeholder.
TITLE_RUN = 5


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    template = context.template(spec)
    if template is None:
        return  # the structure check says no template applies
    note = context.against(spec)
    for found in _leftovers(spec, template, context.settings):
        found.message += note
        yield found


def _leftovers(
        spec: Spec, template: Template, settings: Settings,
) -> Iterator[Diagnostic]:
    guidance = _guidance(template)
    matcher = _matcher(template, settings.leftover_similarity,
                       settings.leftover_min_words, settings.leftover_keep)
    title = next((b for b in spec.blocks if b.kind == 'title'), None)
    if title is not None:
        yield from _placeholder_title(spec, title, guidance, settings)
    blocks = spec.blocks
    sources = [
        matcher.visible(b) if b.kind in VISIBLE else None for b in blocks
    ]
    unfilled = list(_placeholders(spec, matcher.placeholders))
    holds_placeholder = [  # T104 tells of those
        block.kind in VISIBLE and
        any(_unfilled(block, matcher.placeholders)) for block in blocks
    ]
    kinds = _kinds(blocks, sources, holds_placeholder, matcher)
    left_in = _left_in(blocks, sources, kinds, matcher)
    for run in _runs(left_in):
        if any(kinds[n] == COPY for n in run):
            yield _guidance_left_in(spec, [blocks[n] for n in run])
    for block in blocks:
        if block.kind in VISIBLE and DELETE_ME.search(block.text):
            how = ' (--fix does)' if _removable(block, template) else ''
            yield _diag(spec, block, T101, 'template instruction left '
                        'in', f'delete the paragraph{how}')
        elif block.kind == 'comment' and matcher.comment(block) is not None:
            yield _diag(spec, block, T105, 'template instruction comment '
                        'left in', 'delete it')
    yield from unfilled
    yield from _placeholder_url(spec, template)


BLUEPRINT_URL = re.compile(r'/\+spec/([A-Za-z0-9][\w.+-]*)')


def intro_blueprint(spec: Spec) -> tuple[int, str] | None:
    """The line and name of the blueprint URL in the introduction (between
    the title and the first section), if there is one.  A name the line
    breaks after a hyphen goes on on the next line."""
    titles = [block for block in spec.blocks if block.kind == 'title']
    if not titles:
        return None
    end = titles[1].start - 1 if len(titles) > 1 else len(spec.lines)
    for number in range(titles[0].end, end):
        found = BLUEPRINT_URL.search(spec.lines[number])
        if found:
            name = found.group(1)
            wrapped = name.endswith('-') and number + 1 < len(spec.lines) \
                and found.end() == len(spec.lines[number])
            if wrapped:
                name += ''.join(spec.lines[number + 1].split()[:1])
            return number + 1, name.rstrip('.')
    return None


def _placeholder_url(spec: Spec, template: Template) -> Iterator[Diagnostic]:
    """The template's own blueprint URL (``.../+spec/example``), left in
    the introduction."""
    theirs = template_blueprint(template)
    ours = intro_blueprint(spec) if theirs else None
    if ours is not None and ours[1] == theirs:
        line, name = ours
        yield T104(spec.path, line,
                   f"blueprint URL not filled in: '+spec/{name}' is the "
                   f"template's placeholder; link the spec's blueprint",
                   spec.lines[line - 1].find('/+spec/') + 1)


@functools.lru_cache(maxsize=CACHED_TEMPLATES)
def template_blueprint(template: Template) -> str | None:
    """The blueprint the template's introduction links to: a placeholder
    (``example``), never a spec's name."""
    linked = intro_blueprint(template.spec)
    return linked[1] if linked else None


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words, markup and punctuation dropped: what two copies of
    guidance share even when re-wrapped or re-marked."""
    return tuple(WORD.findall(text.lower()))


WORD = re.compile(r'\w+')


class Guidance:
    """The template's visible text, as blocks of words, for spotting text
    copied into a spec; and its comment blocks, for the same in comments."""

    def __init__(self, template: Template) -> None:
        found = template.spec.blocks
        header = template_license(template)
        license_lines = header.where if header else range(0)
        self.title = next(
            (b.title_text() for b in found if b.kind == 'title'), '',
        )
        self.blocks = [
            (b, words_of(b.text)) for b in found
            if b.kind in VISIBLE and b.start not in license_lines
        ]
        # Labels: blocks the template itself fills in below, deeper.
        self.labels = {
            id(b) for b, after in itertools.pairwise(found)
            if after.kind in VISIBLE and
            indent(after.lines[0]) > indent(b.lines[0])
        }
        self.comments = [
            (b, words_of(b.text)) for b in found
            if b.kind == 'comment' and b.start not in license_lines
        ]
        # The section each block stands in, by its title's words.
        self.sections = {
            id(b): section for b, section in zip(
                found, _section_titles(found), strict=True)
        }


def _diag(
        spec: Spec, block: Block, rule: Rule, what: str, advice: str,
) -> Diagnostic:
    return rule(spec.path, block.start,
                f'{what}: {_quote(block.text)}; {advice}')


def _quote(text: str, most: int = 60) -> str:
    return f"'{text[:most]}{'...' if len(text) > most else ''}'"


@functools.lru_cache(maxsize=CACHED_TEMPLATES)
def _matcher(
        template: Template, ratio: float, least: int, keep: tuple[str, ...],
) -> _Matcher:
    """One matcher per template and settings: its index is built once, not
    per spec (nor per batch of files a worker process is sent)."""
    return _Matcher(_guidance(template), ratio, least, keep)


@functools.lru_cache(maxsize=CACHED_TEMPLATES)
def _guidance(template: Template) -> Guidance:
    return Guidance(template)


class _Matcher:
    """Finds the template block a spec block copies, exactly or nearly."""

    def __init__(self, guidance: Guidance, ratio: float, least: int,
                 keep: tuple[str, ...]) -> None:
        kept = [words_of(k) for k in keep]
        self.ratio = ratio
        self.least = least
        self.exact: dict[tuple[str, ...], Block] = {}
        self.shingles: dict[tuple[str, ...], list[int]] = {}
        self.blocks = [
            (block, words) for block, words in guidance.blocks
            if len(words) >= self.least and
            not any(words[:len(k)] == k for k in kept)
        ]
        for i, (block, words) in enumerate(self.blocks):
            self.exact.setdefault(words, block)
            # Three runs of words, at the start, middle and end: a near copy
            # keeps at least one, and a small index is quick to build.
            for at in (0, len(words) // 2 - 1, len(words) - SHINGLE):
                shingle = words[at:at + SHINGLE]
                self.shingles.setdefault(shingle, []).append(i)
        self.texts = {
            words: block for block, words in guidance.blocks
            if len(words) >= SHORT_TEXT
        }
        self.sections = guidance.sections
        self.bare_texts = frozenset(
            words_of(PLACEHOLDER.sub(' ', block.text))
            for block, _ in guidance.blocks
        )
        self.comments = guidance.comments
        self.labels = guidance.labels
        self.placeholders = {
            m.group() for block, _ in guidance.blocks
            for m in PLACEHOLDER.finditer(block.text)
        }

    def visible(self, block: Block) -> Block | None:
        """The template block this one copies.  A copy with words added
        to it (a label answered on its own line: "... via the URL: none")
        is the author's text."""
        words = words_of(block.text)
        if len(words) < self.least:
            return None
        if words in self.exact:
            return self.exact[words]
        votes: dict[int, int] = {}
        for at in range(len(words) - SHINGLE + 1):
            for i in self.shingles.get(words[at:at + SHINGLE], ()):
                votes[i] = votes.get(i, 0) + 1
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        top = ranked[:3]  # pragma: no mutate (more would only cost time)
        for i, _ in top:
            candidate, theirs = self.blocks[i]
            if _similar(words, theirs, self.ratio) and \
                    not _extends(words, theirs):
                return candidate
        return None

    def comment(self, block: Block) -> Block | None:
        words = words_of(block.text)
        for candidate, theirs in self.comments:
            if theirs and _similar(words, theirs, self.ratio):
                return candidate
        return None


def _extends(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Whether ``ours`` is ``theirs`` with words added before or after."""
    return len(ours) > len(theirs) and _contains(ours, theirs)


def _shared_run(ours: tuple[str, ...], theirs: tuple[str, ...]) -> int:
    """The length of the longest run of words both have."""
    longest = 0  # pragma: no mutate (both non-empty: max() makes it >= 0)
    for i in range(len(ours)):
        for j in range(len(theirs)):
            k = 0
            while i + k < len(ours) and j + k < len(theirs) and \
                    ours[i + k] == theirs[j + k]:
                k += 1
            longest = max(longest, k)
    return longest


def _contains(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Whether ``theirs`` is a run of words in ``ours``."""
    return any(
        ours[i:i + len(theirs)] == theirs
        # (one more start gives a slice too short to be equal)
        for i in range(len(ours) - len(theirs) + 1)  # pragma: no mutate
    )


def _similar(a: tuple[str, ...], b: tuple[str, ...], ratio: float) -> bool:
    """Whether difflib's ratio reaches ``ratio``; lengths too far apart
    answer before difflib is even imported (start-up time)."""
    # ratio() is at most 2 * min / (len(a) + len(b)): skipping difflib
    # there changes no answer.
    apart = 2 * min(len(a), len(b)) < ratio * (len(a) + len(b))
    if apart:  # pragma: no mutate
        return False
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio


# What a block of a spec is, for T103.
COPY = 'copy'  # of a guidance paragraph or list item
SHORT = 'short'  # a shorter block of the template's, verbatim
TEMPLATE = 'template'  # a placeholder or an instruction: T104's, T101's
OWN = 'own'  # the author's text
OTHER = 'other'  # a title, comment, target; a directive its body tells of


def _kinds(
        blocks: list[Block], sources: list[Block | None],
        holds_placeholder: list[bool], matcher: _Matcher,
) -> list[str]:
    """What each block is.  The author's text is prose that is no template
    text, a literal block, a table, or a directive with no prose of its
    own (a diagram, an image); a list-table is a table."""
    kinds = []
    for number, block in enumerate(blocks):
        if block.kind in VISIBLE:
            kinds.append(_prose_kind(block, sources[number],
                                     holds_placeholder[number], matcher))
        elif block.kind == 'directive':
            body = number + 1 < len(blocks) and \
                blocks[number + 1].start <= block.end
            kinds.append(OWN if block.verbatim or block.name in TABLES or
                         not body else OTHER)
        else:
            kinds.append(OWN if block.kind in ('literal', 'table') else OTHER)
    return kinds


def _prose_kind(
        block: Block, source: Block | None, holds_placeholder: bool,
        matcher: _Matcher,
) -> str:
    if DELETE_ME.search(block.text):
        return TEMPLATE
    if holds_placeholder:
        # The template's, unless the author wrote beside the placeholder.
        bare = words_of(PLACEHOLDER.sub(' ', block.text))
        return TEMPLATE if source is not None or bare in matcher.bare_texts \
            else OWN
    if source is not None:
        return COPY
    return SHORT if words_of(block.text) in matcher.texts else OWN


def _left_in(
        blocks: list[Block], sources: list[Block | None], kinds: list[str],
        matcher: _Matcher,
) -> list[bool]:
    """Which blocks are guidance left in: template text, not answered, and
    not the lead-in of the author's own text."""
    ends = _section_ends(blocks)
    sections = _section_titles(blocks)
    # (the index of the next block of the author's own, from each one)
    following = len(blocks)
    next_own = [following] * len(blocks)
    for number in range(len(blocks) - 1, -1, -1):
        next_own[number] = following
        if kinds[number] == OWN:
            following = number
    return [
        kinds[number] in (COPY, SHORT) and
        not _answered(blocks, sources, kinds, number, matcher) and
        not (block.kind == 'paragraph' and next_own[number] < ends[number]
             and _guidance_of(block, sources[number], matcher) ==
             sections[number])
        for number, block in enumerate(blocks)
    ]


def _guidance_of(
        block: Block, source: Block | None, matcher: _Matcher,
) -> tuple[str, ...] | None:
    """The title of the template's section whose guidance the block is:
    only there is it the lead-in of the author's text."""
    source = source or matcher.texts.get(words_of(block.text))
    return matcher.sections.get(id(source)) if source else None


def _section_titles(blocks: list[Block]) -> list[tuple[str, ...]]:
    """For each block, the words of the title of the section it stands
    in; none in the introduction (after the document's title)."""
    document = _document_title(blocks)
    titles: list[tuple[str, ...]] = []
    title: tuple[str, ...] = ()
    for number, block in enumerate(blocks):
        if block.kind == 'title':
            title = () if number == document else \
                words_of(block.title_text())
        titles.append(title)
    return titles


def _document_title(blocks: list[Block]) -> int | None:
    """The index of the document's title: the first title, of a style
    no other title has."""
    titles = [n for n, block in enumerate(blocks) if block.kind == 'title']
    styles = [_style(blocks[n]) for n in titles]
    return titles[0] if styles and styles.count(styles[0]) == 1 else None


def _section_ends(blocks: list[Block]) -> list[int]:
    """For each block, the index of the title that ends the section it
    stands in: the next title of the same level or above, so that its
    subsections are part of it.  The introduction, before the first title
    or after the document's title (the first, of a style of its own), ends
    at the next title."""
    titles = [n for n, block in enumerate(blocks) if block.kind == 'title']
    styles = [_style(blocks[n]) for n in titles]
    levels = {n: styles.index(style) for n, style in zip(titles, styles,
                                                       strict=True)}
    document = _document_title(blocks)
    if document is not None:
        levels[document] = len(styles)  # deeper than any: no subsections
    title_end: dict[int, int] = {}  # index of a title -> end of its section
    opened: list[int] = []  # the titles of the sections open, outermost first
    for number in titles:
        while opened and levels[opened[-1]] >= levels[number]:
            title_end[opened.pop()] = number
        opened.append(number)
    ends, end = [], titles[0] if titles else len(blocks)
    for number, block in enumerate(blocks):
        if block.kind == 'title':
            end = title_end.get(number, len(blocks))
        ends.append(end)
    return ends


def _style(title: Block) -> tuple[bool, str]:
    """A title's adornment: over- and underlined or not, and by what."""
    return len(title.lines) == 3, title.lines[-1].strip()[:1]


def _runs(flags: list[bool]) -> Iterator[list[int]]:
    """The runs of consecutive indices whose flag is set."""
    for flag, run in itertools.groupby(range(len(flags)),
                                       key=flags.__getitem__):
        if flag:
            yield list(run)


def _guidance_left_in(spec: Spec, run: list[Block]) -> Diagnostic:
    """One finding for a run of guidance left in, however many paragraphs
    or list items it spans: one mistake, one finding."""
    if len(run) == 1:
        return _diag(spec, run[0], T103, 'template guidance left in',
                     "replace it with the spec's own text")
    counts = collections.Counter(block.kind for block in run)
    what = ' and '.join(
        f'{count} {name}{"s" if count > 1 else ""}'
        for name, count in (('paragraph', counts['paragraph']),
                            ('list item', counts['item'])) if count
    )
    return _diag(spec, run[0], T103,
                 f'template guidance left in ({what}, lines '
                 f'{run[0].start}-{run[-1].end})',
                 "replace it with the spec's own text")


def _answered(
        blocks: list[Block], sources: list[Block | None], kinds: list[str],
        number: int, matcher: _Matcher,
) -> bool:
    """Whether the author answered copied guidance: with their own text
    nested under it or in a literal block after it, or after a question or
    a label."""
    block, source = blocks[number], sources[number]
    if number + 1 == len(blocks):
        return False
    after = blocks[number + 1]
    return kinds[number + 1] == OWN and (
        indent(after.lines[0]) > indent(block.lines[0]) or
        after.text == '::' or  # a literal block follows: an example
        '?' in block.text or block.text.rstrip().endswith(':') or
        id(source) in matcher.labels)


def _placeholder_title(
        spec: Spec, block: Block, guidance: Guidance, settings: Settings,
) -> Iterator[Diagnostic]:
    ours = words_of(block.title_text())
    theirs = words_of(guidance.title)
    if theirs and ours and (
            _shared_run(ours, theirs) >= TITLE_RUN or
            _similar(ours, theirs, settings.leftover_similarity)):
        yield T102(spec.path, block.start,
                   f"title is the template's placeholder "
                   f"{_quote(guidance.title)}: write the spec's own title")


def _placeholders(spec: Spec, wanted: set[str]) -> Iterator[Diagnostic]:
    """The template's ``<...>`` placeholders, left in the visible text:
    each once per block or list, where it stands first (a list of
    reviewers left as two ``<launchpad-id or None>`` is one mistake)."""
    if not wanted:  # pragma: no mutate (a shortcut)
        return
    for group in _lists(spec.blocks):
        places: dict[str, list[tuple[int, int]]] = {}
        for block in group:
            for line, column, placeholder in _unfilled(block, wanted):
                places.setdefault(placeholder, []).append((line, column))
        for placeholder, where in places.items():
            (line, column), last = where[0], where[-1][0]
            times = f' ({len(where)} times, to line {last})' \
                if len(where) > 1 else ''
            yield T104(spec.path, line,
                       f"placeholder '{placeholder}' not filled in{times}",
                       column)


def _lists(blocks: list[Block]) -> Iterator[list[Block]]:
    """The blocks that can hold placeholders, a list's items together:
    items one after the other at the same indentation."""
    group: list[Block] = []
    for block in blocks:
        if block.kind not in VISIBLE and block.kind != 'title':
            continue
        if not (group and block.kind == group[-1].kind == 'item' and
                indent(block.lines[0]) == indent(group[-1].lines[0])):
            if group:
                yield group
            group = []
        group.append(block)
    if group:
        yield group


def _unfilled(
        block: Block, wanted: set[str],
) -> Iterator[tuple[int, int, str]]:
    """Line, column and text of each of the ``wanted`` placeholders in a
    block."""
    for offset, line in enumerate(block.lines):
        for match in PLACEHOLDER.finditer(line):
            if match.group() in wanted:
                yield block.start + offset, match.start() + 1, match.group()


def fix(spec: Spec, context: Context) -> list[Edit]:
    """Remove a "Delete this paragraph" paragraph that is the template's:
    re-wrapped at most, or starting with the template's instruction (the
    whole paragraph goes, nothing after it).  A directive left empty goes
    with it."""
    template = context.template(spec)
    if template is None:
        return []
    blocks = spec.blocks
    return [
        _removal(spec, blocks, block) for block in blocks
        if block.kind in VISIBLE and DELETE_ME.search(block.text) and
        _removable(block, template)
    ]


def _removal(spec: Spec, blocks: list[Block], block: Block) -> Edit:
    """The edit that takes ``block`` out of the document: its lines and
    the blank line after them; or, when it is all the body of a directive,
    the directive; or, when it starts on a directive's line (``.. note::
    Delete ...``), all of it but the directive's marker."""
    what = 'removed "Delete this paragraph" paragraph'
    directive = _only_body_of(blocks, block)
    if directive is not None:
        block, what = directive, f'removed {directive.name} directive ' \
            f'that held only the "Delete this paragraph" paragraph'
    first = spec.lines[block.start - 1]
    # (a directive removed whole starts on its own line: kind is moot)
    if (block.kind != 'directive'  # pragma: no mutate
            and first != block.lines[0]):
        # As docutils reads it: the text on the directive's line, then the
        # lines below without the indentation they share.
        removed = '\n'.join([first.partition('::')[2].strip(),
                             _dedented(block.lines[1:])]).rstrip()
        marker = first[:first.index('::') + 2]
        return Edit(block.start - 1, block.end, [marker], removed=removed,
                    what=what)
    removed = _dedented(block.lines)
    end = block.end
    if end < len(spec.lines) and not spec.lines[end].strip():
        end += 1  # and the blank line after it
    return Edit(block.start - 1, end, [], removed=removed, what=what)


def _only_body_of(blocks: list[Block], block: Block) -> Block | None:
    """The directive whose body is ``block`` and nothing else."""
    around = [
        b for b in blocks if b.kind == 'directive' and b is not block and
        b.start <= block.start <= b.end
    ]
    if not around:
        return None
    directive = max(around, key=lambda b: b.start)  # the innermost
    body = [b for b in blocks if b is not directive and
            directive.start <= b.start <= directive.end]
    return directive if body == [block] else None


def _dedented(lines: list[str]) -> str:
    """Lines as reStructuredText of their own: without the indentation
    they share (tabs expanded as docutils does)."""
    expanded = [line.expandtabs() for line in lines]
    margin = min((indent(line) for line in expanded if line.strip()),
                 default=0)
    return '\n'.join(line[margin:] for line in expanded)


def _removable(block: Block, template: Template) -> bool:
    """Whether the block is the template's instruction, re-wrapped at
    most, or a paragraph whose first sentence is that instruction."""
    words = words_of(block.text)
    first = _first_sentence(block.text)
    instructions = [
        (theirs, _first_sentence(source.text))
        for source, theirs in _guidance(template).blocks
        if DELETE_ME.search(source.text)
    ]
    return any(
        words == theirs or first == sentence != ()
        for theirs, sentence in instructions
    )


# A sentence ends at '.', '!' or '?', maybe inside closing markup or
# quotes, before white space or the end.
SENTENCE = re.compile(r'.*?[.!?][*_`\'")\]]*(?=\s|$)')


def _first_sentence(text: str) -> tuple[str, ...]:
    """The words of the first sentence, if it is an instruction to delete
    the paragraph."""
    match = SENTENCE.match(text)
    sentence = match.group() if match else text
    return words_of(sentence) if DELETE_ME.search(sentence) else ()


FIXES = {T101.code: fix}
