"""spec-hooks init: adopt the hooks in an existing specs repository.

Run at the root of the repository: it finds the templates, recognises the
layout (one template; one per release beside the release directories; a
templates directory; variants such as spec-lite beside the full template;
a template in a directory of its own), tries the configurations that fit
on the existing specs with the structure check, keeps the one with the
fewest findings, and writes it into pyproject.toml (or setup.cfg) and a
check-spec entry into .pre-commit-config.yaml.  Everything is worked out
before anything is written: a problem is one line and exit code 2, with
no file changed.
"""
from __future__ import annotations

import collections
import contextlib
import difflib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spec_hooks import __version__
from spec_hooks.blocks import Block
from spec_hooks.cli import EXIT_CLEAN, EXIT_USAGE, UsageParser
from spec_hooks.config import SECTION_INI, ConfigError, Settings, Value
from spec_hooks.spec import BadInput, Spec, read_regular_file
from spec_hooks.template import TemplateError

# Where the hooks are published; --hook-repo names another place.
HOOK_REPOSITORY = 'https://example.org/spec-hooks'
HOOK_ID = 'check-spec'
PRE_COMMIT_CONFIG = '.pre-commit-config.yaml'
# Pages that explain a directory: never specs.
PAGES = ('index.rst', 'README.rst', 'placeholder.rst')
# Directories that hold no specs of the repository's own.
SKIPPED_DIRECTORIES = ('node_modules', 'build', '_build', 'venv')
MAX_LINK_FILE = 300  # bytes: a git symlink checked out as a file is short


