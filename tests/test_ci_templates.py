"""The CI templates in ci/ parse, have the shape the README promises (shards in a matrix, a merge
job that needs them, artifacts, Pages, a scheduled variant, secrets only from the CI's store),
and the ``leganto-qa`` commands they name run against the demo stand-in: 2 shards of the API
suite, merged, as each CI would run them. The cron and systemd examples name valid commands."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from leganto_qa.cli.main import main
from tests.conftest import REPO, write_config
from tests.fault_server import serving
from tests.test_notify import NOTIFY, WebhookServer

CI = REPO / "ci"
SHARDS = 2
NARROW = "--suite api"
"""What the tests run instead of every suite (``LEGANTO_QA_SUITES``): seconds, not minutes."""
SECRET_NAME = re.compile(r"(PASSWORD|APIKEY|API_KEY|TOKEN|SECRET|WEBHOOK\w*|_USER)$")


def _gitlab() -> dict:
    return yaml.safe_load((CI / "gitlab-ci.yml").read_text())


def _github() -> dict:
    return yaml.safe_load((CI / "github-actions.yml").read_text())


# ------------------------------------------------------------------------------- commands


def resolve(args: list[str]) -> click.Context:
    """Parse ``leganto-qa ARGS`` the way the CLI would (a usage error raises), running nothing."""
    ctx = click.Context(main, info_name="leganto-qa")
    command: click.Command = main
    while isinstance(command, click.Group):
        assert args, f"{ctx.command_path} needs a command"
        name, *args = args
        sub = command.get_command(ctx, name)
        assert sub is not None, f"no command {name!r} in {ctx.command_path}"
        if isinstance(sub, click.Group):
            ctx = click.Context(sub, info_name=name, parent=ctx)
        else:
            ctx = sub.make_context(name, list(args), parent=ctx)
        command = sub
    return ctx


def leganto_commands(shell: str) -> list[list[str]]:
    """Every ``leganto-qa …`` in a shell line, as its arguments (redirections left out)."""
    found = []
    for part in re.split(r"&&|\|\||;", shell):
        words = [w for w in shlex.split(part) if not re.match(r"^\d?>>?", w)]
        while words and re.match(r"^\w+=", words[0]):  # NAME=value before the command
            words.pop(0)
        if words and Path(words[0]).name == "leganto-qa":
            found.append(words[1:])
    return found


def test_cron_example_names_valid_commands():
    lines = [
        line
        for line in (CI / "cron.example").read_text().splitlines()
        if line.strip() and not line.startswith("#") and not re.match(r"^\w+=", line)
    ]
    assert lines, "no schedule line"
    commands = []
    for line in lines:
        fields = line.split(None, 5)
        assert all(re.fullmatch(r"[\d*,/-]+", f) for f in fields[:5]), line
        commands += leganto_commands(fields[5])
    assert [c[0] for c in commands] == ["run", "trend"]
    for args in commands:
        resolve(args)
    assert "--report-only" in commands[0]


def test_systemd_units_name_valid_commands_and_a_valid_schedule():
    service = (CI / "systemd" / "leganto-qa-scan.service").read_text()
    timer = (CI / "systemd" / "leganto-qa-scan.timer").read_text()
    starts = re.findall(r"^ExecStart=(.+)$", service, re.MULTILINE)
    commands = [c for start in starts for c in leganto_commands(start)]
    assert commands and all(resolve(args) for args in commands)
    assert "--report-only" in commands[0]
    assert "Type=oneshot" in service and "EnvironmentFile=" in service
    assert "Unit=leganto-qa-scan.service" in timer and "WantedBy=timers.target" in timer
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return
    calendar = re.search(r"^OnCalendar=(.+)$", timer, re.MULTILINE)
    assert calendar is not None
    subprocess.run([analyze, "calendar", calendar.group(1)], check=True, capture_output=True)
    units = [str(CI / "systemd" / name) for name in ("leganto-qa-scan.timer",)]
    checked = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    problems = [
        line
        for line in (checked.stdout + checked.stderr).splitlines()
        if line.strip() and "is not executable" not in line  # /srv/leganto-qa is not here
    ]
    assert problems == []


# ------------------------------------------------------------------------------- GitLab


def test_gitlab_template_shape():
    ci = _gitlab()
    variables = ci["variables"]
    shard, merge, pages = ci["leganto-qa:shard"], ci["leganto-qa:merge"], ci["pages"]
    stages = ci["stages"]
    assert (
        stages.index(shard["stage"]) < stages.index(merge["stage"]) < stages.index(pages["stage"])
    )
    assert shard["parallel"]["matrix"] == [
        {"SHARD": [str(k) for k in range(1, int(variables["SHARDS"]) + 1)]}
    ]
    assert "--shard" in " ".join(shard["script"]) and "--report-only" in shard["script"][0]
    assert merge["needs"] == ["leganto-qa:shard"] and pages["needs"] == ["leganto-qa:merge"]
    assert shard["artifacts"]["paths"] == ["reports/runs/"]
    assert merge["artifacts"]["paths"] == ["reports/"]
    assert shard["artifacts"]["when"] == merge["artifacts"]["when"] == "always"
    assert pages["artifacts"]["paths"] == ["public"]
    assert any(rule.get("when") == "always" for rule in pages["rules"])
    schedule = _schedule_rule(ci)
    assert schedule["variables"]["LEGANTO_QA_REPORT_ONLY"] == "--report-only"
    assert "$LEGANTO_QA_REPORT_ONLY" in merge["script"][0]
    assert merge["after_script"] == ["leganto-qa index"]  # runs even when the merge fails
    assert "python:3.11" in ci["default"]["image"]
    install = " ".join(ci["default"]["before_script"])
    assert "apt-get install" in install and "chromium" in install and "pip install" in install


def _schedule_rule(ci: dict) -> dict:
    rules = [r for r in ci["workflow"]["rules"] if '$CI_PIPELINE_SOURCE == "schedule"' in r["if"]]
    assert len(rules) == 1
    return rules[0]


def test_gitlab_template_holds_no_secret():
    ci = _gitlab()
    named = {**ci["variables"], **_schedule_rule(ci)["variables"]}
    for job in ci.values():
        if isinstance(job, dict):
            named.update(job.get("variables", {}))
    assert [name for name in named if SECRET_NAME.search(name)] == []


class Project:
    """A clone's working folder as a CI job sees it: sandboxes.toml, reports/, the CLI on PATH."""

    def __init__(self, root: Path, config_text: str) -> None:
        self.root = root
        self.config = write_config(root, config_text)
        bin_dir = root / "bin"
        bin_dir.mkdir()
        wrapper = bin_dir / "leganto-qa"
        wrapper.write_text(
            f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO))} exec "
            f'{shlex.quote(sys.executable)} -m leganto_qa.cli "$@"\n'
        )
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
        self.path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
        self.commands: list[list[str]] = []

    def sh(self, line: str, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            **variables,
            "PATH": self.path,
            "CI_PROJECT_DIR": str(self.root),
            "LEGANTO_QA_CONFIG": str(self.config),
        }
        for name in list(env):
            if name.endswith("_APIKEY") or name.endswith("_PASSWORD"):
                env.pop(name)  # the stand-in generates its own
        return subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", line],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def run_lines(self, lines: list[str], variables: dict[str, str], expect: int = 0) -> str:
        output = ""
        for line in lines:
            for args in leganto_commands(line):
                self.commands.append(_expand(args, variables))
                resolve(self.commands[-1])
            result = self.sh(line, variables)
            output += result.stdout + result.stderr
            assert result.returncode == expect, f"{line}\n{output[-3000:]}"
        return output

    def merged_runs(self) -> list[dict]:
        records = [
            json.loads(p.read_text())
            for p in sorted((self.root / "reports/runs/demo").glob("*/record.json"))
        ]
        return [r for r in records if not r["sandbox"].get("shard")]


