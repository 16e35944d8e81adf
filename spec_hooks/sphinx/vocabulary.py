"""The directives, roles and substitutions a spec may use, and why not.

With a conf.py, a spec may use docutils' names, Sphinx's and those of the
extensions conf.py loads (from the table, read from a local module next to
conf.py, or learned from the installed module); without one, those of
every extension in the table.  Sphinx looks an unprefixed name up in the
primary domain (``py`` unless conf.py says otherwise), then in ``std``,
then among the generic names: so does this.
"""
from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

from spec_hooks.sphinx import core
from spec_hooks.sphinx.conf import ConfError, SphinxConf, prolog_names
from spec_hooks.sphinx.conf import read_extension as read_local
from spec_hooks.sphinx.extensions import (
    CONFIG_DIRECTIVES,
    CONFIG_ROLES,
    EXTENSIONS,
    INTERSPHINX,
)
from spec_hooks.sphinx.learn import learn
from spec_hooks.sphinx.names import DirectiveSpec, Names, merge

Kind = Literal['directive', 'role']
HINT_CUTOFF = 0.7  # difflib ratio from which an unknown name is a typo
# intersphinx's roles: external[+inventory]:[domain:]role
EXTERNAL = re.compile(r'(?P<prefix>external(?:\+[^:]+)?:)(?P<role>.+)')
OPTIONS = {'directive': 'extra-directives', 'role': 'extra-roles'}


class Vocabulary:
    """Every name a spec may use, built once per configuration.

    ``directives`` and ``roles`` are the lower-case names to teach
    docutils (those it does not handle itself); ``overridden`` the
    directive names docutils knows that Sphinx (or the primary domain)
    means differently: see ``directive_spec``.  intersphinx's
    ``external:`` roles have no fixed names: ask ``knows_role``.
    """

    def __init__(
            self, names: Names, primary_domain: str | None,
            conf: SphinxConf | None, loaded: Iterable[str],
            unknown: Iterable[str], substitutions: Iterable[str],
            notes: Iterable[str],
    ) -> None:
        self.primary_domain = primary_domain
        self.default_domains = _default_domains(primary_domain)
        self.conf = conf
        self.loaded = tuple(loaded)
        self.unknown_extensions = tuple(unknown)
        self.domains = names.domains | core.SPHINX.domains
        self.specs = _unprefixed(names.directives, self.default_domains)
        self.all_roles = frozenset(
            _unprefixed(dict.fromkeys(names.roles), self.default_domains),
        )
        self.domain_roles = frozenset(
            role for role in names.roles if _domain(role) in self.domains
        )
        self.directives = frozenset(self.specs) - (
            core.DOCUTILS_DIRECTIVES - core.SPHINX_REPLACED
        )
        self.overridden = frozenset(self.specs) & (
            core.DOCUTILS_DIRECTIVES - core.SPHINX_REPLACED
        )
        self.roles = self.all_roles - core.DOCUTILS_ROLES
        self.external_roles = INTERSPHINX in self.loaded
        self.substitutions = frozenset(substitutions)
        self.default_role = conf.default_role if conf else None
        self.notes = tuple(notes)
        if self.default_role and not self.knows_role(self.default_role):
            self.notes += (f"default_role '{self.default_role}' is not a "
                           f'known role',)

    def knows_directive(self, name: str) -> bool:
        name = name.lower()
        return name in self.specs or name in core.DOCUTILS_DIRECTIVES

    def knows_role(self, name: str) -> bool:
        name = name.lower()
        if name in self.all_roles or name in core.DOCUTILS_ROLES:
            return True
        external = EXTERNAL.fullmatch(name)
        return bool(external and self.external_roles
                    and self._external_target(external.group('role')))

    def _external_target(self, role: str) -> bool:
        """Whether ``role`` names a domain role, as intersphinx wants:
        ``domain:role``, or a role of the primary or std domain."""
        if ':' in role:
            return role in self.domain_roles
        return any(
            f'{domain}:{role}' in self.domain_roles
            for domain in self.default_domains
        )

    def directive_spec(self, name: str) -> DirectiveSpec | None:
        """The arguments and options of a Sphinx or extension directive,
        as the table knows them; None for docutils' own and unknown ones."""
        return self.specs.get(name.lower())

    def explain_unknown(self, kind: Kind, name: str) -> str:
        """The end of the message for an unknown name: what provides it,
        which name was meant, or where to declare it."""
        name = name.lower()
        option = OPTIONS[kind]
        provider = self._provider(kind, name)
        if provider:
            return (f"provided by extension '{provider}', which conf.py "
                    f'does not load')
        close = self._close(kind, name)
        if close:
            return f"did you mean '{close}'?"
        if self.unknown_extensions:
            extensions = ' or '.join(
                f"'{extension}'" for extension in self.unknown_extensions
            )
            return (f'perhaps from extension {extensions} (unknown to '
                    f'spec-hooks): add it to {option}')
        return f'(if an extension provides it, add it to {option})'

    def _provider(self, kind: Kind, name: str) -> str | None:
        """A known extension conf.py does not load that provides ``name``."""
        if self.conf is None:
            return None
        if kind == 'role' and EXTERNAL.fullmatch(name) and \
                not self.external_roles:
            return INTERSPHINX
        for extension, names in EXTENSIONS.items():
            if extension in self.loaded:
                continue
            provided = names.directives if kind == 'directive' \
                else dict.fromkeys(names.roles)
            if name in _unprefixed(provided, self.default_domains):
                return extension
        return None

    def _close(self, kind: Kind, name: str) -> str | None:
        external = EXTERNAL.fullmatch(name)
        if kind == 'role' and external and self.external_roles:
            target = _best(external.group('role'), [
                *self.domain_roles,
                *(_domain_free(role) for role in self.domain_roles
                  if _domain(role) in self.default_domains),
            ])
            return external.group('prefix') + target if target else None
        known = self._known(kind)
        domain = _domain(name)
        if domain in self.domains:  # the prefix is right: stay in it
            return _best(name, [n for n in known if _domain(n) == domain])
        if domain:
            return _best(name, known)
        return _best(name, [n for n in known if not _domain(n)])

    def _known(self, kind: Kind) -> list[str]:
        if kind == 'directive':
            names = {*self.specs, *core.DOCUTILS_DIRECTIVES}
        else:
            names = {*self.all_roles, *core.DOCUTILS_ROLES}
        return sorted(names - core.NOT_SUGGESTED)


