"""A person's data export, built from the privacy registry alone (accounts/privacy.py).

The ZIP holds:
- `index.html`: a readable summary in the person's language, one section per kind of data;
- `schema.json`: what each file and field is (format `foresight-course-data-export/1`);
- `data/<app>.<model>.json`: one file per kind of data, a list of objects with the fields the
  registry exports (a reference to another object is `{"id", "name"}`, a date is ISO 8601,
  a file is its path inside the ZIP);
- `files/<app>.<model>/...`: the stored files of those rows (certificate PDFs).

`build` is a pure read: it never changes what it exports.
"""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import DataExport
from accounts.privacy import Holding, holdings
from core.links import absolute

if TYPE_CHECKING:
    from accounts.models import User

FORMAT = "foresight-course-data-export/1"


def build(user: User, language: str) -> bytes:
    """The ZIP of everything the registry finds of `user`, summarised in `language`."""
    buffer = io.BytesIO()
    created = timezone.now()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        sections = []
        for holding in holdings():
            records, table = _export(holding, user, archive)
            archive.writestr(
                _data_path(holding),
                json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            sections.append((holding, table))
        archive.writestr(
            "schema.json", json.dumps(schema(created, language), ensure_ascii=False, indent=2)
        )
        with translation.override(language):
            archive.writestr(
                "index.html",
                render_to_string(
                    "accounts/export/summary.html",
                    {
                        "user": user,
                        "created": created,
                        "language": language,
                        "sections": [
                            _section(holding, table) for holding, table in sections if table
                        ],
                        "empty": [
                            capfirst(holding.model._meta.verbose_name_plural)
                            for holding, table in sections
                            if not table
                        ],
                    },
                ),
            )
    return buffer.getvalue()


def _data_path(holding: Holding) -> str:
    return f"data/{holding.label}.json"


def _fields(holding: Holding) -> list[models.Field]:
    return [holding.model._meta.get_field(name) for name in holding.export]


def _export(holding: Holding, user: User, archive: zipfile.ZipFile) -> tuple[list, list]:
    """The holding's rows as JSON records, and as rows of display cells for the summary."""
    fields = _fields(holding)
    records, table = [], []
    for row in holding.rows(user).order_by("pk"):
        # A record's id, unless the key is a secret (a session's key is its password).
        secret_key = not isinstance(row._meta.pk, models.AutoField | models.UUIDField)
        record, cells = ({} if secret_key else {"id": _plain(row.pk)}), []
        for model_field in fields:
            value, cell = _value(holding, row, model_field, archive)
            record[model_field.name] = value
            cells.append(cell)
        records.append(record)
        table.append(cells)
    return records, table


def _value(holding: Holding, row, model_field: models.Field, archive: zipfile.ZipFile):
    """(the JSON value, the summary's cell: text and, for a file, its path in the ZIP)."""
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        if related is None:
            return None, {"text": "–"}
        return {"id": _plain(related.pk), "name": str(related)}, {"text": str(related)}
    value = getattr(row, model_field.attname)
    if isinstance(model_field, models.FileField):
        if not value:
            return None, {"text": "–"}
        path = f"files/{holding.label}/{posixpath.basename(value.name)}"
        with value.storage.open(value.name, "rb") as stored:
            archive.writestr(path, stored.read())
        return path, {"text": posixpath.basename(value.name), "href": path}
    if value is None or value == "":
        return value, {"text": "–"}
    if model_field.choices:
        return value, {"text": str(getattr(row, f"get_{model_field.name}_display")())}
    if isinstance(model_field, models.JSONField):
        return value, {"text": json.dumps(value, ensure_ascii=False)}
    return _plain(value), {"text": _display(value)}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _display(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return formats.localize(value)
    return str(value)


def _section(holding: Holding, table: list) -> dict:
    return {
        "title": capfirst(holding.model._meta.verbose_name_plural),
        "about": holding.about,
        "file": _data_path(holding),
        "columns": [capfirst(model_field.verbose_name) for model_field in _fields(holding)],
        "rows": table,
    }


TYPES = {
    "ForeignKey": "object {id, name}: another record, by its id and its name",
    "OneToOneField": "object {id, name}: another record, by its id and its name",
    "DateTimeField": "string: date and time, ISO 8601 with the offset from UTC",
    "DateField": "string: date, ISO 8601",
    "FileField": "string: the path of the file inside this ZIP",
    "ImageField": "string: the path of the file inside this ZIP",
    "JSONField": "JSON value, as the site stores it",
    "BooleanField": "boolean",
    "DecimalField": "string: a decimal number",
    "UUIDField": "string: a UUID",
}


def _field_schema(model_field: models.Field) -> dict:
    numeric = isinstance(model_field, models.IntegerField | models.FloatField)
    described = {
        "description": str(capfirst(model_field.verbose_name)),
        "type": TYPES.get(model_field.get_internal_type(), "number" if numeric else "string"),
    }
    if model_field.choices:
        described["values"] = {str(key): str(label) for key, label in model_field.flatchoices}
    return described


def schema(created: datetime, language: str) -> dict:
    """What every file of the export holds (in English: the summary is the readable part)."""
    with translation.override("en"):
        return {
            "format": FORMAT,
            "created": created.isoformat(),
            "summary_language": language,
            "files": {
                "index.html": "A readable summary of this export.",
                "schema.json": "This description of the export.",
                "data/<app>.<model>.json": (
                    "One file per kind of data: a list of records, each with its 'id' and "
                    "the fields described below; an empty list when the site keeps none."
                ),
                "files/<app>.<model>/<name>": "The stored files the records name (PDFs).",
            },
            "data": {
                _data_path(holding): {
                    "kind": str(capfirst(holding.model._meta.verbose_name_plural)),
                    "description": str(holding.about),
                    "fields": {
                        model_field.name: _field_schema(model_field)
                        for model_field in _fields(holding)
                    },
                }
                for holding in holdings()
            },
        }


# The export's life: asked for, built by a task, offered, removed ---------------------------


class ExportUnderway(Exception):
    """An export of the account is being prepared already."""


def request(user: User, *, by: User | None = None) -> DataExport:
    """A new export of the account's data, waiting for its task. Raises ExportUnderway
    while another one is being prepared (the database allows one at a time)."""
    try:
        with transaction.atomic():
            return DataExport.objects.create(
                user=user,
                requested_by=by,
                language=(by or user).preferred_language,
            )
    except IntegrityError as error:
        raise ExportUnderway from error


def build_and_offer(export_id: str) -> bool:
    """Builds the export's ZIP, stores it privately, and emails the link to whoever asked
    for it. False when the export is not waiting (done already, or removed)."""
    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.QUEUED).update(
        status=DataExport.Status.RUNNING
    )
    if not claimed:
        return False
    export = DataExport.objects.select_related("user", "requested_by").get(pk=export_id)
    try:
        content = build(export.user, export.language)
    except Exception:
        DataExport.objects.filter(pk=export_id).update(
            status=DataExport.Status.FAILED, finished_at=timezone.now()
        )
        raise
    now = timezone.now()
    export.file.save(f"{export.pk}.zip", ContentFile(content), save=False)
    export.size = len(content)
    export.status = DataExport.Status.READY
    export.finished_at = now
    export.expires_at = now + timedelta(days=settings.DATA_EXPORT_DAYS)
    export.save(update_fields=["file", "size", "status", "finished_at", "expires_at"])
    _tell_it_is_ready(export)
    return True


def _tell_it_is_ready(export: DataExport) -> None:
    recipient = export.requested_by or export.user
    with translation.override(export.language):
        link = absolute(reverse("data_export_download", args=[export.pk]))
        send_mail(
            _("Your data export is ready"),
            render_to_string(
                "accounts/email/export_ready.txt",
                {"export": export, "link": link, "for_someone_else": recipient != export.user},
            ),
            None,
            [recipient.email],
        )


def remove_expired() -> int:
    """Deletes the exports past their window, files first, and fails the ones a dead worker
    left unfinished, so that they can be asked for again. Returns how many went."""
    now = timezone.now()
    stale = now - timedelta(minutes=settings.DATA_EXPORT_STALE_MINUTES)
    DataExport.objects.filter(status__in=DataExport.PENDING, created_at__lt=stale).update(
        status=DataExport.Status.FAILED, finished_at=now
    )
    expired = DataExport.objects.filter(expires_at__lt=now) | DataExport.objects.filter(
        status=DataExport.Status.FAILED, finished_at__lt=stale
    )
    removed = 0
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
