# The workspace, in Spanish: the pages where focal points and network secretariats sign in, see what is due, correct
# it and confirm it. Same messages as the English reference catalogue; $count chooses plural forms (CLDR: one, other,
# with [0] where English has it). Values ($sub, $scope, $state, $network, $name) are never preceded by an article that
# depends on them; $date in ws-confirm-all-explain is a weekday and time ("lunes, 14:05").

## Signing in and out
ws-sign-in-title = Acceso al espacio de trabajo
ws-sign-in-how = Los puntos focales y las secretarías de las redes inician sesión mediante el enlace que les envía el administrador del directorio. Si su enlace ha caducado, pida uno nuevo a su administrador.
ws-sign-in-as = Este enlace le permite iniciar sesión con el identificador { $sub }, { $role ->
    [focal_point] como punto focal del Estado { $scope }
    [network_secretariat] en nombre de la secretaría de la red { $scope }
    [admin] como administrador
   *[other] con acceso de solo lectura
}.
ws-sign-in-button = Iniciar sesión
ws-link-unusable = Este enlace de acceso ya se ha utilizado, ha caducado o no se reconoce. Pida uno nuevo a su administrador.
ws-link-other-browser = Inicie sesión desde la página que se abrió con el enlace, en el mismo navegador.
ws-signed-out = Ha cerrado la sesión.
ws-signed-out-expired = Su sesión ha finalizado tras un período de inactividad. Vuelva a iniciar sesión.
ws-signed-out-revoked = Un administrador ha revocado su acceso.
ws-signed-in-as = Sesión iniciada con el identificador { $sub } ({ $scope }).
ws-sign-out = Cerrar sesión
ws-csrf-title = No se puede aceptar este formulario
ws-csrf-body = El formulario no procede de este espacio de trabajo o su sesión ha cambiado desde que se abrió el formulario. Vuelva a abrir la página y repita la modificación.
ws-forbidden-title = Modificación no autorizada
ws-refused-title = No se puede realizar esta operación
ws-home-link = Volver al espacio de trabajo

## What is due
ws-home-title = Espacio de trabajo
ws-no-home = Los administradores y los usuarios con acceso de solo lectura utilizan la API; este espacio de trabajo está destinado a los puntos focales y a las secretarías de las redes.
ws-home-state = Espacio de trabajo: { $state }
ws-home-network = Espacio de trabajo: { $network }
ws-due-heading = { $count ->
    [0] Ninguna ficha pendiente de revisión
    [one] { $count } ficha pendiente de revisión
   *[other] { $count } fichas pendientes de revisión
}
ws-nothing-due = Todas las fichas se han confirmado respetando la periodicidad de revisión.
ws-column-due = Fecha límite
ws-column-action = Acción
ws-overdue = plazo vencido
ws-confirm-one = Confirmar que la ficha sigue vigente
ws-confirm-all-explain = Se confirmarán todas las fichas de esta lista que nadie haya modificado desde que se elaboró ({ $date } UTC). Las fichas modificadas entretanto se indicarán, pero no se confirmarán.
ws-confirm-all = Confirmar todas las fichas no modificadas
ws-coverage-heading = Fundamentos jurídicos que exigen una designación
ws-column-legal-basis = Fundamento jurídico
ws-coverage-missing = ninguna autoridad designada
ws-coverage-stale = plazo de confirmación vencido
ws-coverage-current = vigente
ws-entries-heading = { $count ->
    [one] { $count } ficha
   *[other] Todas las fichas ({ $count })
}
ws-contact-points-due = { $count ->
    [one] { $count } punto de contacto pendiente de revisión
   *[other] { $count } puntos de contacto pendientes de revisión
}
ws-members-without-point = { $count ->
    [one] { $count } miembro no tiene punto de contacto:
   *[other] { $count } miembros no tienen punto de contacto:
}
ws-recent-heading = Últimas modificaciones
ws-recent-none = Todavía no se ha realizado ninguna modificación.
ws-column-when = Fecha
ws-column-who = Usuario
ws-column-what = Modificación
ws-confirmed-title = Confirmación realizada
ws-confirmed-count = { $count ->
    [0] No se ha confirmado ninguna ficha.
    [one] Se ha confirmado { $count } ficha.
   *[other] Se han confirmado { $count } fichas.
}
ws-changed-since = { $count ->
    [one] { $count } ficha se modificó después de elaborarse la lista y no se confirmó: revísela de nuevo.
   *[other] { $count } fichas se modificaron después de elaborarse la lista y no se confirmaron: revíselas de nuevo.
}

