# The workspace, in Russian: the pages where focal points and network secretariats sign in, see what is due, correct
# it and confirm it. Same messages as the English reference catalogue; $count chooses plural forms (CLDR: one, few,
# many, other, with [0] where English has it); no sentence relies on a pronoun agreeing with the count. Values ($sub,
# $scope, $state, $network, $name) always stand in the nominative ("{ $state }", "запись об органе «{ $name }»");
# $date in ws-confirm-all-explain is a weekday and time ("понедельник 14:05").

## Signing in and out
ws-sign-in-title = Вход в рабочее пространство
ws-sign-in-how = Координаторы и секретариаты сетей входят в рабочее пространство по ссылке, которую им направляет администратор справочника. Если срок действия вашей ссылки истек, запросите новую ссылку у администратора.
ws-sign-in-as = Эта ссылка предназначена для входа под именем пользователя { $sub } { $role ->
    [focal_point] в качестве координатора от государства { $scope }
    [network_secretariat] от имени секретариата сети { $scope }
    [admin] в качестве администратора
   *[other] с доступом только для чтения
}.
ws-sign-in-button = Войти
ws-link-unusable = Эта ссылка для входа уже использована, срок ее действия истек или она не распознана. Запросите новую ссылку у администратора.
ws-link-other-browser = Выполните вход со страницы, открывшейся по ссылке, в том же браузере.
ws-signed-out = Вы вышли из рабочего пространства.
ws-signed-out-expired = Сеанс завершен после периода бездействия. Войдите снова.
ws-signed-out-revoked = Администратор отозвал ваш доступ.
ws-signed-in-as = Вход выполнен под именем пользователя { $sub } ({ $scope }).
ws-sign-out = Выйти
ws-csrf-title = Эту форму невозможно принять
ws-csrf-body = Форма отправлена не из этого рабочего пространства, либо ваш сеанс изменился после того, как форма была открыта. Откройте страницу заново и повторите изменение.
ws-forbidden-title = Нет прав на это изменение
ws-refused-title = Эту операцию невозможно выполнить
ws-home-link = Вернуться в рабочее пространство

## What is due
ws-home-title = Рабочее пространство
ws-no-home = Администраторы и пользователи с доступом только для чтения работают через API; это рабочее пространство предназначено для координаторов и секретариатов сетей.
ws-home-state = Рабочее пространство: { $state }
ws-home-network = Рабочее пространство: { $network }
ws-due-heading = { $count ->
    [0] Нет записей, подлежащих проверке
    [one] { $count } запись подлежит проверке
    [few] { $count } записи подлежат проверке
    [many] { $count } записей подлежат проверке
   *[other] { $count } записи подлежат проверке
}
ws-nothing-due = Все записи подтверждены с соблюдением установленной периодичности проверки.
ws-column-due = Срок проверки
ws-column-action = Действие
ws-overdue = просрочено
ws-confirm-one = Подтвердить актуальность
ws-confirm-all-explain = Будут подтверждены все записи из этого списка, которые никто не изменял с момента его составления ({ $date } UTC). Записи, измененные за это время, будут перечислены, но не будут подтверждены.
ws-confirm-all = Подтвердить все неизмененные записи
ws-coverage-heading = Правовые основания, требующие назначения органа
ws-column-legal-basis = Правовое основание
ws-coverage-missing = орган не назначен
ws-coverage-stale = срок подтверждения истек
ws-coverage-current = сведения актуальны
ws-entries-heading = { $count ->
    [one] { $count } запись
    [few] Все записи ({ $count })
    [many] Все записи ({ $count })
   *[other] Все записи ({ $count })
}
ws-contact-points-due = { $count ->
    [one] Сведения о { $count } контактном лице подлежат проверке
    [few] Сведения о { $count } контактных лицах подлежат проверке
    [many] Сведения о { $count } контактных лицах подлежат проверке
   *[other] Сведения о { $count } контактного лица подлежат проверке
}
ws-members-without-point = { $count ->
    [one] У { $count } члена сети нет контактного лица:
    [few] У { $count } членов сети нет контактного лица:
    [many] У { $count } членов сети нет контактного лица:
   *[other] У { $count } члена сети нет контактного лица:
}
ws-recent-heading = Последние изменения
ws-recent-none = Изменения пока не вносились.
ws-column-when = Дата
ws-column-who = Пользователь
ws-column-what = Изменение
ws-confirmed-title = Подтверждение выполнено
ws-confirmed-count = { $count ->
    [0] Ни одна запись не подтверждена.
    [one] Подтверждена { $count } запись.
    [few] Подтверждены { $count } записи.
    [many] Подтверждено { $count } записей.
   *[other] Подтверждено { $count } записи.
}
ws-changed-since = { $count ->
    [one] { $count } запись изменена после составления списка и не подтверждена: требуется повторная проверка.
    [few] { $count } записи изменены после составления списка и не подтверждены: требуется повторная проверка.
    [many] { $count } записей изменено после составления списка и не подтверждено: требуется повторная проверка.
   *[other] { $count } записи изменено после составления списка и не подтверждено: требуется повторная проверка.
}

