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

from collections.abc import Iterable, Mapping

from spec_hooks.config import ConfigError, Settings
from spec_hooks.spec import BadInput, Spec, is_same_file
from spec_hooks.template import Template, TemplateError, load_template
from spec_hooks.vocabulary import Names


class Context:
    """``templates`` maps each spec path of the run, as given, to its
    template; a path that is itself a template is not in it."""

    def __init__(
            self, settings: Settings, templates: Mapping[str, Template],
            names: Names | None = None, license_text: str | None = None,
    ) -> None:
        self.settings = settings
        self.templates = dict(templates)
        self.names = names or Names()
        self.license_text = license_text  # of license-file, if set

    def template(self, spec: Spec) -> Template:
        return self.templates[spec.path]


def build(
        settings: Settings, paths: Iterable[str], *, outline: bool = False,
) -> Context:
    """The context for checking ``paths``; with ``outline``, every
    template's section outline is parsed and validated too (the structure
    check needs it).  Raises ConfigError or TemplateError."""
    names = Names(settings.extra_directives, settings.extra_roles)
    loaded: dict[str, Template] = {}
    templates: dict[str, Template] = {}
    for path in paths:
        template_path = settings.template_for(path)
        if is_same_file(path, template_path):
            continue  # a template is not a spec
        if template_path not in loaded:
            loaded[template_path] = _load(template_path, names, outline)
        templates[path] = loaded[template_path]
    return Context(settings, templates, names, _license_text(settings))


def _load(path: str, names: Names, outline: bool) -> Template:
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
