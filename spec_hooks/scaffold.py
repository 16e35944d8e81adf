"""spec-hooks new PATH: a new spec from the template that applies to PATH.

The spec is the template's skeleton: the license header as ``--fix``
inserts it, a title from the file name, the blueprint URL naming the file,
and every section and required subsection in the template's order and
adornments.  The template's guidance stays under each title as a comment,
indented as one block, so that the author reads it where the answer goes
and nothing of it renders, whatever reStructuredText it holds.  So the new
spec has no finding but S110 for each section still to write; it is
checked before it is written, and written whole or not at all, never over
an existing file.
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from collections.abc import Iterator, Sequence

from spec_hooks.blocks import BULLET, Block, indent, is_adornment
from spec_hooks.checks.leftovers import BLUEPRINT_URL, intro_blueprint
from spec_hooks.checks.license import (
    expected_licenses,
    filled_in,
    needs_holder,
    position,
    template_license,
)
from spec_hooks.cli import EXIT_USAGE, UsageParser, option
from spec_hooks.config import ConfigError, Settings, load_settings, parse_line
from spec_hooks.context import Context, build
from spec_hooks.diagnostics import Diagnostic, format_text
from spec_hooks.spec import Section
from spec_hooks.template import DEFAULT_TEMPLATE, Template, TemplateError

EXIT_CREATED, EXIT_FINDINGS = 0, 1
COMMENT_INDENT = '   '
PROSE = ('paragraph', 'item', 'comment')  # blocks of running text
# What a blueprint URL can name so that the checks read the name back.
BLUEPRINT_NAME = re.compile(r'[A-Za-z0-9][\w.+-]*(?<![.-])')


class Refused(Exception):
    """Why no spec is written: one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        context, template = _context(args)
        text = render(args.path, template, context, args.title)
        findings = _verify(args.path, text, context)
        write_new(args.path, text)
    except (Refused, ConfigError, TemplateError) as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE
    empty = [d for d in findings if d.code == 'S110']
    source = 'the built-in template' if template.path == DEFAULT_TEMPLATE \
        else context.settings.relative(template.path)
    print(f'Created {args.path} from {source}: {len(empty)} section(s) to '
          f'write, listed by check-spec as S110')
    others = [d for d in findings if d.code != 'S110']
    if others:  # the template itself breaks a rule the checks apply
        print(format_text(others), end='')
        return EXIT_FINDINGS
    return EXIT_CREATED


def _parser() -> UsageParser:
    parser = UsageParser(
        prog='spec-hooks new',
        description='Write a new spec at PATH from the template that '
                    'applies to it: license header, title, blueprint URL '
                    'and every section, with the template\'s guidance as '
                    'comments.  Never overwrites a file.',
    )
    parser.add_argument('path', metavar='PATH',
                        help='the spec to create (missing directories are '
                             'created)')
    parser.add_argument(
        '--title', type=option(parse_line, 'title'),
        help='the title (default: from the file name, '
             "'live-volume-resize.rst' gives 'Live volume resize')",
    )
    parser.add_argument(
        '--copyright-holder', metavar='NAME',
        type=option(parse_line, 'copyright-holder'),
        help="the holder written into the license header (default: the "
             "config's copyright-holder)",
    )
    parser.add_argument(
        '--template', metavar='PATH',
        help='the template to follow (default: the one the config applies '
             'to PATH, else the built-in one)',
    )
    parser.add_argument(
        '--config', metavar='PATH',
        help='read settings from this pyproject.toml or setup.cfg instead '
             'of the nearest one',
    )
    return parser


def _context(args: argparse.Namespace) -> tuple[Context, Template]:
    """The run context for the new spec and the template it follows: the
    newest, and of several the first.  Refused where no spec can be
    written at the path."""
    path: str = args.path
    if os.path.lexists(path):
        raise Refused(f'{path} exists already: spec-hooks new never '
                      f'overwrites a file')
    settings = load_settings(args.config, {
        'template': args.template,
        'copyright-holder': args.copyright_holder,
        'template-history': False,  # a new spec follows today's template
        # A template named on the command line beats the config's rules.
        **({'templates': ()} if args.template else {}),
    })
    _check_path(path, settings)
    context = build(settings, [path], outline=True)
    templates = context.templates.get(path, ())
    if not templates:
        raise Refused(
            f"no template applies to '{settings.relative(path)}': no "
            f'pattern of templates matches it and template is not set; '
            f'pass --template, or add a pattern for it')
    return context, templates[0]