## Editing an entry
ws-edit-title = Edición de la ficha «{ $name }»
ws-field-name = Nombre
ws-field-acronym = Sigla
ws-languages-hint = (códigos de idioma, por ejemplo, es, en)
ws-field-refused = Valor no aceptado:
ws-errors = { $count ->
    [one] No se ha aceptado { $count } campo. No se ha guardado ningún cambio.
   *[other] No se han aceptado { $count } campos. No se ha guardado ningún cambio.
}
ws-save = Guardar
ws-saved = Cambios guardados.
ws-confirm-explain = Si todos los datos que se muestran siguen siendo correctos, confirme que la ficha sigue vigente.
ws-conflict-title = Otra persona ha modificado esta ficha
ws-conflict-explain = Esta ficha se modificó después de que usted abriera el formulario. No se ha guardado ninguno de sus cambios. Compare las dos versiones y elija cuál desea conservar.
ws-column-field = Campo
ws-conflict-yours = Su versión
ws-conflict-theirs = Versión que figura ahora en el directorio
ws-keep-mine = Conservar mi versión
ws-keep-theirs = Conservar la versión del directorio

## Signing in through the organisation's identity provider
ws-sign-in-oidc = Iniciar sesión con la cuenta de su organización
ws-oidc-refused = No se pudo iniciar sesión con la cuenta de su organización. Vuelva a intentarlo; si el error persiste, es posible que su cuenta no esté habilitada para este directorio.
ws-oidc-unavailable = El servicio de inicio de sesión de su organización no está disponible en este momento. Vuelva a intentarlo más tarde o utilice un enlace de acceso.

## An entry's history
ws-history-title = Historial: { $name }
ws-back-to-entry = Volver a la ficha
ws-history-link = Historial de la ficha
ws-column-fields = Campos

## An entry's contacts
ws-contacts-title = Contactos: { $name }
ws-contacts-link = Contactos de la ficha
ws-contacts-none = Esta autoridad aún no tiene contactos.
ws-contact-add = Añadir un contacto
ws-contact-remove = Eliminar este contacto
ws-field-position = Cargo
ws-field-visibility = Quién puede verlo
ws-visibility-restricted = Solo usuarios que han iniciado sesión (restringido)
ws-visibility-public = Todo el mundo (público)

## An entry's designations
ws-designations-title = Designaciones: { $name }
ws-designations-link = Designaciones de la ficha
ws-designation-add = Designar con arreglo a un fundamento jurídico
ws-designation-remove = Eliminar esta designación
ws-field-scope = Alcance
ws-field-notified-on = Fecha de notificación

## Spreadsheets
ws-sheets-title = Hojas de cálculo
ws-sheets-link = Trabajar en una hoja de cálculo
ws-sheets-download = Descargar sus fichas
ws-sheets-download-explain = Todas las celdas del libro de cálculo tienen formato de texto, de modo que los números de teléfono, los códigos y los identificadores se mantienen sin cambios en Excel y LibreOffice. Conserve las columnas «id» y «version»; para crear una ficha, añada una fila y deje vacía la columna «id».
ws-sheets-xlsx = Libro de cálculo (XLSX), con una hoja por tipo de ficha
ws-sheets-csv = Archivo CSV:
ws-sheets-upload = Cargar un archivo modificado
ws-sheets-upload-explain = Libro de cálculo XLSX u ODS, o archivo CSV (separado por comas o por punto y coma, con codificación UTF-8), de { $rows ->
    [one] { $rows } fila
   *[other] { $rows } filas
} como máximo. Antes de que se aplique ningún cambio, podrá ver qué modificaciones introduce el archivo.
ws-sheets-file = Archivo
ws-sheets-preview-button = Mostrar los cambios que introduciría
ws-sheets-unreadable = No se ha podido leer este archivo. No se ha modificado nada.
ws-sheets-preview-title = Archivo cargado: { $file }
ws-sheets-uploaded = Cargado el { $date }; { $rows ->
    [one] contiene una fila
   *[other] contiene { $rows } filas
}.
ws-sheets-ready = Todavía no se ha modificado nada. Si se aplica este archivo, { $created ->
    [one] se creará { $created } ficha
   *[other] se crearán { $created } fichas
} y { $updated ->
    [one] se actualizará { $updated } ficha
   *[other] se actualizarán { $updated } fichas
}; { $unchanged ->
    [one] { $unchanged } ficha quedará sin cambios
   *[other] { $unchanged } fichas quedarán sin cambios
}.
ws-sheets-apply = { $count ->
    [one] Aplicar este cambio
   *[other] Aplicar estos { $count } cambios
}
ws-sheets-nothing = Este archivo no modifica nada: todas sus filas coinciden con los datos del directorio ({ $unchanged ->
    [one] una fila
   *[other] { $unchanged } filas
}).
ws-sheets-not-clean = Este archivo no se puede aplicar tal como está: { $conflicts ->
    [one] { $conflicts } conflicto
   *[other] { $conflicts } conflictos
} y { $errors ->
    [one] { $errors } celda no aceptada
   *[other] { $errors } celdas no aceptadas
}. No se ha modificado nada. Corrija el archivo y vuelva a cargarlo.
ws-sheets-applying = Aplicación en curso: { $done } de { $total ->
    [one] { $total } fila
   *[other] { $total } filas
}.
ws-sheets-refresh = Actualizar
ws-sheets-applied = Se ha aplicado el archivo: { $created ->
    [one] { $created } ficha creada
   *[other] { $created } fichas creadas
}, { $updated ->
    [one] { $updated } actualizada
   *[other] { $updated } actualizadas
} y { $unchanged } sin cambios.
ws-sheets-refused = No se ha aplicado nada: el directorio ha cambiado desde la vista previa o la importación no ha podido completarse. Vuelva a descargar las fichas y repita los cambios.
ws-sheets-created = Creación
ws-sheets-updated = Actualización
ws-sheets-unchanged = Sin cambios
ws-sheets-conflicts = Conflictos
ws-sheets-bad-cells = Celdas no aceptadas
ws-sheets-changes = Filas con cambios
ws-sheets-sheet = Hoja
ws-sheets-row = Fila
ws-sheets-id = Identificador
ws-sheets-entry = Ficha
ws-sheets-message = Motivo
ws-sheets-more = … y { $count } más.

