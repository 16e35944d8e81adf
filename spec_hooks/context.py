"""The run context: everything a run needs besides the specs themselves.

Built once, before any spec is read or written: the settings, every
template the run needs (loaded and validated), the license files' text and
the directive and role names a parse accepts.  Nothing changes it
afterwards, so no result depends on the order of files, on worker
processes, or on what ran before in the same process.  A bad configuration
or template stops the run here, with exit code 2, before any file is
touched.
"""
from __future__ import annotations

import collections
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from spec_hooks.config import ConfigError, Settings
from spec_hooks.spec import BadInput, Spec, is_same_file
from spec_hooks.template import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    load_template,
)

TYPE_CHECKING = False  # typing and the Sphinx layer cost start-up time
if TYPE_CHECKING:
    from spec_hooks.diagnostics import Diagnostic
    from spec_hooks.history import History
    from spec_hooks.sphinx import Vocabulary

# The commit a version of a template was read from, as its path names it.
VERSION = re.compile(r'[0-9a-f]{12}')


class Context:
    """``templates`` maps each spec path of the run, as given, to the
    templates that apply to it: one as a rule, several where a
    ``templates`` entry lists them, none where no template applies.  A path
    that is no spec (excluded, or a template) is not in it.  ``names``
    are the directives and roles a parse accepts (None: those of Sphinx
    and every extension spec-hooks knows); ``notes`` what a person should
    know about the run, once."""

    def __init__(
            self, settings: Settings,
            templates: Mapping[str, Template | Sequence[Template]],
            names: Vocabulary | None = None,
            license_texts: Sequence[str] = (), notes: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings
        self.templates = {
            path: (found,) if isinstance(found, Template) else tuple(found)
            for path, found in templates.items()
        }
        self.names = names
        self.license_texts = tuple(license_texts)  # of license-file
        self.notes = notes
        # The template each spec with several fits best, by its bytes: a
        # cache of what the spec alone decides, not a change of the run.
        self._chosen: dict[str, tuple[bytes, Template]] = {}

    def template(self, spec: Spec) -> Template | None:
        """The template ``spec`` is checked against: of several, the one it
        fits best (see ``structure.best_fit``); None where no template
        applies."""
        candidates = self.templates[spec.path]
        if len(candidates) < 2:
            return next(iter(candidates), None)
        raw, chosen = self._chosen.get(spec.path, (None, None))
        if chosen is None or raw != spec.raw:
            from spec_hooks.checks.structure import best_fit

            chosen = best_fit(spec, candidates, self.settings)
            self._chosen[spec.path] = (spec.raw, chosen)
        return chosen

    def versions(self, spec: Spec) -> tuple[Template, ...]:
        """The versions of the template ``spec`` is checked against:
        today's and, with template history, the one the spec was written
        to."""
        template = self.template(spec)
        if template is None:
            return ()
        return tuple(t for t in self.templates[spec.path]
                     if unversioned(t.path) == unversioned(template.path))

    def in_every_version(
            self, spec: Spec,
            findings: Callable[[Template], Iterable[Diagnostic]],
    ) -> Iterator[Diagnostic]:
        """The ``findings`` against the template ``spec`` is checked
        against that every other of its ``versions`` has too: the spec met
        its template at some time in its life, so what one version of it
        accepts is no news.  A finding is the same where its code and the
        title it names first agree (a missing section is reported where
        each version puts it), or, naming none, its code and line."""
        template = self.template(spec)
        if template is None:
            return
        others = [collections.Counter(map(_identity, findings(version)))
                  for version in self.versions(spec)
                  if version is not template]
        for found in findings(template):
            identity = _identity(found)
            if all(other[identity] > 0 for other in others):
                for other in others:
                    other[identity] -= 1
                yield found

    def against(self, spec: Spec) -> str:
        """What a finding of a template-derived rule adds to its message:
        which template, where it is not the first that applies; for a
        version of a template as it was in a commit, which commit."""
        template = self.template(spec)
        candidates = self.templates[spec.path]
        if template is None or template is candidates[0]:
            return ''
        path, at, commit = template.path.rpartition('@')
        if at and VERSION.fullmatch(commit):
            return f' (against {self.settings.relative(path)} as of {commit})'
        return f' (against {self.settings.relative(template.path)})'


def build(
        settings: Settings, paths: Iterable[str], *, outline: bool = False,
        parse: bool = False,
) -> Context:
    """The context for checking ``paths``; with ``outline``, every
    template's section outline is parsed and validated too (the structure
    check needs it, and so does the choice among several templates); with
    ``parse`` or ``outline``, the project's Sphinx configuration is read
    for the names a parse accepts.  Raises ConfigError or TemplateError."""
    specs: dict[str, tuple[str, ...]] = {}
    for path in paths:
        if not settings.is_spec(path):
            continue
        found = settings.templates_for(path)
        if any(is_same_file(path, template) for template in found):
            continue  # a template is not a spec
        specs[path] = found
    own = {t for found in specs.values() for t in found} - {DEFAULT_TEMPLATE}
    # The built-in template has no history in the user's repository.
    known = _history(specs, own) if settings.template_history and own \
        else None
    # A spec git knows may get two versions of its template to choose
    # from, and the choice reads outlines.
    several = any(len(t) > 1 for _, t in settings.templates) or \
        bool(known and known.lives)
    names = _names(settings) if parse or outline or several else None
    loaded: dict[tuple[str, bool], Template] = {}

    def load(template_path: str, parsed: bool) -> Template:
        if (template_path, parsed) not in loaded:
            loaded[template_path, parsed] = _load(template_path, names,
                                                  parsed)
        return loaded[template_path, parsed]

    templates = {
        path: tuple(load(t, outline or len(found) > 1) for t in found)
        for path, found in specs.items()
    }
    notes = list(names.notes if names else ())
    if known is not None:
        templates = _as_they_were(templates, known, names, load, notes)
    return Context(settings, templates, names, _license_texts(settings),
                   tuple(notes))


def _history(specs: Iterable[str], templates: Iterable[str],
             ) -> History | None:
    from spec_hooks import history

    return history.read(os.curdir, specs, templates)


# The first title a message names.
NAMED = re.compile(r"'([^']*)'")


def _identity(found: Diagnostic) -> tuple[str, str | int]:
    named = NAMED.search(found.message)
    return found.code, named.group(1) if named else found.line


def unversioned(path: str) -> str:
    """A template's path without the commit of its version."""
    base, at, commit = path.rpartition('@')
    return base if at and VERSION.fullmatch(commit) else path


def _as_they_were(
        templates: dict[str, tuple[Template, ...]], found: History,
        names: Vocabulary | None, load: Callable[[str, bool], Template],
        notes: list[str],
) -> dict[str, tuple[Template, ...]]:
    """Each spec's templates as they are, each followed by its versions
    in the spec's life that differ from it (see ``History.versions``): the
    spec is checked against the one it fits best, so a section the
    template gained later is not demanded of it, nor one the template has
    dropped since, and a structure finding stands only where every version
    has it.  Of versions that fit alike, today's: history then changes
    nothing, and the findings speak of the template a person reads.
    Today's alone where git knows no history, the spec is new, or the
    template did not exist in the spec's life (that with a note)."""
    then = {
        (path, index): versions
        for path, candidates in templates.items()
        for index, template in enumerate(candidates)
        # the built-in template has no history in the user's repository
        if template.path != DEFAULT_TEMPLATE and found.relative(template.path)
        for versions in [found.versions(path, template.path)]
        if versions is not None
    }
    contents = found.contents(v for versions in then.values()
                              for v in versions)
    parsed: dict[bytes, Template | None] = {}
    younger: dict[str, int] = {}
    aged: dict[str, list[tuple[Template, ...]]] = {
        path: [(t,) for t in candidates]
        for path, candidates in templates.items()
    }
    for (path, index), versions in then.items():
        today = templates[path][index]
        read = [(commit, contents[commit, name]) for commit, name in versions
                if (commit, name) in contents]
        if not read:
            younger[today.path] = younger.get(today.path, 0) + 1
        older: list[Template] = []
        for commit, data in read:
            if data == today.spec.raw:
                continue
            if data not in parsed:
                parsed[data] = _version(today, commit, data, names, notes)
            version = parsed[data]
            if version is not None and version not in older:
                older.append(version)
        if older:
            aged[path][index] = (load(today.path, True), *older)
    notes.extend(
        f'{count} spec(s) are older than their template {path}: checked '
        f"against today's version" for path, count in sorted(younger.items())
    )
    return {path: tuple(t for pair in pairs for t in pair)
            for path, pairs in aged.items()}


def _version(
        today: Template, commit: str, data: bytes, names: Vocabulary | None,
        notes: list[str],
) -> Template | None:
    """The template as it was in ``commit``, its outline validated; None
    if that one is no usable template."""
    label = f'{today.path}@{commit[:12]}'
    try:
        template = Template(Spec(label, data, names))
        template.title  # noqa: B018  parses and validates the outline
    except (BadInput, TemplateError) as e:
        notes.append(f"{label} is no usable template ({e}): checked against "
                     f"today's version")
        return None
    return template


def _names(settings: Settings) -> Vocabulary:
    """What the project's conf.py (read, never run) and the config's
    extra names let a spec use."""
    from spec_hooks import sphinx

    path = settings.sphinx_conf or _find_conf(settings.root)
    try:
        conf = sphinx.read_conf(path) if path else None
    except sphinx.ConfError as e:
        raise ConfigError(f'sphinx-conf: {e}') from None
    return sphinx.vocabulary(conf, settings.extra_directives,
                             settings.extra_roles)


def _find_conf(root: str) -> str | None:
    """conf.py under the config file's directory, else under the git work
    tree's top."""
    from spec_hooks import sphinx

    found = sphinx.find_conf(root)
    if found is None:
        top = _work_tree(root)
        if top is not None and top != root:
            found = sphinx.find_conf(top)
    return found


def _work_tree(directory: str) -> str | None:
    while True:
        if os.path.exists(os.path.join(directory, '.git')):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _load(path: str, names: Vocabulary | None, outline: bool) -> Template:
    """The template at ``path``; with ``outline``, its outline parsed and
    validated, or, where a run before did that, taken from the cache."""
    template = load_template(path, names)
    if not outline:
        return template
    from spec_hooks import cache

    entry = cache.key(template.spec.raw, names)
    title = cache.load(entry)
    if title is not None:
        return Template(template.spec, title)
    cache.store(entry, template.title)
    return template


def _license_texts(settings: Settings) -> tuple[str, ...]:
    return tuple(_license_text(path) for path in settings.license_file)


def _license_text(path: str) -> str:
    try:
        text = Spec.read(path).text
    except BadInput as e:
        raise ConfigError(f'license-file {path}: {e.message}') from None
    if not any(character.isalnum() for character in text):
        raise ConfigError(f'license-file {path}: has no words to expect')
    return text


__all__ = ['Context', 'TemplateError', 'build']
