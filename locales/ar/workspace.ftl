# The workspace, in Arabic (Modern Standard, United Nations usage): the pages where focal points and network
# secretariats sign in, see what is due, fix it and confirm it. Same messages as the English reference catalogue.
# Values ($sub, $scope, $state, $network, $name, $date) are wrapped in isolation marks; sentences attach no prefix
# to them and avoid agreeing with their gender. "entry" is القيد when counted or named as an item, البيانات otherwise.

## Signing in and out
ws-sign-in-title = تسجيل الدخول إلى مساحة العمل
ws-sign-in-how = تسجّل جهات الوصل وأمانات الشبكات الدخول باستخدام الرابط الذي يرسله إليها مدير الدليل. وإذا انتهت صلاحية الرابط الذي لديك، فيُرجى أن تطلب من المدير رابطاً جديداً.
ws-sign-in-as = يتيح لك هذا الرابط تسجيل الدخول باسم المستخدم { $sub }، بصفة { $role ->
    [focal_point] جهة الوصل عن الدولة ذات الرمز { $scope }
    [network_secretariat] أمانة الشبكة ذات الرمز { $scope }
    [admin] مدير للدليل
   *[other] مستخدم لأغراض الاطلاع فقط
}.
ws-sign-in-button = تسجيل الدخول
ws-link-unusable = لا يمكن استخدام رابط تسجيل الدخول هذا: فإما أنه استُخدم من قبل، أو انتهت صلاحيته، أو أنه غير معروف لدى النظام. يُرجى أن تطلب من المدير رابطاً جديداً.
ws-link-other-browser = يُرجى تسجيل الدخول من الصفحة التي فتحها الرابط، وفي المتصفح نفسه.
ws-signed-out = تم تسجيل خروجك.
ws-signed-out-expired = انتهت جلستك بعد فترة من عدم الاستخدام. يُرجى تسجيل الدخول مرة أخرى.
ws-signed-out-revoked = سحب أحد المديرين إذن الوصول الممنوح لك.
ws-signed-in-as = تم تسجيل الدخول باسم المستخدم { $sub } ({ $scope }).
ws-sign-out = تسجيل الخروج
ws-csrf-title = تعذّر قبول هذه الاستمارة
ws-csrf-body = لم تصدر هذه الاستمارة عن مساحة العمل هذه، أو أن جلستك تغيّرت منذ فتح الاستمارة. يُرجى فتح الصفحة مجدداً وإعادة إجراء التغيير.
ws-forbidden-title = ليست لديك صلاحية تغيير هذه البيانات
ws-refused-title = تعذّر تنفيذ هذا الطلب
ws-home-link = العودة إلى مساحة العمل

