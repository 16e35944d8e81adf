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
from spec_hooks.template import Template, TemplateError, load_template

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
    return Context(settings, templates, names, _license_text(settings),
                   names.notes if names else ())


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
    template = load_template(path, names)
    if outline:
        template.title  # noqa: B018  parses and validates the outline
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
