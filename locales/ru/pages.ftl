# The directory's pages for people, in Russian. This catalogue has exactly the messages of the English reference
# catalogue (a unit test checks it). Arguments: $count and numbers choose plural forms (CLDR: one, few, many, other;
# an exact [1] where the count is not shown); $date is already written in Russian and ends in "г.", so no sentence
# ends with it; names ($state, $authority, $convention) are in Russian where known and always stand in the
# nominative ("{ $state }: …", "договор «{ $convention }»").

site-name = Справочник компетентных национальных органов
skip-to-content = Перейти к основному содержанию
nav-site = Сайт
nav-all-states = Все государства
nav-route = Куда направить просьбу?
nav-workspace = Рабочее пространство
nav-languages = Язык
nav-pages = Страницы
footer-source = Записи ведут координаторы соответствующих государств. Прежде чем полагаться на запись, проверьте дату ее последнего подтверждения.
footer-fallback = * Термин приведен на английском языке: источник для него на русском языке пока не найден.
not-found-title = Не найдено
not-found-state = Государство с кодом { $code } не найдено.

## The list of States
region-africa = Африка
region-americas = Америка
region-asia = Азия
region-europe = Европа
region-oceania = Океания
region-other = Прочие
index-title = Справочник компетентных национальных органов
index-summary = Государств и других образований: { $states }; органов: { $authorities }.
generated-on = Страница сформирована { $date }
column-state = Государство
column-code = Код
column-authorities = Органы

## A State's page
page-of = Страница { $page } из { $pages }
page-previous = Предыдущая страница
page-next = Следующая страница
authorities-count = { $count ->
    [one] { $count } орган
    [few] { $count } органа
    [many] { $count } органов
   *[other] { $count } органа
}
generated-at = страница сформирована { $date }
last-confirmed-on = последнее подтверждение данных: { $date }
legal-bases = Участие в конвенциях
legal-bases-none = В справочнике нет сведений об участии этого государства в конвенциях.
column-convention = Конвенция
column-status = Статус
column-since = Дата
column-source = Источник
as-of = по состоянию на { $date }
authorities-heading = Органы
state-empty = { $state }: в справочнике пока нет ни одного органа.

## An authority
sample-entry = Пример записи: такого органа не существует.
field-local-name = Название на местном языке
field-designated-for = Назначен по направлениям
field-languages = Приемлемые языки
field-channels = Каналы передачи
field-transmission = Способы передачи
field-urgent-channels = Срочные просьбы
field-urgent-procedure = Порядок рассмотрения срочных просьб
field-requirements = Требования
field-office-hours = Часы работы
field-time-zone = Часовой пояс
field-address = Почтовый адрес
field-city = Город
field-email = Электронная почта
field-phone = Телефон
field-fax = Факс
field-website = Веб-сайт
field-contacts = Контактные лица
field-networks = Сети
field-last-confirmed = Последнее подтверждение
never-confirmed = отсутствует
field-notes = Примечания
field-time-there = Местное время органа
field-time-reader = Ваше местное время
open-now = сейчас рабочее время
closed-now = сейчас нерабочее время
open-unknown = по указанным часам работы невозможно определить, рабочее ли сейчас время

## Operational values that no convention names
enum-TransmissionMeans-POST = Почта
enum-TransmissionMeans-EMAIL = Электронная почта
enum-TransmissionMeans-FAX = Факс
enum-TransmissionMeans-SECURE_PLATFORM = Защищенная платформа
enum-UrgentChannel-EMAIL = Электронная почта
enum-UrgentChannel-FAX = Факс
enum-UrgentChannel-PHONE = Телефон
enum-UrgentChannel-INTERPOL = INTERPOL
enum-ContactPointRole-NATIONAL_MEMBER = Национальный член
enum-ContactPointRole-CONTACT_POINT = Контактное лицо
enum-ContactPointRole-NATIONAL_CORRESPONDENT = Национальный корреспондент
enum-ContactPointRole-LAW_ENFORCEMENT = Контактное лицо (правоохранительные органы)
enum-ContactPointRole-JUDICIAL = Контактное лицо (судебные органы)
enum-ContactPointRole-CENTRAL_AUTHORITY = Центральный орган
enum-ContactPointRole-FOCAL_POINT = Координатор