## What is due
ws-home-title = مساحة العمل
ws-no-home = يستخدم المديرون والمستخدمون لأغراض الاطلاع واجهةَ برمجة التطبيقات (API)؛ أما مساحة العمل هذه فمخصصة لجهات الوصل وأمانات الشبكات.
ws-home-state = مساحة العمل: { $state }
ws-home-network = مساحة العمل: { $network }
ws-due-heading = { $count ->
    [zero] لا توجد قيود تجب مراجعتها
    [one] قيد واحد تجب مراجعته
    [two] قيدان تجب مراجعتهما
    [few] { $count } قيود تجب مراجعتها
    [many] { $count } قيداً تجب مراجعتها
   *[other] { $count } قيد تجب مراجعتها
}
ws-nothing-due = أُكِّدت جميع القيود خلال فترة المراجعة.
ws-column-due = موعد المراجعة
ws-column-action = الإجراء
ws-overdue = فات الموعد
ws-confirm-one = تأكيد أن البيانات محدَّثة
ws-confirm-all-explain = يمكنك تأكيد كل قيد من قيود القائمة لم يغيّره أحد منذ إعدادها ({ $date } بالتوقيت العالمي المنسَّق). أما القيود التي تغيّرت في هذه الأثناء فتُعرَض في قائمة دون أن تُؤكَّد.
ws-confirm-all = تأكيد جميع القيود التي لم تتغيّر
ws-coverage-heading = الأسس القانونية التي تستلزم تعيين سلطة
ws-column-legal-basis = الأساس القانوني
ws-coverage-missing = لم تُعيَّن أي سلطة
ws-coverage-stale = لم تُؤكَّد البيانات في الموعد المحدد
ws-coverage-current = البيانات محدَّثة
ws-entries-heading = { $count ->
    [zero] لا توجد أي قيود
    [one] قيد واحد
    [two] القيدان كلاهما
    [few] جميع القيود: { $count } قيود
    [many] جميع القيود: { $count } قيداً
   *[other] جميع القيود: { $count } قيد
}
ws-contact-points-due = { $count ->
    [zero] لا توجد أي جهة اتصال تجب مراجعتها
    [one] جهة اتصال واحدة تجب مراجعتها
    [two] جهتا اتصال تجب مراجعتهما
    [few] { $count } جهات اتصال تجب مراجعتها
    [many] { $count } جهة اتصال تجب مراجعتها
   *[other] { $count } جهة اتصال تجب مراجعتها
}
ws-members-without-point = { $count ->
    [zero] لا يوجد أي عضو لم تُحدَّد له جهة اتصال:
    [one] عضو واحد لم تُحدَّد له جهة اتصال:
    [two] عضوان لم تُحدَّد لهما جهة اتصال:
    [few] { $count } أعضاء لم تُحدَّد لهم جهة اتصال:
    [many] { $count } عضواً لم تُحدَّد لهم جهة اتصال:
   *[other] { $count } عضو لم تُحدَّد لهم جهة اتصال:
}
ws-recent-heading = آخر التغييرات
ws-recent-none = لم يُجرَ أي تغيير حتى الآن.
ws-column-when = التاريخ
ws-column-who = المستخدم
ws-column-what = التغيير
ws-confirmed-title = تم التأكيد
ws-confirmed-count = { $count ->
    [zero] لم يُؤكَّد أي قيد.
    [one] تم تأكيد قيد واحد.
    [two] تم تأكيد قيدين.
    [few] تم تأكيد { $count } قيود.
    [many] تم تأكيد { $count } قيداً.
   *[other] تم تأكيد { $count } قيد.
}
ws-changed-since = { $count ->
    [zero] لم يطرأ تغيير على أي قيد بعد إعداد القائمة.
    [one] طرأ تغيير على قيد واحد بعد إعداد القائمة، فلم يُؤكَّد؛ يُرجى مراجعته مجدداً.
    [two] طرأ تغيير على قيدين بعد إعداد القائمة، فلم يُؤكَّدا؛ يُرجى مراجعتهما مجدداً.
    [few] طرأ تغيير على { $count } قيود بعد إعداد القائمة، فلم تُؤكَّد؛ يُرجى مراجعتها مجدداً.
    [many] طرأ تغيير على { $count } قيداً بعد إعداد القائمة، فلم تُؤكَّد؛ يُرجى مراجعتها مجدداً.
   *[other] طرأ تغيير على { $count } قيد بعد إعداد القائمة، فلم تُؤكَّد؛ يُرجى مراجعتها مجدداً.
}

## Editing an entry
ws-edit-title = تعديل البيانات: { $name }
ws-field-name = الاسم
ws-field-acronym = الاسم المختصر
ws-languages-hint = (رموز اللغات، مثل: fr، en)
ws-field-refused = لم تُقبل القيمة:
ws-errors = { $count ->
    [zero] لا توجد حقول مرفوضة، ولم يُحفظ أي شيء.
    [one] تعذّر قبول حقل واحد. ولم يُحفظ أي شيء.
    [two] تعذّر قبول حقلين. ولم يُحفظ أي شيء.
    [few] تعذّر قبول { $count } حقول. ولم يُحفظ أي شيء.
    [many] تعذّر قبول { $count } حقلاً. ولم يُحفظ أي شيء.
   *[other] تعذّر قبول { $count } حقل. ولم يُحفظ أي شيء.
}
ws-save = حفظ
ws-saved = تم الحفظ.
ws-confirm-explain = إذا كانت جميع البيانات المعروضة لا تزال صحيحة، فيُرجى تأكيد أنها محدَّثة.
ws-conflict-title = غيّر مستخدم آخر هذا القيد
ws-conflict-explain = تغيّر هذا القيد بعد أن فتحتَ الاستمارة، ولم يُحفظ أي من تغييراتك. يُرجى المقارنة بين النسختين واختيار النسخة التي تريد الإبقاء عليها.
ws-column-field = الحقل
ws-conflict-yours = نسختك
ws-conflict-theirs = النسخة الموجودة حالياً في الدليل
ws-keep-mine = الإبقاء على نسختي
ws-keep-theirs = الإبقاء على النسخة الموجودة في الدليل

## Signing in through the organisation's identity provider
ws-sign-in-oidc = تسجيل الدخول بحساب جهتك
ws-oidc-refused = تعذّر تسجيل الدخول بحساب جهتك. أعد المحاولة؛ وإذا تكرر الإخفاق، فقد لا يكون حسابك مهيّأً للعمل مع هذا الدليل.
ws-oidc-unavailable = يتعذّر حالياً الوصول إلى خدمة تسجيل الدخول الخاصة بجهتك. أعد المحاولة لاحقاً، أو استخدم رابط تسجيل الدخول.

