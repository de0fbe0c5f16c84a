"""One module per command group of ``leganto-qa``: the options and arguments a tester types.

Each module is light (click and ``cli.options``) and imports the work inside its functions, so
``leganto-qa --help`` and a mistyped flag answer at once. ``cli.main`` registers them all.
"""