def _check_path(path: str, settings: Settings) -> None:
    """Refuse a path the checks would not take as a spec, or whose name
    they would report."""
    from spec_hooks.checks.structure import bad_name

    relative = settings.relative(path)
    if not settings.is_spec(path):
        why = 'the config excludes it' if any(
            pattern.fullmatch(relative) for pattern in settings.excluded
        ) else "it is a template's path"
        raise Refused(f"'{relative}' is not a spec: {why}")
    name = os.path.basename(path)
    if not re.fullmatch(settings.filename_pattern, name):
        raise Refused(bad_name(name, settings))


def render(path: str, template: Template, context: Context,
           title: str | None = None) -> str:
    """The new spec at ``path``, following ``template``."""
    settings = context.settings
    name = blueprint_name(path, settings)
    title = title or title_from(name)
    if not title:
        raise Refused(f"the file name '{os.path.basename(path)}' gives no "
                      f'title: pass --title')
    layout = _Layout(template, settings, name)
    header, at_end = _header(template, context)
    parts: list[list[str]] = []
    if header and not at_end:
        parts.append(header)
    parts += layout.guidance(layout.before_title())
    parts.append(_title(template, template.title, title))
    parts += layout.guidance(layout.after(template.title))
    for section in layout.sections:
        parts.append(_title(template, section))
        parts += layout.guidance(layout.after(section))
    if header and at_end:
        parts.append(header)
    return '\n\n'.join('\n'.join(part) for part in parts) + '\n'


def _header(template: Template, context: Context) -> tuple[list[str], bool]:
    """The lines of the header the spec carries, as ``--fix`` would insert
    it, and whether it goes at the end; refused where it names a holder
    and none is configured."""
    settings = context.settings
    headers = expected_licenses(template, context)
    if not headers:
        return [], False
    if settings.copyright_holder is None and needs_holder(headers[0]):
        raise Refused(
            "the template's license header names a copyright holder: set "
            'copyright-holder in the config or pass --copyright-holder')
    lines = filled_in(headers[0], settings.copyright_holder)
    # Its words count, not its lines: it may be broken to fit.
    return (_reflowed(lines, [False] * len(lines), settings.max_line_length),
            position(headers[0], settings) == 'end')


def _title(template: Template, section: Section,
           text: str | None = None) -> list[str]:
    """The title of ``section`` (or ``text``) adorned as the template
    adorns it, inline markup and all."""
    raw = template.spec.lines[section.line - 1]
    if text is None:
        text = raw.strip() if raw.strip() and not is_adornment(raw) \
            else section.title
    if section.overline:  # the text may stand in from the overline
        inset = len(raw) - len(raw.lstrip())
        line = section.underline * (len(text) + 2 * inset)
        return [line, ' ' * inset + text, line]
    return [text, section.underline * len(text)]


def blueprint_name(path: str, settings: Settings) -> str:
    """The file name's stem, without a ``blueprint-prefixes`` prefix: the
    blueprint's name, from which the title comes too."""
    stem = os.path.splitext(os.path.basename(path))[0]
    for prefix in settings.blueprint_prefixes:
        if stem.casefold().startswith(prefix.casefold()) and \
                len(stem) > len(prefix):
            return stem[len(prefix):]
    return stem


def title_from(name: str) -> str:
    """'live-volume-resize' -> 'Live volume resize'."""
    words = ' '.join(re.split(r'[-_\s]+', name)).strip()
    return words[:1].upper() + words[1:]


