"""Template structure: title, sections, their order, depth and style.

Spec sections are matched to template sections by exact title where the
template puts them, then by exact title anywhere, then by a close title
(one "did you mean" instead of a missing + extra pair).  Every later rule
works on that matching and skips what an earlier finding already explains,
so one mistake gives one diagnostic.
"""
from __future__ import annotations

import bisect
import collections
import difflib
import functools
import itertools
import os
import re
from collections.abc import Generator, Iterator, Sequence

from spec_hooks.checks.leftovers import (
    BLUEPRINT_URL,
    intro_blueprint,
    template_blueprint,
)
from spec_hooks.config import FILENAME_PATTERN, Settings
from spec_hooks.context import Context
from spec_hooks.diagnostics import Diagnostic
from spec_hooks.rules import (
    S101,
    S102,
    S103,
    S104,
    S105,
    S106,
    S107,
    S108,
    S109,
    S110,
    S111,
    S112,
    S113,
)
from spec_hooks.spec import Section, Spec
from spec_hooks.template import Template

CLOSE_TITLE = 0.8  # difflib ratio from which a title counts as misspelled
# A misspelled title is matched among this many template sections on either
# side of where it stands, more than any real template has.
NEAR_TITLES = 200


class Placed:
    """A spec section as matched against the template."""

    def __init__(
            self, section: Section, parent: Placed | None, shift: int = 0,
    ) -> None:
        self.section = section
        self.parent = parent
        # The title's extra top-level peers are checked as if nested under
        # it (shift 1): S102 reports them once; their depth is no news.
        self.shift = shift
        self.depth = section.depth + shift


class Matching:
    """What the spec's sections are: the template section each one is
    (``match``), or the earlier sibling it repeats (``duplicate_of``).
    It also knows which findings an earlier one already explains, so that
    one mistake gives one finding."""

    def __init__(self, root: Placed, template: Template) -> None:
        self.match: dict[Placed, Section] = {root: template.title}
        self.duplicate_of: dict[Placed, Placed] = {}

    def of(self, node: Placed | None) -> Section | None:
        return self.match.get(node) if node is not None else None

    def under_duplicate(self, node: Placed) -> bool:
        """Below a duplicate nothing is matched: it repeats what was
        reported."""
        parent = node.parent
        while parent is not None:
            if parent in self.duplicate_of:
                return True
            parent = parent.parent
        return False

    def settled(self, node: Placed) -> bool:
        """Whether the node is matched, a duplicate or below one: what is
        not settled is a section the template lacks."""
        return node in self.match or node in self.duplicate_of or \
            self.under_duplicate(node)

    def depth_shift(self, node: Placed | None) -> int:
        """How many levels off the template's the node stands."""
        match = self.of(node)
        return node.depth - match.depth if node and match else 0


def check(spec: Spec, context: Context) -> Iterator[Diagnostic]:
    settings = context.settings
    template = context.template(spec)
    if template is None:
        yield S113(spec.path, 1, _no_template(spec, settings))
        return
    versions = context.versions(spec)
    yield from _naming(spec, template, settings, versions)
    note = context.against(spec)

    def against(version: Template) -> Iterator[Diagnostic]:
        return _compare(spec, version, settings,
                        _not_in_every(version, versions))

    for found in context.in_every_version(spec, against):
        found.message += note
        yield found


def best_fit(spec: Spec, templates: Sequence[Template],
             settings: Settings) -> Template:
    """The template ``spec`` fits best: the fewest sections that one of
    the two has and the other lacks (a misspelled title counts as there);
    of equals, the first.  Not the fewest findings: a section at the wrong
    level moves those after it, which says nothing of which template the
    spec follows."""
    misfits = [_misfit(spec, template, settings) for template in templates]
    return templates[misfits.index(min(misfits))]


def _misfit(spec: Spec, template: Template, settings: Settings) -> int:
    title, peers = _title(spec, template)
    placed = _place(title, peers)
    matching = _match(placed, template)
    allowed = _allowed_extra(settings)
    extra = sum(1 for node in placed[1:] if not matching.settled(node)
                and node.section.title.casefold() not in allowed)
    found = set(matching.match.values())
    optional = _optional(spec, settings)
    missing = sum(1 for section in template.sections()
                  if section not in found and
                  section.title.casefold() not in optional)
    return extra + missing


def _no_template(spec: Spec, settings: Settings) -> str:
    relative = settings.relative(spec.path)
    return (f"no template applies to '{relative}': no pattern of "
            f'templates matches it and template is not set; add a pattern '
            f'for it, or list it in exclude')


def _not_in_every(template: Template,
                  versions: Sequence[Template]) -> frozenset[str]:
    """The titles, folded, of the template's sections that another of its
    versions lacks: a section is demanded of a spec only if every version
    of its template in the spec's life demanded it."""
    held = [{s.title.casefold() for s in v.sections()} for v in versions]
    return frozenset(title for title in
                     (s.title.casefold() for s in template.sections())
                     if not all(title in titles for titles in held))