class InitError(Exception):
    """Why init cannot go on: one line, exit code 2, nothing written."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = UsageParser(
        prog='spec-hooks init',
        description='Configure spec-hooks for the specs repository at '
                    'DIRECTORY: find its templates and layout, write the '
                    'configuration that fits its specs best and a '
                    'check-spec hook for pre-commit.',
    )
    parser.add_argument(
        'directory', nargs='?', default=os.curdir,
        help='the root of the specs repository (default: here)',
    )
    parser.add_argument(
        '--dry-run', action='store_true',
        help='show what would change, as a unified diff, and write nothing',
    )
    parser.add_argument(
        '--force', action='store_true',
        help='replace an existing spec-hooks section of the config file',
    )
    parser.add_argument(
        '--hook-repo', metavar='URL', default=HOOK_REPOSITORY,
        help=f'the repository pre-commit fetches the hooks from (default: '
             f'{HOOK_REPOSITORY})',
    )
    args = parser.parse_args(argv)
    try:
        with _inside(args.directory):
            return _init(args.dry_run, args.force, args.hook_repo)
    except InitError as e:
        print(f'error: {e}', file=sys.stderr)
        return EXIT_USAGE


@contextlib.contextmanager
def _inside(directory: str) -> Iterator[None]:
    """Work from ``directory``, as the hooks do from the repository root:
    config lookup, template history and relative paths start there."""
    if not os.path.isdir(directory):
        raise InitError(f'{directory}: not a directory')
    before = os.getcwd()
    try:
        os.chdir(directory)
    except OSError as e:
        raise InitError(f'{directory}: cannot enter: {e.strerror}') from None
    try:
        yield
    finally:
        os.chdir(before)


def _init(dry_run: bool, force: bool, hook_repo: str) -> int:
    config_file(force)  # refuse before the long part
    tree = survey(os.curdir)
    candidates = candidate_configs(tree)
    scores = score(tree, candidates)
    chosen = min(candidates, key=lambda c: (scores[c.name], len(c.rules)))
    findings = all_findings(tree, chosen)
    config_path, config_text = config_change(chosen, force)
    hook_text = pre_commit_change(chosen, tree, hook_repo)
    print(summary(tree, candidates, scores, chosen, findings), end='')
    changes = [(config_path, config_text),
               (PRE_COMMIT_CONFIG, hook_text)]
    if dry_run:
        print(''.join(_diff(path, text) for path, text in changes), end='')
        return EXIT_CLEAN
    _write_all([(path, text) for path, text in changes if text is not None])
    for path, text in changes:
        print(f'wrote {path}' if text is not None else
              f'{path}: already uses {hook_repo}; left as it is')
    print(_next_steps(findings))
    return EXIT_CLEAN


# The repository: templates, copies of them, specs and other pages.

@dataclass
class Tree:
    """What init found under the root; paths relative, with '/'."""

    spec_root: str  # the directory that holds the specs ('.' for the root)
    templates: list[str] = field(default_factory=list)
    # A git symlink (or the small file a checkout without symlinks makes
    # of one), or a byte copy of a template: path -> what it stands for.
    aliases: dict[str, str] = field(default_factory=dict)
    specs: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    directories: set[str] = field(default_factory=set)


def survey(root: str) -> Tree:
    """Every .rst file under ``root`` (hidden directories skipped),
    sorted into templates, aliases, specs and pages."""
    files, directories = _rst_files(root)
    spec_root = 'specs' if 'specs' in directories else os.curdir
    aliases = {path: target for path in files
               for target in [_alias_target(root, path)] if target}
    real = [path for path in files if path not in aliases]
    # Templates stand in the specs' directory tree, or at the root.
    named = [path for path in real if _template_stem(path) is not None
             and (_below(path, spec_root) or '/' not in path)]
    templates = [path for path in named
                 if _is_template(path, named, directories)]
    if not templates:
        raise InitError("no template found: no file named 'template.rst' "
                        "or '<name>-template.rst' (run init at the root of "
                        'the specs repository)')
    for template in templates:
        _read(root, template)
    # A regular file with a template's bytes is a copy of it.
    contents = {_read(root, path): path for path in reversed(templates)}
    for path in list(templates):
        original = contents[_read(root, path)]
        if original != path:
            templates.remove(path)
            aliases[path] = original
    inside = [path for path in real if path not in templates
              and path not in aliases and _below(path, spec_root)]
    _read_all(root, inside)
    titles = {title.casefold() for template in templates
              for title in _titles(_blocks(root, template))[1:]}
    pages = [path for path in inside if os.path.basename(path) in PAGES
             or _is_page(_blocks(root, path), titles)]
    specs = [path for path in inside if path not in pages]
    return Tree(spec_root, sorted(templates), aliases, specs, pages,
                directories)


def _blocks(root: str, path: str) -> list[Block] | None:
    """The text blocks of a file (no parse); None for bad input, which
    the hooks report (E9)."""
    try:
        return Spec(path, _read_bytes(root, path)).blocks
    except BadInput:
        return None


def _titles(blocks: list[Block] | None) -> list[str]:
    return [b.title_text() for b in blocks or () if b.kind == 'title']


def _is_page(blocks: list[Block] | None, template_titles: set[str],
             ) -> bool:
    """An index or a page that points elsewhere: a title, perhaps one
    more, none of the templates' section titles, and a toctree or at
    most two blocks of text."""
    titles = _titles(blocks)
    if blocks is None or len(titles) > 2 or any(
            title.casefold() in template_titles for title in titles[1:]):
        return False
    first = next((n for n, b in enumerate(blocks) if b.kind == 'title'),
                 len(blocks))
    text = [b for b in blocks[first:] if b.kind not in ('title', 'comment',
                                                       'target')]
    return len(text) <= 2 or any(
        b.kind == 'directive' and b.name == 'toctree' for b in text)


OPTIONAL = re.compile(
    r'\b(?:this|the) section is optional\b|\bis an optional section\b|'
    r'^optional section\b', re.IGNORECASE)


def optional_sections(root: str, templates: list[str]) -> list[str]:
    """The section titles the templates call optional in their own text:
    "This is an optional section", "Optional section ...", "<title> is
    optional"."""
    found: dict[str, None] = {}
    for template in templates:
        title = None
        spec = Spec(template, _read(root, template).encode())
        for block in spec.blocks:
            if block.kind == 'title':
                title = block.title_text()
            elif title and block.kind in ('paragraph', 'item') and (
                    OPTIONAL.search(block.text.lstrip('*- ')) or
                    re.search(rf'\b{re.escape(title)} is optional\b',
                              block.text, re.IGNORECASE)):
                found.setdefault(title)
    return list(found)