class _Layout:
    """The template's lines, split at the titles of the sections the new
    spec has: what stands between them is guidance, which the spec keeps
    as comments (the license header and the blueprint URL aside)."""

    def __init__(self, template: Template, settings: Settings,
                 name: str) -> None:
        self.settings = settings
        self.title = template.title
        self.lines = list(template.spec.lines)
        header = template_license(template)
        self.license = header.where if header else range(0)
        self.sections = list(_generated(self.title, settings))
        self.blocks = _top_level(template.spec.blocks)
        # The lines of running text, which may be re-wrapped.
        self.prose = {
            number for block in template.spec.blocks
            if block.kind in PROSE
            for number in range(block.start, block.end + 1)
        }
        self.url = self._blueprint_url(template, name)

    def _blueprint_url(self, template: Template, name: str) -> int | None:
        """Put ``name`` into the template's blueprint URL; the line of the
        URL where it stands alone in a paragraph, to be shown."""
        linked = intro_blueprint(template.spec)
        if linked is None:
            return None
        if not BLUEPRINT_NAME.fullmatch(name):
            raise Refused(
                f"the template links a blueprint named as the file, and "
                f"'{name}' cannot be a blueprint's name: rename the file")
        number = linked[0]
        line = self.lines[number - 1]
        found = BLUEPRINT_URL.search(line)
        assert found is not None  # intro_blueprint found it there
        dots = found.group(1)[len(found.group(1).rstrip('.')):]
        self.lines[number - 1] = \
            f'{line[:found.start(1)]}{name}{dots}{line[found.end(1):]}'
        block = next(
            (b for b in self.blocks if b.start <= number <= b.end), None)
        alone = block is not None and block.kind == 'paragraph' and \
            len(block.lines) == 1
        return number if alone else None

    def before_title(self) -> range:
        return range(1, _start(self.title))

    def after(self, section: Section) -> range:
        """The lines between the title of ``section`` and the next title
        the spec has."""
        later = self.sections[self.sections.index(section) + 1:] \
            if section in self.sections else self.sections
        stop = _start(later[0]) if later else len(self.lines) + 1
        return range(section.line + 2, stop)

    def guidance(self, lines: range) -> list[list[str]]:
        """The parts of the spec that ``lines`` of the template give: the
        template's own comments as they are, the rest as comments of their
        own, and the blueprint URL shown."""
        parts: list[list[str]] = []
        run: list[Block] = []
        for block in self.blocks:
            if block.start not in lines or block.start in self.license:
                continue
            if block.start == self.url or _is_comment(block):
                parts += self._commented(run, lines)
                run = []
                parts.append(self._fitted(
                    range(block.start, block.end + 1), ''))
            elif block.text != '..':  # an empty comment says nothing
                run.append(block)
        return parts + self._commented(run, lines)

    def _commented(self, run: list[Block], lines: range) -> list[list[str]]:
        """The template's lines from the first to the last block of
        ``run``, as one comment: indented alike, so that every list,
        literal block or directive in them stays inside it."""
        if not run:
            return []
        return [['..', *self._fitted(
            range(run[0].start, min(run[-1].end, lines.stop - 1) + 1),
            COMMENT_INDENT)]]

    def _fitted(self, numbers: range, indentation: str) -> list[str]:
        """The template's lines ``numbers``, cleaned, moved to start at
        ``indentation`` and fitted to the line length limit: prose
        re-wrapped, verbatim text broken where it must be."""
        text = [_clean(self.lines[number - 1]) for number in numbers]
        margin = min(indent(line) for line in text if line)
        return _reflowed(
            [indentation + line[margin:] if line else '' for line in text],
            [number in self.prose for number in numbers],
            self.settings.max_line_length,
        )


def _generated(title: Section, settings: Settings) -> Iterator[Section]:
    """The template's sections that the new spec has, in order: every
    section, and the subsections that are required."""
    optional = {name.casefold() for name in settings.optional_sections}

    def required_below(section: Section) -> Iterator[Section]:
        if not settings.require_subsections:
            return
        for child in section.children:
            if child.title.casefold() not in optional:
                yield child
                yield from required_below(child)

    for section in title.children:
        yield section
        yield from required_below(section)


def _start(section: Section) -> int:
    """The first line of a section's title: its overline, if it has one."""
    return section.line - 1 if section.overline else section.line


def _top_level(blocks: list[Block]) -> list[Block]:
    """The blocks not inside another (a directive's body is inside it)."""
    found: list[Block] = []
    for block in blocks:
        if not found or block.start > found[-1].end:
            found.append(block)
    return found


def _is_comment(block: Block) -> bool:
    """Whether docutils reads the block as a comment with text: not an
    empty comment, which leaves an indented block after a blank line to be
    a quotation."""
    return block.kind == 'comment' and (
        block.lines[0].strip() != '..' or
        (len(block.lines) > 1 and bool(block.lines[1].strip())))


def _clean(line: str) -> str:
    """A line without what the style check reports: tabs, trailing
    whitespace."""
    return line.expandtabs().rstrip()


