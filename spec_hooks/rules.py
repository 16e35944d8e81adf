"""The rule registry: every code spec-hooks reports, declared once.

A rule is its code, a kebab-case name, a one-line summary, why it matters,
a bad and a good example, how to fix it, whether ``--fix`` can, and whether
it is on by default.  The code families that ``select`` and ``ignore``
accept, each hook's checks and fixers, ``--explain``, ``--list-rules`` and
the README's code tables all come from here.

The examples are run through the real checks by the tests, each with its
own family's check and every code of that family selected: a bad example
reports its rule's code and no other, a good one nothing.  Those of the
structure (S), license (L) and leftover (T) rules are checked against
``EXAMPLE_TEMPLATE``, which ``--explain`` shows with them.  Only the bad
input that the file system or spec-hooks itself causes has no example.
"""
from __future__ import annotations

from spec_hooks.diagnostics import Diagnostic


class Family:
    """Rules that one check reports: ``module`` is that check's module
    under ``spec_hooks.checks`` (none for bad input, which the runner
    reports itself); ``about`` is the README's introduction to the family
    (Markdown)."""

    __slots__ = ('about', 'module', 'prefix', 'title')

    def __init__(self, prefix: str, title: str, module: str | None,
                 about: str) -> None:
        self.prefix = prefix
        self.title = title
        self.module = module
        self.about = about


FAMILIES = {family.prefix: family for family in (
    Family('E', 'Bad input', None, """\
Every hook reports these: one line for the file, and the other files are
still checked. They are reported whatever `select` says, unless `ignore`
names them."""),
    Family('S', 'Structure', 'structure', """\
Sections are matched to the template's by exact title where the template
puts them, then anywhere, then by a close title, so one mistake gives one
finding: a typo is "did you mean", not a missing plus an extra section; a
section one level too deep is one S106, not a finding per subsection; a
section whose title is left out is one S103 naming its subsections, not an
S105 for each; a block of sections pasted twice is one S108."""),
    Family('L', 'License header', 'license', """\
The expected header is the template's block before its title (a `..`
comment, a `::` literal block, or a paragraph after an empty `..`), or else
its last block that mentions a license (oslo puts a `.. note::` at the end;
then the header belongs at the end). Words are compared, so comment markers,
`#` prefixes, indentation and line wrapping do not matter; the template's
year and its placeholders must be filled in: the holder's (`<Copyright
holder>`, `[name of copyright owner]`) and the year's (`<YEAR>`, `<year>`,
`[yyyy]`, `[year]`, and `YEAR` or `YYYY` after "Copyright" or "(c)").

`--fix` inserts a missing header in the template's own form, with this year
for the year and `copyright-holder` for the holder. It never rewrites a
header that is there but altered, nor adds one where a header of another
form stands: those stay for a person."""),
    Family('T', 'Leftover template text', 'leftovers', """\
Guidance counts as answered, and is not reported, when the author's own text
is nested under it or follows a question or a label ("Primary assignee:"),
or when words were added to it on its own line ("... via the URL: none").
The license block is never a leftover. `--fix` removes a "Delete this
paragraph" paragraph where it is the template's own, re-wrapped at most, or
starts with the template's instruction (then the whole paragraph goes, and
a note it leaves empty); never one with the author's words before the
instruction. T105 is off by default: a `select` that names it or `T` turns
it on (`select = ["S", "L", "T", "R", "W"]` reports everything)."""),
    Family('R', 'reStructuredText', 'rst', """\
Docutils' warnings and errors, knowing the project's own Sphinx setup
without running Sphinx. The project's `conf.py` (`sphinx-conf`, else the
first of `doc/source/conf.py`, `doc/conf.py`, `docs/source/conf.py`,
`docs/conf.py` under the config file's directory or the git work tree) is
read with Python's `ast`, never executed: its `extensions`, `rst_prolog`,
`rst_epilog`, `primary_domain` and `default_role`. A spec may then use
docutils' names, Sphinx's (every domain: `py`, `c`, `cpp`, `js`, `rst`,
`std`, `math`; intersphinx's `external:` roles where it is loaded) and
those of the extensions `conf.py` loads; a directive of an extension it
does not load is reported, naming the extension. The directives and roles
of about 40 extensions are built in; an installed extension we do not know
is learned from its `setup(app)`. Without a `conf.py`, every name we know
is accepted. Directives' arguments and options are checked where they are
known; their content is left alone. The messages are docutils' own, so
their wording follows the installed docutils."""),
    Family('W', 'Style', 'style', """\
Text-level, without docutils, so `check-spec-style` starts fast.
`max-line-length` sets W101's limit (0 turns it off); literal blocks,
tables, directive bodies and definition terms, found by a line scan as
doc8 finds them, are exempt from it."""),
    Family('N', 'Suppression comments', None, """\
`.. spec-hooks: disable=CODE,...` turns codes (or prefixes) off for the
whole file; `.. spec-hooks: disable-next=CODE,...` for the block after the
comment, and where that block is a section title, for the whole section.
Every hook checks the comments; N103 only for codes whose check ran."""),
)}