## A network's members and contact points
ws-network-link = Miembros y puntos de contacto
ws-network-title = Miembros y puntos de contacto: { $network }
ws-members-heading = { $count ->
    [one] Un miembro
   *[other] { $count } miembros
}
ws-points-heading = { $count ->
    [one] Un punto de contacto
   *[other] { $count } puntos de contacto
}
ws-column-state = Estado
ws-column-status = Participa en calidad de
ws-column-authority = Autoridad
ws-column-role = Función
ws-field-since = Desde
ws-field-label = Etiqueta
ws-member-add = Añadir un miembro
ws-member-remove = Retirar de la red
ws-point-add = Añadir un punto de contacto
ws-point-remove = Eliminar este punto de contacto

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = Este campo no puede quedar vacío.
problem-too-long = El valor tiene { $length } caracteres; el máximo permitido es { $max }.
problem-invisible = El valor contiene un carácter invisible ({ $character }); elimínelo.
problem-bidi-control = El valor contiene un carácter que cambia la dirección del texto ({ $character }); elimínelo.
problem-control = El valor contiene un carácter de control ({ $character }); elimínelo.
problem-not-email = { $value } no es una dirección de correo electrónico.
problem-not-public-domain = { $value } debe ser una dirección con un nombre de dominio público.
problem-not-international = { $value } debe estar en formato internacional, es decir, empezar por + seguido del código del país.
problem-not-phone = { $value } no es un número de teléfono internacional válido.
problem-not-web-address = { $value } no es una dirección web que empiece por http:// o https://.
problem-address-too-long = Esta dirección es demasiado larga.
problem-not-in-address = { $value } contiene el carácter «{ $character }», que no puede figurar en una dirección.
problem-credentials = En este campo, una dirección web no puede contener un nombre de usuario ni una contraseña.
problem-local-host = { $value } debe remitir a un sitio web público, no a uno local.
problem-not-time-zone = { $value } no es un nombre de huso horario como Europe/Paris.
problem-not-language = { $value } no es un código de idioma como fr o es.
problem-not-iso3 = { $value } no es un código de país de tres letras como FRA.
problem-not-date = Este valor no es una fecha: utilice el formato YYYY-MM-DD.
problem-repeated = { $value } figura más de una vez en la lista.
problem-not-a-choice = { $value } no figura entre las opciones propuestas.
problem-changed-meanwhile = Otra persona modificó este elemento después de que se mostrara la página; se presenta tal como está ahora. Vuelva a hacer su cambio.
problem-name-taken = El Estado { $state } ya tiene una autoridad con este nombre: { $name }.
problem-name-looks-taken = El Estado { $state } ya tiene una autoridad cuyo nombre parece idéntico: { $name }.
problem-already-designated = La autoridad ya está designada con arreglo al fundamento jurídico { $basis }.
problem-already-member = El Estado { $state } ya participa en la red { $network } en esa calidad.
problem-role-taken = La autoridad ya desempeña esta función en la red { $network }.
problem-not-a-member = El Estado de la autoridad ({ $state }) no participa en la red { $network }: añádalo primero como miembro.
