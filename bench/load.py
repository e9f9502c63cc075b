"""Requests to the servers: one at a time (`fetch`, for the checks) or by wrk (`run_wrk`,
the load), and what came back."""

from __future__ import annotations

import http.client
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LUA = Path(__file__).with_name("wrk.lua")
MARK = "BENCH-RESULT "


@dataclass(frozen=True)
class Request:
    """What wrk sends. `{1}`, `{2}`, ... in the path, headers and body are filled from each
    request's row when the page has rows."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""


@dataclass
class Run:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    reused: int = 0  # requests that took a row a second time
    failure: str = ""  # wrk itself failed: no numbers at all

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def unexpected(self, expect: int) -> int:
        """Answers other than the page's expected status, plus timeouts and broken sockets."""
        wrong = sum(count for status, count in self.statuses.items() if status != expect)
        return wrong + sum(self.socket_errors.values())


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fill(text: str, row: tuple[str, ...] | None) -> str:
    for number, value in enumerate(row or (), start=1):
        text = text.replace(f"{{{number}}}", value)
    return text


def fetch(base: str, request: Request, row: tuple[str, ...] | None) -> Answer:
    """One request, redirects not followed, as wrk sends it."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=60)
    try:
        body = fill(request.body, row).encode() or None
        headers = {name: fill(value, row) for name, value in request.headers.items()}
        connection.request(request.method, fill(request.path, row), body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def _write_spec(request: Request, rows_file: Path | None, spec_file: Path) -> None:
    lines = [
        f"method\t{request.method}",
        f"path\t{request.path}",
        f"body\t{request.body}",
        f"rows\t{rows_file or ''}",
        *(f"header\t{name}: {value}" for name, value in request.headers.items()),
    ]
    if any("\n" in line for line in lines):
        raise ValueError("a request for wrk must fit on single lines")
    spec_file.write_text("\n".join(lines) + "\n")


def run_wrk(
    base_url: str,
    request: Request,
    rows: list[tuple[str, ...]] | None,
    *,
    seconds: float,
    threads: int,
    connections: int,
    timeout: float,
    scratch: Path,
) -> Run:
    spec_file, rows_file = scratch / "wrk-request.txt", None
    if rows is not None:
        if len(rows) < threads:
            raise ValueError("every wrk thread needs at least one row")
        rows_file = scratch / "wrk-rows.tsv"
        rows_file.write_text("".join("\t".join(row) + "\n" for row in rows))
    _write_spec(request, rows_file, spec_file)
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        f"--timeout={timeout:g}s",
        f"--script={LUA}",
        base_url,
        "--",
        str(spec_file),
        str(threads),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + timeout + 60, check=False
        )
    except subprocess.TimeoutExpired:
        return Run(failure="wrk did not finish")
    line = next((x for x in done.stdout.splitlines() if x.startswith(MARK)), None)
    if done.returncode != 0 or line is None:
        return Run(failure=f"wrk failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    data = json.loads(line[len(MARK) :])
    return Run(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        statuses={int(status): count for status, count in data["statuses"].items()},
        socket_errors={
            name: data[name] for name in ("connect", "read", "write", "timeout") if data[name]
        },
        reused=data["reused"],
    )