## An entry's history
ws-history-title = سجل التغييرات: { $name }
ws-back-to-entry = العودة إلى القيد
ws-history-link = سجل تغييرات القيد
ws-column-fields = الحقول

## An entry's contacts
ws-contacts-title = جهات الاتصال: { $name }
ws-contacts-link = جهات الاتصال الخاصة بالقيد
ws-contacts-none = لا توجد لهذه السلطة أي جهة اتصال بعد.
ws-contact-add = إضافة جهة اتصال
ws-contact-remove = حذف جهة الاتصال هذه
ws-field-position = المنصب
ws-field-visibility = من يمكنه الاطلاع عليها
ws-visibility-restricted = المستخدمون الذين سجلوا الدخول فقط (مقيَّدة)
ws-visibility-public = الجميع (علنية)

## An entry's designations
ws-designations-title = التعيينات: { $name }
ws-designations-link = تعيينات القيد
ws-designation-add = التعيين استناداً إلى أساس قانوني
ws-designation-remove = حذف هذا التعيين
ws-field-scope = النطاق
ws-field-notified-on = تاريخ الإخطار

## Spreadsheets
ws-sheets-title = جداول البيانات
ws-sheets-link = العمل باستخدام جدول بيانات
ws-sheets-download = تنزيل القيود الخاصة بك
ws-sheets-download-explain = جميع خلايا المصنَّف بتنسيق نصي، ولذلك تبقى أرقام الهواتف والرموز والمعرِّفات على حالها في Excel وفي LibreOffice. يُرجى الإبقاء على العمودين «id» و«version»؛ ولإنشاء قيد جديد، أضف صفاً واترك فيه العمود «id» فارغاً.
ws-sheets-xlsx = مصنَّف (XLSX) يضم ورقة لكل نوع من أنواع القيود
ws-sheets-csv = ملف CSV:
ws-sheets-upload = رفع ملف معدَّل
ws-sheets-upload-explain = مصنَّف بصيغة XLSX أو ODS، أو ملف CSV (تُفصل فيه القيم بفواصل أو بفواصل منقوطة، بترميز UTF-8)، على ألا يتجاوز عدد صفوفه { $rows }. وستُعرض عليك التغييرات التي سيُحدثها الملف قبل تطبيق أي شيء.
ws-sheets-file = الملف
ws-sheets-preview-button = عرض التغييرات التي سيُحدثها الملف
ws-sheets-unreadable = تعذّرت قراءة هذا الملف، ولم يُغيَّر أي شيء.
ws-sheets-preview-title = الملف المرفوع: { $file }
ws-sheets-uploaded = رُفع الملف بتاريخ { $date }، { $rows ->
    [zero] ولا يتضمن أي صف
    [one] ويتضمن صفاً واحداً
    [two] ويتضمن صفين
    [few] ويتضمن { $rows } صفوف
    [many] ويتضمن { $rows } صفاً
   *[other] ويتضمن { $rows } صف
}.
ws-sheets-ready = لم يُغيَّر أي شيء حتى الآن. وعند تطبيق هذا الملف، سيبلغ عدد القيود التي ستُنشأ { $created }، وعدد القيود التي ستُحدَّث { $updated }، أما القيود التي ستبقى على حالها فعددها { $unchanged }.
ws-sheets-apply = { $count ->
    [zero] تطبيق التغييرات
    [one] تطبيق هذا التغيير
    [two] تطبيق هذين التغييرين
    [few] تطبيق التغييرات البالغ عددها { $count }
    [many] تطبيق التغييرات البالغ عددها { $count }
   *[other] تطبيق التغييرات البالغ عددها { $count }
}
ws-sheets-nothing = لا يُحدث هذا الملف أي تغيير، إذ إن جميع صفوفه، وعددها { $unchanged }، مطابقة لما هو مسجَّل في الدليل.
ws-sheets-not-clean = لا يمكن تطبيق هذا الملف بصيغته الحالية: فعدد حالات التعارض فيه { $conflicts }، وعدد الخلايا غير المقبولة { $errors }. ولم يُغيَّر أي شيء. يُرجى تصحيح الملف ورفعه مجدداً.
ws-sheets-applying = جارٍ التطبيق: عدد الصفوف التي عولجت { $done } من أصل { $total }.
ws-sheets-refresh = تحديث الصفحة
ws-sheets-applied = تم التطبيق: عدد القيود المُنشأة { $created }، وعدد القيود المحدَّثة { $updated }، وعدد القيود التي لم تتغيّر { $unchanged }.
ws-sheets-refused = لم يُطبَّق أي شيء: فإما أن الدليل تغيّر منذ المعاينة، وإما أن عملية الاستيراد تعذّر إتمامها. يُرجى تنزيل القيود مجدداً وإعادة إجراء التغييرات.
ws-sheets-created = إنشاء
ws-sheets-updated = تحديث
ws-sheets-unchanged = دون تغيير
ws-sheets-conflicts = حالات التعارض
ws-sheets-bad-cells = الخلايا غير المقبولة
ws-sheets-changes = الصفوف التي تتضمن تغييرات
ws-sheets-sheet = الورقة
ws-sheets-row = الصف
ws-sheets-id = المعرِّف
ws-sheets-entry = القيد
ws-sheets-message = السبب
ws-sheets-more = … ولم يُعرض الباقي، وعدده { $count }.

