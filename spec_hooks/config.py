"""Settings: defaults < config file < command line.

The config lives in ``[tool.spec-hooks]`` of pyproject.toml or in
``[spec-hooks]`` of setup.cfg, found from the working directory upwards (up
to the repository root), or in the file ``--config`` names.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping

from spec_hooks.rules import RULES, is_code_prefix
from spec_hooks.spec import is_same_file, read_regular_file
from spec_hooks.template import DEFAULT_TEMPLATE

SECTION_INI = 'spec-hooks'
SECTION_TOML = ('tool', 'spec-hooks')


class ConfigError(Exception):
    """Bad configuration: reported in one line, exit code 2."""


Value = object
Parser = Callable[[Value, str], Value]


def _text(value: Value, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f'{key} must be a string')
    return value


def parse_line(value: Value, key: str) -> str:
    """Non-empty text on one line: a control character or a line break
    in it would end or break the line it is written into."""
    text = _text(value, key).strip()
    if not text:
        raise ConfigError(f'{key} must not be empty')
    if any(c < ' ' or '\x7f' <= c <= '\x9f' or c in '\u2028\u2029'
           for c in text):
        raise ConfigError(f'{key} must be one line without control '
                          f'characters, not {text!r}')
    return text


def _boolean(value: Value, key: str) -> bool:
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if isinstance(value, str) else ''

    if word in ('true', 'yes', 'on', '1'):
        return True
    if word in ('false', 'no', 'off', '0'):
        return False
    raise ConfigError(f'{key} must be true or false, not {value!r}')


def _strings(value: Value, key: str) -> tuple[str, ...]:
    """A TOML array, or INI text with one item per line or comma."""
    if isinstance(value, str):
        return tuple(
            item.strip() for item in re.split(r'[\n,]', value)
            if item.strip()
        )
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    raise ConfigError(f'{key} must be a list of strings')


def parse_codes(value: Value, key: str) -> tuple[str, ...]:
    """Codes or code prefixes of the registry's rules: ``S1``, ``L101``."""
    codes = tuple(code.upper() for code in _strings(value, key))
    for code in codes:
        if not is_code_prefix(code):
            raise ConfigError(
                f'{key}: {code!r} is not a code or code prefix of spec-hooks, '
                f'like S1, L101 or W',
            )
    return codes


def _mapping(value: Value, key: str) -> tuple[tuple[str, str], ...]:
    """A TOML table, or INI lines of ``left = right``; order is kept."""
    if isinstance(value, str):
        pairs = []
        for line in value.splitlines():
            if not line.strip():
                continue
            left, eq, right = line.partition('=')
            if not eq or not left.strip() or not right.strip():
                raise ConfigError(
                    f'{key}: expected "pattern = value", got {line.strip()!r}',
                )
            pairs.append((left.strip(), right.strip()))
        return tuple(pairs)
    if isinstance(value, dict):
        return tuple(
            (k, ','.join(v) if isinstance(v, list) else _text(v, f'{key}.{k}'))
            for k, v in value.items()
        )
    raise ConfigError(f'{key} must be a table of "pattern = value"')


