# The directory's pages for people, in Arabic (Modern Standard, United Nations usage). Same messages as the English
# reference catalogue (a unit test checks it). Arguments: $count and numbers choose the Arabic plural forms (zero,
# one, two, few, many, other); $date is already written in Arabic; names ($state, $authority, $convention) are in
# Arabic where known and are wrapped in isolation marks, so sentences avoid agreeing with a name's gender.

site-name = دليل السلطات الوطنية المختصة
skip-to-content = الانتقال إلى المحتوى
nav-site = التنقل في الموقع
nav-all-states = جميع الدول
nav-route = إلى أين يُوجَّه الطلب؟
nav-workspace = مساحة العمل
nav-languages = اللغة
nav-pages = التنقل بين الصفحات
footer-source = تتولى جهة الوصل في كل دولة تحديث البيانات المدرجة في الدليل. يُرجى التحقق من تاريخ آخر تأكيد للبيانات قبل الاعتماد عليها.
footer-fallback = * مصطلح معروض بالإنكليزية: لم يُعثر بعدُ على مصدر له بهذه اللغة.
not-found-title = غير موجود
not-found-state = لا توجد دولة رمزها { $code }.

## The list of States
region-africa = أفريقيا
region-americas = الأمريكتان
region-asia = آسيا
region-europe = أوروبا
region-oceania = أوقيانوسيا
region-other = مناطق أخرى
index-title = دليل السلطات الوطنية المختصة
index-summary = عدد الدول والكيانات الأخرى: { $states }، { $authorities ->
    [zero] ولا توجد فيها أي سلطة.
    [one] وفيها سلطة واحدة.
    [two] وفيها سلطتان.
    [few] وفيها { $authorities } سلطات.
    [many] وفيها { $authorities } سلطة.
   *[other] وفيها { $authorities } سلطة.
}
generated-on = تاريخ إنشاء هذه الصفحة: { $date }.
column-state = الدولة
column-code = الرمز
column-authorities = السلطات

## A State's page
page-of = الصفحة { $page } من { $pages }
page-previous = الصفحة السابقة
page-next = الصفحة التالية
authorities-count = { $count ->
    [zero] لا توجد أي سلطة
    [one] سلطة واحدة
    [two] سلطتان
    [few] { $count } سلطات
    [many] { $count } سلطة
   *[other] { $count } سلطة
}
generated-at = تاريخ الإنشاء: { $date }
last-confirmed-on = تاريخ آخر تأكيد للبيانات: { $date }
legal-bases = المشاركة في الاتفاقيات
legal-bases-none = لا يتضمن الدليل أي بيانات عن مشاركة هذه الدولة في الاتفاقيات.
column-convention = الاتفاقية
column-status = الوضع
column-since = اعتباراً من
column-source = المصدر
as-of = حتى تاريخ { $date }
authorities-heading = السلطات
state-empty = لم تُدرج في الدليل بعدُ أي سلطة من سلطات { $state }.

## An authority
sample-entry = بيانات توضيحية: لا تخص أي سلطة فعلية.
field-local-name = الاسم باللغة المحلية
field-designated-for = مُعيَّنة لأغراض
field-languages = اللغات المقبولة
field-channels = القنوات
field-transmission = وسائل الإحالة
field-urgent-channels = قنوات الطلبات العاجلة
field-urgent-procedure = الإجراء في الحالات العاجلة
field-requirements = المتطلبات
field-office-hours = ساعات العمل
field-time-zone = المنطقة الزمنية
field-address = العنوان البريدي
field-city = المدينة
field-email = البريد الإلكتروني
field-phone = الهاتف
field-fax = الفاكس
field-website = الموقع الشبكي
field-contacts = جهات الاتصال
field-networks = الشبكات
field-last-confirmed = تاريخ آخر تأكيد
never-confirmed = لم يسبق التأكيد
field-notes = ملاحظات
field-time-there = الوقت لدى السلطة
field-time-reader = الوقت لديك
open-now = ضمن ساعات العمل الآن
closed-now = خارج ساعات العمل الآن
open-unknown = لا يمكن الاستدلال من ساعات العمل المسجَّلة على ما إذا كان الوقت الحالي ضمن ساعات العمل

## Operational values that no convention names
enum-TransmissionMeans-POST = البريد
enum-TransmissionMeans-EMAIL = البريد الإلكتروني
enum-TransmissionMeans-FAX = الفاكس
enum-TransmissionMeans-SECURE_PLATFORM = منصة إلكترونية مؤمَّنة
enum-UrgentChannel-EMAIL = البريد الإلكتروني
enum-UrgentChannel-FAX = الفاكس
enum-UrgentChannel-PHONE = الهاتف
enum-UrgentChannel-INTERPOL = الإنتربول
enum-ContactPointRole-NATIONAL_MEMBER = العضو الوطني
enum-ContactPointRole-CONTACT_POINT = جهة الاتصال
enum-ContactPointRole-NATIONAL_CORRESPONDENT = المراسل الوطني
enum-ContactPointRole-LAW_ENFORCEMENT = جهة الاتصال المعنية بإنفاذ القانون
enum-ContactPointRole-JUDICIAL = جهة الاتصال القضائية
enum-ContactPointRole-CENTRAL_AUTHORITY = السلطة المركزية
enum-ContactPointRole-FOCAL_POINT = جهة الوصل