## Editing an entry
ws-edit-title = Редактирование записи об органе «{ $name }»
ws-field-name = Название
ws-field-acronym = Аббревиатура
ws-languages-hint = (коды языков, например ru, en)
ws-field-refused = Значение не принято:
ws-errors = { $count ->
    [one] { $count } поле не принято. Ничего не сохранено.
    [few] { $count } поля не приняты. Ничего не сохранено.
    [many] { $count } полей не принято. Ничего не сохранено.
   *[other] { $count } поля не принято. Ничего не сохранено.
}
ws-save = Сохранить
ws-saved = Изменения сохранены.
ws-confirm-explain = Если все приведенные сведения по-прежнему верны, подтвердите актуальность записи.
ws-conflict-title = Запись изменена другим пользователем
ws-conflict-explain = Запись была изменена после того, как вы открыли форму. Ваши изменения не сохранены. Сравните две версии и выберите, какую из них оставить.
ws-column-field = Поле
ws-conflict-yours = Ваша версия
ws-conflict-theirs = Текущая версия в справочнике
ws-keep-mine = Оставить мою версию
ws-keep-theirs = Оставить версию из справочника

## Signing in through the organisation's identity provider
ws-sign-in-oidc = Войти с учетной записью вашей организации
ws-oidc-refused = Не удалось войти с учетной записью вашей организации. Повторите попытку; если ошибка повторится, возможно, ваша учетная запись не настроена для работы со справочником.
ws-oidc-unavailable = Служба входа вашей организации сейчас недоступна. Повторите попытку позже или воспользуйтесь ссылкой для входа.

## An entry's history
ws-history-title = История изменений: { $name }
ws-back-to-entry = Вернуться к записи
ws-history-link = История изменений записи
ws-column-fields = Поля

## An entry's contacts
ws-contacts-title = Контактные лица: { $name }
ws-contacts-link = Контактные лица записи
ws-contacts-none = У этого органа пока нет контактных лиц.
ws-contact-add = Добавить контактное лицо
ws-contact-remove = Удалить это контактное лицо
ws-field-position = Должность
ws-field-visibility = Кому видно
ws-visibility-restricted = Только вошедшим пользователям (ограниченный доступ)
ws-visibility-public = Всем (открытый доступ)

## An entry's designations
ws-designations-title = Назначения: { $name }
ws-designations-link = Назначения в записи
ws-designation-add = Назначить на правовом основании
ws-designation-remove = Удалить это назначение
ws-field-scope = Сфера
ws-field-notified-on = Дата уведомления

## Spreadsheets
ws-sheets-title = Электронные таблицы
ws-sheets-link = Работать в электронной таблице
ws-sheets-download = Скачать ваши записи
ws-sheets-download-explain = Все ячейки рабочей книги имеют текстовый формат, поэтому номера телефонов, коды и идентификаторы сохраняются в Excel и LibreOffice в неизменном виде. Сохраните столбцы «id» и «version»; чтобы создать запись, добавьте строку, оставив столбец «id» пустым.
ws-sheets-xlsx = Рабочая книга (XLSX) с отдельным листом для каждого типа записей
ws-sheets-csv = Файл CSV:
ws-sheets-upload = Загрузить измененный файл
ws-sheets-upload-explain = Рабочая книга XLSX или ODS либо файл CSV (разделитель — запятая или точка с запятой, кодировка UTF-8) объемом не более { $rows ->
    [one] { $rows } строки
    [few] { $rows } строк
    [many] { $rows } строк
   *[other] { $rows } строки
}. Прежде чем что-либо будет применено, вы увидите, какие изменения внесет файл.
ws-sheets-file = Файл
ws-sheets-preview-button = Показать, что изменится
ws-sheets-unreadable = Не удалось прочитать этот файл. Ничего не изменено.
ws-sheets-preview-title = Загруженный файл: { $file }
ws-sheets-uploaded = Файл загружен { $date } и содержит { $rows ->
    [one] { $rows } строку
    [few] { $rows } строки
    [many] { $rows } строк
   *[other] { $rows } строки
}.
ws-sheets-ready = Пока ничего не изменено. При применении этого файла будет создано записей: { $created }, обновлено записей: { $updated }; останется без изменений записей: { $unchanged }.
ws-sheets-apply = { $count ->
    [1] Применить это изменение
    [one] Применить { $count } изменение
    [few] Применить { $count } изменения
    [many] Применить { $count } изменений
   *[other] Применить { $count } изменения
}
ws-sheets-nothing = Этот файл ничего не изменяет: все его строки совпадают с данными справочника (всего { $unchanged ->
    [one] { $unchanged } строка
    [few] { $unchanged } строки
    [many] { $unchanged } строк
   *[other] { $unchanged } строки
}).
ws-sheets-not-clean = Этот файл невозможно применить в нынешнем виде (конфликтов: { $conflicts }, непринятых ячеек: { $errors }). Ничего не изменено. Исправьте файл и загрузите его снова.
ws-sheets-applying = Применение изменений: { $done } из { $total ->
    [one] { $total } строки
    [few] { $total } строк
    [many] { $total } строк
   *[other] { $total } строки
}.
ws-sheets-refresh = Обновить
ws-sheets-applied = Файл применен. Создано записей: { $created }; обновлено: { $updated }; без изменений: { $unchanged }.
ws-sheets-refused = Ничего не применено: после предварительного просмотра справочник изменился, либо импорт не удалось завершить. Скачайте записи заново и повторите изменения.
ws-sheets-created = Создано
ws-sheets-updated = Обновлено
ws-sheets-unchanged = Без изменений
ws-sheets-conflicts = Конфликты
ws-sheets-bad-cells = Непринятые ячейки
ws-sheets-changes = Строки с изменениями
ws-sheets-sheet = Лист
ws-sheets-row = Строка
ws-sheets-id = Идентификатор
ws-sheets-entry = Запись
ws-sheets-message = Причина
ws-sheets-more = … и еще { $count }.