def _compare(
        spec: Spec, template: Template, settings: Settings,
        dated: frozenset[str] = frozenset(),
) -> Iterator[Diagnostic]:
    """The findings of comparing the spec's sections with the
    template's; ``dated`` sections are not demanded."""
    outline = spec.outline
    if not outline:
        yield S101(spec.path, 1, 'no document title: start the spec '
                   f'with a title adorned {template.title.style}')
        return
    title, peers = _title(spec, template)
    if title is None:
        yield S101(
            spec.path, outline[0].line,
            f"no document title: the spec starts with the section "
            f"'{outline[0].title}'; add a title adorned "
            f'{template.title.style} above it',
        )
    elif peers:
        yield S102(
            spec.path, peers[0].line,
            f"more than one top-level title: '{peers[0].title}' is at "
            f"the level of the title '{title.title}'; adorn the title "
            f'with {template.title.style} and sections below it '
            f'differently',
        )
    placed = _place(title, peers)
    matching = _match(placed, template)
    placed = placed[1:]  # below the title
    strays = _strays(placed, matching)
    missing = _missing_sections(placed, matching, template,
                                _optional(spec, settings) | dated, settings,
                                _said_none(spec))
    yield from _misplaced(spec, placed, matching, template, strays)
    yield from _missing(spec, missing, matching, template, strays)
    relevelled = yield from _wrong_parents(
        spec, strays, matching, set(missing))
    if settings.allow_extra_subsections:  # they become subsections
        placed = [node for node in placed if node not in relevelled]
    yield from _extra(spec, placed, matching, settings)
    # With S102 the title's adornment is already the news; adornments that
    # differ from the template's but nest alike are no news at all.
    if not peers and any(_restyled(n, matching, template) for n in placed):
        yield from _styles(spec, title, placed, template)
    yield from _empty(spec, matching, template, settings)


def _title(
        spec: Spec, template: Template,
) -> tuple[Section | None, list[Section]]:
    """The spec's title, if it has one, and the sections at its level."""
    outline = spec.outline
    if not outline or _is_section_title(outline[0].title, template):
        return None, outline
    return outline[0], outline[1:]


def _is_section_title(title: str, template: Template) -> bool:
    """Whether a top-level title is really one of the template's sections:
    then the spec has no title of its own."""
    sections = template.sections()
    return any(s.title == title for s in sections) or \
        _closest(title, sections) is not None


def _naming(
        spec: Spec, template: Template, settings: Settings,
        versions: Sequence[Template],
) -> Iterator[Diagnostic]:
    """The file name: S111 where it breaks ``filename-pattern``, S112 where
    it is not the name of the blueprint the introduction links to, if the
    template showed a blueprint URL in some version of the spec's life
    (one that links a bug or a story sets no rule for the name).  One
    rename is one finding: a name that differs from the blueprint's only
    in case or '_' for '-' is S111's alone, and where the blueprint's name
    would pass, S112 says it all.  The template's own placeholder URL is a
    leftover (T104), not a name."""
    name = os.path.basename(spec.path)
    stem = name.rsplit('.', 1)[0]
    title, _ = _title(spec, template)
    asked = any(BLUEPRINT_URL.search(v.spec.text) for v in versions)
    linked = _own_blueprint(spec) if title is not None and asked else None
    if linked is not None and linked[1] in {
            template_blueprint(v) for v in versions}:
        linked = None
    agrees = linked is None or _names_agree(
        stem, linked[1], settings.blueprint_prefixes) or _named_elsewhere(
            spec.path, linked[1], settings)
    pattern = settings.filename_pattern
    renamed = f'{linked[1]}.rst' if linked is not None and not agrees \
        else None
    if not re.fullmatch(pattern, name) and (
            renamed is None or not re.fullmatch(pattern, renamed)):
        yield S111(spec.path, 1, bad_name(name, settings))
    if linked is not None and not agrees:
        line, blueprint = linked
        yield S112(
            spec.path, line,
            f"blueprint URL names '{blueprint}' but the file is "
            f"'{stem}.rst': rename one to match the other",
        )


# An explicit hyperlink target: '.. _name: URL'.
HYPERLINK_TARGET = re.compile(r'\s*\.\. _[^:]*:')


def _own_blueprint(spec: Spec) -> tuple[int, str] | None:
    """The line and name of the spec's own blueprint URL in the
    introduction: the first one that is not the target of a named
    hyperlink ('.. _Zero-downtime upgrades: URL' names a related
    blueprint the text mentions), or the first of all if every one is."""
    first = intro_blueprint(spec)
    if first is None or not HYPERLINK_TARGET.match(spec.lines[first[0] - 1]):
        return first
    titles = [block for block in spec.blocks if block.kind == 'title']
    end = titles[1].start - 1 if len(titles) > 1 else len(spec.lines)
    for number in range(first[0], end):
        line = spec.lines[number]
        found = BLUEPRINT_URL.search(line)
        if found and not HYPERLINK_TARGET.match(line):
            name = found.group(1)
            if name.endswith('-') and found.end() == len(line) and \
                    number + 1 < len(spec.lines):  # wrapped after '-'
                name += ''.join(spec.lines[number + 1].split()[:1])
            return number + 1, name.rstrip('.')
    return first


