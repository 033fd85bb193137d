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
ws-contact-conflict = عدّل شخص آخر جهة الاتصال هذه بعد عرض الصفحة؛ وهي معروضة الآن كما هي حالياً. يُرجى إجراء التعديل مرة أخرى.

## An entry's designations
ws-designations-title = التعيينات: { $name }
ws-designations-link = تعيينات القيد
ws-designation-add = التعيين استناداً إلى أساس قانوني
ws-designation-remove = حذف هذا التعيين
ws-field-scope = النطاق
ws-field-notified-on = تاريخ الإخطار