class Rule:
    """One code.  Calling it makes a finding of it."""

    __slots__ = ('bad', 'bad_path', 'code', 'config', 'default', 'fix',
                 'fixable', 'good', 'name', 'summary', 'why')

    def __init__(
            self, code: str, name: str, summary: str, *, why: str,
            bad: str | None, good: str | None, fix: str,
            fixable: bool = False, default: bool = True,
            bad_path: str = 'resize-in-place.rst',
            config: dict[str, object] | None = None,
    ) -> None:
        self.code = code
        self.name = name
        self.summary = summary
        self.why = why
        self.bad = bad  # None: only the file system can show it
        self.good = good
        self.fix = fix
        self.fixable = fixable
        self.default = default
        self.bad_path = bad_path  # the file name the bad example has
        # The config (TOML values) both examples are checked with, instead
        # of `template` naming the example template, as 'template.rst'.
        self.config = config

    @property
    def family(self) -> Family:
        return FAMILIES[self.code[0]]

    def __call__(self, path: str, line: int, message: str, column: int = 1,
                 ) -> Diagnostic:
        return Diagnostic(path, line, self.code, message, column)

    def __repr__(self) -> str:
        return f'Rule({self.code!r}, {self.name!r})'


EXAMPLE_PATH = 'resize-in-place.rst'
EXAMPLE_TEMPLATE = """\
..
   Copyright (C) 2014, <Copyright holder>
   This work is licensed under a Creative Commons Attribution 3.0
   Unported License. http://creativecommons.org/licenses/by/3.0/legalcode

*Delete this paragraph when you write your blueprint.*

=============================
 The title of your blueprint
=============================

https://blueprints.launchpad.net/example/+spec/example

Problem description
===================

What problem does this solve? Describe it so operators can understand it.

Proposed change
===============

Here is where you cover the change you propose to make, in detail.

Alternatives
------------

What other ways could we do this thing? Why aren't we using those?

Implementation
==============

.. Name who will do the work, or None.

Primary assignee:
  <launchpad-id or None>
"""

_LICENSE = """\
..
   Copyright (C) 2026, Example Cloud Ltd.
   This work is licensed under a Creative Commons Attribution 3.0
   Unported License. http://creativecommons.org/licenses/by/3.0/legalcode
"""
_TITLE = """\
=================
 Resize in place
=================
"""
_URL = 'https://blueprints.launchpad.net/example/+spec/resize-in-place\n'
_PROBLEM = """\
Problem description
===================

Servers must stop before their disk can grow.
"""
_CHANGE = """\
Proposed change
===============

Grow the disk of a running server.
"""
_ALTERNATIVES = """\
Alternatives
------------

None.
"""
_IMPLEMENTATION = """\
Implementation
==============

Primary assignee:
  jdoe
"""


