"""What every hook must do on any input, as functions that raise
``Failure``; shared by tests/test_fuzz.py and tools/fuzz.py.

* Every hook returns 0, 1 or 2, prints no E999 and no traceback, and
  without ``--fix`` leaves the file alone.
* ``--fix`` run twice changes nothing the second time; a run that ends
  with exit code 2 has written nothing.
* A fixed file parses, and keeps every non-blank line of the author's text,
  byte for byte, and every paragraph, literal block and title of it, except
  the "Delete this paragraph" paragraph that T101 reports.
"""
from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import traceback
from collections import Counter
from collections.abc import Callable, Sequence

from spec_hooks import (
    check_spec,
    check_spec_leftovers,
    check_spec_license,
    check_spec_rst,
    check_spec_structure,
    check_spec_style,
)
from spec_hooks.checks import leftovers, license

Main = Callable[[Sequence[str] | None], int]
HOOKS: dict[str, Main] = {
    'check-spec': check_spec.main,
    'check-spec-structure': check_spec_structure.main,
    'check-spec-license': check_spec_license.main,
    'check-spec-leftovers': check_spec_leftovers.main,
    'check-spec-rst': check_spec_rst.main,
    'check-spec-style': check_spec_style.main,
}
PREFIXES = {
    'check-spec': 'SLTRW', 'check-spec-structure': 'S',
    'check-spec-license': 'L', 'check-spec-leftovers': 'T',
    'check-spec-rst': 'R', 'check-spec-style': 'W',
}
FIXING_HOOKS = ('check-spec', 'check-spec-license', 'check-spec-leftovers')
TAKES_HOLDER = ('check-spec', 'check-spec-license')
SPEC_NAME = 'awesome-thing.rst'
# A line with its own ending, as the fixer splits them.
LINE = re.compile(r'[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z')
E999 = re.compile(r'E999 internal error, please report it: (\w+): ?(.*)')


class Failure(AssertionError):
    """A broken property: ``signature`` names the defect (the same for
    every input that shows it), ``detail`` tells of this input."""

    def __init__(self, signature: str, detail: str = '') -> None:
        super().__init__(f'{signature}\n{detail}'.strip())
        self.signature = signature
        self.detail = detail


def run_hook(name: str, argv: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a hook's ``main``, in this
    process."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = HOOKS[name](argv)
            except SystemExit as e:  # argparse
                code = e.code if isinstance(e.code, int) else 2
    except Exception as e:  # the property: never a traceback
        raise Failure(
            f'traceback: {type(e).__name__} in {_where(e)}',
            f'{name} {" ".join(argv)}\n{traceback.format_exc()}',
        ) from None
    return code, out.getvalue(), err.getvalue()


_last_template: list[tuple[str, bytes | None]] = []


def _forget_templates() -> None:
    """The caches keyed by template, emptied: a long run must not keep
    every template it made."""
    _last_template.clear()
    leftovers._matcher.cache_clear()
    leftovers._guidance.cache_clear()
    license.template_license.cache_clear()
    license._license_file.cache_clear()
    license._pattern.cache_clear()


def write_input(directory: str, data: bytes,
                template_data: bytes | None = None) -> tuple[str, list[str]]:
    """The spec file, and the options that name its template.  A template
    that differs from the last input's (in place or content) empties the
    caches that hold templates."""
    path = os.path.join(directory, SPEC_NAME)
    with open(path, 'wb') as f:
        f.write(data)
    if template_data is None:
        return path, []
    template_path = os.path.join(directory, 'template.rst')
    if _last_template != [(template_path, template_data)]:
        _forget_templates()
        _last_template.append((template_path, template_data))
    with open(template_path, 'wb') as f:
        f.write(template_data)
    return path, ['--template', template_path]


def read(path: str) -> bytes:
    with open(path, 'rb') as f:
        return f.read()


def check_hook(name: str, path: str, options: list[str]) -> None:
    """One hook on one file: exit code 0, 1 or 2, no E999, no traceback,
    the file unchanged."""
    before = read(path)
    code, out, err = run_hook(name, [*options, path])
    check_output(name, code, out, err, path, options)
    if read(path) != before:
        raise Failure('file changed without --fix', name)


def check_output(name: str, code: int, out: str, err: str, path: str,
                 options: list[str]) -> None:
    if code not in (0, 1, 2):
        raise Failure(f'exit code {code}', f'{name}: {out}{err}')
    crash = E999.search(out)
    if crash:
        raise Failure(_e999_signature(crash, name, path, options),
                      f'{name}: {crash.group()}')
    if 'Traceback' in err:
        raise Failure('traceback on stderr', f'{name}: {err}')


def _e999_signature(crash: re.Match[str], name: str, path: str,
                    options: list[str]) -> str:
    """E999 with the function that raised, found by running the hook's
    checks and fixers again without the runner's safety net."""
    return f'E999 {crash.group(1)} in {_raising(name, path, options) or "?"}'


def _raising(name: str, path: str, options: list[str]) -> str | None:
    from spec_hooks import checks
    from spec_hooks.config import ConfigError, load_settings
    from spec_hooks.context import build
    from spec_hooks.spec import BadInput, Spec
    from spec_hooks.template import TemplateError

    _forget_templates()
    template_path = options[1] if options[:1] == ['--template'] else None
    settings = load_settings(None, {'template': template_path})
    try:
        context = build(settings, [path], outline=True, parse=True)
    except (ConfigError, TemplateError):
        return None
    spec = Spec.read(path, context.names)
    families = [p for p in PREFIXES[name] if p in 'SLTRW']
    work = [checks.check(p) for p in families]
    work += [f for p in families for f in checks.fixers(p).values()]
    for check in work:
        try:
            list(check(spec, context))
        except (BadInput, TemplateError):
            continue
        except Exception as e:
            return _where(e)
    return None


def _where(error: BaseException) -> str:
    """The function that raised, and the last of ours on the way."""
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1]
    where = f'{os.path.basename(last.filename)}:{last.name}'
    ours = [f for f in frames if f'{os.sep}spec_hooks{os.sep}' in f.filename]
    if ours and ours[-1] is not last:
        where += f' from {os.path.basename(ours[-1].filename)}:' \
            f'{ours[-1].name}'
    return where