def _rst_files(root: str) -> tuple[list[str], set[str]]:
    files: list[str] = []
    directories: set[str] = set()
    for top, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(
            d for d in subdirectories
            if not d.startswith('.') and d not in SKIPPED_DIRECTORIES
        )
        relative = os.path.relpath(top, root).replace(os.sep, '/')
        prefix = '' if relative == '.' else f'{relative}/'
        directories.update(f'{prefix}{d}' for d in subdirectories)
        files += [f'{prefix}{name}' for name in sorted(names)
                  if name.endswith('.rst')]
    return files, directories


def _alias_target(root: str, path: str) -> str | None:
    """What ``path`` stands for when it is a link inside the repository,
    as git checks symlinks out, or the file holding a link's target that
    a checkout without symlinks makes of one."""
    full = os.path.join(root, path)
    base = os.path.realpath(root)
    if os.path.islink(full):
        target = os.path.realpath(full)
        inside = target.startswith(base + os.sep)
        # A link out of the repository is the file itself (a link farm).
        return os.path.relpath(target, base).replace(os.sep, '/') \
            if inside else None
    try:
        if os.path.getsize(full) > MAX_LINK_FILE:
            return None
        text = _read(root, path).strip()
    except InitError:
        return None
    if '\n' in text or not text.endswith('.rst'):
        return None
    target = os.path.normpath(os.path.join(os.path.dirname(path), text))
    return target.replace(os.sep, '/') if os.path.isfile(
        os.path.join(root, target)) else None


def _template_stem(path: str) -> str | None:
    """'' for template.rst; the name before '-template' or '_template';
    None for any other file."""
    stem = os.path.basename(path)[:-len('.rst')]
    if stem == 'template':
        return ''
    for separator in ('-', '_'):
        if stem.endswith(f'{separator}template'):
            return stem[:-len('-template')]
    return None


def _is_template(path: str, named: list[str], directories: set[str],
                 ) -> bool:
    """template.rst is a template; '<name>-template.rst' where a directory
    '<name>' exists (a release's), where a template.rst stands beside it
    (a variant: spec-lite), or in a templates directory.  Anything else
    with 'template' in its name is a spec about templates."""
    stem = _template_stem(path)
    if not stem:
        return stem == ''
    parent = os.path.dirname(path)
    beside = os.path.join(parent, 'template.rst') if parent else \
        'template.rst'
    return any(d.rsplit('/', 1)[-1] == stem for d in directories) or \
        beside in named or os.path.basename(parent) == 'templates'


def _below(path: str, directory: str) -> bool:
    return directory == os.curdir or path.startswith(f'{directory}/')


def _read_bytes(root: str, path: str) -> bytes:
    try:
        return read_regular_file(os.path.join(root, path))
    except OSError as e:
        reason = e.strerror or str(e)
        raise InitError(f'{path}: cannot read: {reason}') from None


def _read(root: str, path: str) -> str:
    """A template's or config file's text: UTF-8, as the hooks read it."""
    raw = _read_bytes(root, path)
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        raise InitError(f'{path}: cannot read: not valid UTF-8') from None


def _read_all(root: str, paths: list[str]) -> None:
    """Refuse a file that cannot be read at all (a spec that is not UTF-8
    is read, and reported by the hook as E902)."""
    for path in paths:
        _read_bytes(root, path)


# Candidate configurations.

@dataclass
class Candidate:
    """One configuration: its values (as the config file takes them, in
    the order written) and what it assumes, in words."""

    name: str
    layout: str
    values: dict[str, Value]
    rules: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Roles:
    """What each template is for."""

    main: str | None
    # '<name>' -> its template, where directories '<name>' hold its specs
    per_directory: dict[str, str]
    # a template.rst in a directory below the main one: for that directory
    own: list[str]
    variants: list[str]  # beside the main template: spec-lite, new-library


def roles(tree: Tree) -> Roles:
    plain = [t for t in tree.templates if _template_stem(t) == '']
    main = min(plain, key=lambda t: (t.count('/'), t), default=None)
    per_directory: dict[str, str] = {}
    variants: list[str] = []
    # A link named as a release's template ('backlog-template.rst ->
    # 2027.1-template.rst') is that release's template; of a template and
    # a link to it, the template itself.
    for template in [*tree.templates, *sorted(tree.aliases)]:
        stem = _template_stem(template)
        if not stem:
            continue
        if any(d.rsplit('/', 1)[-1] == stem for d in tree.directories):
            per_directory.setdefault(stem, template)
        elif template in tree.templates:
            variants.append(template)
    own = [t for t in plain if t != main]
    return Roles(main, per_directory, own, variants)


