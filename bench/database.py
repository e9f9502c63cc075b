"""Where `make bench` keeps its data.

By default a fresh SQLite file in the run's scratch folder. With DATABASE_URL naming
PostgreSQL, a dedicated database that is dropped and created empty first (its name must
contain "bench", so a development or CI database is never touched). With REDIS_URL, the
cache uses a key prefix of the run's own, whose keys are deleted at the end: nothing else
in that Redis database is read, flushed or changed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import environ


@dataclass
class Database:
    url: str
    label: str
    name: str = ""
    maintenance: dict | None = None  # PostgreSQL: how to reach the server's `postgres` db

    @classmethod
    def choose(cls, given: str, scratch: Path) -> Database:
        if not given:
            return cls(url=f"sqlite:///{scratch / 'bench.sqlite3'}", label="SQLite (WAL)")
        config = environ.Env.db_url_config(given)
        if "postgresql" not in config["ENGINE"]:
            raise SystemExit(
                "DATABASE_URL: the benchmark runs on PostgreSQL when DATABASE_URL names one; "
                "unset it for the SQLite default."
            )
        name = config["NAME"]
        if "bench" not in name or name == "foresight_ci":
            raise SystemExit(
                f"DATABASE_URL names the database {name!r}: the benchmark drops and creates "
                "its database, so it only uses one whose name contains 'bench', e.g. "
                "postgres://postgres@127.0.0.1:5432/foresight_bench"
            )
        maintenance = {
            "dbname": "postgres",
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
        }
        return cls(url=given, label="PostgreSQL", name=name, maintenance=maintenance)

    def _admin(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(autocommit=True, **self.maintenance) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self) -> None:
        if self.maintenance:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            self._admin("CREATE DATABASE {}")

    def drop(self) -> None:
        if self.maintenance:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


@dataclass
class Cache:
    redis_url: str
    prefix: str

    @classmethod
    def choose(cls, redis_url: str) -> Cache:
        return cls(redis_url=redis_url, prefix=f"bench-{secrets.token_hex(4)}")

    @property
    def label(self) -> str:
        return "Redis" if self.redis_url else "database cache"

    def clear(self) -> None:
        """Deletes the run's keys (Django's cache keys start with the prefix)."""
        if not self.redis_url:
            return
        import redis

        client = redis.Redis.from_url(self.redis_url)
        batch = []
        for key in client.scan_iter(match=f"{self.prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
