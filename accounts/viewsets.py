from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.admin_forms import UserCreationForm, UserEditForm
from accounts.admin_views import UserDeleteView


class UserViewSet(WagtailUserViewSet):
    delete_view_class = UserDeleteView
    delete_template_name = "accounts/admin/confirm_delete.html"

    def get_form_class(self, for_update: bool = False):
        return UserEditForm if for_update else UserCreationForm
