"""Django's own strings that its Arabic catalogue leaves in English, for the portal's catalogue.

Court staff work their queues in the admin in Arabic. Django's Arabic catalogues lag behind its
code: the strings below have no Arabic translation there (or an empty or fuzzy one, which gettext
ignores), so the admin showed them in English ("Run" beside the actions, "- Select an option -" in
every drop-down, the headings read out by screen readers). The portal's catalogue (LOCALE_PATHS)
takes precedence over Django's, so translating them there is enough; but it is rebuilt by
makemessages from the portal's own sources and drops what they no longer mention. Marking the
strings here, spelled exactly as Django spells them (same placeholders, same plural), keeps them
in it. Nothing imports this module: makemessages only reads it.

When Django is upgraded, compare its Arabic catalogues with the strings its admin uses again, add
what is new and remove what Django now translates.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN_STRINGS = (
    # django/contrib/admin: the action bar, the change list, the delete pages, the logged-out page.
    gettext_noop("Run"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Logout"),
    gettext_noop('The app "%s" could not be found.'),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects."),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, "
        "but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    # django/db: the empty choice of every drop-down, the admin's actions included.
    gettext_noop("- Select an option -"),
    # django/template: file sizes under a kilobyte; Django's Arabic plural forms say "5 بايتان".
    ngettext_lazy("%(size)d byte", "%(size)d bytes"),
)