def vocabulary(
        conf: SphinxConf | None, extra_directives: Iterable[str] = (),
        extra_roles: Iterable[str] = (), learn_unknown: bool = True,
) -> Vocabulary:
    """The vocabulary of specs under ``conf`` (None: no conf.py found).

    An extension conf.py loads that the table does not know is read from
    conf.py's own directories when it is there (statically), else
    imported and learned when ``learn_unknown`` (see ``learn``).
    """
    notes: list[str] = list(conf.notes) if conf else []
    if conf is None:
        loaded: dict[str, Names] = dict(EXTENSIONS)
        unknown: list[str] = []
    else:
        loaded, unknown = _load(conf, learn_unknown, notes)
    prolog = f'{conf.rst_prolog}\n{conf.rst_epilog}' if conf else ''
    substitutions, prolog_roles = prolog_names(prolog)
    names = merge(
        core.SPHINX, *loaded.values(),
        conf.names if conf else Names(),
        _from_config(conf, loaded) if conf else Names(),
        _extras(extra_directives, [*extra_roles, *prolog_roles]),
    )
    return Vocabulary(
        names, conf.primary_domain if conf else 'py', conf, loaded,
        unknown, core.DEFAULT_SUBSTITUTIONS | substitutions, notes,
    )


def _load(
        conf: SphinxConf, learn_unknown: bool, notes: list[str],
) -> tuple[dict[str, Names], list[str]]:
    """The extensions conf.py loads and those they set up in turn; and
    those whose names could not be found."""
    loaded: dict[str, Names] = {}
    unknown: list[str] = []
    waiting = list(conf.extensions)
    while waiting:
        extension = waiting.pop(0)
        if extension in loaded or extension in unknown:
            continue
        names = _names_of(extension, conf, learn_unknown, notes)
        if names is None:
            unknown.append(extension)
            continue
        loaded[extension] = names
        waiting.extend(names.requires)
    return loaded, unknown


def _names_of(
        extension: str, conf: SphinxConf, learn_unknown: bool,
        notes: list[str],
) -> Names | None:
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    for path in _local_paths(extension, conf.local_dirs):
        try:
            return read_local(path)
        except ConfError as error:
            notes.append(f"extension '{extension}' skipped: {error}")
            return None
    if learn_unknown:
        return learn(extension, notes)
    notes.append(f"extension '{extension}' is unknown to spec-hooks")
    return None


def _local_paths(extension: str, directories: Iterable[str]) -> Iterator[
        str]:
    """The files of a module next to conf.py, on the directories conf.py
    puts on sys.path."""
    parts = extension.split('.')
    for directory in directories:
        for candidate in (
            os.path.join(directory, *parts) + '.py',
            os.path.join(directory, *parts, '__init__.py'),
        ):
            if os.path.isfile(candidate):
                yield candidate


def _from_config(conf: SphinxConf, loaded: Mapping[str, Names]) -> Names:
    """The names extensions make from conf.py values (extlinks, ...)."""
    roles = {
        f'{item}{suffix}'.lower()
        for extension, sources in CONFIG_ROLES.items() if extension in loaded
        for key, suffix in sources
        for item in _items(conf.values.get(key))
    }
    directives = {
        item.lower(): None
        for extension, keys in CONFIG_DIRECTIVES.items()
        if extension in loaded
        for key in keys for item in _items(conf.values.get(key))
    }
    return Names(directives, frozenset(roles))


def _items(value: object) -> list[str]:
    """The keys of a dict, the items of a list: those that are strings."""
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return [item for item in value if isinstance(item, str)]
    return []


def _extras(directives: Iterable[str], roles: Iterable[str]) -> Names:
    return Names(
        {name.lower(): None for name in directives},
        frozenset(name.lower() for name in roles),
    )


def _default_domains(primary: str | None) -> tuple[str, ...]:
    """The domains Sphinx looks an unprefixed name up in, in order."""
    return (primary, 'std') if primary and primary != 'std' else ('std',)


def _domain(name: str) -> str:
    domain, colon, _ = name.partition(':')
    return domain if colon else ''


def _domain_free(name: str) -> str:
    return name.partition(':')[2]


def _unprefixed(
        names: Mapping[str, DirectiveSpec | None], domains: tuple[str, ...],
) -> dict[str, DirectiveSpec | None]:
    """``names`` and, for those of the default domains, their unprefixed
    forms (the first domain wins, as in Sphinx's lookup)."""
    found = dict(names)
    for domain in reversed(domains):
        prefix = f'{domain}:'
        found.update(
            (name[len(prefix):], spec) for name, spec in names.items()
            if name.startswith(prefix)
        )
    return found


def _best(name: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(
        name, sorted(set(candidates)), n=1, cutoff=HINT_CUTOFF,
    )
    return close[0] if close else None