def _spec(*parts: str) -> str:
    """A spec of the example template, from its parts."""
    return '\n'.join(parts)


GOOD_SPEC = _spec(_LICENSE, _TITLE, _URL, _PROBLEM, _CHANGE, _ALTERNATIVES,
                  _IMPLEMENTATION)
_GOOD_STRUCTURE = _spec(_TITLE, _URL, _PROBLEM, _CHANGE, _ALTERNATIVES,
                        _IMPLEMENTATION)

# Bad input ---------------------------------------------------------------

E901 = Rule(
    'E901', 'unreadable-file',
    'file not found, a directory, or unreadable',
    why='A file that cannot be read cannot be checked; the other files '
        'still are.',
    bad=None, good=None,
    fix='Pass the path of a readable regular file.',
)
E902 = Rule(
    'E902', 'not-utf-8', 'not valid UTF-8 (a UTF-8 BOM is fine)',
    why='Sphinx reads specs as UTF-8: another encoding renders as '
        'mojibake or fails the docs build.',
    bad=None, good=None,
    fix='Save the file as UTF-8; the message names the first bad byte and '
        'its line.',
)
E903 = Rule(
    'E903', 'binary-file', 'binary file (a NUL byte)',
    why='A NUL byte means the file is not text: it was added by mistake '
        'or is corrupt.',
    bad='Resize in place\n\0\n', good='Resize in place\n',
    fix='Remove the file, or the NUL byte the message points at.',
)
E904 = Rule(
    'E904', 'empty-file', 'empty file',
    why='An empty spec is an unfinished one: it has no title, no sections '
        'and no license.',
    bad='\n', good=_TITLE,
    fix='Write the spec, starting from a copy of the template.',
)
E905 = Rule(
    'E905', 'fix-not-written', 'a fix could not be written',
    why='The fix was computed and verified but not written: the file is '
        'read-only (never written, whoever runs the hook), it changed '
        'while it was checked, or writing failed (a full disk, for '
        'example; the old text is kept).',
    bad=None, good=None,
    fix='Make the file writable or run again, or apply the fix by hand.',
)
E906 = Rule(
    'E906', 'nested-too-deeply',
    'too large, too deeply nested or too full of markup or substitutions '
    'to check in bounded time and memory',
    why='docutils would take minutes or gigabytes on it (the limits are '
        'far beyond any real spec), and such text renders badly anyway.',
    bad=None, good=None,
    fix='Flatten the lists, quotes or directives inside one another, split '
        'the paragraph or the file, or use fewer chained substitutions, as '
        'the message says.',
)
E999 = Rule(
    'E999', 'internal-error', 'an internal error in a check',
    why='A bug in spec-hooks: the file was not fully checked.',
    bad=None, good=None,
    fix='Please report it with the file that causes it.',
)

# Structure -------------------------------------------------------------