def _expand(args: list[str], variables: dict[str, str]) -> list[str]:
    """The words after the shell expanded ``$NAME`` (the line is run by bash itself)."""
    text = " ".join(args)
    for name, value in sorted(variables.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(f"${name}", value)
    return shlex.split(text)


def _leganto_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if leganto_commands(line)]


@pytest.fixture(scope="module")
def gitlab_pipeline(tmp_path_factory):
    """The GitLab pipeline on the demo: both shards, then merge and pages in two projects, a
    pushed commit's (with a webhook and a last verdict that differs) and a schedule's."""
    ci = _gitlab()
    root = tmp_path_factory.mktemp("gitlab")
    config_text = (REPO / "sandboxes.toml").read_text() + NOTIFY
    push, scheduled = Project(root / "push", config_text), Project(root / "schedule", config_text)
    base = {
        **ci["variables"],
        "SANDBOX": "demo",
        "SHARDS": str(SHARDS),
        "LEGANTO_QA_SUITES": NARROW,
    }
    verdict = push.root / "reports/runs/demo/last-verdict.json"
    verdict.parent.mkdir(parents=True)
    verdict.write_text(json.dumps({"exit_code": 2}))  # as the merge job's cache restores it
    with serving(WebhookServer()) as hook:
        base["LEGANTO_QA_WEBHOOK_URL"] = hook.url
        push.run_lines(_leganto_lines(ci["default"]["before_script"]), base)
        for shard in ci["leganto-qa:shard"]["parallel"]["matrix"][0]["SHARD"]:
            push.run_lines(ci["leganto-qa:shard"]["script"], {**base, "SHARD": shard})
        shard_posts = len(hook.posts)
        shutil.copytree(push.root / "reports/runs/demo", scheduled.root / "reports/runs/demo")
        (scheduled.root / "reports/runs/demo/last-verdict.json").unlink()
        merge = ci["leganto-qa:merge"]["script"] + ci["leganto-qa:merge"]["after_script"]
        outputs = {"push": push.run_lines(merge, base)}
        schedule = {**base, **_schedule_rule(ci)["variables"], "LEGANTO_QA_SUITES": NARROW}
        outputs["schedule"] = scheduled.run_lines(merge, schedule)
        push.run_lines(ci["pages"]["script"], base)
        posts = list(hook.posts)
    return push, scheduled, outputs, shard_posts, posts