def candidate_configs(tree: Tree) -> list[Candidate]:
    """The configurations worth trying: with per-directory templates and
    variants; without the variants; and the main template alone."""
    role = roles(tree)
    candidates = []
    if role.per_directory or role.own or role.variants:
        candidates.append(_layered(tree, role, variants=True))
        if role.variants:
            candidates.append(_layered(tree, role, variants=False))
    if role.main is not None:
        candidates.append(_single(tree, role))
    return candidates


def _single(tree: Tree, role: Roles) -> Candidate:
    assert role.main is not None
    others = [t for t in tree.templates if t != role.main]
    values: dict[str, Value] = {'template': role.main}
    _add_optional(values, [role.main])
    _add_excludes(values, tree, others, [])
    return Candidate('single', f'one template, {role.main}', values,
                     notes=[f'{t} is not used' for t in others])


def _layered(tree: Tree, role: Roles, variants: bool) -> Candidate:
    rules: list[tuple[str, list[str]]] = []
    notes: list[str] = []
    layout: list[str] = []
    excluded: list[str] = []
    generic = _release_rule(tree, role)
    named = dict(role.per_directory)
    if generic is not None:
        for stem in [s for s in named if _in(tree, generic[0], s)]:
            del named[stem]
    for stem, template in sorted(named.items()):
        rules.append((_under(tree, f'**/{stem}/**/*.rst'), [template]))
        layout.append(f'{stem}/ directories have {template}')
    for template in role.own:
        directory = os.path.dirname(template)
        rules.append((f'{directory}/**/*.rst', [template]))
        layout.append(f'{directory}/ has its own template')
    if generic is not None:
        parent, pattern, release_template, orphans = generic
        for orphan in orphans:
            if role.main is not None:
                rules.append((f'{parent}/{orphan}/**/*.rst', [role.main]))
            else:
                excluded.append(f'{parent}/{orphan}/**')
                notes.append(f'{parent}/{orphan}/ has no template of its '
                             f'own: excluded')
    if generic is not None:
        rules.append((pattern, [release_template]))
        where = 'in a templates directory' \
            if '/templates/' in f'/{release_template}' \
            else 'beside the release directories'
        layout.insert(0, f'one template per release, {where} '
                      f'({release_template})')
    used = list(role.variants) if variants else []
    if role.main is not None and used:
        for variant in used:
            prefix = f'{_template_stem(variant)}-'
            if any(os.path.basename(s).startswith(prefix)
                   for s in tree.specs):
                rules.append((_under(tree, f'**/{prefix}*.rst'), [variant]))
        rules.append((_under(tree, '**/*.rst'), [role.main, *used]))
        layout.append(f'variants beside {role.main}: '
                      f'{", ".join(used)} (each spec is checked against '
                      f'the one it fits best)')
    values: dict[str, Value] = {}
    if role.main is not None:
        values['template'] = role.main
    unused = [t for t in role.variants if t not in used]
    _add_optional(values, [t for _, targets in rules for t in targets
                           if '{' not in t] + _filled(tree, rules))
    _add_excludes(values, tree, unused, excluded)
    notes += [f'{t} is not used' for t in unused]
    values['templates'] = {pattern: targets for pattern, targets in rules}
    name = 'layered' if variants else 'layered without variants'
    return Candidate(name, '; '.join(layout) or 'one template',
                     values, rules, notes)


def _under(tree: Tree, glob: str) -> str:
    return glob if tree.spec_root == os.curdir else \
        f'{tree.spec_root}/{glob}'


def _in(tree: Tree, parent: str, stem: str) -> bool:
    return f'{parent}/{stem}' in tree.directories


