from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms import navigation
from cms.models import GlossaryPage, GuestLecturePage
from cms.page_cache import with_csrf_token, without_csrf_tokens
from core import content_cache

register = template.Library()


def _cached(request, read, *parts):
    """`read()`, cached under the content generation per site; a preview (a draft under
    the live page's id) neither reads nor stores."""
    if request is None or getattr(request, "is_preview", False):
        return read()
    site = content_cache.site_for(request)
    return content_cache.get_or_set(read, *parts, site.id if site else None)


def _urls_by_language(pages, request) -> dict[str, str]:
    return {page.locale.language_code: page.get_url(request) for page in pages}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links each language to the translated page where one exists, else that language's home."""
    request = context["request"]
    current = translation.get_language()
    page = context.get("page")
    targets = {}
    if isinstance(page, Page) and page.id:
        targets = _cached(
            request,
            lambda: _urls_by_language(
                page.get_translations(inclusive=True).live().select_related("locale"), request
            ),
            "translations",
            page.id,
        )
    site = content_cache.site_for(request)
    homes = {}
    if site is not None:
        homes = _cached(
            request,
            lambda: _urls_by_language(
                site.root_page.get_translations(inclusive=True).live().select_related("locale"),
                request,
            ),
            "translations",
            site.root_page_id,
        )
    languages = []
    for code, name in settings.LANGUAGES:
        url = targets.get(code)
        if url is None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url or homes.get(code) or f"/{code}/",
                "current": code == current,
            }
        )
    return {"languages": languages, "next": request.get_full_path()}


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    request = context["request"]
    site = content_cache.site_for(request)
    if site is None:
        return "/"
    return _cached(
        request,
        lambda: site.root_page.localized.get_url(request) or "/",
        "home-url",
        translation.get_language(),
    )


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """The header menu and footer links in the visitor's language (cached)."""
    return navigation.site_navigation(context["request"])


@register.simple_tag(takes_context=True)
def privacy_notice_url(context) -> str:
    """The privacy notice in the visitor's language (site settings), or "" if none."""
    request = context.get("request")
    if request is None:
        return ""
    privacy = navigation.site_navigation(request).get("privacy")
    return privacy["url"] if privacy else ""


@register.simple_tag(takes_context=True)
def glossary_url(context, term) -> str:
    """The address of a glossary term on its glossary page."""
    page = term.glossary_page()
    if page is None:
        return ""
    return f"{page.get_url(context['request'])}#{term.anchor}"


@register.simple_tag(takes_context=True)
def related_lectures(context, lesson, limit: int = 3):
    """Live lectures and workshop materials linked to the lesson's module."""
    if lesson.pk is None:  # a new lesson in the editor's preview
        return []
    return _cached(
        context.get("request"),
        lambda: list(
            GuestLecturePage.objects.live()
            .public()
            .filter(
                module_links__module__path=lesson.path[: -lesson.steplen],
                locale_id=lesson.locale_id,
            )
            .order_by("-date")
            .distinct()[:limit]
        ),
        "related-lectures",
        lesson.id,
        limit,
    )


# What a search result is, in words a visitor uses (not the admin's page-type names).
RESULT_KINDS = {
    "CourseIndexPage": _("Courses"),
    "CoursePage": _("Course"),
    "ModulePage": _("Module"),
    "LessonPage": _("Lesson"),
    "QuizPage": _("Quiz"),
    "GlossaryPage": _("Glossary"),
    "GuestLectureIndexPage": _("Lectures and workshops"),
    "StandardPage": _("Page"),
}


@register.filter
def page_kind(page) -> str:
    """What kind of page a search result is, in the visitor's language."""
    if hasattr(page, "get_kind_display"):
        return page.get_kind_display()
    return str(RESULT_KINDS.get(type(page).__name__, _("Page")))


@register.simple_tag(takes_context=True)
def lesson_terms(context, lesson) -> list[tuple]:
    """The glossary terms a lesson first teaches, each with its glossary address."""
    if lesson.pk is None:  # a new lesson in the editor's preview
        return []
    request = context["request"]
    return _cached(request, lambda: _lesson_terms(lesson, request), "lesson-terms", lesson.id)


def _lesson_terms(lesson, request) -> list[tuple]:
    terms = list(lesson.glossary_terms.order_by("term"))
    if not terms:
        return []
    glossary = GlossaryPage.objects.live().filter(locale_id=lesson.locale_id).first()
    if glossary is None:
        return []
    base = glossary.get_url(request)
    return [(term, f"{base}#{term.anchor}") for term in terms]


class FragmentNode(template.Node):
    """`{% fragment "name" value ... %}…{% endfragment %}`: the enclosed template, rendered
    once per content generation, language, site and the values given, and kept in the
    content cache; the CSRF token of its forms is this visitor's own. For parts of a page
    that are the same for everyone who sees it with those values (the header for a page
    and a signed-in state, the footer, a lesson's pager). Rendered afresh, and not stored,
    in a preview or when a value is empty (a view that is not a page)."""

    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context) -> str:
        request = context.get("request")
        values = [value.resolve(context) for value in self.values]
        if (
            request is None
            or getattr(request, "is_preview", False)
            or any(value is None or value == "" for value in values)
        ):
            return self.nodelist.render(context)
        site = content_cache.site_for(request)
        parts = ("fragment", self.name, translation.get_language(), site and site.id, *values)
        stored = content_cache.get(*parts)
        if stored is None:
            html = self.nodelist.render(context)
            content_cache.put(without_csrf_tokens(html)[0], *parts)
            return html
        # rendered by this template, escaped there
        return mark_safe(with_csrf_token(stored, request))  # noqa: S308


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]]
    )


@register.simple_tag
def event_materials(event) -> list:
    """The lecture-library materials of an event (slides, recording, captions)."""
    if event.pk is None:
        return []
    return list(GuestLecturePage.objects.live().public().filter(event_page=event).order_by("-date"))