def test_gitlab_pipeline_runs_on_the_demo(gitlab_pipeline):
    push, scheduled, *_ = gitlab_pipeline
    for project in (push, scheduled):
        merged = project.merged_runs()
        assert len(merged) == 1, [r.get("shard") for r in merged]
        assert merged[0]["status"] == "complete"
        assert merged[0]["summary"]["tests"]["passed"] > 0
        assert (project.root / "reports/index.html").is_file()
    merges = [c for c in scheduled.commands if c[0] == "merge"]
    assert merges and merges[0][1] == "--report-only"  # the schedule's variant
    assert next(c for c in push.commands if c[0] == "merge")[1] != "--report-only"
    shards = sorted(c[c.index("--shard") + 1] for c in push.commands if "--shard" in c)
    assert shards == ["1/2", "2/2"]
    assert (push.root / "public/index.html").is_file()  # GitLab Pages' front page
    assert (push.root / "public/runs/demo").is_dir()


def test_gitlab_merge_notifies_once_and_shards_never(gitlab_pipeline):
    _, _, outputs, shard_posts, posts = gitlab_pipeline
    assert shard_posts == 0
    assert len(posts) == 1
    assert posts[0][1]["text"].startswith(
        "leganto-qa demo: new regressions or findings -> nothing new (exit 0)."
    )
    assert "SECRET" not in outputs["push"]


def test_the_command_check_is_not_vacuous():
    with pytest.raises(click.UsageError):
        resolve(["run", "--shard", "3/2"])
    with pytest.raises(click.UsageError):
        resolve(["merge", "--report-onyl", "reports/runs/demo/x"])
    assert leganto_commands("cd /srv/leganto-qa && X=1 leganto-qa index >>log 2>&1") == [["index"]]


# ------------------------------------------------------------------------------- GitHub

EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
EVENT_CHOICE = re.compile(r"github\.event_name == '(\w+)' && '([^']*)' \|\| '([^']*)'")
STEP_CONDITIONS = {None, "${{ !cancelled() }}"}


def evaluate(text: str, context: dict) -> str:
    """The few GitHub expressions the workflow uses, as a runner would evaluate them."""

    def one(found: re.Match[str]) -> str:
        expression = found.group(1)
        choice = EVENT_CHOICE.fullmatch(expression)
        if choice:
            event, then, otherwise = choice.groups()
            return then if context["event"] == event else otherwise
        scope, _, name = expression.partition(".")
        if scope == "secrets":
            return ""  # a secret this repository does not have: an empty variable
        if scope == "github" and name == "run_id":
            return "1"
        if scope in ("matrix", "env"):
            return str(context[scope][name])
        raise AssertionError(f"the test does not know the expression {expression!r}")

    return EXPRESSION.sub(one, str(text))


