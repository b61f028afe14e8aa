"""The courts and the case categories people file under, in Arabic and English (DOMAIN: Lawsuits)."""

from django.db import migrations

CITIES = [
    ("الرياض", "Riyadh"),
    ("جدة", "Jeddah"),
    ("مكة المكرمة", "Makkah"),
    ("المدينة المنورة", "Madinah"),
    ("الدمام", "Dammam"),
]
COURTS = [
    ("general", "المحكمة العامة", "General Court"),
    ("criminal", "المحكمة الجزائية", "Criminal Court"),
    ("personal_status", "محكمة الأحوال الشخصية", "Personal Status Court"),
    ("commercial", "المحكمة التجارية", "Commercial Court"),
    ("labour", "المحكمة العمالية", "Labour Court"),
]
# court type, code, Arabic, English, [(code, Arabic, English, financial, family)]
CATEGORIES = [
    ("general", "general_financial", "الحقوق المالية", "Financial rights", [
        ("loan_repayment", "مطالبة بسداد قرض", "Repayment of a loan", True, ""),
        ("sale_price", "مطالبة بثمن مبيع", "Price of goods sold", True, ""),
        ("compensation", "مطالبة بتعويض عن ضرر", "Compensation for damage", True, ""),
    ]),
    ("general", "general_real_estate", "العقار", "Real estate", [
        ("ownership_dispute", "منازعة في ملكية عقار", "Dispute over the ownership of a property", False, ""),
        ("rent_arrears", "مطالبة بأجرة متأخرة", "Unpaid rent", True, ""),
        ("eviction", "إخلاء عقار مؤجر", "Eviction of a tenant", False, ""),
    ]),
    ("criminal", "criminal_private_right", "الحق الخاص", "Private right", [
        ("defamation", "قذف وسب", "Defamation and insult", False, ""),
        ("assault_damages", "تعويض عن اعتداء", "Damages for an assault", True, ""),
        ("fraud_damages", "تعويض عن احتيال", "Damages for fraud", True, ""),
    ]),
    ("personal_status", "family_children", "الأولاد", "Children", [
        ("custody", "حضانة", "Custody", False, "custody"),
        ("visitation", "زيارة", "Visitation", False, "visitation"),
        ("guardianship", "ولاية أو وصاية", "Guardianship", False, "guardianship"),
    ]),
    ("personal_status", "family_marriage", "الزواج والفرقة", "Marriage and separation", [
        ("maintenance", "نفقة", "Maintenance", True, ""),
        ("khula", "خلع", "Khula (divorce at the wife's request)", False, ""),
        ("dowry", "مطالبة بالمهر", "Claim of the dowry", True, ""),
    ]),
    ("commercial", "commercial_contracts", "العقود التجارية", "Commercial contracts", [
        ("supply_contract", "عقد توريد", "Supply contract", True, ""),
        ("commercial_papers", "الأوراق التجارية", "Commercial papers", True, ""),
        ("partnership", "منازعات الشركاء", "Disputes between partners", True, ""),
    ]),
    ("labour", "labour_rights", "الحقوق العمالية", "Employees' rights", [
        ("unpaid_wages", "أجور متأخرة", "Unpaid wages", True, ""),
        ("end_of_service", "مكافأة نهاية الخدمة", "End-of-service award", True, ""),
        ("unfair_dismissal", "فصل غير مشروع", "Unfair dismissal", True, ""),
    ]),
]


def seed(apps, schema_editor):
    Court = apps.get_model("cases", "Court")
    CaseCategory = apps.get_model("cases", "CaseCategory")
    for city_ar, city_en in CITIES:
        for court_type, name_ar, name_en in COURTS:
            Court.objects.update_or_create(
                court_type=court_type,
                city_en=city_en,
                defaults={
                    "city_ar": city_ar,
                    "name_ar": f"{name_ar} ب{city_ar}",
                    "name_en": f"{name_en} in {city_en}",
                },
            )
    position = 0
    for court_type, code, name_ar, name_en, children in CATEGORIES:
        position += 1
        parent, _created = CaseCategory.objects.update_or_create(
            code=code,
            defaults={"court_type": court_type, "name_ar": name_ar, "name_en": name_en, "position": position},
        )
        for child_code, child_ar, child_en, financial, family in children:
            position += 1
            CaseCategory.objects.update_or_create(
                code=child_code,
                defaults={
                    "court_type": court_type,
                    "name_ar": child_ar,
                    "name_en": child_en,
                    "parent": parent,
                    "financial": financial,
                    "family": family,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