## A network's members and contact points
ws-network-link = الأعضاء وجهات الاتصال
ws-network-title = الأعضاء وجهات الاتصال: { $network }
ws-members-heading = { $count ->
    [zero] لا يوجد أي عضو
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
    [many] { $count } عضواً
   *[other] { $count } عضو
}
ws-points-heading = { $count ->
    [zero] لا توجد أي جهة اتصال
    [one] جهة اتصال واحدة
    [two] جهتا اتصال
    [few] { $count } جهات اتصال
    [many] { $count } جهة اتصال
   *[other] { $count } جهة اتصال
}
ws-column-state = الدولة
ws-column-status = صفة المشاركة
ws-column-authority = السلطة
ws-column-role = الدور
ws-field-since = اعتباراً من
ws-field-label = التسمية
ws-member-add = إضافة عضو
ws-member-remove = حذف من الشبكة
ws-point-add = إضافة جهة اتصال
ws-point-remove = حذف جهة الاتصال هذه

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = لا يجوز ترك هذا الحقل فارغاً.
problem-too-long = يبلغ عدد حروف القيمة { $length }، في حين أن الحد الأقصى المسموح به هو { $max }.
problem-invisible = تتضمن القيمة حرفاً غير مرئي ({ $character })؛ يُرجى حذفه.
problem-bidi-control = تتضمن القيمة حرفاً يغيّر اتجاه النص ({ $character })؛ يُرجى حذفه.
problem-control = تتضمن القيمة حرف تحكم ({ $character })؛ يُرجى حذفه.
problem-not-email = القيمة { $value } ليست عنوان بريد إلكتروني.
problem-not-public-domain = يجب أن تكون القيمة { $value } عنواناً ضمن اسم نطاق عام.
problem-not-international = يجب كتابة القيمة { $value } بالصيغة الدولية، أي أن تبدأ بالعلامة + ثم رمز البلد.
problem-not-phone = القيمة { $value } ليست رقم هاتف دولياً صحيحاً.
problem-not-web-address = القيمة { $value } ليست عنواناً شبكياً يبدأ بالبادئة http:// أو https://.
problem-address-too-long = هذا العنوان أطول من الحد المسموح به.
problem-not-in-address = تتضمن القيمة { $value } الحرف «{ $character }»، وهو حرف لا يجوز أن يرد في أي عنوان.
problem-credentials = لا يجوز أن يتضمن العنوان الشبكي في هذا الحقل اسم مستخدم أو كلمة مرور.
problem-local-host = يجب أن تشير القيمة { $value } إلى موقع شبكي عام، لا إلى موقع محلي.
problem-not-time-zone = القيمة { $value } ليست اسماً لمنطقة زمنية مثل Europe/Paris.
problem-not-language = القيمة { $value } ليست رمزاً للغة مثل fr أو es.
problem-not-iso3 = القيمة { $value } ليست رمزاً لدولة مؤلفاً من ثلاثة أحرف مثل FRA.
problem-not-date = هذه القيمة ليست تاريخاً: يُرجى كتابة التاريخ بالصيغة YYYY-MM-DD.
problem-repeated = القيمة { $value } مدرجة أكثر من مرة.
problem-not-a-choice = القيمة { $value } ليست من بين الخيارات المتاحة.
problem-changed-meanwhile = غيّر مستخدم آخر هذه البيانات بعد عرض الصفحة؛ وهي معروضة الآن كما هي حالياً. يُرجى إجراء التغيير مرة أخرى.
problem-name-taken = توجد بالفعل لدى الدولة { $state } سلطة تحمل هذا الاسم: { $name }.
problem-name-looks-taken = توجد بالفعل لدى الدولة { $state } سلطة يبدو اسمها مطابقاً في شكله: { $name }.
problem-already-designated = سبق تعيين السلطة استناداً إلى الأساس القانوني { $basis }.
problem-already-member = تشارك الدولة { $state } بالفعل في الشبكة { $network } بهذه الصفة.
problem-role-taken = تضطلع السلطة بالفعل بهذا الدور في الشبكة { $network }.
problem-not-a-member = لا تشارك الدولة التي تتبعها السلطة ({ $state }) في الشبكة { $network }: يُرجى إضافة هذه الدولة عضواً في الشبكة أولاً.
