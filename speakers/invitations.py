"""Turning a speaker into a moderator account, and inviting them to choose a password."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MODERATORS = "Moderators"


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        required=False,  # then the speaker's, or the editor's
        help_text=_("Kept as the speaker's preferred language for the emails to come."),
    )

    def __init__(self, *args, speaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker = speaker
        if speaker.user:
            self.fields["email"].initial = speaker.user.email
        # The speaker's language if known; else the editor's, as a first guess.
        self.fields["language"].initial = speaker.preferred_language or get_language()

    def clean_email(self):
        email = self.cleaned_data["email"]
        User = get_user_model()
        taken = User.objects.filter(email__iexact=email)
        if self.speaker.user_id:
            taken = taken.exclude(pk=self.speaker.user_id)
        if taken.exists():
            raise forms.ValidationError(
                _("Another account already uses this address; ask an administrator to link it.")
            )
        return email


@transaction.atomic
def make_moderator(speaker, email, language=""):
    """The speaker's login account, created if needed, in the Moderators group; `language`,
    if given, becomes the speaker's preferred one."""
    User = get_user_model()
    user = speaker.user
    if user is None:
        username = speaker.slug
        while User.objects.filter(username=username).exists():
            username = f"{speaker.slug}-{User.objects.count()}"
        user = User(username=username, first_name=speaker.name[:150])
        user.set_unusable_password()
    user.email = email
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=MODERATORS))
    if speaker.user_id != user.pk or (language and language != speaker.preferred_language):
        speaker.user = user
        speaker.preferred_language = language or speaker.preferred_language
        speaker.save(update_fields=["user", "preferred_language"])
    return user


def send_invitation(user, request):
    """Email a link where the person chooses a password (the password-reset machinery), in
    the speaker's preferred language, whatever the language of whoever sends it."""
    language = getattr(user, "speaker", None) and user.speaker.preferred_language
    with translation.override(language or get_language()):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {"user": user, "link": request.build_absolute_uri(path)}
        subject = render_to_string("registration/invitation_subject.txt", context).strip()
        message = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[user.email])