def _github_on(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def test_github_workflow_shape():
    workflow = _github()
    on = _github_on(workflow)
    assert {"push", "pull_request", "workflow_dispatch", "schedule"} <= set(on)
    assert on["schedule"][0]["cron"].split()[:2] == ["30", "4"]
    shard, merge = workflow["jobs"]["shard"], workflow["jobs"]["merge"]
    shards = [str(k) for k in range(1, int(workflow["env"]["SHARDS"]) + 1)]
    assert shard["strategy"]["matrix"]["shard"] == shards
    assert shard["strategy"]["fail-fast"] is False
    assert merge["needs"] == "shard"
    uploads = _uses(shard, "actions/upload-artifact")
    assert uploads[0]["with"]["path"] == "reports/runs/"
    download = _uses(merge, "actions/download-artifact")[0]["with"]
    assert download["merge-multiple"] is True and download["path"] == "reports/runs/"
    shard_one = {"event": "push", "matrix": {"shard": "1"}, "env": {}}
    assert fnmatch.fnmatch(evaluate(uploads[0]["with"]["name"], shard_one), download["pattern"])
    assert _uses(merge, "actions/upload-artifact")[0]["with"]["path"] == "reports/"
    for event, report_only in (("schedule", "--report-only"), ("push", "")):
        env = {"event": event}
        assert evaluate(workflow["env"]["LEGANTO_QA_REPORT_ONLY"], env) == report_only
    for job in (shard, merge):
        for step in job["steps"]:
            assert step.get("if") in STEP_CONDITIONS
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+(/\w+)?@v\d+", step["uses"]), step["uses"]


def _uses(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def test_github_workflow_takes_secrets_only_from_the_secret_store():
    workflow = _github()
    envs = [workflow["env"], *(job.get("env", {}) for job in workflow["jobs"].values())]
    secrets = {
        name: value for env in envs for name, value in env.items() if SECRET_NAME.search(name)
    }
    assert "LEGANTO_QA_WEBHOOK_URL" in secrets
    assert secrets == {name: f"${{{{ secrets.{name} }}}}" for name in secrets}
    config = (REPO / "sandboxes.toml").read_text()  # named like its *_env (examples included)
    assert [name for name in secrets if f'_env = "{name}"' not in config] == []


class Runner:
    """Runs one job of the workflow in a project: ``run:`` lines naming leganto-qa, and the
    artifact and cache actions as copies between folders."""

    def __init__(self, project: Project, artifacts: Path, event: str) -> None:
        self.project, self.artifacts, self.event = project, artifacts, event

    def job(self, job: dict, workflow_env: dict, matrix: dict | None = None) -> None:
        context = {"event": self.event, "matrix": matrix or {}, "env": {}}
        env = {name: evaluate(value, context) for name, value in workflow_env.items()}
        context["env"] = env
        env.update({name: evaluate(value, context) for name, value in job.get("env", {}).items()})
        env["LEGANTO_QA_SUITES"] = NARROW
        for step in job["steps"]:
            action = step.get("uses", "").split("@")[0]
            given = {k: evaluate(v, context) for k, v in step.get("with", {}).items()}
            if "run" in step:
                self.project.run_lines(_leganto_lines(step["run"].splitlines()), env)
            elif action == "actions/upload-artifact":
                shutil.copytree(self.project.root / given["path"], self.artifacts / given["name"])
            elif action == "actions/download-artifact":
                for found in sorted(self.artifacts.glob(given["pattern"])):
                    shutil.copytree(found, self.project.root / given["path"], dirs_exist_ok=True)


def test_github_workflow_runs_on_the_demo(tmp_path):
    workflow = _github()
    artifacts = tmp_path / "artifacts"
    push = Project(tmp_path / "push", (REPO / "sandboxes.toml").read_text())
    runner = Runner(push, artifacts, "push")
    for shard in workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]:
        runner.job(workflow["jobs"]["shard"], workflow["env"], {"shard": shard})
    assert len(list((push.root / "reports/runs/demo").iterdir())) == SHARDS
    merge = Project(tmp_path / "merge", (REPO / "sandboxes.toml").read_text())
    Runner(merge, artifacts, "schedule").job(workflow["jobs"]["merge"], workflow["env"])
    merged = merge.merged_runs()
    assert len(merged) == 1 and merged[0]["status"] == "complete"
    merges = [c for c in merge.commands if c[0] == "merge"]
    assert merges[0][1] == "--report-only"
    assert (artifacts / "leganto-qa-reports" / "index.html").is_file()
    assert sorted(c[c.index("--shard") + 1] for c in push.commands if "--shard" in c) == [
        "1/2",
        "2/2",
    ]
