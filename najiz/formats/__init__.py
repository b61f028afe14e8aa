"""The portal's date and number formats, per language (settings.FORMAT_MODULE_PATH).

Django's own Arabic formats leave the date-time format to the American default ("N j, Y, P") and
write numbers as parts of Europe do (a comma before the decimals, a dot between thousands); a court
in Riyadh writes the day before the month and the same separators as the amounts the portal shows
(``identity.digits.format_money``). What a module here leaves out falls back to Django's module for
the language, then to the global settings.
"""
