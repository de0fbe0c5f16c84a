"""The ``leganto-qa`` command. Calls the library and pytest, never the reverse.

Where to look:

- ``main``: the group; registers every command; usage errors (wrong flag) exit 1 in one line.
- ``shared_options``: what the commands share (``--config``, ``--report-only``, printing, the guard
  that turns a HarnessError into one line and its exit code).
- ``commands/<name>_command(s)``: the options and arguments of ``leganto-qa <name>`` (run and
  scan share ``commands/run_and_scan_commands``); light, they import the work inside their
  functions.
- The work: ``run_command`` (checks before pytest, pytest), ``verdict`` (exit codes,
  ``--report-only``, terminal lines), ``notification`` (the webhook post when a sandbox's
  verdict changes), ``scan_command``, ``merge_runs`` (the shards of a run joined, their
  reports and verdict), ``demo`` with ``demo_checks`` and ``demo_documents``, ``doctor_checks``.

Owns: what a tester types. May import: everything.
"""