def _named_elsewhere(path: str, blueprint: str, settings: Settings) -> bool:
    """Whether another spec file of ``path``'s directory is named after
    ``blueprint``: then ``path`` is a companion or a part of that spec
    (the libvirt part of a blueprint, a later phase) and cannot take its
    name.  A file of that name in another directory (a later release)
    takes nothing: the spec can still be renamed, and often was."""
    own = os.path.abspath(path)
    return any(
        other != os.path.basename(own) and _names_agree(
            other[:-len('.rst')], blueprint, settings.blueprint_prefixes)
        for other in _spec_files(os.path.dirname(own)))


@functools.lru_cache(maxsize=64)
def _spec_files(directory: str) -> tuple[str, ...]:
    """The names of the '.rst' files of a directory: listed once a run,
    for every spec in it."""
    try:
        names = os.listdir(directory)
    except OSError:
        return ()
    return tuple(name for name in names if name.endswith('.rst'))


def bad_name(name: str, settings: Settings) -> str:
    if settings.filename_pattern == FILENAME_PATTERN:
        base = os.path.splitext(name)[0].lower()
        stem = re.sub(r'[^a-z0-9]+', '-', base).strip('-')
        hint = f"lowercase words joined by hyphens, e.g. '{stem}.rst'"
    else:
        hint = f"a name matching '{settings.filename_pattern}'"
    return f"file name '{name}' should be {hint}"


def _names_agree(stem: str, blueprint: str, prefixes: Sequence[str],
                 ) -> bool:
    """Whether a file named ``stem`` is a spec of ``blueprint``: its name,
    after one of ``blueprint-prefixes`` or not, and with a suffix of its
    own or not (``<blueprint>-part2``).  Case and '_' for '-' are the file
    name's business (S111), not the blueprint's."""
    def folded(text: str) -> str:
        return text.replace('_', '-').casefold()

    stem, blueprint = folded(stem), folded(blueprint)
    for prefix in ('', *(folded(p) for p in prefixes)):
        rest = stem.removeprefix(prefix) if stem.startswith(prefix) \
            else None
        if rest is not None and (
                rest == blueprint or rest.startswith(f'{blueprint}-')):
            return True
    return False


def _place(
        title: Section | None, peers: list[Section],
) -> list[Placed]:
    """The sections below the title in document order, the first being the
    root (the title).  The title's extra top-level peers are placed as its
    children (shifted one level down); a spec without a title gets a
    stand-in."""
    # Nothing reports the stand-in, and its children are placed at depth 2
    # whatever its own depth: its fields are free.
    stand_in = Section('', 1, 1, '', False, True, None)  # pragma: no mutate
    root = Placed(title or stand_in, None)
    placed: list[Placed] = [root]

    def add(section: Section, parent: Placed, shift: int) -> None:
        node = Placed(section, parent, shift)
        placed.append(node)
        for child in section.children:
            add(child, node, shift)

    for section in title.children if title else []:
        add(section, root, 0)
    for section in peers:
        add(section, root, 1)
    return placed


def _match(placed: list[Placed], template: Template) -> Matching:
    """Match in three passes: the exact title where the template puts it,
    the exact title anywhere, then a close title (a typo).  A repeated
    title among siblings is a duplicate; elsewhere it is just a section
    the template does not have (a subsection named "Implementation")."""
    root, nodes = placed[0], placed[1:]
    matching = Matching(root, template)
    by_title: dict[str, list[Section]] = {}
    for section in template.sections():
        by_title.setdefault(_bare(section.title), []).append(section)
    owner: dict[Section, Placed] = {}

    def claim(node: Placed, candidates: list[Section]) -> bool:
        free = [s for s in candidates if s not in owner]
        if free:
            matching.match[node] = free[0]
            owner[free[0]] = node
        return bool(free)

    for node in nodes:  # document order: a parent is matched first
        parent = matching.of(node.parent)
        claim(node, [s for s in by_title.get(_bare(node.section.title), [])
                     if s.parent is parent])
    for node in nodes:
        if matching.settled(node):
            continue
        candidates = by_title.get(_bare(node.section.title), [])
        if candidates and not claim(node, candidates):
            first = owner[candidates[0]]
            if first.parent is node.parent:
                matching.duplicate_of[node] = first
    sections = template.sections()
    place = {section: at for at, section in enumerate(sections)}
    unmatched = _Titles([s for s in sections if s not in owner], place)
    unsettled = [node for node in nodes if not matching.settled(node)]
    looking = set(unsettled)
    after = 0  # just after where the template has the last matched section
    for node in nodes:
        if node in looking:
            close = unmatched.closest(_bare(node.section.title), near=after)
            if close is not None:
                matching.match[node] = close
                unmatched.remove(close)
        if node in matching.match:
            after = place[matching.match[node]] + 1
    for node in _series(unsettled, matching):
        del matching.match[node]
    return matching


