"""The ministry's list of POA clauses, in Arabic and English, grouped (DOMAIN: Powers of attorney)."""

from django.db import migrations

# code, group, over money, services it lets an agent file on, Arabic, English
CLAUSES = [
    ('pleading', 'litigation', False, ['lawsuit', 'family_case'], 'المطالبة والمرافعة والمدافعة وسماع الدعاوى والرد عليها', 'Claiming, pleading and defending, hearing claims and answering them'),
    ('evidence', 'litigation', False, ['lawsuit', 'family_case'], 'تقديم البينات والدفوع والطعن فيها وطلب اليمين وردها', 'Presenting evidence and defences, challenging them, and asking for or returning the oath'),
    ('appeal', 'litigation', False, ['lawsuit', 'family_case'], 'الاعتراض على الأحكام وطلب الاستئناف', 'Objecting to judgments and requesting an appeal'),
    ('cassation', 'litigation', False, ['lawsuit', 'family_case'], 'طلب النقض أمام المحكمة العليا', 'Applying for cassation before the Supreme Court'),
    ('reconsideration', 'litigation', False, ['lawsuit', 'family_case'], 'التماس إعادة النظر', 'Petitioning for reconsideration'),
    ('reconciliation', 'litigation', False, ['lawsuit', 'family_case', 'enforcement'], 'الصلح والتنازل والإبراء', 'Reconciliation, waiver and release'),
    ('receive_judgments', 'litigation', False, ['lawsuit', 'family_case', 'certified_copy'], 'استلام الأحكام والصكوك وصورها المصدقة', 'Receiving judgments, deeds and their certified copies'),
    ('enforcement_application', 'litigation', False, ['enforcement'], 'طلب تنفيذ الأحكام والسندات التنفيذية ومتابعتها', 'Applying for the enforcement of judgments and executive instruments, and following them up'),
    ('receive_money_enforcement', 'litigation', True, ['enforcement'], 'استلام المبالغ المنفذ بها وإيداعها', 'Receiving amounts collected in enforcement and depositing them'),
    ('sell_property', 'real_estate', True, ['property_transfer', 'sale_contract'], 'البيع والإفراغ للعقار وقبض الثمن', 'Selling and transferring real estate and receiving the price'),
    ('buy_property', 'real_estate', True, ['property_transfer', 'sale_contract'], 'الشراء وقبول الإفراغ ودفع الثمن', 'Buying, accepting the transfer and paying the price'),
    ('mortgage_property', 'real_estate', True, ['property_transfer'], 'الرهن وفك الرهن', 'Mortgaging and releasing a mortgage'),
    ('transfer_deed', 'real_estate', False, ['property_transfer'], 'تحديث الصكوك وإدخالها في النظام الشامل وتعديل حدودها', 'Updating title deeds, entering them in the comprehensive system and amending their boundaries'),
    ('lease_property', 'real_estate', True, [], 'التأجير والاستئجار وتوقيع العقود وقبض الأجرة', 'Leasing out and renting, signing the contracts and receiving the rent'),
    ('open_account', 'banking', True, [], 'فتح الحسابات البنكية وإغلاقها', 'Opening and closing bank accounts'),
    ('withdraw_deposit', 'banking', True, [], 'السحب والإيداع والتحويل من الحسابات', 'Withdrawing, depositing and transferring from accounts'),
    ('receive_cheques', 'banking', True, [], 'استلام الشيكات وصرفها', 'Receiving and cashing cheques'),
    ('finance_request', 'banking', True, [], 'طلب التمويل وتوقيع عقوده', 'Applying for financing and signing its contracts'),
    ('passports', 'government', False, [], 'مراجعة الجوازات واستخراج الجوازات وتجديدها', 'Dealing with the passports department, issuing and renewing passports'),
    ('civil_affairs', 'government', False, [], 'مراجعة الأحوال المدنية واستخراج الوثائق', 'Dealing with civil affairs and obtaining documents'),
    ('traffic', 'government', False, [], 'مراجعة المرور ونقل ملكية المركبات وتجديد استماراتها', 'Dealing with traffic, transferring vehicle ownership and renewing registrations'),
    ('municipal', 'government', False, [], 'مراجعة البلديات واستخراج رخص البناء', 'Dealing with municipalities and obtaining building permits'),
    ('family_documents', 'family', False, ['certified_copy'], 'استخراج صكوك الحصر والولاية والحضانة', 'Obtaining deeds of inheritance, guardianship and custody'),
    ('custody_matters', 'family', False, ['family_case'], 'المطالبة بالحضانة والزيارة والنفقة', 'Claiming custody, visitation and maintenance'),
    ('marriage_contract', 'family', False, [], 'عقد النكاح نيابة عن الولي', 'Concluding a marriage contract on behalf of the guardian'),
    ('inheritance', 'family', True, [], 'قسمة التركة واستلام نصيب الموكل منها', "Dividing an estate and receiving the principal's share"),
    ('company_formation', 'companies', False, [], 'تأسيس الشركات وتوقيع عقود التأسيس', 'Forming companies and signing their articles'),
    ('commercial_register', 'companies', False, [], 'استخراج السجلات التجارية وتجديدها وتعديلها', 'Issuing, renewing and amending commercial registers'),
    ('company_meetings', 'companies', False, [], 'حضور الجمعيات العامة والتصويت', 'Attending general assemblies and voting'),
    ('company_shares', 'companies', True, [], 'بيع الحصص والأسهم وشراؤها وقبض الثمن', 'Selling and buying shares and receiving the price'),
]


def seed(apps, schema_editor):
    Clause = apps.get_model("poa", "Clause")
    for position, (code, group, money, services, text_ar, text_en) in enumerate(CLAUSES, start=1):
        Clause.objects.update_or_create(
            code=code,
            defaults={
                "group": group,
                "money": money,
                "services": services,
                "text_ar": text_ar,
                "text_en": text_en,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("poa", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
