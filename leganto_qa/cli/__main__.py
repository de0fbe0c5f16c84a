"""``python -m leganto_qa.cli``: the same as ``leganto-qa``."""

from leganto_qa.cli.main import main

main()
