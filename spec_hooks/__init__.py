"""pre-commit hooks that check reStructuredText specs against a template."""

__version__ = '0.4.0'
