from django import template

from certificates.models import Certificate

register = template.Library()


@register.inclusion_tag("certificates/includes/my_certificates.html", takes_context=True)
def my_certificates(context):
    user = context["request"].user
    certificates = (
        list(
            Certificate.objects.filter(user=user, is_current=True)
            .select_related("course")
            .order_by("-created_at")
        )
        if user.is_authenticated
        else []
    )
    return {
        "certificates": certificates,
        "preparing": any(c.status == Certificate.Status.PENDING for c in certificates),
        "request": context["request"],
    }