## The route finder
route-title = Куда направить просьбу?
route-intro = Выберите запрашивающее государство, запрашиваемое государство, предмет просьбы и, если известно, конвенцию, на которую делается ссылка.
route-choose-state = Выберите государство
route-from = Запрашивающее государство
route-to = Запрашиваемое государство
route-function = Предмет просьбы
route-convention = Применимая конвенция
route-any-convention = Любая конвенция
route-submit = Найти орган
route-heading = { $from } → { $to }
route-heading-incomplete = Направление просьбы
route-authorities = { $count ->
    [0] Нет назначенных органов
    [one] { $count } назначенный орган
    [few] { $count } назначенных органа
    [many] { $count } назначенных органов
   *[other] { $count } назначенного органа
}
warnings-heading = { $count ->
    [1] Предупреждение
   *[other] Предупреждения
}
legal-basis-heading = Правовое основание: { $convention }
both-parties-yes = Оба государства являются участниками этого договора.
both-parties-no = По меньшей мере одно из двух государств не является участником этого договора.
both-parties-unknown = Невозможно определить, являются ли оба государства участниками этого договора: сведения об участии по меньшей мере одного из них в справочнике отсутствуют.
participation-not-recorded = Сведения в справочнике отсутствуют
contact-points-heading = Через сети, в которых участвуют оба государства
column-network = Сеть
column-authority = Орган
column-role = Роль
shared-networks = { $count ->
    [1] Сеть, в которой участвуют оба государства:
   *[other] Сети, в которых участвуют оба государства:
}
warning-not-a-code = { $side ->
    [requesting] Значение «{ $given }», указанное для запрашивающего государства, не является кодом государства (ISO 3166-1 alpha-3, например FRA).
   *[requested] Значение «{ $given }», указанное для запрашиваемого государства, не является кодом государства (ISO 3166-1 alpha-3, например FRA).
}
warning-no-such-state = { $side ->
    [requesting] В справочнике нет государства с кодом { $code } (код указан для запрашивающего государства).
   *[requested] В справочнике нет государства с кодом { $code } (код указан для запрашиваемого государства).
}
warning-no-such-convention = Конвенция с кодом «{ $given }» не найдена; показаны органы по всем конвенциям.
warning-same-state = Запрашивающее и запрашиваемое государства совпадают ({ $state }).
warning-nothing-designated = { $state }: в справочнике нет органа, назначенного по направлению «{ $function }».
warning-nothing-designated-under = { $state }: в справочнике нет органа, назначенного по направлению «{ $function }» (правовое основание: { $convention }).
warning-never-confirmed = { $state }: запись об органе «{ $authority }» ни разу не была подтверждена государством.
warning-stale = Запись об органе «{ $authority }» последний раз была подтверждена { $date }, более { $months ->
    [one] { $months } месяца
    [few] { $months } месяцев
    [many] { $months } месяцев
   *[other] { $months } месяца
} назад (установленная периодичность проверки).
warning-not-party = { $state }: государство не является участником договора «{ $convention }».
warning-not-party-as-of = { $state }: по состоянию на { $date } государство не является участником договора «{ $convention }».
warning-signatory-only = { $state }: договор «{ $convention }» подписан, но государство не является его участником.
warning-signatory-only-as-of = { $state }: договор «{ $convention }» подписан, но по состоянию на { $date } государство не является его участником.
warning-not-recorded = { $state }: сведения об участии в договоре «{ $convention }» в справочнике отсутствуют.

## Punctuation between two values, as each script writes it
separator-comma = {", "}

participation-territorial = в силу распространения документа на эту территорию её государством
declarations-heading = Заявления депозитарию: { $state }
declaration-kind-languages = Языки, приемлемые для просьб
declaration-kind-extradition-legal-basis = Конвенция как правовое основание для выдачи
declaration-kind-central-authority = Уведомленный центральный орган
declaration-kind-designated-authority = Назначенный орган
declaration-kind-reservation = Оговорка
declaration-kind-other = Заявление
declaration-words = Текст уведомления
declaration-article = ст. { $article }
declaration-source = Источник: { $source }