class Fixed:
    """What ``--fix`` run twice did to one file."""

    def __init__(self, name: str, path: str, options: list[str]) -> None:
        self.name = name
        self.path = path
        self.options = options
        self.original = read(path)
        argv = ['--fix', *options]
        if name in TAKES_HOLDER:
            argv += ['--copyright-holder', 'X']
        self.runs = [run_hook(name, [*argv, path])]
        self.after = [read(path)]
        if self.after[0] == self.original:  # the same input, run again
            self.runs.append(self.runs[0])
            self.after.append(self.after[0])
        else:
            self.runs.append(run_hook(name, [*argv, path]))
            self.after.append(read(path))

    def check_output(self) -> None:
        for code, out, err in self.runs:
            check_output(self.name, code, out, err, self.path, self.options)

    def check_exit_2_writes_nothing(self) -> None:
        code, _, err = self.runs[0]
        if code == 2 and self.after[0] != self.original:
            raise Failure('fix written, then exit code 2',
                          f'{self.name}: {err}')

    def check_idempotent(self) -> None:
        _, out, _ = self.runs[1]
        if self.after[1] != self.after[0] or 'Fixing' in out:
            raise Failure('fix not idempotent', f'{self.name}: {out}')

    def check_kept_lines(self) -> None:
        """The author's non-blank lines, each with its line ending, are
        all in the fixed file, in their order (a last line may gain a
        newline)."""
        fixed = self.after[0]
        if fixed == self.original or self.runs[0][0] == 2:
            return
        removed = self.removed
        ours = _pieces(fixed)
        at = 0
        pieces = _pieces(self.original)
        for number, piece in enumerate(pieces, 1):
            if number in removed or not piece.strip():
                continue
            last = number == len(pieces) and not piece.endswith(('\n', '\r'))
            while at < len(ours) and not (
                    ours[at] == piece or
                    (last and ours[at].rstrip('\r\n') == piece)):
                at += 1
            if at == len(ours):
                raise Failure("fix changed a line of the author's text",
                              f'{self.name}: line {number}: {piece!r}')
            at += 1

    def check_kept_blocks(self) -> None:
        """The fixed file parses, and its paragraphs, literal blocks,
        titles (every block element) include the original's, but for the
        text the fix removed."""
        fixed = self.after[0]
        if fixed == self.original or self.runs[0][0] == 2:
            return
        before, after = _visible(self.original), _visible(fixed)
        if after is None:
            if before is not None:
                raise Failure('fixed file does not parse', self.name)
            return
        if before is None:
            return
        removed = _words(' '.join(
            line for number, line in enumerate(
                _text_lines(self.original), 1) if number in self.removed))
        for (kind, text), count in (before - after).items():
            words = _words(text)
            if words and _contains(removed, words):
                continue  # the text the fix reports removing
            raise Failure(f"fix changed the meaning of the author's {kind}",
                          f'{self.name}: {count} x {text[:200]!r}')

    @functools.cached_property
    def removed(self) -> set[int]:
        """The lines (1-based) the fix may remove: each paragraph that T101
        reports as removable, to the next blank line, and that line; and
        the directive whose whole body that paragraph is."""
        directory = os.path.join(os.path.dirname(self.path), 'original')
        os.makedirs(directory, exist_ok=True)
        copy = os.path.join(directory, os.path.basename(self.path))
        with open(copy, 'wb') as f:
            f.write(self.original)
        _, out, _ = run_hook('check-spec-leftovers', [
            '--select', 'T101', '--format', 'json', *self.options, copy,
        ])
        lines = _text_lines(self.original)
        removed: set[int] = set()
        for found in json.loads(out or '[]'):
            if '--fix does' not in found['message']:
                continue
            first = number = found['line']
            while number <= len(lines) and lines[number - 1].strip():
                removed.add(number)
                number += 1
            removed.add(number)
            removed.update(_emptied_directive(lines, first, number))
        return removed

    def check(self) -> None:
        self.check_output()
        self.check_exit_2_writes_nothing()
        self.check_idempotent()
        self.check_kept_lines()
        self.check_kept_blocks()


