from django import template
from django.utils import translation

from core import content_cache

register = template.Library()


@register.filter
def get_reflection_field(form, prompt_id: str):
    return form.bound_field(prompt_id)


@register.filter
def item_state(progress, item):
    return progress.item_state(item)


@register.simple_tag(takes_context=True)
def lesson_body(context, page) -> list[tuple[str, str | None, dict | None]]:
    """The lesson's body as (block id, HTML, reflection prompt) in order. A reflection
    prompt, which shows the learner's own answer, comes as its words ({"value": {"prompt",
    "hint"}}, as the block would) and is rendered per request; the HTML of the rest is the
    same for every learner: it is rendered once per published revision and language and
    cached (a preview renders its draft each time)."""
    request = context.get("request")

    def render() -> list[tuple[str, str | None, dict | None]]:
        # What {% include_block %} gives a block: the page's context.
        flat = context.flatten()
        parts = []
        for block in page.body:
            if block.block_type == "reflection":
                words = {"prompt": block.value["prompt"], "hint": block.value["hint"]}
                parts.append((block.id, None, {"value": words}))
            else:
                parts.append((block.id, block.render_as_block(context=flat), None))
        return parts

    if request is None or getattr(request, "is_preview", False) or not page.live_revision_id:
        return render()
    site = content_cache.site_for(request)
    return content_cache.get_or_set(
        render,
        "lesson-body",
        page.id,
        page.live_revision_id,
        translation.get_language(),
        site.id if site else None,
    )
