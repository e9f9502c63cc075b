"""The settings `make bench` serves the site with: `cms.settings.production` as it is, with
the collected static files in the benchmark's scratch folder instead of the project's, so a
run leaves the working tree as it found it. Everything else comes from the environment."""

from pathlib import Path

from cms.settings.production import *  # noqa: F403
from cms.settings.production import env

STATIC_ROOT = Path(env("BENCH_STATIC_ROOT"))
