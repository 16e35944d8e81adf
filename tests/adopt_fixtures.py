"""Small specs repositories, one per layout spec-hooks init knows."""
from __future__ import annotations

import os
from pathlib import Path

LICENSE = """\
..
 This work is licensed under a Creative Commons Attribution 3.0 Unported
 License.

 http://creativecommons.org/licenses/by/3.0/legalcode

"""
NOTE = """
.. note::

  This work is licensed under a Creative Commons Attribution 3.0 Unported
  License. http://creativecommons.org/licenses/by/3.0/legalcode
"""


def document(title: str, sections: list[str], *, text: str = 'Text.',
             license_at_end: bool = False) -> str:
    """A template (``text`` its guidance) or a spec with these sections."""
    bar = '=' * len(title)
    body = ''.join(f'{s}\n{"=" * len(s)}\n\n{text}\n\n' for s in sections)
    if license_at_end:
        return f'{bar}\n{title}\n{bar}\n\n{body}'.rstrip('\n') + '\n' + NOTE
    return f'{LICENSE}{bar}\n{title}\n{bar}\n\n{body}'.rstrip('\n') + '\n'


FULL = ['Problem description', 'Proposed change', 'Alternatives']
GUIDANCE = 'What is it about? Write the answer here, in a few lines.'


def template(sections: list[str] = FULL, **kwargs: bool) -> str:
    return document('Example Spec - The title of your blueprint', sections,
                    text=GUIDANCE, **kwargs)


def spec(sections: list[str] = FULL, **kwargs: bool) -> str:
    return document('Make things better', sections, **kwargs)


LITE = ['Problem statement', 'Lite proposal']

# Layout: {path: text, or ('link', target)}
LAYOUTS: dict[str, dict[str, str | tuple[str, str]]] = {
    'single': {
        'specs/template.rst': template(),
        'specs/index.rst': 'Specs\n=====\n\n.. toctree::\n   :glob:\n\n'
                           '   rocky/*\n',
        'specs/rocky/make-things-better.rst': spec(),
        'specs/rocky/no-alternatives.rst': spec(FULL[:2]),
    },
    'per-release': {
        'specs/rocky-template.rst': template(FULL[:2]),
        'specs/stein-template.rst': template(FULL),
        'specs/rocky/approved/make-things-better.rst': spec(FULL[:2]),
        'specs/stein/approved/make-things-better.rst': spec(FULL),
        'specs/stein/approved/stein-template.rst':
            ('link', '../../stein-template.rst'),
        'specs/abandoned/old-idea.rst': spec(['Problem description']),
    },
    'templates-directory': {
        'specs/templates/rocky-template.rst': template(FULL[:2]),
        'specs/templates/stein-template.rst': template(FULL),
        'specs/rocky/make-things-better.rst': spec(FULL[:2]),
        'specs/rocky/rocky-template.rst':
            ('link', '../templates/rocky-template.rst'),
        'specs/stein/make-things-better.rst': spec(FULL),
        'specs/stein/template-versions.rst': spec(FULL),
    },
    'spec-lite': {
        'specs/template.rst': template(),
        'specs/spec-lite-template.rst': template(LITE),
        'specs/rocky/make-things-better.rst': spec(),
        'specs/rocky/spec-lite-small-thing.rst': spec(LITE),
        'specs/rocky/other-small-thing.rst': spec(LITE),
        'specs/rocky/template.rst': ('link', '../template.rst'),
    },
    'license-at-end': {
        'specs/template.rst': template(license_at_end=True),
        'specs/rocky/make-things-better.rst': spec(license_at_end=True),
        'specs/rocky/license-on-top.rst': spec(),
    },
}


def make(root: Path, layout: str) -> Path:
    for path, content in LAYOUTS[layout].items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            os.symlink(content[1], target)
        else:
            target.write_text(content, encoding='utf-8')
    return root
