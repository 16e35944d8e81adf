"""Which files are specs, and which template each is checked against:
what the run context decides before any file is read."""
from __future__ import annotations

import pathlib

import pytest

from spec_hooks.check_spec import main

TEMPLATE = '''\
=======
 Title
=======

Problem
=======

Text.
'''
SPEC = TEMPLATE.replace(' Title', ' Tyres')
# A template with one section more, and a spec of it.
FULL_TEMPLATE = TEMPLATE + '\nTesting\n=======\n\nText.\n'
FULL_SPEC = FULL_TEMPLATE.replace(' Title', ' Tyres')


@pytest.fixture
def repo(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
         ) -> pathlib.Path:
    (tmp_path / '.git').mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run(files: dict[str, str], *paths: str,
        capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """check-spec's exit code and output lines for ``paths``, in a
    repository of ``files`` (``pyproject.toml`` among them)."""
    write(pathlib.Path.cwd(), files)
    code = main(list(paths))
    out, err = capsys.readouterr()
    assert err == ''
    return code, out.splitlines()


@pytest.mark.usefixtures('repo')
@pytest.mark.parametrize(('config', 'expected'), [
    pytest.param(
        '[tool.spec-hooks]\ntemplate = "template.rst"\n'
        'exclude = ["specs/README.rst"]\n',
        [], id='excluded',
    ),
    pytest.param(
        '[tool.spec-hooks]\ntemplate = "template.rst"\n'
        'exclude = ["specs/**/index.rst"]\n',
        ["specs/README.rst:1:1: S111 file name 'README.rst' should be "
         "lowercase words joined by hyphens, e.g. 'readme.rst'"],
        id='another file excluded',
    ),
])
def test_an_excluded_file_is_not_checked(
        config: str, expected: list[str],
        capsys: pytest.CaptureFixture[str],
) -> None:
    files = {'pyproject.toml': config, 'template.rst': TEMPLATE,
             'specs/README.rst': SPEC}
    assert run(files, 'specs/README.rst', capsys=capsys) == \
        (1 if expected else 0, expected)


HEAT = '''\
[tool.spec-hooks.templates]
"specs/{release}/*.rst" = "specs/templates/{release}-template.rst"
'''


@pytest.mark.usefixtures('repo')
def test_heat_layout_with_files_under_specs(
        capsys: pytest.CaptureFixture[str],
) -> None:
    """pre-commit hands every changed file under specs/, the templates
    too: each is a template of the rule's target, whatever release its
    name says, so none is taken for a spec of release 'templates'."""
    files = {
        'pyproject.toml': HEAT,
        'specs/templates/rocky-template.rst': TEMPLATE,
        'specs/templates/stein-template.rst': TEMPLATE,
        'specs/rocky/good-one.rst': SPEC,
        'specs/rocky/bad-one.rst': SPEC.replace('Problem', 'Problen'),
    }
    assert run(files, *sorted(files)[1:], capsys=capsys) == (1, [
        "specs/rocky/bad-one.rst:5:1: S107 section title 'Problen' is not "
        "in the template; did you mean 'Problem'?",
    ])


@pytest.mark.usefixtures('repo')
@pytest.mark.parametrize(('config', 'path'), [
    ('[tool.spec-hooks]\ntemplate = "specs/t.rst"\n', 'specs/t.rst'),
    ('[tool.spec-hooks.templates]\n'
     '"specs/{release}/*.rst" = "specs/templates/{release}.rst"\n',
     'specs/templates/t.rst'),
], ids=['template', 'any file a rule can name as its template'])
def test_a_template_is_never_checked_as_a_spec(
        config: str, path: str, capsys: pytest.CaptureFixture[str],
) -> None:
    files = {'pyproject.toml': config, path: '<not rst\n'}
    assert run(files, path, capsys=capsys) == (0, [])


NO_TEMPLATE = '''\
[tool.spec-hooks.templates]
"specs/*/*.rst" = "template.rst"
'''


@pytest.mark.usefixtures('repo')
def test_no_template_applies_is_one_finding(
        capsys: pytest.CaptureFixture[str],
) -> None:
    """Not the built-in template's dozen findings: one, that says why."""
    files = {'pyproject.toml': NO_TEMPLATE, 'template.rst': TEMPLATE,
             'specs/abandoned.rst': 'Not a title\n\nText.\n'}
    assert run(files, 'specs/abandoned.rst', capsys=capsys) == (1, [
        "specs/abandoned.rst:1:1: S113 no template applies to "
        "'specs/abandoned.rst': no pattern of templates matches it and "
        'template is not set; add a pattern for it, or list it in exclude',
    ])


LITE = '''\
[tool.spec-hooks.templates]
"specs/*.rst" = ["full-template.rst", "lite-template.rst"]
'''


@pytest.mark.usefixtures('repo')
@pytest.mark.parametrize(('spec', 'expected'), [
    pytest.param(FULL_SPEC, [], id='fits the first'),
    pytest.param(SPEC, [], id='fits the second'),
    pytest.param(
        FULL_SPEC + '\nNotes\n=====\n\nText.\n',
        ["specs/a.rst:15:1: S104 section 'Notes' is not in the template: "
         "rename it to a template section's title or remove it"],
        id='closer to the first: no note',
    ),
    pytest.param(
        FULL_SPEC.replace('Testing\n', 'Testin\n'),
        ["specs/a.rst:10:1: S107 section title 'Testin' is not in the "
         "template; did you mean 'Testing'?"],
        id='a misspelled title fits',
    ),
    pytest.param(
        SPEC + '\nNotes\n=====\n\nText.\n',
        ["specs/a.rst:10:1: S104 section 'Notes' is not in the template: "
         "rename it to a template section's title or remove it (against "
         'lite-template.rst)'],
        id='closer to the second: says so',
    ),
])
def test_several_templates_the_spec_fits_best(
        spec: str, expected: list[str], capsys: pytest.CaptureFixture[str],
) -> None:
    files = {'pyproject.toml': LITE, 'full-template.rst': FULL_TEMPLATE,
             'lite-template.rst': TEMPLATE, 'specs/a.rst': spec}
    assert run(files, 'specs/a.rst', capsys=capsys) == \
        (1 if expected else 0, expected)


@pytest.mark.usefixtures('repo')
def test_every_template_is_loaded_before_any_file_is_read(
        capsys: pytest.CaptureFixture[str],
) -> None:
    """The spec fits the first template, but a broken second one stops the
    run with a configuration error, whichever hook runs."""
    write(pathlib.Path.cwd(), {
        'pyproject.toml': LITE, 'full-template.rst': FULL_TEMPLATE,
        'lite-template.rst': 'No title here.\n', 'specs/a.rst': FULL_SPEC,
    })
    from spec_hooks.check_spec_license import main as license_main

    for hook in (main, license_main):
        assert hook(['specs/a.rst']) == 2
        assert capsys.readouterr() == ('', (
            'error: lite-template.rst: template has no title: a template is '
            'a reStructuredText spec with a title\n'
        ).replace('lite-template.rst', str(pathlib.Path.cwd() /
                                           'lite-template.rst'), 1))


@pytest.mark.usefixtures('repo')
def test_of_templates_that_fit_alike_the_first(
        capsys: pytest.CaptureFixture[str],
) -> None:
    files = {
        'pyproject.toml': '[tool.spec-hooks.templates]\n'
                          '"specs/*.rst" = ["one.rst", "two.rst"]\n',
        'one.rst': TEMPLATE, 'two.rst': TEMPLATE,
        'specs/a.rst': SPEC.replace('Problem', 'Problen'),
    }
    assert run(files, 'specs/a.rst', capsys=capsys) == (1, [
        "specs/a.rst:5:1: S107 section title 'Problen' is not in the "
        "template; did you mean 'Problem'?",
    ])


LITE = '''\
[tool.spec-hooks.templates]
"specs/*.rst" = ["full-template.rst", "lite-template.rst"]

[tool.spec-hooks.per-template-ignores]
"lite-template.rst" = ["S111"]
'''


@pytest.mark.usefixtures('repo')
def test_per_template_ignores_follow_the_template_that_fits(
        capsys: pytest.CaptureFixture[str],
) -> None:
    """A spec lite and a full spec with the same bad file name: only the
    one checked against the template the codes are ignored for goes
    unreported, whatever their names say."""
    files = {
        'pyproject.toml': LITE, 'full-template.rst': FULL_TEMPLATE,
        'lite-template.rst': TEMPLATE, 'specs/lite_one.rst': SPEC,
        'specs/full_one.rst': FULL_SPEC,
    }
    assert run(files, 'specs/lite_one.rst', 'specs/full_one.rst',
               capsys=capsys) == (1, [
        "specs/full_one.rst:1:1: S111 file name 'full_one.rst' should be "
        "lowercase words joined by hyphens, e.g. 'full-one.rst'",
    ])