def _release_rule(
        tree: Tree, role: Roles,
) -> tuple[str, str, str, list[str]] | None:
    """Where two or more templates are named '<release>-template.rst' in
    one directory, for directories '<release>' of one parent: the parent,
    the rule's pattern and template, and the parent's directories with
    specs but no template (orphans)."""
    groups: dict[tuple[str, str, str], list[str]] = \
        collections.defaultdict(list)
    for stem, template in role.per_directory.items():
        separator = os.path.basename(template)[len(stem)]
        for directory in sorted(tree.directories):
            parent, _, name = directory.rpartition('/')
            if name == stem:
                groups[parent, os.path.dirname(template), separator].append(
                    stem)
    if not groups:
        return None
    (parent, home, separator), stems = max(
        groups.items(), key=lambda item: len(item[1]))
    if len(stems) < 2:
        return None
    with_specs = {
        path[len(parent) + 1:].split('/', 1)[0] for path in tree.specs
        if path.startswith(f'{parent}/') and
        '/' in path[len(parent) + 1:]
    }
    orphans = sorted(with_specs - set(stems))
    prefix = f'{home}/' if home else ''
    return (parent, f'{parent}/{{release}}/**/*.rst',
            f'{prefix}{{release}}{separator}template.rst', orphans)


def _add_optional(values: dict[str, Value], templates: list[str]) -> None:
    found = optional_sections(os.curdir, list(dict.fromkeys(templates)))
    if found:
        values['optional-sections'] = found


