"""Spreadsheet exports that cannot run formulas.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by spreadsheet programs (CSV injection): a learner named "=HYPERLINK(...)" would run in the
course manager's spreadsheet. Such cells get a leading apostrophe, which the programs show
as text. XLSX cells are typed and safe already.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value


def _preprocess_field_value(self, field, value, export_format):
    value = _wagtail_preprocess(self, field, value, export_format)
    return neutralise(value) if export_format == self.FORMAT_CSV else value


def protect_every_csv_export() -> None:
    """Every CSV export of the admin (ours, Wagtail's reports, form submissions) goes
    through Wagtail's SpreadsheetExportMixin: neutralise its cells once, for all of them."""
    SpreadsheetExportMixin.preprocess_field_value = _preprocess_field_value
