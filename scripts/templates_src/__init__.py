"""The generators of the Word templates in templates/ (run scripts/make_templates.py)."""