def _filled(tree: Tree, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The templates a rule's '{release}' can name."""
    wanted = [re.compile(glob_regex(t.replace('{release}', '*')))
              for _, targets in rules for t in targets if '{' in t]
    return [t for t in [*tree.templates, *tree.aliases]
            if any(w.fullmatch(t) for w in wanted)]


def _add_excludes(values: dict[str, Value], tree: Tree,
                  templates: list[str], excluded: list[str]) -> None:
    """Pages, copies of templates and templates the candidate does not
    use are no specs.  (A symlink needs no pattern: pre-commit hands
    none to a hook, and a link to a template is known by its target.)"""
    names = collections.Counter(os.path.basename(s) for s in tree.specs)
    patterns = _grouped(tree, tree.pages, names)
    copies = [a for a in tree.aliases
              if _below(a, tree.spec_root) and not os.path.islink(a)]
    patterns += _grouped(tree, copies, names)
    patterns += [t for t in templates if _below(t, tree.spec_root)]
    patterns += excluded
    if patterns:
        values['exclude'] = patterns


def _grouped(tree: Tree, paths: list[str], names: collections.Counter[str],
             ) -> list[str]:
    """Patterns for ``paths``: '**/<name>' where no spec has that name,
    else each path."""
    patterns = []
    for name in sorted({os.path.basename(p) for p in paths}):
        if not names[name]:
            patterns.append(_under(tree, f'**/{name}'))
        else:
            patterns += sorted(p for p in paths
                               if os.path.basename(p) == name)
    return patterns


# Trying them.

def settings_of(candidate: Candidate) -> Settings:
    """The candidate as the hooks will read it from the config file."""
    from spec_hooks import config

    values = {key: default for key, (_, default) in config.OPTIONS.items()}
    try:
        values.update(config._parse_table(
            candidate.values, 'init', os.path.abspath(os.curdir)))
        return Settings(values, os.path.abspath(os.curdir))
    except ConfigError as e:
        raise InitError(f'cannot configure the layout found: {e}') from None


def score(tree: Tree, candidates: list[Candidate]) -> dict[str, int]:
    """The structure findings of each candidate over the specs; each spec
    is read and parsed once for all of them."""
    from spec_hooks import suppression
    from spec_hooks.checks import structure
    from spec_hooks.context import build

    contexts = {}
    for candidate in candidates:
        try:
            contexts[candidate.name] = build(
                settings_of(candidate), tree.specs, outline=True)
        except (ConfigError, TemplateError) as e:
            raise InitError(str(e)) from None
    counts = dict.fromkeys(contexts, 0)
    if len(candidates) < 2:
        return counts  # nothing to choose: the full run counts them
    names = next(iter(contexts.values())).names
    for path in tree.specs:
        try:
            spec = Spec.read(path, names)
        except BadInput:
            continue  # the same for every candidate
        for name, context in contexts.items():
            if path not in context.templates:
                continue
            found = suppression.apply(
                spec, structure.check(spec, context), 'S')
            counts[name] += sum(
                1 for d in found if context.settings.reports(
                    d.code, path, spec.disabled_codes()))
    return counts


def all_findings(tree: Tree, candidate: Candidate,
                 ) -> collections.Counter[str]:
    """Every finding of check-spec over the specs with ``candidate``."""
    from spec_hooks import cli
    from spec_hooks.context import build

    settings = settings_of(candidate)
    running = [prefix for prefix in 'SLTRW' if settings.runs(prefix)]
    try:
        context = build(settings, tree.specs, outline=True, parse=True)
    except (ConfigError, TemplateError) as e:
        raise InitError(str(e)) from None
    job = cli.Job(context, running, fix=False)
    results = cli._map(job, tree.specs, 0)
    return collections.Counter(
        d.code for found, _ in results for d in found)


# The config file.

def config_file(force: bool) -> tuple[str, bool]:
    """The config file to write, and whether it has a spec-hooks section
    already (which only ``force`` replaces): the one with a section, else
    pyproject.toml where there is one or no setup.cfg, else setup.cfg."""
    for path, has in (('pyproject.toml', _has_toml_section),
                      ('setup.cfg', _has_ini_section)):
        if os.path.exists(path) and has(_read(os.curdir, path)):
            if not force:
                raise InitError(f'{path} already configures spec-hooks; '
                                f'--force replaces that section')
            return path, True
    if os.path.exists('pyproject.toml') or not os.path.exists('setup.cfg'):
        return 'pyproject.toml', False
    return 'setup.cfg', False


def config_change(candidate: Candidate, force: bool) -> tuple[str, str]:
    """The config file to write and its new text."""
    path, replace = config_file(force)
    text = _read(os.curdir, path) if os.path.exists(path) else ''
    if replace:
        return path, _replaced(path, text, candidate)
    return path, _appended(text, render(candidate, path))


def _has_toml_section(text: str) -> bool:
    try:
        tool = _toml().loads(text).get('tool')
    except _toml().TOMLDecodeError as e:
        raise InitError(f'pyproject.toml: invalid TOML: {e}') from None
    return isinstance(tool, dict) and 'spec-hooks' in tool


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def _has_ini_section(text: str) -> bool:
    return any(line.strip() == f'[{SECTION_INI}]'
               for line in text.splitlines())


def render(candidate: Candidate, path: str) -> str:
    """The candidate's section, as TOML or as INI, with a comment that
    says where it came from."""
    import textwrap

    lines = textwrap.wrap(f'Written by spec-hooks init: {candidate.layout}.',
                          77, initial_indent='# ', subsequent_indent='# ',
                          break_on_hyphens=False, break_long_words=False)
    values = candidate.values
    if path.endswith('.toml'):
        lines.insert(0, '[tool.spec-hooks]')
        for key, value in values.items():
            if key != 'templates':
                lines.append(f'{key} = {_toml_value(value)}')
        if values.get('templates'):
            lines += ['', '[tool.spec-hooks.templates]',
                      '# First matching pattern wins.']
            templates = values['templates']
            assert isinstance(templates, dict)
            for pattern, targets in templates.items():
                target = targets[0] if len(targets) == 1 else targets
                lines.append(f'{_toml_value(pattern)} = '
                             f'{_toml_value(target)}')
        return '\n'.join(lines) + '\n'
    lines.insert(0, f'[{SECTION_INI}]')
    for key, value in values.items():
        if isinstance(value, dict):
            lines.append(f'{key} =')
            lines += [f'    {pattern} = {", ".join(targets)}'
                      for pattern, targets in value.items()]
        elif isinstance(value, list):
            lines.append(f'{key} =')
            lines += [f'    {item}' for item in value]
        else:
            lines.append(f'{key} = {value}')
    return '\n'.join(lines) + '\n'


def _toml_value(value: Value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    assert isinstance(value, list)
    if len(value) <= 2 and sum(len(str(v)) for v in value) < 50:
        return '[' + ', '.join(_toml_value(v) for v in value) + ']'
    return '[\n' + ''.join(f'    {_toml_value(v)},\n' for v in value) + ']'


def _appended(text: str, section: str) -> str:
    """``text`` with ``section`` at the end, in the file's line endings."""
    newline = '\r\n' if '\r\n' in text else '\n'
    if text and not text.endswith('\n'):
        text += newline
    if text.strip():
        text += newline
    return text + section.replace('\n', newline)


def _replaced(path: str, text: str, candidate: Candidate) -> str:
    """``text`` with its spec-hooks section (and, in TOML, the tables
    below it) replaced by the candidate's, where the first one stood.
    The result is read back: anything but the section changed refuses."""
    section = render(candidate, path)
    lines = text.splitlines(keepends=True)
    ours = _section_lines(lines, path.endswith('.toml'))
    if not ours:  # dotted keys under [tool]
        raise _cannot_replace(path)
    first = ours[0]
    kept = [line for number, line in enumerate(lines) if number not in ours]
    newline = '\r\n' if '\r\n' in text else '\n'
    new = section.replace('\n', newline)
    if first < len(kept) and kept[first].strip():
        new += newline
    result = ''.join(kept[:first]) + new + ''.join(kept[first:])
    _same_but_ours(path, text, result)
    return result


HEADER = re.compile(r'^\s*\[\[?\s*([^\]\[]+?)\s*\]\]?\s*(#.*)?$')


def _section_lines(lines: list[str], toml: bool) -> list[int]:
    """The numbers of the lines of the spec-hooks section(s)."""
    ours: list[int] = []
    inside = False
    for number, line in enumerate(lines):
        header = HEADER.match(line)
        if header:
            name = header.group(1).replace('"', '').replace("'", '')
            name = '.'.join(part.strip() for part in name.split('.'))
            inside = (name == 'tool.spec-hooks' or
                      name.startswith('tool.spec-hooks.')) if toml else \
                name == SECTION_INI
        if inside:
            ours.append(number)
    return ours


def _same_but_ours(path: str, before: str, after: str) -> None:
    """Refuse a replacement that changed anything but our section."""
    others = _toml_but_ours if path.endswith('.toml') else _ini_but_ours
    try:
        same = others(before) == others(after)
    except ValueError:  # TOMLDecodeError, configparser.Error
        same = False
    if not same:
        raise _cannot_replace(path)


def _cannot_replace(path: str) -> InitError:
    return InitError(f'{path}: cannot replace the spec-hooks section '
                     f'safely (it is written in another form); remove it '
                     f'and run init again')


def _toml_but_ours(text: str) -> object:
    data = _toml().loads(text)
    tool = data.get('tool')
    if isinstance(tool, dict):
        tool.pop('spec-hooks', None)
    return data


def _ini_but_ours(text: str) -> object:
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text)
    except configparser.Error as e:
        raise ValueError(str(e)) from None
    return {name: dict(parser.items(name)) for name in parser.sections()
            if name != SECTION_INI}


# .pre-commit-config.yaml

def pre_commit_change(candidate: Candidate, tree: Tree, hook_repo: str,
                      ) -> str | None:
    """The new text of .pre-commit-config.yaml, or None where it already
    uses ``hook_repo``."""
    entry = _hook_entry(candidate, tree, hook_repo)
    if not os.path.exists(PRE_COMMIT_CONFIG):
        return 'repos:\n' + entry
    text = _read(os.curdir, PRE_COMMIT_CONFIG)
    if re.search(rf'^\s*-?\s*repo:\s*[\'"]?{re.escape(hook_repo)}[\'"]?\s*'
                 rf'(#.*)?$', text, re.MULTILINE):
        return None
    return _inserted(text, entry)


def _hook_entry(candidate: Candidate, tree: Tree, hook_repo: str) -> str:
    lines = [f'-   repo: {hook_repo}', f'    rev: v{__version__}',
             '    hooks:', f'    -   id: {HOOK_ID}']
    if tree.spec_root != os.curdir:
        lines.append(f'        files: ^{re.escape(tree.spec_root)}/')
    skipped = [*candidate.values.get('exclude', ()),  # type: ignore[misc]
               *_template_globs(candidate)]
    if skipped:
        regex = '|'.join(glob_regex(glob) for glob in skipped)
        lines.append(f"        exclude: '^({regex})$'")
    return ''.join(f'{line}\n' for line in lines)


def _template_globs(candidate: Candidate) -> list[str]:
    found = []
    template = candidate.values.get('template')
    if isinstance(template, str):
        found.append(template)
    for _, targets in candidate.rules:
        found += [t.replace('{release}', '*') for t in targets]
    return list(dict.fromkeys(found))


def glob_regex(glob: str) -> str:
    """A config pattern as a regular expression for pre-commit."""
    out = []
    for token in re.split(r'(\*\*/|\*\*|\*|\?)', glob):
        out.append({'**/': '([^/]+/)*', '**': '.*', '*': '[^/]*',
                    '?': '[^/]'}.get(token) or re.sub(
            r'([.^$+(){}\[\]|\\])', r'\\\1', token))
    return ''.join(out)


def _inserted(text: str, entry: str) -> str:
    """``entry`` as the last item of the ``repos:`` list of ``text``."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines)
                  if re.match(r'repos\s*:\s*(#.*)?$', line)), None)
    if start is None:
        raise InitError(f'{PRE_COMMIT_CONFIG}: no block list "repos:" to '
                        f'add the hook to')
    end, indent = start + 1, None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        if indent is None:
            item = re.match(r'(\s*)-\s', line)
            indent = item.group(1) if item else ''
        if not line.startswith((' ', '\t', '-')):
            break
        end = number + 1
    newline = '\r\n' if '\r\n' in text else '\n'
    block = ''.join(f'{indent or ""}{line}' for line in
                    entry.splitlines(keepends=True)).replace('\n', newline)
    before = ''.join(lines[:end])
    if before and not before.endswith('\n'):
        before += newline
    return before + block + ''.join(lines[end:])


# Output.

def summary(tree: Tree, candidates: list[Candidate], scores: dict[str, int],
            chosen: Candidate, findings: collections.Counter[str]) -> str:
    from spec_hooks.checks.license import License
    from spec_hooks.template import load_template

    at_end = []
    for template in tree.templates:
        found = License.from_template(load_template(template).spec)
        if found is not None and found.position == 'end':
            at_end.append(template)
    lines = [f'layout: {chosen.layout}',
             f'templates: {", ".join(tree.templates)}']
    if at_end:
        lines.append(f'license: at the end of {", ".join(at_end)}: specs '
                     f'carry it there too')
    aliases = len(tree.aliases)
    lines.append(f'specs: {len(tree.specs)} under {tree.spec_root}/ '
                 f'({len(tree.pages)} index, README or placeholder pages and '
                 f'{aliases} links or copies are no specs)')
    if len(candidates) > 1:
        tried = ', '.join(f'{c.name}: {scores[c.name]}' for c in candidates)
        lines.append(f'structure findings per configuration: {tried}; '
                     f'chosen: {chosen.name}')
    lines += [f'note: {note}' for note in chosen.notes]
    total = sum(findings.values())
    per_code = ' '.join(f'{code}={n}' for code, n in sorted(
        findings.items()))
    lines.append(f'findings on the existing specs: {total}'
                 f'{": " + per_code if per_code else ""}')
    return ''.join(f'{line}\n' for line in lines)


def _next_steps(findings: collections.Counter[str]) -> str:
    steps = ['pre-commit install']
    if findings:
        steps.insert(0, 'spec-hooks baseline')
    return 'next: ' + ' && '.join(steps)


def _diff(path: str, text: str | None) -> str:
    if text is None:
        return ''
    old = _read(os.curdir, path) if os.path.exists(path) else ''
    return ''.join(difflib.unified_diff(
        old.splitlines(keepends=True), text.splitlines(keepends=True),
        f'a/{path}', f'b/{path}'))


def _write_all(changes: list[tuple[str, str]]) -> None:
    """Write every file whole or none: each is written beside itself
    first, keeping an existing file's mode, then all are moved in."""
    staged: list[tuple[str, str]] = []
    try:
        for path, text in changes:
            staged.append((_staged(path, text), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as e:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise InitError(f'cannot write: {e.strerror}: {e.filename}'
                        ) from None


def _staged(path: str, text: str) -> str:
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(dir=directory, prefix='.spec-hooks-')
    try:
        with os.fdopen(fd, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        if os.path.exists(path):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
    except OSError:
        os.unlink(temporary)
        raise
    return temporary


if __name__ == '__main__':
    raise SystemExit(main())