def _series(unsettled: list[Placed], matching: Matching) -> list[Placed]:
    """The sections matched to a near title that a sibling left without
    a match is as near to: a series of the spec's own ('Alternative 1',
    'Alternative 2' near 'Alternatives'), not one misspelled title."""
    left = collections.defaultdict(list)
    for node in unsettled:
        if node not in matching.match:
            left[node.parent].append(_Titles([node.section]))
    return [
        node for node in unsettled
        if node in matching.match and any(
            other.closest(_bare(matching.match[node].title)) is not None
            for other in left[node.parent])
    ]


# A leading section number: '3.', '3.4', '3.4.1.', 'A.', 'IV.'.
NUMBERING = re.compile(r'(?:\d+\.(?:\d+\.?)*|[A-Z]\.|[IVXLC]+\.)\s+(?=\S)')


def _bare(title: str) -> str:
    """The title without a leading section number: numbering the
    sections is the author's choice, not a part of any title."""
    return NUMBERING.sub('', title, count=1)


def _closest(title: str, candidates: list[Section]) -> Section | None:
    """The candidate whose title is nearest, if near enough to be a typo;
    of equally near ones, the first."""
    return _Titles(candidates).closest(title)


class _Titles:
    """Titles to match typos against, each with the bitset of its
    characters.  difflib's ratio() is 2 * matches / total length, and the
    characters two titles have in common (as multisets: one AND and a
    popcount of their bitsets) bound its matches from above, so difflib
    compares only titles whose bound can beat the best so far: a template
    of thousands of sections costs thousands of bitset operations per
    title, not thousands of difflib comparisons."""

    def __init__(self, sections: list[Section],
                 place: dict[Section, int] | None = None) -> None:
        self.sections = list(sections)
        self.folded = [section.title.casefold() for section in sections]
        self.bags = [_bag(folded) for folded in self.folded]
        self.lengths = [len(folded) for folded in self.folded]
        # Where the template has each, in order: the key of ``near``.
        self.places = [place[s] for s in sections] if place else \
            list(range(len(sections)))

    def remove(self, section: Section) -> None:
        at = self.sections.index(section)
        for column in (self.sections, self.folded, self.bags, self.lengths,
                       self.places):
            del column[at]

    def closest(self, title: str, near: int = 0) -> Section | None:
        """The nearest title, of the ``NEAR_TITLES`` on either side of
        where the template is at ``near`` (all of them in any real
        template): a typo stays about where its section belongs, and a
        template of thousands of sections costs no more per title."""
        wanted = title.casefold()
        bag, length = _bag(wanted), len(wanted)
        middle = bisect.bisect_left(self.places, near)
        first = max(0, middle - NEAR_TITLES)
        window = range(first, min(len(self.sections), middle + NEAR_TITLES))
        bounds = [
            2.0 * (self.bags[at] & bag).bit_count() /
            (self.lengths[at] + length) if self.lengths[at] + length else 1.0
            for at in window
        ]
        matcher = difflib.SequenceMatcher(None, b=wanted)
        best, best_ratio = None, CLOSE_TITLE
        for at, bound in zip(window, bounds, strict=True):
            # Only a strictly nearer title replaces an earlier one.
            if bound < best_ratio or (best is not None and
                                      bound == best_ratio):
                continue
            matcher.set_seq1(self.folded[at])
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio >= best_ratio):
                best, best_ratio = self.sections[at], ratio
        return best


_BAG_BITS: dict[tuple[str, int], int] = {}  # (character, nth) -> bit


@functools.lru_cache(maxsize=8192)
def _bag(text: str) -> int:
    """The multiset of ``text``'s characters as a bitset, one bit per
    (character, occurrence): the popcount of two bags' AND is how many
    characters the two texts have in common, as difflib's quick_ratio()
    counts them."""
    bits = 0
    for character, count in collections.Counter(text).items():
        for nth in range(count):
            bit = _BAG_BITS.setdefault((character, nth), len(_BAG_BITS))
            bits |= 1 << bit
    return bits


