"""Site search over the pages and glossary of the visitor's language."""

import re

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from cms.models import GlossaryTerm

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"[^\W_]+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={
            "max_length": _("Use at most %(limit_value)d characters in a search."),
        },
    )


def search_words(text: str) -> str:
    """The words of a visitor's search, lower-case. Quotes, brackets, `*`, `-`, NEAR, AND,
    OR and NOT mean something to the databases' full-text syntax, and a visitor's search is
    never a query language; dashes and other punctuation separate words."""
    return " ".join(WORD.findall(text.casefold()))


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = " ".join(form.cleaned_data["q"].split()) if form.is_valid() else ""
    words = search_words(query)
    context = {"form": form, "query": query, "results": None, "terms": []}
    if query and not words:
        context["results"] = Paginator([], RESULTS_PER_PAGE).get_page(1)
    elif words:
        locale = Locale.get_active()
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(depth__lte=2)  # the root and the home pages
            .specific()
            .search(words)
        )
        if request.GET.get("page", "1") in ("", "1"):
            context["terms"] = GlossaryTerm.objects.filter(locale=locale).search(words)[:5]
        context["results"] = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "cms/search.html", context)
