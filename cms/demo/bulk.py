"""Writing many rows fast: PostgreSQL's COPY, or `bulk_create` on other databases.

Rows are tuples in the order of the columns given; JSON values are `Json`, serialised once
however many rows share them (scaled learners share a few hundred graded answer sets).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import JSONField

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.db.models import Model


class Json:
    """A JSON value, with its text kept for COPY."""

    __slots__ = ("_text", "value")

    def __init__(self, value):
        self.value = value
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = json.dumps(self.value, ensure_ascii=False, separators=(", ", ": "))
        return self._text


def write(model: type[Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """Inserts the rows; `columns` are the fields' attnames (`user_id`, not `user`)."""
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    json_at = [i for i, name in enumerate(columns) if isinstance(fields[name], JSONField)]
    if connection.vendor == "postgresql":
        _copy(model, columns, rows, json_at)
    else:
        objects = []
        for row in rows:
            values = list(row)
            for i in json_at:
                if isinstance(values[i], Json):
                    values[i] = values[i].value
            objects.append(model(**dict(zip(columns, values, strict=True))))
        model.objects.bulk_create(objects, batch_size=2000)


def _copy(model: type[Model], columns: Sequence[str], rows: list[tuple], json_at) -> None:
    quote = connection.ops.quote_name
    fields = {field.attname: field.column for field in model._meta.concrete_fields}
    names = [quote(fields[name]) for name in columns]
    table = quote(model._meta.db_table)
    if not json_at:
        _copy_rows(f"COPY {table} ({', '.join(names)}) FROM STDIN", rows)
        return
    # Each distinct JSON value goes to the server once; the rows refer to it by number and
    # are copied in with one INSERT … SELECT. The server then parses and compresses a few
    # hundred values instead of one per row: most of the time of a plain COPY.
    numbers: dict[int, int] = {}
    shared: list[tuple[int, str]] = []
    referring = []
    for row in rows:
        row = list(row)
        for i in json_at:
            value = row[i]
            if isinstance(value, Json):
                if id(value) not in numbers:
                    numbers[id(value)] = len(shared)
                    shared.append((len(shared), value.text))
                row[i] = numbers[id(value)]
        referring.append(row)
    stage = [f"NULL::integer AS {name}" if i in json_at else name for i, name in enumerate(names)]
    picked = [f"j{i}.value" if i in json_at else f"r.{name}" for i, name in enumerate(names)]
    joins = " ".join(f"LEFT JOIN bulk_json j{i} ON j{i}.id = r.{names[i]}" for i in json_at)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bulk_json (id integer PRIMARY KEY, value jsonb)")
        cursor.execute(
            f"CREATE TEMPORARY TABLE bulk_rows AS SELECT {', '.join(stage)} FROM {table} "  # noqa: S608 (names from the model, quoted)
            "WITH NO DATA"
        )
        try:
            _copy_rows("COPY bulk_json (id, value) FROM STDIN", shared)
            _copy_rows(f"COPY bulk_rows ({', '.join(names)}) FROM STDIN", referring)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 (names from the model, quoted)
                f"SELECT {', '.join(picked)} FROM bulk_rows r {joins}"
            )
        finally:
            cursor.execute("DROP TABLE bulk_rows, bulk_json")


def _copy_rows(statement: str, rows) -> None:
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