def _templates(
        value: Value, key: str,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``pattern = template``, where a TOML entry may name a list of
    templates and an INI line several, separated by commas."""
    if isinstance(value, dict):
        return tuple(
            (pattern, _strings(targets, f'{key}.{pattern}'))
            for pattern, targets in value.items()
        )
    return tuple(
        (pattern, _strings(targets, key))
        for pattern, targets in _mapping(value, key)
    )


def parse_whole_number(value: Value, key: str) -> int:
    if isinstance(value, str) and value.strip().isascii() and \
            value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ConfigError(f'{key} must be a whole number, not {value!r}')


def _ratio(value: Value, key: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = -1.0
    if isinstance(value, bool) or not 0 < number <= 1:
        raise ConfigError(f'{key} must be a number above 0 and at most 1')
    return number


def _position(value: Value, key: str) -> str:
    word = _text(value, key).strip()
    if word not in POSITIONS:
        raise ConfigError(f'{key} must be one of {", ".join(POSITIONS)}')
    return word


def _regex(value: Value, key: str) -> str:
    pattern = _text(value, key)
    try:
        re.compile(pattern)
    except re.error as e:
        raise ConfigError(f'{key}: invalid regular expression: {e}') from None
    return pattern


POSITIONS = ('top', 'end', 'anywhere')
FILENAME_PATTERN = r'[a-z0-9]+(-[a-z0-9]+)*\.rst'  # lowercase-with-hyphens

# Every option: its parser and default.  The README documents each one.
OPTIONS: dict[str, tuple[Parser, Value]] = {
    # structure
    'template': (_text, None),
    'templates': (_templates, ()),
    'exclude': (_strings, ()),
    'optional-sections': (_strings, ()),
    'extra-sections': (_strings, ()),
    'per-file-optional-sections': (_mapping, ()),
    'require-subsections': (_boolean, True),
    'allow-extra-sections': (_boolean, False),
    'allow-extra-subsections': (_boolean, True),
    'filename-pattern': (_regex, FILENAME_PATTERN),
    'blueprint-prefixes': (_strings, ()),
    # license
    'license-file': (_strings, ()),
    'license-position': (_position, None),
    'copyright-holder': (parse_line, None),
    # leftovers
    'leftover-keep': (_strings, ()),
    'leftover-similarity': (_ratio, 0.9),
    'leftover-min-words': (parse_whole_number, 8),
    # rst and style
    'extra-directives': (_strings, ()),
    'extra-roles': (_strings, ()),
    'sphinx-conf': (_text, None),
    'template-history': (_boolean, True),
    'max-line-length': (parse_whole_number, 79),
    # selection
    'select': (parse_codes, ()),
    'ignore': (parse_codes, ()),
    'extend-select': (parse_codes, ()),
    'extend-ignore': (parse_codes, ()),
    'per-file-ignores': (_mapping, ()),
    'per-template-ignores': (_mapping, ()),
    'baseline': (_text, None),
}
PATH_OPTIONS = ('template', 'license-file', 'sphinx-conf', 'baseline')
# Read where it exists, beside the config file, when baseline is not set.
DEFAULT_BASELINE = '.spec-hooks-baseline.json'
# Options whose values the command line adds to the config's, not replaces.
EXTENDING = ('extend-select', 'extend-ignore')


def check_selection(chosen: Mapping[str, tuple[str, ...]]) -> None:
    """Refuse a code that one level (the command line, or one config
    file) both selects and ignores: ``chosen`` maps each of that level's
    selecting and ignoring options to its codes."""
    selected = {c: key for key in chosen if 'select' in key
                for c in chosen[key]}
    for key in chosen:
        for code in chosen[key] if 'ignore' in key else ():
            if code in selected:
                raise ConfigError(
                    f'{selected[code]} and {key} both name {code}: choose '
                    f'one',
                )


class Settings:
    """Every option's value, as an attribute named like the option with
    underscores; ``root`` is the directory relative paths start from."""

    template: str | None
    templates: tuple[tuple[str, tuple[str, ...]], ...]
    exclude: tuple[str, ...]
    optional_sections: tuple[str, ...]
    extra_sections: tuple[str, ...]
    per_file_optional_sections: tuple[tuple[str, str], ...]
    require_subsections: bool
    allow_extra_sections: bool
    allow_extra_subsections: bool
    filename_pattern: str
    blueprint_prefixes: tuple[str, ...]
    license_file: tuple[str, ...]  # the first is what --fix inserts
    license_position: str | None  # None: where the template has it
    copyright_holder: str | None
    leftover_keep: tuple[str, ...]
    leftover_similarity: float
    leftover_min_words: int
    extra_directives: tuple[str, ...]
    extra_roles: tuple[str, ...]
    sphinx_conf: str | None  # None: found under root or the work tree
    template_history: bool
    max_line_length: int  # 0: no limit
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    extend_ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, str], ...]
    per_template_ignores: tuple[tuple[str, str], ...]
    baseline: str | None  # findings in it are not reported

    def __init__(self, values: Mapping[str, Value], root: str) -> None:
        for key, value in values.items():
            setattr(self, key.replace('-', '_'), value)
        self.root = root
        self.rules: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
            (glob, _compile_glob(glob, *targets), targets)
            for glob, targets in self.templates
        ]
        # Every path a rule's template can be: its {name}s match anything.
        self.template_paths = [
            _compile_glob(target, named=False)
            for _, targets in self.templates for target in targets
        ]
        self.excluded = [_compile_glob(glob) for glob in self.exclude]
        self.file_ignores = [
            (_compile_glob(glob), parse_codes(codes, 'per-file-ignores'))
            for glob, codes in self.per_file_ignores
        ]
        self.template_ignores = [
            (_compile_glob(glob),
             parse_codes(codes, 'per-template-ignores'))
            for glob, codes in self.per_template_ignores
        ]
        self.file_optional = [
            (_compile_glob(glob),
             tuple(t.strip() for t in titles.split(',') if t.strip()))
            for glob, titles in self.per_file_optional_sections
        ]

    def reports(self, code: str, path: str, disabled: tuple[str, ...] = (),
                ) -> bool:
        """Whether ``code`` is reported for ``path``: the longest matching
        prefix in ``select`` must be longer than any in ``ignore``, the
        per-file ignores and the file's own ``disabled`` codes.  Bad input
        (E9) is reported unless ignored by name."""
        ignored = (*self.ignore, *self.extend_ignore, *disabled,
                   *self._ignored_for(path))
        if self.select:
            chosen = _longest(code, (*self.select, *self.extend_select))
        else:  # the defaults: a rule that is off by default is not chosen
            chosen = 0 if code not in RULES or RULES[code].default else -1
            chosen = max(chosen, _longest(code, self.extend_select))
        if code.startswith('E9') and chosen < 0:
            chosen = 0
        return chosen >= 0 and chosen > _longest(code, ignored)

    def runs(self, prefix: str) -> bool:
        """Whether any code starting with ``prefix`` can be reported, so a
        check with only ignored codes is not even run."""
        selected = (*self.select, *self.extend_select)
        if self.select and not any(
                s.startswith(prefix) or prefix.startswith(s)
                for s in selected):
            return False
        covering = _longest(prefix, (*self.ignore, *self.extend_ignore))
        return covering < 0 or any(
            s.startswith(prefix) and len(s) > covering for s in selected
        )

    def _ignored_for(self, path: str) -> list[str]:
        relative = self.relative(path)
        return [
            code for pattern, codes in self.file_ignores
            if pattern.fullmatch(relative) for code in codes
        ]

    def ignored_for_template(self, template: str) -> tuple[str, ...]:
        """The codes not reported for a spec checked against the template
        at ``template``: those of its ``per-template-ignores`` patterns."""
        relative = self.relative(template)
        return tuple(
            code for pattern, codes in self.template_ignores
            if pattern.fullmatch(relative) for code in codes
        )

    def optional_sections_for(self, path: str) -> tuple[str, ...]:
        """The sections a spec at ``path`` may leave out or empty:
        ``optional-sections`` and those of its ``per-file-optional-sections``
        patterns."""
        relative = self.relative(path)
        return self.optional_sections + tuple(
            title for pattern, titles in self.file_optional
            if pattern.fullmatch(relative) for title in titles
        )

    def relative(self, path: str) -> str:
        relative = os.path.relpath(os.path.abspath(path), self.root)
        return relative.replace(os.sep, '/')

    def is_spec(self, path: str) -> bool:
        """Whether ``path`` is checked at all: not excluded, and not a
        template (``template``, or any file a ``templates`` rule's template
        path can name), whatever the hook is handed."""
        relative = self.relative(path)
        real = self.relative(os.path.realpath(path))
        if any(pattern.fullmatch(name) for name in (relative, real)
               for pattern in (*self.excluded, *self.template_paths)):
            return False
        return self.template is None or not is_same_file(path, self.template)

    def templates_for(self, path: str) -> tuple[str, ...]:
        """The templates that apply to ``path``: those of the first
        ``templates`` rule whose pattern matches, else ``template``, else
        the built-in default; none where ``templates`` is set and
        ``template`` is not.  A matching rule whose template does not exist
        is a configuration error, never a silent fallback."""
        relative = self.relative(path)
        for glob, pattern, targets in self.rules:
            match = pattern.fullmatch(relative)
            if match:
                return tuple(
                    self._existing(relative, glob, _fill(target, match))
                    for target in targets
                )
        if self.template is not None:
            return (self.template,)
        return () if self.rules else (DEFAULT_TEMPLATE,)

    def template_for(self, path: str) -> str | None:
        """The first of ``templates_for``, if any."""
        return next(iter(self.templates_for(path)), None)

    def _existing(self, relative: str, glob: str, filled: str) -> str:
        template = os.path.join(self.root, filled)
        if not os.path.isfile(template):
            raise ConfigError(
                f"templates: '{relative}' matches '{glob}' but its "
                f"template '{filled}' does not exist",
            )
        return template


_PLACEHOLDER = re.compile(r'\{(\w+)\}')


def _compile_glob(
        glob: str, *targets: str, named: bool = True,
) -> re.Pattern[str]:
    """``{name}`` matches one path segment and can be used in the
    ``targets`` (template paths); ``*`` and ``?`` stay within a segment;
    ``**/`` spans directories.  With ``named`` false, a ``{name}`` is just
    a wildcard (it may then occur twice)."""
    out = []
    for token in re.split(r'(\*\*/|\*\*|\*|\?|\{\w+\})', glob):
        if token == '**/':
            out.append('(?:[^/]+/)*')
        elif token == '**':
            out.append('.*')
        elif token == '*':
            out.append('[^/]*')
        elif token == '?':
            out.append('[^/]')
        elif _PLACEHOLDER.fullmatch(token):
            out.append(f'(?P<{token[1:-1]}>[^/]+)' if named else '[^/]+')
        else:
            out.append(re.escape(token))
    try:
        pattern = re.compile(''.join(out))
    except re.error as e:
        raise ConfigError(f'templates: bad pattern {glob!r}: {e}') from None
    for target in targets:
        for name in _PLACEHOLDER.findall(target):
            if name not in pattern.groupindex:
                raise ConfigError(
                    f'templates: {target!r} uses {{{name}}}, which '
                    f'{glob!r} does not define',
                )
    return pattern


def _longest(code: str, prefixes: tuple[str, ...] | list[str]) -> int:
    """The length of the longest of ``prefixes`` that ``code`` starts with;
    -1 if none does."""
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def _fill(target: str, match: re.Match[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: match.group(m.group(1)), target)


def _read_toml(path: str) -> dict[str, Value] | None:
    raw = read_regular_file(path)
    if b'spec-hooks' not in raw:  # spare the TOML parser's import
        return None
    from spec_hooks import cache

    data = cache.load_toml(raw)
    if data is None:
        data = _parse_toml(path, raw)
        cache.store_toml(raw, data)
    table: Value = data
    for key in SECTION_TOML:
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    if not isinstance(table, dict):
        raise ConfigError(f'{path}: [tool.spec-hooks] must be a table')
    return table


def _parse_toml(path: str, raw: bytes) -> dict[str, Value]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode('utf-8'))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f'{path}: invalid TOML: {e}') from None


def _read_ini(path: str) -> dict[str, Value] | None:
    raw = read_regular_file(path)
    if f'[{SECTION_INI}]'.encode() not in raw:
        return None
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read_string(raw.decode('utf-8'), source=path)
    except (UnicodeDecodeError, configparser.Error) as e:
        message = str(e).splitlines()[0]
        raise ConfigError(f'{path}: invalid config: {message}') from None
    if not parser.has_section(SECTION_INI):
        return None
    return dict(parser.items(SECTION_INI))


def _read_config(path: str) -> dict[str, Value] | None:
    reader = _read_toml if path.endswith('.toml') else _read_ini
    try:
        return reader(path)
    except OSError as e:
        message = f'{path}: cannot read config: {e.strerror}'
        raise ConfigError(message) from None


def find_config(start: str) -> tuple[str, dict[str, Value]] | None:
    """The nearest pyproject.toml or setup.cfg with a spec-hooks section,
    looking from ``start`` up to the repository root, and that section."""
    directory = os.path.abspath(start)
    while True:
        for name in ('pyproject.toml', 'setup.cfg'):
            candidate = os.path.join(directory, name)
            # Not isfile: a FIFO or device of that name is an error.
            found = os.path.exists(candidate) and \
                not os.path.isdir(candidate)
            table = _read_config(candidate) if found else None
            if table:
                return candidate, table
        parent = os.path.dirname(directory)
        if parent == directory or os.path.exists(
                os.path.join(directory, '.git'),
        ):
            return None
        directory = parent


def load_settings(
        config: str | None = None,
        overrides: Mapping[str, Value] | None = None,
) -> Settings:
    """Defaults, then the config file, then ``overrides`` (the command line,
    whose paths are relative to the working directory)."""
    values = {key: default for key, (_, default) in OPTIONS.items()}
    found = find_config(os.curdir) if config is None else \
        (config, _read_config(config))
    path, table = found or (None, None)
    root = os.path.abspath(os.curdir)
    if path is not None:
        if table is None:
            where = '.'.join(SECTION_TOML) if path.endswith('.toml') \
                else SECTION_INI
            raise ConfigError(f'{path}: no [{where}] section')
        root = os.path.dirname(os.path.abspath(path))
        values.update(_parse_table(table, path, root))
    overrides = {  # a repeated option's list is a tuple here
        key: tuple(value) if isinstance(value, list) else value
        for key, value in (overrides or {}).items()
    }
    # The command line wins: what it selects, the config's same entry in
    # ignore does not take away.
    chosen = {*(overrides.get('select') or ()),  # type: ignore[misc]
              *(overrides.get('extend-select') or ())}
    for key in ('ignore', 'extend-ignore'):
        values[key] = tuple(
            code for code in values[key]  # type: ignore[attr-defined]
            if code not in chosen
        )
    for key, value in overrides.items():
        if value is not None and key in EXTENDING:
            values[key] = (*values[key], *value)  # type: ignore[misc]
        elif value is not None:
            values[key] = value
    try:
        return Settings(values, root)
    except ConfigError as e:
        raise ConfigError(f'{path}: {e}' if path else str(e)) from None


def _parse_table(
        table: Mapping[str, Value], path: str, root: str,
) -> dict[str, Value]:
    parsed = {}
    for raw_key, value in table.items():
        key = raw_key.replace('_', '-')
        if key not in OPTIONS:
            raise ConfigError(
                f'{path}: unknown option {raw_key!r}{_hint(key)}',
            )
        parse, _ = OPTIONS[key]
        try:
            parsed[key] = parse(value, key)
        except ConfigError as e:
            raise ConfigError(f'{path}: {e}') from None
        if key in PATH_OPTIONS:
            parsed[key] = _joined(root, parsed[key])
    try:
        check_selection({
            key: parsed[key]  # type: ignore[misc]
            for key in ('select', 'extend-select', 'ignore', 'extend-ignore')
            if key in parsed
        })
    except ConfigError as e:
        raise ConfigError(f'{path}: {e}') from None
    return parsed


def _joined(root: str, value: Value) -> Value:
    """A path option's value, each path relative to ``root``."""
    if isinstance(value, tuple):
        return tuple(os.path.join(root, path) for path in value)
    return os.path.join(root, str(value))


def _hint(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, OPTIONS, n=1)
    return f"; did you mean '{close[0]}'?" if close else ''


