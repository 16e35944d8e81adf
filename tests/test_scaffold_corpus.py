"""spec-hooks new with every template of the corpus, each with its
repository's ready config from examples/: the new spec has no finding but
S110, and once each empty section has a sentence, check-spec passes.

The templates are those the corpus README names and those the configs'
``template`` and ``templates`` apply.  A template no config applies (the
config excludes it) is named with ``--template``, for both commands.
Each case runs in a directory of its own holding the config as
pyproject.toml, the repository's templates and its Sphinx conf.py: nothing
is written into the corpus.  Skipped where the corpus is absent."""
from __future__ import annotations

import glob
import os
import pathlib
import re
import shutil

import pytest

from spec_hooks.check_spec import main as check_spec
from spec_hooks.config import load_settings
from spec_hooks.scaffold import main as new
from tests.conftest import CORPUS, REPO

NAME = 'live-volume-resize'
NOVA = [
    'juno', 'kilo', 'liberty', 'mitaka', 'newton', 'ocata', 'pike', 'queens',
    'rocky', 'stein', 'train', 'ussuri', 'victoria', 'wallaby', 'xena',
    'yoga', 'zed', '2023.1', '2023.2', '2024.1', '2024.2', '2025.1',
    '2025.2', '2026.1', '2026.2', '2027.1',
]
HEAT = ['backlog', 'juno', 'kilo', 'liberty', 'mitaka', 'newton', 'ocata',
        'pike', 'queens', 'rocky']

# (repository, its example config, template, the new spec's path, the
# options both commands take).
CASES = [
    ('barbican-specs', 'barbican-specs', 'specs/template.rst',
     f'specs/2027.1/{NAME}.rst', []),
    ('barbican-specs', 'barbican-specs', 'specs/juno/template.rst',
     f'specs/juno/{NAME}.rst', []),
    ('designate-specs', 'designate-specs', 'specs/template.rst',
     f'specs/2027.1/{NAME}.rst', []),
    ('glance-specs', 'glance-specs', 'specs/template.rst',
     f'specs/2026.2/approved/glance/{NAME}.rst', []),
    ('glance-specs', 'glance-specs', 'specs/spec-lite-template.rst',
     f'specs/2026.2/approved/glance/spec-lite-{NAME}.rst', []),
    *[('heat-specs', 'heat-specs', f'specs/templates/{release}-template.rst',
       f'specs/{release}/{NAME}.rst', []) for release in HEAT],
    ('ironic-specs', 'ironic-specs', 'specs/template.rst',
     f'specs/approved/{NAME}.rst', []),
    ('keystone-specs', 'keystone-specs', 'specs/template.rst',
     f'specs/keystone/2027.1/{NAME}.rst', []),
    ('magnum-specs', 'magnum-specs', 'specs/template.rst',
     f'specs/2027.1/{NAME}.rst', []),
    ('neutron-specs', 'neutron-specs', 'specs/template.rst',
     f'specs/2026.2/{NAME}.rst', []),
    ('neutron-specs', 'neutron-specs', 'specs/postmortem_template.rst',
     f'specs/2026.2/postmortem/{NAME}.rst', []),
    ('neutron-specs', 'neutron-specs', 'specs/scorecard_template.rst',
     f'specs/stadium/2026.2/{NAME}.rst', []),
    # The config excludes Newton's copy of the template.
    ('neutron-specs', 'neutron-specs', 'specs/newton/template.rst',
     f'specs/newton/{NAME}.rst', ['--template', 'specs/newton/template.rst']),
    *[('nova-specs', 'nova-specs', f'specs/{release}-template.rst',
       f'specs/{release}/approved/{NAME}.rst', []) for release in NOVA],
    ('octavia', 'octavia', 'specs/template.rst',
     f'specs/version15.0/{NAME}.rst', []),
    # The config excludes the skeleton: the template without guidance.
    ('octavia', 'octavia', 'specs/skeleton.rst',
     f'specs/version15.0/{NAME}.rst', ['--template', 'specs/skeleton.rst']),
    ('openstack-specs', 'openstack-specs', 'template.rst',
     f'specs/{NAME}.rst', []),
    ('oslo-specs', 'oslo-specs', 'specs/template.rst',
     f'specs/2027.1/{NAME}.rst', []),
    ('oslo-specs', 'oslo-specs', 'specs/policy-template.rst',
     f'specs/policy/{NAME}.rst', []),
    # Second of the two templates of specs/*/*.rst: new applies the first.
    ('oslo-specs', 'oslo-specs', 'specs/new-library-template.rst',
     f'specs/2027.1/{NAME}.rst',
     ['--template', 'specs/new-library-template.rst']),
    ('sahara-specs', 'sahara-specs', 'specs/template.rst',
     f'specs/2027.1/{NAME}.rst', []),
    ('swift-specs', 'swift-specs', 'template.rst',
     f'specs/in_progress/{NAME}.rst', []),
]

# Files the README or a config names as templates that are none here: git
# symlinks that arrive as small files holding their target's path (see
# the corpus README); the template they stand for has its own case.
LINKS = {
    ('nova-specs', 'specs/backlog-template.rst'): 'specs/2027.1-template.rst',
}


