"""The page scripts (``leganto_qa/**/js/*.js``): each parses to one function, each is used, lint.

Whether they do their work is tested in the browser by the tests of the code that loads them
(tests/test_checks.py, test_checks_bounded.py, test_scanning_frames.py, test_i18n_collect.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "leganto_qa"
SOURCES = sorted(PACKAGE.rglob("*.js"))
ESLINT = REPO / "node_modules" / ".bin" / "eslint"

# Evaluates each file as a script (no browser needed: nothing runs, the function is only made).
_EVALUATE_ALL = """
const fs = require('fs'), vm = require('vm');
const out = {};
for (const path of JSON.parse(process.argv[1])) {
  try {
    out[path] = typeof new vm.Script(fs.readFileSync(path, 'utf8'), {filename: path})
      .runInNewContext({});
  } catch (e) { out[path] = String(e).split('\\n')[0]; }
}
console.log(JSON.stringify(out));
"""


def test_the_package_has_page_scripts_in_js_folders():
    assert len(SOURCES) >= 30
    assert all(p.parent.name == "js" for p in SOURCES), SOURCES


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_page_script_parses_to_one_function():
    paths = [str(p) for p in SOURCES]
    result = subprocess.run(
        ["node", "-e", _EVALUATE_ALL, json.dumps(paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    kinds = json.loads(result.stdout)
    wrong = {p: k for p, k in kinds.items() if k != "function"}
    assert not wrong, wrong


def test_every_page_script_is_loaded_by_the_package():
    python = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    loaded = set(re.findall(r'js\("(\w+)"\)', python))
    loaded |= set(re.findall(r'"js/(\w+)\.js"', python))
    unused = [str(p.relative_to(REPO)) for p in SOURCES if p.stem not in loaded]
    assert not unused, unused


@pytest.mark.skipif(
    not ESLINT.exists(),
    reason="eslint is not installed (run `npm ci --no-audit --no-fund` in the repository)",
)
def test_page_scripts_pass_eslint():
    result = subprocess.run(
        [str(ESLINT), "--max-warnings=0", "leganto_qa"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
