from django import template

register = template.Library()


@register.filter
def get_reflection_field(form, prompt_id: str):
    return form.bound_field(prompt_id)


@register.filter
def item_state(progress, item):
    return progress.item_state(item)