def _misplaced(
        spec: Spec, placed: list[Placed], matching: Matching,
        template: Template, strays: list[Placed],
) -> Iterator[Diagnostic]:
    """Duplicates, misspellings, wrong depths and order, one per mistake;
    sections under the wrong parent (``strays``) are left to
    ``_wrong_parents``."""
    siblings: dict[Placed, list[Placed]] = {}
    shifted: list[Placed] = []
    duplicates: list[Placed] = []
    for node in placed:
        section, match = node.section, matching.of(node)
        if node in matching.duplicate_of:
            duplicates.append(node)
            continue
        if match is None:
            continue
        if _bare(match.title) != _bare(section.title):
            yield S107(spec.path, section.line, _misspelled(section, match))
        shift = matching.depth_shift(node)
        if shift:
            # A section shifted with its parent is the parent's news; one
            # adorned as the template's level but nested elsewhere by
            # adornments used for other levels is S109's.
            if matching.depth_shift(node.parent) != shift and \
                    not _restyled(node, matching, template):
                shifted.append(node)
            continue
        if node in strays:
            continue
        assert node.parent is not None
        siblings.setdefault(node.parent, []).append(node)
    yield from _duplicates(spec, placed, duplicates, matching)
    yield from _wrong_depths(spec, shifted, matching, template)
    for group in siblings.values():
        yield from _out_of_order(spec, group, matching, template)


def _duplicates(
        spec: Spec, placed: list[Placed], duplicates: list[Placed],
        matching: Matching,
) -> Iterator[Diagnostic]:
    """One S108 for each run of adjacent duplicate sections of adjacent
    sections: a block of sections pasted twice is one mistake."""
    first_of = matching.duplicate_of
    position: dict[Placed, int] = {}
    children: dict[Placed | None, int] = {}
    for node in placed:
        position[node] = children.get(node.parent, 0)
        children[node.parent] = position[node] + 1
    runs: list[list[Placed]] = []
    for node in duplicates:
        last = runs[-1][-1] if runs else None
        if last is not None and last.parent is node.parent and \
                position[last] + 1 == position[node] and \
                position[first_of[last]] + 1 == position[first_of[node]]:
            runs[-1].append(node)
        else:
            runs.append([node])
    for run in runs:
        first = [first_of[node].section.line for node in run]
        if len(run) == 1:
            message = (f"duplicate section '{run[0].section.title}' (first "
                       f'at line {first[0]}): merge the two')
        else:
            lines = ', '.join(str(line) for line in first[:4]) + (
                ', ...' if len(first) > 4 else '')
            message = (f'duplicate sections {_titles(run)} (first at lines '
                       f'{lines}): merge each with its first')
        yield S108(spec.path, run[0].section.line, message)


def _restyled(node: Placed, matching: Matching, template: Template) -> bool:
    """Whether the section is at another level than the template's only
    because the spec uses adornments for other levels than the template:
    it is adorned as the template adorns its level."""
    match = matching.of(node)
    if match is None or not matching.depth_shift(node):
        return False
    expected = template.first_at(match.depth)  # a walk of the template
    return expected is not None and expected.style == node.section.style


def _misspelled(section: Section, match: Section) -> str:
    if _bare(section.title).casefold() == _bare(match.title).casefold():
        return (f"section title '{section.title}' differs in case from the "
                f"template's '{match.title}'")
    return (f"section title '{section.title}' is not in the template; did "
            f"you mean '{match.title}'?")


def _wrong_depths(
        spec: Spec, shifted: list[Placed], matching: Matching,
        template: Template,
) -> Iterator[Diagnostic]:
    """One S106 for each run of sibling sections shifted alike: the
    template's subsections of 'Proposed change' written at its own level
    are one mistake, not one per subsection."""
    runs: list[list[Placed]] = []
    for node in shifted:
        last = runs[-1][-1] if runs else None
        if last is not None and last.parent is node.parent and \
                matching.depth_shift(last) == matching.depth_shift(node) \
                and _template_parent(last, matching) is \
                _template_parent(node, matching):
            runs[-1].append(node)
        else:
            runs.append([node])
    for run in runs:
        yield S106(spec.path, run[0].section.line,
                   _wrong_depth(run, matching, template))


def _template_parent(node: Placed, matching: Matching) -> Section | None:
    match = matching.of(node)
    # (called for shifted sections only, which are all matched)
    return match.parent if match else None  # pragma: no mutate


def _wrong_depth(
        run: list[Placed], matching: Matching, template: Template,
) -> str:
    # (the sections of a run are siblings: one depth, one adornment)
    first = run[0]  # pragma: no mutate
    match = matching.of(first)
    assert match is not None
    titles = ', '.join(f"'{node.section.title}'" for node in run)
    what = f'section {titles} is' if len(run) == 1 else \
        f'sections {titles} are'
    parent = match.parent
    under = f", under '{parent.title}'" if parent is not None and \
        parent is not template.title else ''
    expected = template.first_at(match.depth)
    ours = first.section.style
    assert expected is not None  # the match itself is at that depth
    return (f'{what} at level {first.depth} ({ours}); the template has '
            f'{"it" if len(run) == 1 else "them"} at level {match.depth} '
            f'({expected.style}){under}')


