from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import client_ip, hit
from events import signup
from events.forms import VisitorSignupForm
from events.models import EventPage, Registration

VISITOR_SIGNUPS_PER_HOUR = 10


@require_POST
def sign_up(request: HttpRequest, event_id: int) -> HttpResponse:
    """Signs the learner up, or sends a visitor the link that confirms the address."""
    event = get_object_or_404(EventPage.objects.live().public(), id=event_id)
    language = translation.get_language()
    if request.user.is_authenticated:
        try:
            registration = signup.sign_up(event, user=request.user, language=language)
        except signup.SignupRefused as refused:
            messages.error(request, str(refused))
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _(
                        "You have a place. The confirmation, with a calendar file, is in "
                        "your email."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "The event is full: you are on the waiting list. We email you if a "
                        "place comes free."
                    ),
                )
        return redirect(event.url)
    form = VisitorSignupForm(request.POST)
    if not form.is_valid():
        context = {"page": event, "self": event, "signup_form": form}
        context["places_left"] = event.places_left()
        return render(request, "events/event_page.html", context, status=400)
    if not hit("event-signup", client_ip(request), VISITOR_SIGNUPS_PER_HOUR, 3600).allowed:
        messages.error(request, _("Too many sign-ups from your address. Please try again later."))
        return redirect(event.url)
    try:
        signup.sign_up(event, language=language, **form.cleaned_data)
    except signup.SignupRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Almost done: open the link we emailed to %(email)s to confirm your sign-up.")
            % {"email": form.cleaned_data["email"]},
        )
    return redirect(event.url)


def registration(request: HttpRequest, token) -> HttpResponse:
    """The page behind the link in every email: the registration's state, with buttons to
    confirm it (a visitor's address) or cancel it. A GET changes nothing."""
    current = get_object_or_404(Registration.objects.select_related("event"), token=token)
    event = signup.event_in(current.event, translation.get_language())
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                signup.confirm_address(current)
            elif action == "cancel":
                signup.cancel(current)
        except signup.SignupRefused as refused:
            messages.error(request, str(refused))
        return redirect("event_registration", token=current.token)
    return render(request, "events/registration.html", {"registration": current, "event": event})