## A network's members and contact points
ws-network-link = Члены сети и контактные лица
ws-network-title = Члены сети и контактные лица: { $network }
ws-members-heading = { $count ->
    [one] { $count } член сети
    [few] { $count } члена сети
    [many] { $count } членов сети
   *[other] { $count } члена сети
}
ws-points-heading = { $count ->
    [one] { $count } контактное лицо
    [few] { $count } контактных лица
    [many] { $count } контактных лиц
   *[other] { $count } контактного лица
}
ws-column-state = Государство
ws-column-status = Статус участия
ws-column-authority = Орган
ws-column-role = Роль
ws-field-since = Дата начала участия
ws-field-label = Метка
ws-member-add = Добавить члена сети
ws-member-remove = Исключить из сети
ws-point-add = Добавить контактное лицо
ws-point-remove = Удалить это контактное лицо

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = Это поле не может быть пустым.
problem-too-long = Количество символов: { $length }; допускается не более { $max }.
problem-invisible = Значение содержит невидимый символ ({ $character }); удалите его.
problem-bidi-control = Значение содержит символ, меняющий направление текста ({ $character }); удалите его.
problem-control = Значение содержит управляющий символ ({ $character }); удалите его.
problem-not-email = { $value } не является адресом электронной почты.
problem-not-public-domain = Адрес { $value } должен относиться к публичному доменному имени.
problem-not-international = Номер { $value } должен быть записан в международном формате: сначала + и код страны.
problem-not-phone = { $value } не является действительным международным номером телефона.
problem-not-web-address = { $value } не является веб-адресом, начинающимся с http:// или https://.
problem-address-too-long = Этот адрес слишком длинный.
problem-not-in-address = Значение { $value } содержит символ «{ $character }», недопустимый в адресе.
problem-credentials = Веб-адрес в этом поле не должен содержать ни имени пользователя, ни пароля.
problem-local-host = Адрес { $value } должен указывать на общедоступный веб-сайт, а не на локальный.
problem-not-time-zone = { $value } не является названием часового пояса (например, Europe/Paris).
problem-not-language = { $value } не является кодом языка (например, fr или es).
problem-not-iso3 = { $value } не является трехбуквенным кодом страны (например, FRA).
problem-not-date = Значение не является датой: используйте формат YYYY-MM-DD.
problem-repeated = Значение { $value } указано более одного раза.
problem-not-a-choice = Значение { $value } не входит в число предложенных вариантов.
problem-changed-meanwhile = После открытия страницы эти данные изменил другой пользователь; показаны текущие данные. Внесите свое изменение еще раз.
problem-name-taken = У государства { $state } уже есть орган с таким названием: { $name }.
problem-name-looks-taken = У государства { $state } уже есть орган с внешне совпадающим названием: { $name }.
problem-already-designated = Орган уже назначен на правовом основании { $basis }.
problem-already-member = Государство { $state } уже участвует в сети { $network } с таким статусом.
problem-role-taken = Орган уже выполняет эту роль в сети { $network }.
problem-not-a-member = Государство органа ({ $state }) не участвует в сети { $network }: сначала добавьте это государство в качестве члена сети.