def _out_of_order(
        spec: Spec, group: list[Placed], matching: Matching,
        template: Template,
) -> Iterator[Diagnostic]:
    order = {s: i for i, s in enumerate(template.sections())}
    ranks = [order[matching.match[node]] for node in group]
    held = collections.Counter(
        section.parent for section in matching.match.values())
    keep = _stay_in_place(
        ranks, [1 + held[matching.match[node]] for node in group])
    kept = [group[i] for i in sorted(keep)]
    kept_ranks = [ranks[i] for i in sorted(keep)]  # increasing
    for i, node in enumerate(group):
        if i in keep:
            continue
        before = bisect.bisect_left(kept_ranks, ranks[i])
        if before:
            where = f"after '{kept[before - 1].section.title}'"
        else:
            where = f"before '{kept[0].section.title}'" if kept else ''
        yield S105(
            spec.path, node.section.line,
            f"section '{node.section.title}' is out of order: the template "
            f'puts it {where}',
        )


def _stay_in_place(ranks: list[int],
                   sizes: Sequence[int] | None = None) -> set[int]:
    """Positions of the sections that stay in place: a longest strictly
    increasing run of template ranks, so the fewest are reported as moved;
    of equally long ones, the one that keeps the sections that moved least,
    so the blame goes to the section that moved farthest; of runs equal in
    both, the one ending first, each extended from the earliest of its
    equals.  Before the distance comes the weight kept: a section moves
    with its subsections, ``sizes`` (1 each unless given) counting them,
    so that of two sections swapped the one that carries fewer is blamed
    ('Security Impact' before 'Implementation' in a flat spec, not
    'Implementation' and its subsections after it).

    The best run ending at each position extends the best one ending
    earlier at a lower rank: a prefix maximum over ranks, kept in a
    Fenwick tree, so O(n log n)."""
    if not ranks:
        return set()
    first_place: dict[int, int] = {}
    for place, rank in enumerate(sorted(ranks)):
        first_place.setdefault(rank, place)
    levels = {rank: level
              for level, rank in enumerate(sorted(first_place), 1)}
    tree = _RunTree(len(levels))
    # (length, weight kept and -distance moved in one number) at i: the
    # distances of all together stay below one unit of weight.
    unit = len(ranks) ** 2 + 1
    best: list[tuple[int, int]] = []
    previous: list[int] = []
    for i, rank in enumerate(ranks):
        weight = sizes[i] if sizes else 1
        moved = abs(i - first_place[rank]) - weight * unit
        before = tree.best_below(levels[rank])
        if before is None:
            best.append((1, -moved))
            previous.append(-1)
        else:
            length, closeness, position = before
            best.append((length + 1, closeness - moved))
            previous.append(-position)
        tree.offer(levels[rank], (*best[i], -i))
    i = max(range(len(ranks)), key=lambda k: (best[k], -k))
    keep = set()
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


