from __future__ import annotations

import os
import pathlib
import threading

import pytest

from spec_hooks.config import ConfigError, load_settings
from spec_hooks.spec import MAX_FILE_SIZE
from spec_hooks.template import DEFAULT_TEMPLATE

NOVA_TOML = '''\
[tool.spec-hooks.templates]
"specs/{release}/*/*.rst" = "specs/{release}-template.rst"
'''
NOVA_INI = '''\
[spec-hooks]
templates =
    specs/{release}/*/*.rst = specs/{release}-template.rst
'''
HEAT_TOML = '''\
[tool.spec-hooks.templates]
"specs/{release}/*.rst" = "specs/templates/{release}-template.rst"
'''


def touch(root: pathlib.Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text('x\n')


@pytest.fixture
def repo(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
         ) -> pathlib.Path:
    """A work tree one level below tmp_path, so a test may write above it
    without touching pytest's directory that every test shares."""
    repo = tmp_path / 'repo'
    (repo / '.git').mkdir(parents=True)
    monkeypatch.chdir(repo)
    return repo


def test_defaults_without_config(repo: pathlib.Path) -> None:
    settings = load_settings()
    assert settings.template is None
    assert settings.template_for('specs/x.rst') == DEFAULT_TEMPLATE
    assert settings.allow_extra_sections is False
    assert settings.allow_extra_subsections is True
    assert settings.max_line_length == 79


@pytest.mark.parametrize(
    ('name', 'text'), [('pyproject.toml', NOVA_TOML), ('setup.cfg', NOVA_INI)],
)
def test_nova_per_release_templates(
        repo: pathlib.Path, name: str, text: str,
) -> None:
    (repo / name).write_text(text)
    touch(repo, 'specs/2026.1-template.rst', 'specs/zed-template.rst')
    settings = load_settings()
    assert settings.template_for('specs/2026.1/approved/a.rst') == \
        str(repo / 'specs/2026.1-template.rst')
    assert settings.template_for('specs/zed/implemented/b.rst') == \
        str(repo / 'specs/zed-template.rst')
    # No rule matches, and no template is set: no template applies (S113).
    assert settings.templates_for('specs/c.rst') == ()


def test_heat_templates_in_their_own_directory(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').write_text(HEAT_TOML)
    touch(repo, 'specs/templates/rocky-template.rst')
    settings = load_settings()
    assert settings.template_for('specs/rocky/a.rst') == \
        str(repo / 'specs/templates/rocky-template.rst')


def test_matching_rule_without_its_template_is_an_error(
        repo: pathlib.Path,
) -> None:
    (repo / 'pyproject.toml').write_text(NOVA_TOML)
    settings = load_settings()
    with pytest.raises(ConfigError) as exc:
        settings.template_for('specs/2030.1/approved/a.rst')
    assert str(exc.value) == (
        "templates: 'specs/2030.1/approved/a.rst' matches "
        "'specs/{release}/*/*.rst' but its template "
        "'specs/2030.1-template.rst' does not exist"
    )


def test_paths_are_relative_to_the_config_file(
        repo: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (repo / 'setup.cfg').write_text(
        '[spec-hooks]\ntemplate = specs/template.rst\n',
    )
    (repo / 'specs').mkdir()
    monkeypatch.chdir(repo / 'specs')
    settings = load_settings()
    assert settings.template == str(repo / 'specs/template.rst')
    assert settings.root == str(repo)


def test_search_stops_at_the_repository_root(
        repo: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (repo.parent / 'setup.cfg').write_text('[spec-hooks]\nbogus = 1\n')
    assert load_settings().template is None


def test_pyproject_wins_over_setup_cfg(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\ntemplate = "a.rst"\n',
    )
    (repo / 'setup.cfg').write_text('[spec-hooks]\ntemplate = b.rst\n')
    assert load_settings().template == str(repo / 'a.rst')


def test_pyproject_without_our_table_falls_back_to_setup_cfg(
        repo: pathlib.Path,
) -> None:
    (repo / 'pyproject.toml').write_text('[tool.black]\nline-length = 79\n')
    (repo / 'setup.cfg').write_text('[spec-hooks]\ntemplate = b.rst\n')
    assert load_settings().template == str(repo / 'b.rst')


def test_command_line_beats_config(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').write_text(
        '[tool.spec-hooks]\ntemplate = "a.rst"\n',
    )
    assert load_settings(None, {'template': 'cli.rst'}).template == 'cli.rst'
    assert load_settings(None, {'template': None}).template == \
        str(repo / 'a.rst')


@pytest.mark.parametrize(
    ('toml', 'ini', 'attribute', 'value'), [
        ('optional-sections = ["History", "References"]',
         'optional-sections =\n    History\n    References',
         'optional_sections', ('History', 'References')),
        ('optional_sections = ["History"]', 'optional_sections = History',
         'optional_sections', ('History',)),
        ('allow-extra-sections = true', 'allow-extra-sections = yes',
         'allow_extra_sections', True),
        ('require-subsections = false', 'require-subsections = false',
         'require_subsections', False),
        ('max-line-length = 99', 'max-line-length = 99',
         'max_line_length', 99),
        ('leftover-similarity = 0.8', 'leftover-similarity = 0.8',
         'leftover_similarity', 0.8),
        ("filename-pattern = '[a-z_]+\\.rst'",
         'filename-pattern = [a-z_]+\\.rst',
         'filename_pattern', '[a-z_]+\\.rst'),
        ('select = ["S1", "L101"]', 'select = S1, L101',
         'select', ('S1', 'L101')),
        ('per-file-ignores = {"old/*.rst" = ["S1", "W"]}',
         'per-file-ignores =\n    old/*.rst = S1,W',
         'per_file_ignores', (('old/*.rst', 'S1,W'),)),
        ('per-template-ignores = {"lite.rst" = ["S111"]}',
         'per-template-ignores =\n    lite.rst = S111',
         'per_template_ignores', (('lite.rst', 'S111'),)),
    ],
)
def test_option_values_in_both_formats(
        repo: pathlib.Path, toml: str, ini: str, attribute: str,
        value: object,
) -> None:
    (repo / 'pyproject.toml').write_text(f'[tool.spec-hooks]\n{toml}\n')
    assert getattr(load_settings(), attribute) == value
    os.remove(repo / 'pyproject.toml')
    (repo / 'setup.cfg').write_text(f'[spec-hooks]\n{ini}\n')
    assert getattr(load_settings(), attribute) == value


@pytest.mark.parametrize(
    ('name', 'text', 'message'), [
        ('pyproject.toml', '[tool.spec-hooks]\ntemplat = "a"\n',
         "pyproject.toml: unknown option 'templat'; did you mean "
         "'template'?"),
        ('pyproject.toml', '[tool.spec-hooks]\nzzz = 1\n',
         "pyproject.toml: unknown option 'zzz'"),
        ('pyproject.toml', '[tool.spec-hooks\n',
         'pyproject.toml: invalid TOML: '),
        ('pyproject.toml', '[tool.spec-hooks]\nallow-extra-sections = 2\n',
         'pyproject.toml: allow-extra-sections must be true or false'),
        ('setup.cfg', '[spec-hooks]\nallow-extra-sections = maybe\n',
         "setup.cfg: allow-extra-sections must be true or false, not "
         "'maybe'"),
        ('setup.cfg', '[spec-hooks]\nmax-line-length = -3\n',
         "setup.cfg: max-line-length must be a whole number, not '-3'"),
        ('setup.cfg', '[spec-hooks]\nmax-line-length = \u00b2\n',
         "setup.cfg: max-line-length must be a whole number, not '\u00b2'"),
        ('setup.cfg', '[spec-hooks]\ncopyright-holder = \n',
         'setup.cfg: copyright-holder must not be empty'),
        ('setup.cfg', '[spec-hooks]\nselect = X9\n',
         "setup.cfg: select: 'X9' is not a code or code prefix of "
         'spec-hooks, like S1, L101 or W'),
        ('setup.cfg', '[spec-hooks]\nfilename-pattern = [a-z\n',
         'setup.cfg: filename-pattern: invalid regular expression'),
        ('setup.cfg', '[spec-hooks]\nlicense-position = middle\n',
         'setup.cfg: license-position must be one of top, end, anywhere'),
        ('setup.cfg', '[spec-hooks]\nleftover-similarity = 1.5\n',
         'setup.cfg: leftover-similarity must be a number above 0 and at '
         'most 1'),
        ('setup.cfg', '[spec-hooks]\ntemplates =\n    no equals sign\n',
         'setup.cfg: templates: expected "pattern = value", got '
         "'no equals sign'"),
        ('setup.cfg', '[spec-hooks]\ntemplates =\n    a/*.rst = {x}.rst\n',
         "setup.cfg: templates: '{x}.rst' uses {x}, which 'a/*.rst' does "
         'not define'),
        ('setup.cfg', '[spec-hooks]\n[spec-hooks]\n',
         'setup.cfg: invalid config: '),
    ],
)
def test_bad_config_is_one_clear_error(
        repo: pathlib.Path, name: str, text: str, message: str,
) -> None:
    (repo / name).write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_settings()
    assert message in str(exc.value)
    assert '\n' not in str(exc.value)


def test_explicit_config_must_have_our_section(repo: pathlib.Path) -> None:
    (repo / 'other.toml').write_text('[tool.black]\n')
    with pytest.raises(ConfigError) as exc:
        load_settings('other.toml')
    assert str(exc.value) == 'other.toml: no [tool.spec-hooks] section'


def test_explicit_config_that_does_not_exist(repo: pathlib.Path) -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings('nope.cfg')
    assert str(exc.value) == (
        'nope.cfg: cannot read config: No such file or directory'
    )


def load_briefly(config: str | None = None) -> str:
    """The error of loading the settings, in a daemon thread: a read that
    blocks fails the test, not the test run."""
    found: list[str] = []

    def target() -> None:
        try:
            load_settings(config)
        except ConfigError as e:
            found.append(str(e))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), 'reading the config blocked'
    return found[0]


@pytest.mark.parametrize('name', ['pyproject.toml', 'setup.cfg'])
def test_a_config_found_that_is_no_regular_file_is_an_error(
        repo: pathlib.Path, name: str,
) -> None:
    os.mkfifo(repo / name)
    assert load_briefly() == (
        f'{repo / name}: cannot read config: not a regular file'
    )


@pytest.mark.parametrize(
    ('config', 'message'), [
        ('fifo.toml', 'cannot read config: not a regular file'),
        ('/dev/zero', 'cannot read config: not a regular file'),
        ('/dev/null', 'cannot read config: not a regular file'),
        ('directory.cfg', 'cannot read config: Is a directory'),
        ('huge.cfg', f'cannot read config: larger than {MAX_FILE_SIZE} '
                     'bytes'),
    ],
)
def test_an_explicit_config_that_is_no_regular_file_is_an_error(
        repo: pathlib.Path, config: str, message: str,
) -> None:
    os.mkfifo(repo / 'fifo.toml')
    (repo / 'directory.cfg').mkdir()
    with open(repo / 'huge.cfg', 'wb') as f:
        f.truncate(MAX_FILE_SIZE + 1)
    assert load_briefly(config) == f'{config}: {message}'


def test_a_directory_of_a_config_name_is_skipped(repo: pathlib.Path) -> None:
    (repo / 'pyproject.toml').mkdir()
    (repo / 'setup.cfg').write_text('[spec-hooks]\nmax-line-length = 99\n')
    assert load_settings().max_line_length == 99


@pytest.mark.parametrize(('name', 'text'), [
    ('pyproject.toml', '[tool.spec-hooks.templates]\n'
                       '"specs/*.rst" = ["full.rst", "lite.rst"]\n'
                       '"other/*.rst" = "full.rst"\n'
                       '[tool.spec-hooks]\nlicense-file = ["a.txt", "b.txt"]\n'
                       'exclude = ["specs/index.rst"]\n'),
    ('setup.cfg', '[spec-hooks]\ntemplates =\n'
                  '    specs/*.rst = full.rst, lite.rst\n'
                  '    other/*.rst = full.rst\n'
                  'license-file = a.txt, b.txt\n'
                  'exclude = specs/index.rst\n'),
])
def test_lists_of_templates_and_license_files(
        repo: pathlib.Path, name: str, text: str,
) -> None:
    (repo / name).write_text(text)
    touch(repo, 'full.rst', 'lite.rst')
    settings = load_settings()
    assert settings.templates_for('specs/a.rst') == \
        (str(repo / 'full.rst'), str(repo / 'lite.rst'))
    assert settings.templates_for('other/a.rst') == (str(repo / 'full.rst'),)
    assert settings.license_file == (str(repo / 'a.txt'), str(repo / 'b.txt'))
    assert [settings.is_spec(p) for p in
            ('specs/index.rst', 'specs/a.rst', 'full.rst', 'lite.rst')] == \
        [False, True, False, False]


def test_license_file_given_twice_on_the_command_line(
        repo: pathlib.Path,
) -> None:
    settings = load_settings(None, {'license-file': ['a.txt', 'b.txt']})
    assert settings.license_file == ('a.txt', 'b.txt')


@pytest.mark.parametrize(('name', 'text'), [
    ('pyproject.toml', '[tool.spec-hooks]\noptional-sections = ["History"]\n'
     '[tool.spec-hooks.per-file-optional-sections]\n'
     '"specs/queens/*.rst" = ["Upgrade impact", "Notes"]\n'
     '"specs/*/*.rst" = "Testing"\n'),
    ('setup.cfg', '[spec-hooks]\noptional-sections = History\n'
     'per-file-optional-sections =\n'
     '    specs/queens/*.rst = Upgrade impact, Notes\n'
     '    specs/*/*.rst = Testing\n'),
])
@pytest.mark.parametrize(('path', 'optional'), [
    ('specs/queens/a.rst', ('History', 'Upgrade impact', 'Notes', 'Testing')),
    ('specs/rocky/a.rst', ('History', 'Testing')),
    ('specs/a.rst', ('History',)),
])
def test_optional_sections_per_file(
        repo: pathlib.Path, name: str, text: str, path: str,
        optional: tuple[str, ...],
) -> None:
    (repo / name).write_text(text)
    settings = load_settings()
    assert settings.optional_sections_for(str(repo / path)) == optional
