"""Faker provider for the portal's legal identifiers."""

from faker.providers import BaseProvider

from identity.validators import luhn_check_digit


class LegalProvider(BaseProvider):
    def national_id(self, resident: bool = False) -> str:
        partial = ("2" if resident else "1") + "".join(str(self.random_digit()) for _ in range(8))
        return partial + luhn_check_digit(partial)

    def arabic_full_name(self) -> str:
        first = self.random_element(["محمد", "عبدالله", "فهد", "سارة", "نورة", "خالد", "ريم", "فيصل"])
        father = self.random_element(["سعد", "ناصر", "علي", "إبراهيم", "عمر"])
        family = self.random_element(["العتيبي", "القحطاني", "الشهري", "الدوسري", "الغامدي", "الحربي"])
        return f"{first} {father} {family}"
