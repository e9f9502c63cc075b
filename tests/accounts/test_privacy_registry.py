"""The privacy registry covers every model that holds personal data (issue 14, item 1).

The walk goes over every model of every installed app, the ones Django makes for
many-to-many fields included: a model with a foreign key to the account model, or a field
whose name says it holds a person's data, must be in the registry. A model added by a
later change fails here until its app registers it (accounts/privacy.py)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from accounts.privacy import REGISTRY, Erase, holdings

# Field names that hold a person's data wherever they appear.
PERSONAL_NAMES = {
    "email",
    "full_name",
    "first_name",
    "last_name",
    "phone",
    "ip_address",
    "anonymous_token",
    "session_data",
}


def _own_fields(model):
    """The concrete fields the model declares itself (a page's owner is Page's)."""
    return [*model._meta.local_fields, *model._meta.local_many_to_many]


def _points_at_accounts(model) -> list[str]:
    user = get_user_model()
    return [
        f.name
        for f in _own_fields(model)
        if f.is_relation and f.related_model is user and not f.many_to_many
    ]


def _personal_names(model) -> list[str]:
    return [f.name for f in model._meta.local_fields if f.name in PERSONAL_NAMES]


def test_every_model_with_personal_data_is_registered():
    missing = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        reasons = _points_at_accounts(model) + _personal_names(model)
        if model is get_user_model():
            reasons.append("the account itself")
        if reasons and model._meta.label_lower not in REGISTRY:
            missing.append(f"{model._meta.label}: {', '.join(reasons)}")
    assert missing == [], "not in the privacy registry (accounts/privacy.py): " + "; ".join(missing)


def test_every_reference_to_an_account_has_an_erase_rule():
    """Each foreign key to the account is one of the holding's owners, so deleting the
    account knows what to do with the rows found through it."""
    gaps = []
    for model in apps.get_models(include_auto_created=True):
        holding = REGISTRY.get(model._meta.label_lower)
        if holding is None:
            continue
        for name in _points_at_accounts(model):
            if name not in holding.owners and f"{name}_id" not in holding.owners:
                gaps.append(f"{model._meta.label}.{name}")
    assert gaps == []


@pytest.mark.parametrize("holding", holdings(), ids=lambda holding: holding.label)
def test_a_registered_holding_names_real_fields(holding):
    """The registry is checked against the models: a renamed field fails here."""
    model = holding.model
    for name in holding.export:
        model._meta.get_field(name)
    for lookup in holding.owners:
        if lookup != "pk":
            field = model._meta.get_field(lookup)
            assert field.related_model is get_user_model(), lookup
    if holding.find is None:
        assert holding.owners, "a holding without owners needs `find`"
    assert set(holding.owners.values()) <= set(Erase)
    assert str(holding.about)


def test_secrets_are_never_exported():
    secrets = {"password", "key_hash", "secret", "session_key", "data"}
    for holding in holdings():
        assert not secrets & set(holding.export), holding.label


def test_a_label_is_registered_once():
    from accounts.privacy import register

    with pytest.raises(ValueError, match="already"):
        register("courses.Reflection", owners={}, export=(), about="x")


@pytest.mark.django_db
def test_the_rows_of_an_account_are_its_own(learner, course, client):
    """`rows` finds the account's rows through each owner, and nobody else's."""
    from tests.conftest import complete, save_reflection
    from tests.factories import UserFactory

    other = UserFactory()
    for user in (learner, other):
        client.force_login(user)
        complete(client, course.lessons[0])
        save_reflection(client, course.lessons[0], f"Vastaus {user.pk}")
    for label in ("courses.lessoncompletion", "courses.reflection", "courses.enrolment"):
        rows = REGISTRY[label].rows(learner)
        assert rows.count() == 1
        assert {row.user_id for row in rows} == {learner.pk}
    assert list(REGISTRY["accounts.user"].rows(learner)) == [learner]
    sessions = REGISTRY["sessions.session"].rows(other)
    assert sessions.count() == 1  # the client's session is now the other learner's
    assert REGISTRY["sessions.session"].rows(learner).count() == 0
