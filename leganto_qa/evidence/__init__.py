"""Evidence packages: the zip with its manifest of sha256 sums, verification, and the
scrubber that takes secrets out of every file that goes in.

Owns: what is sent to Ex Libris. May import: the record side (``model``, ``config``, ``compare``,
``reports``). Never Playwright or pytest.
"""
