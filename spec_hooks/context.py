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

import os
from collections.abc import Iterable, Mapping

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
    from spec_hooks.sphinx import Vocabulary


class Context:
    """``templates`` maps each spec path of the run, as given, to its
    template; a path that is itself a template is not in it.  ``names``
    are the directives and roles a parse accepts (None: those of Sphinx
    and every extension spec-hooks knows); ``notes`` what a person should
    know about the run, once."""

    def __init__(
            self, settings: Settings, templates: Mapping[str, Template],
            names: Vocabulary | None = None,
            license_text: str | None = None, notes: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings
        self.templates = dict(templates)
        self.names = names
        self.license_text = license_text  # of license-file, if set
        self.notes = notes

    def template(self, spec: Spec) -> Template:
        return self.templates[spec.path]


def build(
        settings: Settings, paths: Iterable[str], *, outline: bool = False,
        parse: bool = False,
) -> Context:
    """The context for checking ``paths``; with ``outline``, every
    template's section outline is parsed and validated too (the structure
    check needs it); with ``parse`` or ``outline``, the project's Sphinx
    configuration is read for the names a parse accepts.  Raises
    ConfigError or TemplateError."""
    names = _names(settings) if parse or outline else None
    loaded: dict[str, Template] = {}
    templates: dict[str, Template] = {}
    for path in paths:
        template_path = settings.template_for(path)
        if is_same_file(path, template_path):
            continue  # a template is not a spec
        if template_path not in loaded:
            loaded[template_path] = _load(template_path, names, outline)
        templates[path] = loaded[template_path]
    notes = list(names.notes if names else ())
    if settings.template_history:
        templates = _as_they_were(templates, names, outline, notes)
    return Context(settings, templates, names, _license_text(settings),
                   tuple(notes))


def _as_they_were(
        templates: dict[str, Template], names: Vocabulary | None,
        outline: bool, notes: list[str],
) -> dict[str, Template]:
    """Each spec's template as it was in the commit that added the spec;
    today's where git knows no history, the spec is new, or the template
    did not exist yet (that with a note)."""
    from spec_hooks import history

    found = history.read(os.curdir, templates)
    if found is None:
        return templates
    then = {
        path: (commit, relative) for path, template in templates.items()
        for commit in [found.added_in(path)]
        for relative in [found.relative(template.path)]
        # the built-in template has no history in the user's repository
        if commit and relative and template.path != DEFAULT_TEMPLATE
    }
    contents = found.contents(then.values())
    versions: dict[bytes, Template] = {}
    younger: dict[str, int] = {}
    aged = dict(templates)
    for path, (commit, relative) in then.items():
        today = templates[path]
        data = contents.get((commit, relative))
        if data is None:
            younger[today.path] = younger.get(today.path, 0) + 1
        elif data != today.spec.raw:
            if data not in versions:
                versions[data] = _version(today, commit, data, names,
                                          outline, notes)
            aged[path] = versions[data]
    notes.extend(
        f'{count} spec(s) are older than their template {path}: checked '
        f"against today's version" for path, count in sorted(younger.items())
    )
    return aged


def _version(
        today: Template, commit: str, data: bytes, names: Vocabulary | None,
        outline: bool, notes: list[str],
) -> Template:
    """The template as it was in ``commit``; today's if that one is no
    usable template."""
    label = f'{today.path}@{commit[:12]}'
    try:
        template = Template(Spec(label, data, names))
        if outline:
            template.title  # noqa: B018  parses and validates the outline
        elif not any(b.kind == 'title' for b in template.spec.blocks):
            raise TemplateError(f'{label}: template has no title')
    except (BadInput, TemplateError) as e:
        notes.append(f"{label} is no usable template ({e}): checked against "
                     f"today's version")
        return today
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


def _license_text(settings: Settings) -> str | None:
    path = settings.license_file
    if path is None:
        return None
    try:
        text = Spec.read(path).text
    except BadInput as e:
        raise ConfigError(f'license-file {path}: {e.message}') from None
    if not any(character.isalnum() for character in text):
        raise ConfigError(f'license-file {path}: has no words to expect')
    return text


__all__ = ['Context', 'TemplateError', 'build']
