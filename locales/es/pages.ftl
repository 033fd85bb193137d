# The directory's pages for people, in Spanish. This catalogue has exactly the messages of the English reference
# catalogue (a unit test checks it). Arguments: $count and numbers choose plural forms (CLDR: one, many, other); $date
# is already written in Spanish; names ($state, $authority, $convention) are in Spanish where known. Names are never
# preceded by an article that depends on them ("{ $state }: …", "el instrumento «{ $convention }»").

site-name = Directorio de autoridades nacionales competentes
skip-to-content = Ir al contenido
nav-site = Sitio
nav-all-states = Todos los Estados
nav-route = ¿Adónde dirigir una solicitud?
nav-workspace = Espacio de trabajo
nav-languages = Idioma
nav-pages = Páginas
footer-source = El punto focal de cada Estado mantiene actualizadas las fichas correspondientes. Antes de basarse en una ficha, compruebe la fecha de su última confirmación.
footer-fallback = * Término mostrado en inglés: aún no se ha encontrado ninguna fuente para este término en español.
not-found-title = No encontrado
not-found-state = No existe ningún Estado con el código { $code }.

## The list of States
region-africa = África
region-americas = Américas
region-asia = Asia
region-europe = Europa
region-oceania = Oceanía
region-other = Otros
index-title = Directorio de autoridades nacionales competentes
index-summary = { $states ->
    [one] { $states } Estado u otra entidad
   *[other] { $states } Estados y otras entidades
}, { $authorities ->
    [one] { $authorities } autoridad.
   *[other] { $authorities } autoridades.
}
generated-on = Página generada el { $date }.
column-state = Estado
column-code = Código
column-authorities = Autoridades

## A State's page
page-of = Página { $page } de { $pages }
page-previous = Página anterior
page-next = Página siguiente
authorities-count = { $count ->
    [one] { $count } autoridad
   *[other] { $count } autoridades
}
generated-at = página generada el { $date }
last-confirmed-on = última confirmación de los datos: { $date }
legal-bases = Participación en las convenciones
legal-bases-none = El directorio no registra la participación de este Estado en ninguna de las convenciones.
column-convention = Convención
column-status = Situación
column-since = Desde
column-source = Fuente
as-of = situación al { $date }
authorities-heading = Autoridades
state-empty = { $state }: todavía no figura en el directorio ninguna autoridad.

## An authority
sample-entry = Ficha de ejemplo: no corresponde a una autoridad real.
field-local-name = Nombre en el idioma local
field-designated-for = Designada para
field-languages = Idiomas aceptables
field-channels = Vías de transmisión
field-transmission = Medios de transmisión
field-urgent-channels = Solicitudes urgentes
field-urgent-procedure = Procedimiento en caso de urgencia
field-requirements = Requisitos
field-office-hours = Horario de atención
field-time-zone = Huso horario
field-address = Dirección postal
field-city = Ciudad
field-email = Correo electrónico
field-phone = Teléfono
field-fax = Fax
field-website = Sitio web
field-contacts = Personas de contacto
field-networks = Redes
field-last-confirmed = Última confirmación
never-confirmed = nunca
field-notes = Observaciones
field-time-there = Hora local de la autoridad
field-time-reader = Su hora local
open-now = dentro del horario de atención
closed-now = fuera del horario de atención
open-unknown = el horario indicado no permite determinar si ahora es horario de atención

## Operational values that no convention names
enum-TransmissionMeans-POST = Correo postal
enum-TransmissionMeans-EMAIL = Correo electrónico
enum-TransmissionMeans-FAX = Fax
enum-TransmissionMeans-SECURE_PLATFORM = Plataforma segura
enum-UrgentChannel-EMAIL = Correo electrónico
enum-UrgentChannel-FAX = Fax
enum-UrgentChannel-PHONE = Teléfono
enum-UrgentChannel-INTERPOL = INTERPOL
enum-ContactPointRole-NATIONAL_MEMBER = Miembro nacional
enum-ContactPointRole-CONTACT_POINT = Punto de contacto
enum-ContactPointRole-NATIONAL_CORRESPONDENT = Corresponsal nacional
enum-ContactPointRole-LAW_ENFORCEMENT = Contacto (organismos encargados de hacer cumplir la ley)
enum-ContactPointRole-JUDICIAL = Contacto (autoridades judiciales)
enum-ContactPointRole-CENTRAL_AUTHORITY = Autoridad central
enum-ContactPointRole-FOCAL_POINT = Punto focal