# Templates whose every section the config makes optional: a new spec from
# one has no section it must write.  Neutron's postmortem template has one,
# a placeholder for a section per blueprint.
NOTHING_TO_WRITE = {('neutron-specs', 'specs/postmortem_template.rst')}


def templates_of(repo: str) -> list[str]:
    return sorted({template for r, _, template, _, _ in CASES if r == repo})


@pytest.fixture
def checkout(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
             ) -> pathlib.Path:
    """The working directory of a case; filled by ``prepare``."""
    root = tmp_path / 'repo'
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def prepare(root: pathlib.Path, repo: str, config: str) -> None:
    source = os.path.join(CORPUS, repo)
    if not os.path.isdir(source):
        pytest.skip(f'corpus not available: {source}')
    shutil.copy(os.path.join(REPO, 'examples', f'{config}.toml'),
                root / 'pyproject.toml')
    for template in templates_of(repo):
        (root / template).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(os.path.join(source, template), root / template)
    conf = os.path.join(source, 'doc', 'source')
    if os.path.isdir(conf):
        shutil.copytree(conf, root / 'doc' / 'source')


def findings(capsys: pytest.CaptureFixture[str]) -> list[tuple[int, str]]:
    """The line and code of each finding check-spec printed."""
    out = capsys.readouterr().out
    return [(int(line), code) for line, code in
            re.findall(r'^[^:\n]+:(\d+):\d+: ([A-Z]+\d+) ', out, re.M)]


def filled(text: str, titles: list[int]) -> str:
    """``text`` with a sentence under each title at the given lines (of
    the title's text; its underline follows)."""
    lines = text.split('\n')
    for line in sorted(titles, reverse=True):
        lines[line + 1:line + 1] = ['', 'This part is written.']
    return '\n'.join(lines)


@pytest.mark.parametrize(('repo', 'config', 'template', 'path', 'options'), [
    pytest.param(*case, id=f'{case[0]}:{case[2]}') for case in CASES
])
def test_new_spec_from_corpus_template(
        checkout: pathlib.Path, capsys: pytest.CaptureFixture[str],
        repo: str, config: str, template: str, path: str,
        options: list[str],
) -> None:
    prepare(checkout, repo, config)
    assert new([path, *options]) == 0
    assert capsys.readouterr().out.startswith(
        f'Created {path} from {template}: ')
    if (repo, template) in NOTHING_TO_WRITE:
        assert check_spec([path, *options]) == 0
        return
    assert check_spec([path, *options]) == 1
    found = findings(capsys)
    assert found and {code for _, code in found} == {'S110'}
    spec = checkout / path
    spec.write_text(filled(spec.read_text(), [line for line, _ in found]))
    assert check_spec([path, *options]) == 0
    assert capsys.readouterr() == ('', '')


def configured_templates(repo: str, config: str) -> set[str]:
    """The templates ``examples/<config>.toml`` applies, its ``{name}``s
    matched against the corpus."""
    settings = load_settings(
        os.path.join(REPO, 'examples', f'{config}.toml'))
    targets = [settings.template] if settings.template else []
    targets += [os.path.join(settings.root, target)
                for _, found in settings.templates for target in found]
    source = os.path.join(CORPUS, repo)
    return {
        os.path.relpath(found, source)
        for target in targets
        for found in glob.glob(os.path.join(
            source, re.sub(r'\{\w+\}', '*', os.path.relpath(
                target, settings.root))))
    }


@pytest.mark.parametrize('repo', sorted({case[0] for case in CASES}))
def test_every_template_has_a_case(repo: str) -> None:
    if not os.path.isdir(os.path.join(CORPUS, repo)):
        pytest.skip(f'corpus not available: {CORPUS}')
    config = next(c for r, c, _, _, _ in CASES if r == repo)
    expected = configured_templates(repo, config)
    links = {path for r, path in LINKS if r == repo}
    assert expected - links <= set(templates_of(repo))


@pytest.mark.parametrize(('repo', 'path'), sorted(LINKS))
def test_link_stand_ins_name_a_template_with_a_case(
        repo: str, path: str) -> None:
    source = os.path.join(CORPUS, repo, path)
    if not os.path.exists(source):
        pytest.skip(f'corpus not available: {source}')
    with open(source, encoding='utf-8') as f:
        target = f.read().strip()
    if os.path.islink(source):  # a real symlink: the same template
        target = os.readlink(source)
    assert os.path.join(os.path.dirname(path), target) == LINKS[repo, path]
    assert LINKS[repo, path] in templates_of(repo)


def test_readme_example(checkout: pathlib.Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    """The README's example of spec-hooks new is what it does."""
    readme = pathlib.Path(REPO, 'README.md').read_text(encoding='utf-8')
    example = re.search(r'\$ spec-hooks new (\S+)\n(.*?)\n\$ head -(\d+) '
                        r'\S+\n(.*?)```', readme, re.S)
    assert example is not None
    path, created, lines, head = example.groups()
    prepare(checkout, 'nova-specs', 'nova-specs')
    assert new([path]) == 0
    assert capsys.readouterr().out == f'{created}\n'
    text = (checkout / path).read_text()
    assert text.split('\n')[:int(lines)] == head.split('\n')[:-1]
