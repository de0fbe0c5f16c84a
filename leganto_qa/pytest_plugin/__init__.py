"""The pytest plugin: options, ini settings, hooks, hook specs, the fixture chain,
outcome classification, progress and the run record at session end.

Owns: everything that knows pytest. May import: every layer below the CLI.
"""