class _RunTree:
    """A Fenwick tree of the best (length, -distance, -position) of the
    runs ending at each rank level, for prefix maxima."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.nodes: list[tuple[int, int, int] | None] = [None] * (size + 1)

    def best_below(self, level: int) -> tuple[int, int, int] | None:
        """The best entry at a level lower than ``level``."""
        found = None
        level -= 1
        while level > 0:
            node = self.nodes[level]
            if node is not None and (found is None or node > found):
                found = node
            level -= level & -level
        return found

    def offer(self, level: int, entry: tuple[int, int, int]) -> None:
        while level <= self.size:
            node = self.nodes[level]
            if node is None or entry > node:
                self.nodes[level] = entry
            level += level & -level


def _optional(spec: Spec, settings: Settings) -> set[str]:
    """The titles, folded, of the sections the spec may leave out."""
    return {title.casefold()
            for title in settings.optional_sections_for(spec.path)}


# A whole text that says there is nothing: 'None', the templates' own
# word for it, or one short sentence that says so ('No changes to the
# client are required.', 'Not applicable.', 'There is no impact.') and
# makes no exception ('None, but the client gains a command.').
NONE = re.compile(
    r'(?i)(?!.*\b(?:but|except|however|only|apart|besides)\b)'
    r'(?:none|n/a|not applicable|nothing|no|there (?:is|are) no)'
    r'(?:[\s,:;-][^.!?]{0,150})?[.!]?')


def _said_none(spec: Spec) -> frozenset[Section]:
    """The sections, with no subsections, whose whole text says there is
    nothing (see ``NONE``): nothing to say for their subsections
    either."""
    ordered = spec.sections()
    ends = [after.line - (2 if after.overline else 1)
            for after in ordered[1:]] + [len(spec.lines)]
    return frozenset(
        section for section, end in zip(ordered, ends, strict=True)
        if not section.children and NONE.fullmatch(' '.join(
            line.strip() for line in spec.lines[section.line + 1:end]
            if line.strip()) or '') is not None)


def _missing_sections(
        placed: list[Placed], matching: Matching, template: Template,
        optional: set[str], settings: Settings,
        said_none: frozenset[Section] = frozenset(),
) -> list[Section]:
    """The template sections to report missing: not optional, and not
    below a missing one (reported with it), a subsection that need not
    be there, one under a duplicate of its parent (S108 says merge), or
    one under a section whose whole text is 'None'."""
    found = {matching.match[node] for node in placed
             if node in matching.match}
    answered = {matching.match[node] for node in placed
                if node.section in said_none and node in matching.match}
    in_duplicates = {
        (matching.match[first], node.section.title.casefold())
        for node in placed for duplicate, first in
        matching.duplicate_of.items() if node.parent is duplicate
    }
    missing = []
    for section in template.sections():
        if section in found or section.title.casefold() in optional or \
                (section.parent, section.title.casefold()) in in_duplicates:
            continue
        if section.parent is not template.title and (
                section.parent not in found
                or section.parent in answered
                or not settings.require_subsections):
            continue
        missing.append(section)
    return missing


def _missing(
        spec: Spec, missing: list[Section], matching: Matching,
        template: Template, strays: list[Placed],
) -> Iterator[Diagnostic]:
    """One S103 per missing section; where its subsections are there,
    under another section (its title left out), the finding names them
    and stands at the first: they are the same mistake."""
    found = {matching.match[node]: node for node in matching.match}
    for section in missing:
        parent = section.parent
        top = parent is template.title
        assert parent is not None  # below the title
        siblings = parent.children
        before = siblings[:siblings.index(section)]
        present = [found[s].section for s in before if s in found]
        anchor = present[-1] if present else (
            spec.outline[0] if top else found[parent].section)
        if before:
            where = f"after '{before[-1].title}'"
        elif top:
            where = 'first, after the title'
        else:
            where = f"first under '{anchor.title}'"
        kind = 'section' if top else 'subsection'
        orphans = [node for node in strays
                   if matching.match[node].parent is section]
        line = orphans[0].section.line if orphans else anchor.line
        yield S103(spec.path, line,
                   f"missing {kind} '{section.title}': "
                   f'{_orphans(orphans)}the template puts it {where}')


def _orphans(orphans: list[Placed]) -> str:
    if not orphans:
        return ''
    holders = dict.fromkeys(
        f"'{node.parent.section.title}'" for node in orphans
        if node.parent is not None)
    what = 'subsection' if len(orphans) == 1 else 'subsections'
    verb = 'stands' if len(orphans) == 1 else 'stand'
    return (f'its {what} {_titles(orphans)} {verb} under '
            f"{' and '.join(holders)}; ")


def _titles(nodes: list[Placed], shown: int = 4) -> str:
    """The nodes' titles, quoted, the first few of a long list."""
    titles = ', '.join(f"'{node.section.title}'" for node in nodes[:shown])
    rest = len(nodes) - shown
    return f'{titles} and {rest} more' if rest > 0 else titles


def _strays(placed: list[Placed], matching: Matching) -> list[Placed]:
    """Sections at their template level but under another parent than the
    template's (shifted sections are S106's)."""
    strays = []
    for node in placed:
        match = matching.of(node)
        if match is None or node in matching.duplicate_of or \
                matching.depth_shift(node):
            continue
        if matching.of(node.parent) is not match.parent:
            strays.append(node)
    return strays


def _wrong_parents(
        spec: Spec, strays: list[Placed], matching: Matching,
        missing: set[Section],
) -> Generator[Diagnostic, None, set[Placed]]:
    """One finding per mistake that put sections under the wrong parent,
    and none where another finding names it: their parent's title left
    out (S103), their parent adorned a level too deep, or the section
    they stand under a level too high (S106).  A section the template
    lacks, adorned at the level of the section before it, takes that
    section's subsections after it: that is one S106, on it.  Returns
    the sections so re-levelled."""
    home = {section: node for node, section in matching.match.items()}
    relevelled: set[Placed] = set()
    for run in _runs(strays, matching):
        first = run[0]
        holder = first.parent
        parent = matching.match[first].parent
        assert holder is not None and parent is not None
        at_home = home.get(parent)
        if at_home is None:
            if parent in missing:
                continue
        elif at_home.parent is holder and \
                at_home.section.line < first.section.line:
            continue  # the parent adorned a level too deep
        elif _parent_of(holder, matching) is parent:
            continue  # the holder adorned a level too high
        elif holder not in matching.match and \
                holder not in matching.duplicate_of and \
                _follows(holder, at_home, matching):
            if holder not in relevelled:
                relevelled.add(holder)
                yield S106(spec.path, holder.section.line,
                           _takes_subsections(holder, at_home, run))
            continue
        what = 'section' if len(run) == 1 else 'sections'
        verb = 'belongs' if len(run) == 1 else 'belong'
        yield S105(
            spec.path, first.section.line,
            f"{what} {_titles(run)} {verb} under '{parent.title}', not "
            f"'{holder.section.title}'",
        )
    return relevelled


