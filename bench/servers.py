"""gunicorn servers for `make bench`: on a free port, in their own process group, stopped
(the whole group) when the benchmark ends, however it ends."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the benchmark itself is killed (even by SIGKILL)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """`gunicorn APP` on 127.0.0.1, sync workers, as the README's production command."""

    def __init__(self, name: str, app: str, workers: int, env: dict, log: Path):
        self.name, self.app, self.workers, self.env, self.log = name, app, workers, env, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def _spawn(self, *command: str) -> None:
        """`python -m command...` in its own process group, its output in the log."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", *command],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )

    def start(self, ready_path: str = "/") -> None:
        self._spawn(
            "gunicorn",
            self.app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn exited at start\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5):  # noqa: S310
                    return
            except urllib.error.HTTPError:
                return  # it answers: whether the page is right is checked page by page
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name}: no answer on {self.url} in 90 s\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Worker(Server):
    """`celery -A cms worker`, the production worker, in its own process group like the
    servers, stopped (the whole group) when the benchmark ends."""

    def __init__(self, name: str, env: dict, log: Path, concurrency: int = 1):
        self.name, self.env, self.log, self.concurrency = name, env, log, concurrency
        self.process = None

    def start(self) -> None:
        self._spawn(
            "celery",
            "-A",
            "cms",
            "worker",
            f"--concurrency={self.concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        )