def _reflowed(lines: list[str], prose: list[bool], limit: int,
              ) -> list[str]:
    """``lines`` fitted to ``limit``: a line too long is broken at a space
    and what is left over goes on the next line where that line continues
    the same text (both prose, at the indentation where it goes on), else
    on a line of its own."""
    out: list[str] = []
    pending = list(zip(lines, prose, strict=True))
    while pending:
        line, joinable = pending.pop(0)
        pieces = _fit(line, limit)
        if len(pieces) > 1 and joinable and pending and \
                _continues(pending[0], pieces[-1]):
            after, _ = pending.pop(0)
            pending.insert(0, (f'{pieces.pop()} {after.lstrip()}', True))
        out += pieces
    return out


def _continues(line: tuple[str, bool], piece: str) -> bool:
    """Whether ``line`` goes on with the text that ``piece`` holds."""
    text, joinable = line
    stripped = text.lstrip()
    return joinable and bool(stripped) and indent(text) == indent(piece) \
        and not BULLET.match(stripped) and not stripped.startswith('..') \
        and not stripped.startswith(':')


def _fit(line: str, limit: int) -> list[str]:
    """``line`` broken at spaces into lines of at most ``limit``
    characters, each continuing where the text of the first starts (after
    its bullet or comment marker).  What the style check does not count
    as too long stays: a URL, a single word."""
    if not limit or len(line) <= limit or '://' in line:
        return [line]
    start = _text_start(line)
    cut = line.rfind(' ', start + 1, limit + 1)
    if cut <= start:  # a first word longer than the line: after it
        cut = line.find(' ', start + 1)
        if cut < 0:
            return [line]
    head, rest = line[:cut].rstrip(), line[cut:].lstrip()
    if not rest:
        return [head]
    return [head, *_fit(' ' * start + rest, limit)]


def _text_start(line: str) -> int:
    """The column where a line's text starts, after its indentation and
    any bullet or comment marker."""
    stripped = line.lstrip()
    marker = BULLET.match(stripped) or re.match(r'\.\.\s+', stripped)
    return len(line) - len(stripped) + (marker.end() if marker else 0)


def _verify(path: str, text: str, context: Context) -> list[Diagnostic]:
    """What check-spec would report on the new spec."""
    from spec_hooks import checks
    from spec_hooks.cli import check_file

    running = [prefix for prefix in 'SLTRW'
               if context.settings.runs(prefix)]
    found, _ = check_file(path, context,
                          [checks.check(prefix) for prefix in running],
                          ran=''.join(running), raw=text.encode('utf-8'))
    return found


def write_new(path: str, text: str) -> None:
    """Create ``path`` holding ``text``, and its missing directories: a
    temporary file beside it, linked to its name, so that the spec appears
    whole or not at all, and never in place of a file that appeared
    meanwhile.  Where the file system has no hard links, the file is
    created exclusively and written."""
    directory = os.path.dirname(path) or os.curdir
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise Refused(f'cannot create the directory {directory}: '
                      f'{e.strerror}') from None
    data = text.encode('utf-8')
    temporary = _temporary(directory, os.path.basename(path), data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise Refused(f'{path} exists already: spec-hooks new never '
                      f'overwrites a file') from None
    except OSError:
        _create(path, data)
    finally:
        os.unlink(temporary)


def _temporary(directory: str, name: str, data: bytes) -> str:
    """A new file in ``directory`` holding ``data``, on disk."""
    while True:
        path = os.path.join(directory, f'.{name}.{secrets.token_hex(4)}.tmp')
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as e:
            raise Refused(f'cannot write in {directory}: {e.strerror}') \
                from None
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except OSError as e:
            os.close(fd)
            os.unlink(path)
            raise Refused(f'cannot write in {directory}: {e.strerror}') \
                from None
        os.close(fd)
        return path


def _create(path: str, data: bytes) -> None:
    """Create ``path`` exclusively and write ``data``; remove it again if
    the write fails."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise Refused(f'{path} exists already: spec-hooks new never '
                      f'overwrites a file') from None
    except OSError as e:
        raise Refused(f'cannot create {path}: {e.strerror}') from None
    try:
        _write_all(fd, data)
    except OSError as e:
        os.close(fd)
        os.unlink(path)
        raise Refused(f'cannot write {path}: {e.strerror}') from None
    os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


if __name__ == '__main__':
    raise SystemExit(main())