def _emptied_directive(lines: list[str], first: int, after: int,
                       ) -> range:
    """The lines from a directive's marker (with its arguments, such as a
    container's class) to the paragraph at ``first`` (1-based) when that
    paragraph, ending before line ``after``, is all of the directive's
    body; else none."""
    marker = first - 1
    while marker > 0 and not lines[marker - 1].strip():
        marker -= 1
    if marker == 0 or not re.fullmatch(r'\s*\.\. [\w:-]+::(\s.*)?',
                                       lines[marker - 1]):
        return range(0)
    indent = len(lines[marker - 1]) - len(lines[marker - 1].lstrip())
    body = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    rest = next((line for line in lines[after:] if line.strip()), '')
    if body <= indent or len(rest) - len(rest.lstrip()) > indent:
        return range(0)
    return range(marker, first)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r'\w+', text.lower()))


def _contains(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    return any(ours[i:i + len(theirs)] == theirs
               for i in range(len(ours) - len(theirs) + 1))


def _text_lines(data: bytes) -> list[str]:
    return [line.rstrip('\r\n') for line in _pieces(data)]


def _pieces(data: bytes) -> list[str]:
    text = data.removeprefix(b'\xef\xbb\xbf').decode(
        'utf-8', 'surrogateescape')
    return LINE.findall(text)


def _visible(data: bytes) -> Counter[tuple[str, str]] | None:
    """The text of each paragraph, literal block, title and other block
    element outside docutils' own messages; None if it cannot be
    parsed."""
    from docutils import nodes

    from spec_hooks.spec import BadInput, Spec

    try:
        document = Spec('fixed.rst', data).doctree
    except BadInput:
        return None
    except Exception as e:  # docutils runs with halt_level 5: never
        raise Failure(f'parse raised {type(e).__name__}', str(e)) from None
    found: Counter[tuple[str, str]] = Counter()
    for node in document.findall(nodes.TextElement):
        if isinstance(node, nodes.Inline) or _in_message(node):
            continue
        found[node.tagname, ' '.join(node.astext().split())] += 1
    return found


def _in_message(node: object) -> bool:
    from docutils import nodes

    while node is not None:
        if isinstance(node, nodes.system_message):
            return True
        node = getattr(node, 'parent', None)
    return False


def check_input(directory: str, data: bytes,
                template_data: bytes | None = None,
                hooks: Sequence[str] = tuple(HOOKS),
                fixing: Sequence[str] = FIXING_HOOKS) -> None:
    """Every property on one input: ``hooks`` without ``--fix``, then
    ``fixing`` with it, each on a fresh copy."""
    path, options = write_input(directory, data, template_data)
    for name in hooks:
        check_hook(name, path, options)
    for name in fixing:
        with open(path, 'wb') as f:
            f.write(data)
        Fixed(name, path, options).check()