S101 = Rule(
    'S101', 'missing-title', 'no document title',
    why='The title is what the index and the rendered page show; without '
        'one, the first section becomes the title.',
    bad=_spec(_URL, _PROBLEM, _CHANGE, _ALTERNATIVES, _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix='Add a title, adorned as the template adorns its title, above the '
        'first section.',
)
S102 = Rule(
    'S102', 'several-titles', 'more than one top-level title',
    why='Sections adorned like the title are at its level: the page gets '
        'several titles and the sections no parent.',
    bad=_spec('Resize in place\n===============\n', _URL, _PROBLEM, _CHANGE,
              _ALTERNATIVES, _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Adorn the title with the template's title adornment and the "
        'sections below it differently.',
)
S103 = Rule(
    'S103', 'missing-section', 'a template section or subsection is missing',
    why='Every section of the template asks reviewers a question; a '
        'missing one is a question not answered.',
    bad=_spec(_TITLE, _URL, _PROBLEM, _CHANGE, _ALTERNATIVES),
    good=_GOOD_STRUCTURE,
    fix="Add the section where the message says, or list it in "
        "optional-sections if it may be left out.",
)
S104 = Rule(
    'S104', 'extra-section', 'a section the template lacks',
    why='Specs of one template read alike: reviewers find each answer '
        'where they expect it.',
    bad=_spec(_TITLE, _URL, _PROBLEM, _CHANGE, _ALTERNATIVES,
              'Rollout\n=======\n\nIn two steps.\n', _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Rename the section to a template section's title, move its text "
        'into one, or list its title in extra-sections (or set '
        'allow-extra-sections).',
)
S105 = Rule(
    'S105', 'section-out-of-order',
    "a section out of the template's order, or under the wrong parent",
    why="The template's order is the order reviewers read in.  Of the "
        'sections out of order, the fewest are named; of two swapped, the '
        'one that moves with fewer subsections (the smaller edit).',
    bad=_spec(_TITLE, _URL, _CHANGE, _ALTERNATIVES, _PROBLEM,
              _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix='Move the section where the message says.',
)
S106 = Rule(
    'S106', 'section-wrong-level', 'a section at the wrong level',
    why='A section one level off nests under the wrong parent in the '
        'table of contents.',
    bad=_spec(_TITLE, _URL, _PROBLEM, _CHANGE,
              'Alternatives\n============\n\nNone.\n', _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Adorn the section's title as the template adorns that level.",
)
S107 = Rule(
    'S107', 'misspelled-section-title',
    'a misspelled or differently cased section title',
    why="Tools and readers look sections up by the template's titles.  "
        "A leading section number ('3.', '3.4', 'A.', 'IV.') is the "
        "author's numbering, not part of the title, in the spec or the "
        "template: '3. Proposed change' is 'Proposed change'.  Sibling "
        "sections each near one template title ('Alternative 1', "
        "'Alternative 2') are the spec's own series, not one misspelling.",
    bad=_spec(_TITLE, _URL, _PROBLEM,
              'Propsed change\n==============\n\nGrow the disk of a running '
              'server.\n', _ALTERNATIVES, _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Write the title as the template does (the message says which).",
)
S108 = Rule(
    'S108', 'duplicate-section', 'a duplicate section',
    why='Two sections of one title under one parent split one answer in '
        "two places; under two parents ('Work Items' of two phases) they "
        'are two answers.',
    bad=_spec(_TITLE, _URL, _PROBLEM, _PROBLEM, _CHANGE, _ALTERNATIVES,
              _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix='Merge the two sections.',
)
S109 = Rule(
    'S109', 'adornment-differs',
    "title adornments used for other levels than the template's, so "
    'sections nest at other levels',
    why='docutils gives levels by the order adornments first appear: a '
        "section adorned with another level's adornment nests under the "
        'wrong parent.  Other adornments that nest alike are fine.',
    bad=_spec(_TITLE, _URL, _PROBLEM.replace('=' * 19, '-' * 19), _CHANGE,
              _ALTERNATIVES, _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Adorn each level's titles as the template does; the message "
        'names each level once.',
)
S110 = Rule(
    'S110', 'empty-section', 'a section with neither text nor subsections',
    why='An empty section is a question left unanswered.',
    bad=_spec(_TITLE, _URL, _PROBLEM, _CHANGE, 'Alternatives\n'
              '------------\n', _IMPLEMENTATION),
    good=_GOOD_STRUCTURE,
    fix="Write the section's text, or 'None' if there is nothing to say.",
)
S111 = Rule(
    'S111', 'bad-file-name', 'the file name does not match filename-pattern',
    why='The file name is the spec\'s URL and, for a blueprint, its name.',
    bad=_GOOD_STRUCTURE.replace('resize-in-place\n', 'Resize_In_Place\n'),
    bad_path='Resize_In_Place.rst',
    good=_GOOD_STRUCTURE,
    fix='Rename the file (the message suggests a name), or set '
        'filename-pattern.',
)
S112 = Rule(
    'S112', 'blueprint-url-mismatch',
    'the blueprint URL before the first section names another file',
    why='The file name and the blueprint name must agree so that each '
        'finds the other.  Where another spec file of its directory is '
        'named after the blueprint, the spec is a companion or a part of '
        'it and cannot take that name.  The URL compared is the first '
        "in the introduction that is not a named hyperlink target ('.. "
        "_Earlier work: URL' names a related blueprint).",
    bad=_GOOD_STRUCTURE.replace('+spec/resize-in-place', '+spec/grow-disk'),
    good=_GOOD_STRUCTURE,
    fix='Rename the file or fix the URL so that the two names agree.',
)

S113 = Rule(
    'S113', 'no-template',
    'no template applies: templates is set, template is not, and no '
    'pattern matches',
    why='A spec that no template was meant for cannot be checked against '
        'one; the built-in template would only find differences nobody '
        'asked for.',
    bad=_GOOD_STRUCTURE, bad_path='notes/resize-in-place.rst',
    good=_GOOD_STRUCTURE,
    fix='Add a templates pattern for the file, set template, or list the '
        'file in exclude if it is not a spec.',
    config={'templates': {'*.rst': 'template.rst'}},
)

# License header ----------------------------------------------------------

_HEADED = _spec(_TITLE, _URL, _PROBLEM)  # what follows the header
L101 = Rule(
    'L101', 'license-missing', 'license header missing',
    why='Without the header the spec has no license: others may not reuse '
        'it.',
    bad=_HEADED, good=_spec(_LICENSE, _HEADED),
    fix="Insert the template's header (--fix does, given a "
        'copyright-holder where the header names one).',
    fixable=True,
)
L102 = Rule(
    'L102', 'license-altered', "license header differs from the template's",
    why='A reworded license is another license, or none.',
    bad=_spec(_LICENSE.replace('3.0', '4.0'), _HEADED),
    good=_spec(_LICENSE, _HEADED),
    fix="Write the header as the template does; the message names the "
        'first difference.',
)
L103 = Rule(
    'L103', 'license-misplaced', 'license header not where it belongs',
    why='Readers and tools look for the license where the template puts '
        'it.',
    bad=_spec(_TITLE, _URL, _LICENSE, _PROBLEM),
    good=_spec(_LICENSE, _HEADED),
    fix='Move the header to the top (or the end) of the file, as the '
        'message says.',
)
L104 = Rule(
    'L104', 'holder-not-filled-in', 'copyright holder not filled in',
    why='A copyright notice must name who holds the copyright.',
    bad=_spec(_LICENSE.replace('Example Cloud Ltd.', '<Copyright holder>'),
              _HEADED),
    good=_spec(_LICENSE, _HEADED),
    fix="Replace the placeholder with the holder's name.",
)
L105 = Rule(
    'L105', 'year-not-filled-in', 'copyright year not filled in',
    why='A copyright notice must say the year.',
    bad=_spec(_LICENSE.replace('2026', 'YYYY'), _HEADED),
    good=_spec(_LICENSE, _HEADED),
    fix='Write the year the spec was written.',
)
L106 = Rule(
    'L106', 'implausible-year', 'copyright year implausible',
    why='A year before 1990 or after next year is a typo.',
    bad=_spec(_LICENSE.replace('2026', '2206'), _HEADED),
    good=_spec(_LICENSE, _HEADED),
    fix='Write the year the spec was written.',
)

# Leftover template text --------------------------------------------------

T101 = Rule(
    'T101', 'delete-this-paragraph',
    'the template\'s "Delete this paragraph" instruction',
    why='The instruction says to delete itself; left in, it is published '
        'with the spec.',
    bad=_spec('*Delete this paragraph when you write your blueprint.*\n',
              _TITLE, _PROBLEM),
    good=_spec(_TITLE, _PROBLEM),
    fix="Delete the paragraph (--fix does, where it is the template's "
        'own words or starts with its instruction).',
    fixable=True,
)
T102 = Rule(
    'T102', 'placeholder-title', "the template's placeholder title",
    why='The title names the spec in every index and link.  A title '
        'that keeps five words of the placeholder in a row is the '
        'placeholder re-worded; a template title shorter than that is a '
        'name a spec may extend ("Mitaka Postmortem documentation"), so '
        'there only the title itself, or nearly, is reported.',
    bad=_spec('==========================\n The title of your blueprint\n'
              '==========================\n', _PROBLEM),
    good=_spec(_TITLE, _PROBLEM),
    fix="Write the spec's own title.",
)
T103 = Rule(
    'T103', 'guidance-left-in',
    'template guidance copied (nearly) verbatim and not answered',
    why='Guidance tells the author what to write; left in, it reads as '
        'if the spec said it.  Paragraphs and list items of guidance left '
        'in one after the other are one finding.  A guidance paragraph '
        "in the template's section of the same title, that the author's "
        'own text follows in its section or subsections, is kept as the '
        'lead-in of that text (the History guidance above the revisions '
        'table) and is not reported; guidance standing alone, after the '
        "author's text, in another section, or as a list item beside the "
        "author's items is.",
    bad=_spec(_TITLE, _PROBLEM, _CHANGE, 'Alternatives\n------------\n\n'
              "What other ways could we do this thing? Why aren't we using "
              'those?\n'),
    good=_spec(_TITLE, _PROBLEM, _CHANGE, _ALTERNATIVES),
    fix="Replace the guidance with the spec's own text.",
)
T104 = Rule(
    'T104', 'placeholder-left-in',
    "a template <placeholder>, or the template's placeholder blueprint URL, "
    'not filled in',
    why='A placeholder marks an answer that was never given.  Each '
        'placeholder is reported once per paragraph or list: a list of '
        'reviewers left as two placeholders is one finding.',
    bad=_spec(_TITLE, _IMPLEMENTATION.replace('jdoe',
                                              '<launchpad-id or None>')),
    good=_spec(_TITLE, _IMPLEMENTATION),
    fix="Replace the placeholder with the answer, and the template's "
        "blueprint URL with the spec's own.",
)
T105 = Rule(
    'T105', 'instruction-comment-left-in',
    'template instructions left in a comment',
    why='Instructions in comments are not rendered but clutter the source '
        'that reviewers read.',
    bad=_spec(_TITLE, _IMPLEMENTATION.replace(
        'Primary', '.. Name who will do the work, or None.\n\nPrimary')),
    good=_spec(_TITLE, _IMPLEMENTATION),
    fix='Delete the comment.',
    default=False,
)

# reStructuredText --------------------------------------------------------

R101 = Rule(
    'R101', 'unknown-directive', 'unknown directive',
    why='Sphinx fails or drops the block: the text never renders.',
    bad='Text.\n\n.. notte:: Mind the gap.\n',
    good='Text.\n\n.. note:: Mind the gap.\n',
    fix='Fix the name (the message suggests one), or, where an extension '
        'provides it, add it to extra-directives.',
)
R102 = Rule(
    'R102', 'unknown-role', 'unknown interpreted text role',
    why='Sphinx fails or renders the role as plain text.',
    bad='See :reff:`resize`.\n', good='See :ref:`resize`.\n',
    fix='Fix the name, or, where an extension provides it, add it to '
        'extra-roles.',
)
R103 = Rule(
    'R103', 'malformed-table', 'malformed table',
    why='A malformed table does not render at all.',
    bad='+-----+-----+\n| a   | b   |\n+-----+\n',
    good='+-----+-----+\n| a   | b   |\n+-----+-----+\n',
    fix='Line up the table\'s borders and columns.',
)
R104 = Rule(
    'R104', 'bad-indentation', 'unexpected indentation or unindentation',
    why='Indentation changes meaning in RST: the text nests where it was '
        'not meant to, or a block ends early.  Docutils warns at each '
        'unindent of one broken block (a nested list indented by one space '
        'warns at every level it leaves): one finding per block, up to a '
        'blank line, names the lines where it breaks again.',
    bad='- Grow the disk\nof a running server.\n',
    good='- Grow the disk\n  of a running server.\n',
    fix='Indent the lines alike, or separate blocks with a blank line.',
)
R105 = Rule(
    'R105', 'bad-title-adornment',
    'title adornment too short or mismatched',
    why='docutils warns and Sphinx may not make the line a title.',
    bad='Testing\n=====\n\nText.\n', good='Testing\n=======\n\nText.\n',
    fix='Make the adornment at least as long as the title, counting an '
        "overlined title's indentation.",
)
R106 = Rule(
    'R106', 'inconsistent-title-level', 'title level inconsistent',
    why='A title that skips a level breaks the document: docutils stops '
        'building its sections there.',
    bad='Testing\n=======\n\nUnit\n----\n\nRollout\n=======\n\nSteps\n'
        '~~~~~\n',
    good='Testing\n=======\n\nUnit\n----\n\nRollout\n=======\n\nSteps\n'
         '-----\n',
    fix='Adorn the title like the other titles of the level it belongs '
        'to.',
)
R107 = Rule(
    'R107', 'unclosed-inline-markup', 'inline markup not closed',
    why='The markup renders as literal asterisks or backquotes.',
    bad='Run ``nova resize now.\n', good='Run ``nova resize`` now.\n',
    fix='Close the markup, or escape the character with a backslash.',
)
R108 = Rule(
    'R108', 'unknown-target', 'a reference to an unknown target',
    why='The link goes nowhere.',
    bad='See `the wiki`_.\n',
    good='See `the wiki`_.\n\n.. _the wiki: https://wiki.example.org\n',
    fix='Define the target, or fix the reference\'s name.',
)
R109 = Rule(
    'R109', 'duplicate-target', 'a duplicate target name',
    why='Two targets of one name make every reference to it ambiguous.',
    bad='.. _wiki: https://a.example.org\n.. _wiki: https://b.example.org\n',
    good='.. _wiki: https://a.example.org\n.. _docs: https://b.example.org\n',
    fix='Give each target its own name.',
)
R110 = Rule(
    'R110', 'bad-reference', 'another reference or substitution problem',
    why='The reference or substitution does not render.',
    bad='Resize is |fast|.\n',
    good='Resize is |fast|.\n\n.. |fast| replace:: quick\n',
    fix='Define what is referenced, or fix the reference.',
)
R111 = Rule(
    'R111', 'insertion-disabled',
    'include, raw or a file or URL option (never read here)',
    why='A spec reads no other file: what it includes is not checked, and '
        'on a docs build it may read any file.',
    bad='.. include:: other.rst\n', good='See :doc:`other`.\n',
    fix='Link to the other document instead of including it.',
)
R112 = Rule(
    'R112', 'bad-literal-block', 'a literal block problem',
    why='The example that was meant as code renders as text, or not at '
        'all.',
    bad='Run this::\n\nText where a literal block was expected.\n',
    good='Run this::\n\n  nova resize\n',
    fix='Indent the literal block under its "::" paragraph.',
)
R113 = Rule(
    'R113', 'bad-directive-usage',
    'bad directive arguments, options or content',
    why='The directive fails: its content is not rendered.',
    bad='.. note::\n   :colour: red\n\n   Mind the gap.\n',
    good='.. note::\n\n   Mind the gap.\n',
    fix='Give the directive only the arguments and options it takes.',
)
R199 = Rule(
    'R199', 'other-rst-problem', 'another reStructuredText problem',
    why='docutils reports it as a warning or an error: the output is not '
        'what was meant.',
    bad='Text.\n\n  Testing\n  -------\n',
    good='Text.\n\nTesting\n-------\n',
    fix='Follow docutils\' message.',
)

# Style -------------------------------------------------------------------

W101 = Rule(
    'W101', 'line-too-long', 'line too long',
    why='Long lines make reviews and diffs hard to read.  W101 checks the '
        'lines that doc8\'s D001, the line check most specs repositories '
        'run, checks: the body of a directive (a note, a list-table, a '
        'line-block) and a definition term (to doc8, also a line such as '
        '`(c) ...` followed by its continuation) are exempt as there.  '
        'Unlike doc8, W101 checks the words after a directive\'s marker '
        '(`.. note:: Some text`) and a paragraph ending in `::`: each can '
        'wrap.',
    bad='Growing a volume today needs the server to be shut off, which '
        'costs users downtime.\n',
    good='Growing a volume today needs the server to be shut off, which '
         'costs users\ndowntime.\n',
    fix='Wrap the line; URLs, literal and code blocks, tables, directive '
        'bodies, definition terms, targets, lines copied from the template '
        'and single long tokens are exempt.',
)
W102 = Rule(
    'W102', 'trailing-whitespace', 'trailing whitespace',
    why='Invisible changes make noisy diffs.',
    bad='Resize in place. \n', good='Resize in place.\n',
    fix='Remove the spaces at the end of the line.',
)
W103 = Rule(
    'W103', 'tab', 'tab character',
    why='docutils expands tabs to 8 columns, which changes indentation '
        'and so meaning.',
    bad='- item\n\tmore\n', good='- item\n  more\n',
    fix='Use spaces.',
)
W104 = Rule(
    'W104', 'line-endings', 'CR or CRLF line endings, or mixed ones',
    why='Mixed line endings make every line of a diff change.',
    bad='Resize in place.\r\nNow.\r\n', good='Resize in place.\nNow.\n',
    fix='Save the file with LF line endings.',
)
W105 = Rule(
    'W105', 'invisible-character', 'a zero-width or other invisible '
    'character',
    why='Invisible characters break search, links and copy and paste.',
    bad='Resize\u200b in place.\n', good='Resize in place.\n',
    fix='Delete the character (the message names it).',
)
W106 = Rule(
    'W106', 'no-final-newline', 'no newline at end of file',
    why='A missing final newline makes the next change to the last line '
        'a two-line diff.',
    bad='Resize in place.', good='Resize in place.\n',
    fix='End the file with a newline.',
)


# Suppression comments (N): the runner reports these for every hook.
N101 = Rule(
    'N101', 'malformed-suppression', 'a malformed suppression comment',
    why='A misspelt comment silences nothing, and nobody notices that it '
        'does not.',
    bad='.. spec-hooks: disabel=W102\n\nResize in place. \n',
    good='.. spec-hooks: disable=W102\n\nResize in place. \n',
    fix="Write '.. spec-hooks: disable=CODE,...' or "
        "'.. spec-hooks: disable-next=CODE,...'.",
)
N102 = Rule(
    'N102', 'unknown-suppressed-code', 'a suppression comment names an '
    'unknown code',
    why='A code that does not exist silences nothing; it is usually a '
        'typo for the one meant.',
    bad='.. spec-hooks: disable=W901\n\nResize in place.\n',
    good='.. spec-hooks: disable=W101\n\nResize in place.\n',
    fix='Name codes that --list-rules lists.',
)
N103 = Rule(
    'N103', 'unused-suppression', 'a disable-next comment that suppresses '
    'nothing',
    why='A stale suppression would hide the next real finding in its '
        'block.',
    bad='.. spec-hooks: disable-next=W102\n\nResize in place.\n',
    good='.. spec-hooks: disable-next=W102\n\nResize in place. \n',
    fix='Remove the code from the comment, or the comment.',
)

RULES = {
    value.code: value for value in list(globals().values())
    if isinstance(value, Rule)
}


def is_code_prefix(text: str) -> bool:
    """Whether ``text`` is a code or the start of one: ``S1``, ``L101``."""
    return bool(text) and any(code.startswith(text) for code in RULES)


def fixable(prefix: str) -> list[Rule]:
    """The rules with a fixer among the codes of ``prefix``."""
    return [rule for code, rule in RULES.items()
            if rule.fixable and code.startswith(prefix)]
