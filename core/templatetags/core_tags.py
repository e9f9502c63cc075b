from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`mapping[key]` in a template, or None: dictionaries keyed by a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
