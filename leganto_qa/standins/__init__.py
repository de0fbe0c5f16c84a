"""Launchers of the stand-ins in ``fixtures/`` (the Leganto look-alike and the
Canvas-like LMS) as child processes on loopback. The servers themselves stay in ``fixtures/``.

Owns: starting and stopping stand-ins. May import: ``model``, ``config``.
"""