def _runs(strays: list[Placed], matching: Matching) -> list[list[Placed]]:
    """The strays in runs under one parent that belong under one
    parent."""
    runs: list[list[Placed]] = []
    for node in strays:
        last = runs[-1][-1] if runs else None
        if last is not None and last.parent is node.parent and \
                _template_parent(last, matching) is \
                _template_parent(node, matching):
            runs[-1].append(node)
        else:
            runs.append([node])
    return runs


def _parent_of(node: Placed, matching: Matching) -> Section | None:
    match = matching.of(node)
    return match.parent if match is not None else None


def _follows(holder: Placed, at_home: Placed, matching: Matching) -> bool:
    """Whether ``holder`` comes after ``at_home`` among its siblings with
    nothing between them but sections the template lacks or puts under
    ``at_home``'s template section: adorned a level deeper, ``holder``
    would nest under ``at_home``."""
    parent = holder.parent
    if parent is None or at_home.parent is not parent:
        return False
    siblings = [node for node in matching.match if node.parent is parent]
    between = [node for node in siblings
               if at_home.section.line < node.section.line
               < holder.section.line]
    home = matching.match[at_home]
    return at_home.section.line < holder.section.line and all(
        _under(matching.match[node], home) for node in between)


def _under(section: Section, ancestor: Section) -> bool:
    parent = section.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _takes_subsections(
        holder: Placed, at_home: Placed, run: list[Placed],
) -> str:
    section = holder.section
    return (f"section '{section.title}' is at level {holder.depth} "
            f"({section.style}), so the subsections of "
            f"'{at_home.section.title}' after it ({_titles(run)}) nest "
            f'under it: adorn it as they are adorned '
            f"({run[0].section.style}), within '{at_home.section.title}'")


def _extra(
        spec: Spec, placed: list[Placed], matching: Matching,
        settings: Settings,
) -> Iterator[Diagnostic]:
    allowed = _allowed_extra(settings)
    for node in placed:
        if matching.settled(node) or \
                node.section.title.casefold() in allowed:
            continue
        parent = node.parent
        assert parent is not None
        if parent.parent is None:
            if settings.allow_extra_sections:
                continue
        elif settings.allow_extra_subsections or parent not in matching.match:
            continue
        yield S104(spec.path, node.section.line,
                   f"section '{node.section.title}' is not in the template: "
                   f"rename it to a template section's title or remove it")


def _allowed_extra(settings: Settings) -> set[str]:
    """The titles of ``extra-sections``, which any spec may add."""
    return {title.casefold() for title in settings.extra_sections}


def _styles(
        spec: Spec, title: Section | None, placed: list[Placed],
        template: Template,
) -> Iterator[Diagnostic]:
    """One finding for all levels whose adornment differs from the
    template's, where that makes sections nest at other levels.  Shifted
    sections are left out: S101 or S102 explains them."""
    seen: dict[int, Section] = {}
    for node in ([Placed(title, None)] if title else []) + placed:
        # (only a title's peers are shifted, and with them there is no S109)
        if not node.shift:  # pragma: no mutate
            seen.setdefault(node.section.depth, node.section)
    wrong = []
    for depth, section in sorted(seen.items()):
        expected = template.first_at(depth)
        if expected and expected.style != section.style:
            wrong.append((section, f'level-{depth} titles are adorned '
                          f'{section.style} where the template uses '
                          f'{expected.style}'))
    # (a restyled section makes its own level wrong: never empty here)
    if wrong:  # pragma: no mutate
        line = min(section.line for section, _ in wrong)
        yield S109(spec.path, line, '; '.join(text for _, text in wrong) +
                   ', so sections nest at other levels than in the template')


def _empty(
        spec: Spec, matching: Matching, template: Template,
        settings: Settings,
) -> Iterator[Diagnostic]:
    """Sections with neither text nor subsections, but for an optional
    one (it could as well be left out) and one followed by its own
    subsections that another finding puts at its level: it is empty only
    by their adornment."""
    optional = _optional(spec, settings)
    match = {node.section: section
             for node, section in matching.match.items()}
    levels: dict[str, int] = {}
    for section in template.title.walk():
        levels.setdefault(section.style, section.depth)
    ordered = spec.sections()
    for section, after in itertools.zip_longest(ordered, ordered[1:]):
        if section.has_body or section.title.casefold() in optional or (
                after is not None and _adorned_apart(
                    section, after, match, levels)):
            continue
        yield S110(spec.path, section.line,
                   f"section '{section.title}' is empty: write its "
                   "text, or 'None' if there is nothing to say")


def _adorned_apart(
        section: Section, after: Section, match: dict[Section, Section],
        levels: dict[str, int],
) -> bool:
    """Whether ``after`` is a subsection of ``section`` by the template:
    matched to one of its subsections, or adorned as the template adorns
    a deeper level than the one ``section`` is adorned for."""
    ours, theirs = match.get(section), match.get(after)
    if ours is not None and theirs is not None and theirs.parent is ours:
        return True
    return section.style in levels and after.style in levels and \
        levels[after.style] > levels[section.style]