## The route finder
route-title = ¿Adónde dirigir una solicitud?
route-intro = Elija el Estado requirente, el Estado requerido, el objeto de la solicitud y, si se conoce, la convención invocada.
route-choose-state = Elija un Estado
route-from = Estado requirente
route-to = Estado requerido
route-function = Objeto de la solicitud
route-convention = Convención invocada
route-any-convention = Cualquier convención
route-submit = Buscar la autoridad
route-heading = { $from } → { $to }
route-heading-incomplete = Destino de la solicitud
route-authorities = { $count ->
    [0] Ninguna autoridad designada
    [one] { $count } autoridad designada
   *[other] { $count } autoridades designadas
}
warnings-heading = { $count ->
    [one] Advertencia
   *[other] Advertencias
}
legal-basis-heading = Fundamento jurídico: { $convention }
both-parties-yes = Ambos Estados son parte en este instrumento.
both-parties-no = Al menos uno de los dos Estados no es parte en este instrumento.
both-parties-unknown = No es posible determinar si ambos Estados son parte en este instrumento: la participación de al menos uno de ellos no está registrada.
participation-not-recorded = No registrada en el directorio
contact-points-heading = A través de las redes de las que forman parte ambos Estados
column-network = Red
column-authority = Autoridad
column-role = Función
shared-networks = { $count ->
    [one] Red de la que forman parte ambos Estados:
   *[other] Redes de las que forman parte ambos Estados:
}
warning-not-a-code = { $side ->
    [requesting] El valor «{ $given }» indicado como Estado requirente no es un código de Estado (ISO 3166-1 alpha-3, por ejemplo, FRA).
   *[requested] El valor «{ $given }» indicado como Estado requerido no es un código de Estado (ISO 3166-1 alpha-3, por ejemplo, FRA).
}
warning-no-such-state = { $side ->
    [requesting] No figura en el directorio ningún Estado con el código { $code } (indicado como Estado requirente).
   *[requested] No figura en el directorio ningún Estado con el código { $code } (indicado como Estado requerido).
}
warning-no-such-convention = Ninguna convención tiene el código «{ $given }»; se indican las autoridades sin distinción de convención.
warning-same-state = El Estado requirente y el Estado requerido son el mismo ({ $state }).
warning-nothing-designated = { $state }: no figura en el directorio ninguna autoridad designada para «{ $function }».
warning-nothing-designated-under = { $state }: no figura en el directorio ninguna autoridad designada para «{ $function }» (fundamento jurídico: { $convention }).
warning-never-confirmed = { $state }: este Estado nunca ha confirmado la ficha «{ $authority }».
warning-stale = La ficha «{ $authority }» se confirmó por última vez el { $date }, hace más de { $months ->
    [one] { $months } mes
   *[other] { $months } meses
} (periodicidad de revisión).
warning-not-party = { $state }: no es parte en el instrumento «{ $convention }».
warning-not-party-as-of = { $state }: al { $date }, no es parte en el instrumento «{ $convention }».
warning-signatory-only = { $state }: ha firmado el instrumento «{ $convention }», pero no es parte en él.
warning-signatory-only-as-of = { $state }: ha firmado el instrumento «{ $convention }», pero al { $date } no es parte en él.
warning-not-recorded = { $state }: la participación en el instrumento «{ $convention }» no está registrada en el directorio.

## Punctuation between two values, as each script writes it
separator-comma = {", "}

participation-territorial = por la aplicación del instrumento que su Estado le extendió
declarations-heading = Lo que { $state } declaró al depositario
declaration-kind-languages = Idiomas aceptados para las solicitudes
declaration-kind-extradition-legal-basis = La convención como base jurídica de la extradición
declaration-kind-central-authority = Autoridad central notificada
declaration-kind-designated-authority = Autoridad designada
declaration-kind-reservation = Reserva
declaration-kind-other = Declaración
declaration-words = Los términos notificados
declaration-article = art. { $article }
declaration-source = Fuente: { $source }
