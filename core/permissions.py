"""Permission policies the apps share."""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)


class NoAddingByHandPolicy(ModelPermissionPolicy):
    """Rows that only the site's own rules create (certificates from completions, sign-ups
    from the sign-up form): nobody adds one in the admin, whatever their permissions."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission([a for a in actions if a != "add"], **kwargs)


def chooser_requiring(permission: str) -> type[SnippetChooserViewSet]:
    """A snippet chooser that needs `permission`: Wagtail's opens to anyone with admin
    access, and a snippet that names a learner (a certificate, a sign-up) must not."""

    class Guarded:
        def dispatch(self, request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)

    class GuardedChooserViewSet(SnippetChooserViewSet):
        choose_view_class = type("ChooseView", (Guarded, ChooseView), {})
        choose_results_view_class = type("ChooseResultsView", (Guarded, ChooseResultsView), {})
        chosen_view_class = type("ChosenView", (Guarded, SnippetChosenView), {})
        chosen_multiple_view_class = type(
            "ChosenMultipleView", (Guarded, SnippetChosenMultipleView), {}
        )

    return GuardedChooserViewSet
