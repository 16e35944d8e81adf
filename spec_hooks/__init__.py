"""pre-commit hooks that check reStructuredText specs against a template."""