## The route finder
route-title = إلى أين يُوجَّه الطلب؟
route-intro = يُرجى اختيار الدولة الطالبة، والدولة متلقية الطلب، وموضوع الطلب، والاتفاقية التي يُستند إليها إن كانت معروفة.
route-choose-state = اختر دولة
route-from = الدولة الطالبة
route-to = الدولة متلقية الطلب
route-function = موضوع الطلب
route-convention = الاتفاقية التي يُستند إليها
route-any-convention = أي اتفاقية
route-submit = البحث عن السلطة
route-heading = من { $from } إلى { $to }
route-heading-incomplete = مسار الطلب
route-authorities = { $count ->
    [zero] لا توجد أي سلطة معيَّنة
    [one] سلطة واحدة معيَّنة
    [two] سلطتان معيَّنتان
    [few] { $count } سلطات معيَّنة
    [many] { $count } سلطة معيَّنة
   *[other] { $count } سلطة معيَّنة
}
warnings-heading = { $count ->
    [zero] تحذيرات
    [one] تحذير
    [two] تحذيران
    [few] تحذيرات
    [many] تحذيرات
   *[other] تحذيرات
}
legal-basis-heading = الأساس القانوني: { $convention }
both-parties-yes = الدولتان كلتاهما طرفان في هذه الاتفاقية.
both-parties-no = إحدى الدولتين على الأقل غير طرف في هذه الاتفاقية.
both-parties-unknown = لا يُعرف ما إذا كانت الدولتان كلتاهما طرفين في هذه الاتفاقية، إذ لم تُسجَّل في الدليل مشاركة إحداهما على الأقل.
participation-not-recorded = لا توجد بيانات مسجَّلة في الدليل
contact-points-heading = عن طريق الشبكات التي تنتمي إليها الدولتان كلتاهما
column-network = الشبكة
column-authority = السلطة
column-role = الدور
shared-networks = { $count ->
    [zero] الشبكات التي تنتمي إليها الدولتان كلتاهما:
    [one] الشبكة التي تنتمي إليها الدولتان كلتاهما:
    [two] الشبكتان اللتان تنتمي إليهما الدولتان كلتاهما:
    [few] الشبكات التي تنتمي إليها الدولتان كلتاهما:
    [many] الشبكات التي تنتمي إليها الدولتان كلتاهما:
   *[other] الشبكات التي تنتمي إليها الدولتان كلتاهما:
}
warning-not-a-code = { $side ->
    [requesting] القيمة المُدخَلة بوصفها الدولة الطالبة («{ $given }») ليست رمزاً لدولة وفق المعيار ISO 3166-1 alpha-3 (مثل FRA).
   *[requested] القيمة المُدخَلة بوصفها الدولة متلقية الطلب («{ $given }») ليست رمزاً لدولة وفق المعيار ISO 3166-1 alpha-3 (مثل FRA).
}
warning-no-such-state = { $side ->
    [requesting] لا توجد في الدليل دولة رمزها { $code } (وهو الرمز المُدخَل للدولة الطالبة).
   *[requested] لا توجد في الدليل دولة رمزها { $code } (وهو الرمز المُدخَل للدولة متلقية الطلب).
}
warning-no-such-convention = لا توجد اتفاقية رمزها «{ $given }»؛ لذا تُعرض السلطات المعيَّنة بموجب أي اتفاقية.
warning-same-state = الدولة الطالبة والدولة متلقية الطلب هما الدولة نفسها ({ $state }).
warning-nothing-designated = لا يتضمن الدليل أي سلطة معيَّنة من جانب { $state } لأغراض «{ $function }».
warning-nothing-designated-under = لا يتضمن الدليل أي سلطة معيَّنة من جانب { $state } لأغراض «{ $function }» بموجب { $convention }.
warning-never-confirmed = لم يسبق تأكيد بيانات { $authority } من جانب { $state }.
warning-stale = آخر تأكيد لبيانات { $authority } كان في { $date }، أي قبل أكثر من { $months ->
    [zero] { $months } شهر
    [one] شهر واحد
    [two] شهرين
    [few] { $months } أشهر
    [many] { $months } شهراً
   *[other] { $months } شهر
} (وهي فترة المراجعة).
warning-not-party = { $state } غير طرف في { $convention }.
warning-not-party-as-of = { $state } غير طرف في { $convention } حتى تاريخ { $date }.
warning-signatory-only = { $state } من الجهات الموقِّعة على { $convention }، لا من الأطراف في هذا الصك.
warning-signatory-only-as-of = { $state } من الجهات الموقِّعة على { $convention }، لا من الأطراف في هذا الصك، وذلك حتى تاريخ { $date }.
warning-not-recorded = لا يتضمن الدليل بيانات عن مشاركة { $state } في { $convention }.

## Punctuation between two values, as each script writes it
separator-comma = {"، "}

participation-territorial = بموجب تطبيق دولتها للصك عليها
declarations-heading = إعلانات { $state } لدى الوديع
declaration-kind-languages = اللغات المقبولة للطلبات
declaration-kind-extradition-legal-basis = الاتفاقية بوصفها أساساً قانونياً لتسليم المجرمين
declaration-kind-central-authority = السلطة المركزية المُبلَّغ عنها
declaration-kind-designated-authority = السلطة المعيَّنة
declaration-kind-reservation = تحفظ
declaration-kind-other = إعلان
declaration-words = النص كما أُبلغ
declaration-article = المادة { $article }
declaration-source = المصدر: { $source }
