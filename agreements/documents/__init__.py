"""Documents: Word templates rendered to DOCX (`render`), converted to PDF (`pdf`), and stored
under the data folder with their SHA-256 (`store`); `contexts` holds what the templates read.
"""
