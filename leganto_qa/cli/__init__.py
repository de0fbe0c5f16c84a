"""The ``leganto-qa`` command: one module per command group (run, scan, demo, doctor,
evidence, ...) and the options they share. Calls the library and pytest, never the reverse.

Owns: what a tester types. May import: everything.
"""
