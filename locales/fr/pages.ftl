# The directory's pages for people, in French. This catalogue has exactly the messages of the English reference
# catalogue (a unit test checks it). Arguments: $count and numbers choose plural forms (CLDR: one, other); $date is
# already written in French; names ($state, $authority, $convention) are in French where known. Names are never
# preceded by an article or a preposition that depends on them (“{ $state } : …”, “l’instrument « { $convention } »”).

site-name = Répertoire des autorités nationales compétentes
skip-to-content = Aller au contenu
nav-site = Site
nav-all-states = Tous les États
nav-route = Où adresser une demande ?
nav-workspace = Espace de travail
nav-languages = Langue
nav-pages = Pages
footer-source = Les fiches sont tenues à jour par le point focal de chaque État. Avant de vous fonder sur une fiche, vérifiez la date de sa dernière confirmation.
footer-fallback = * Terme affiché en anglais : aucune source n’a encore été trouvée pour ce terme en français.
not-found-title = Introuvable
not-found-state = Aucun État ne correspond au code { $code }.

## The list of States
region-africa = Afrique
region-americas = Amériques
region-asia = Asie
region-europe = Europe
region-oceania = Océanie
region-other = Autres
index-title = Répertoire des autorités nationales compétentes
index-summary = { $states ->
    [one] { $states } État ou autre entité
   *[other] { $states } États et autres entités
}, { $authorities ->
    [one] { $authorities } autorité.
   *[other] { $authorities } autorités.
}
generated-on = Page générée le { $date }.
column-state = État
column-code = Code
column-authorities = Autorités

## A State's page
page-of = Page { $page } sur { $pages }
page-previous = Page précédente
page-next = Page suivante
authorities-count = { $count ->
    [one] { $count } autorité
   *[other] { $count } autorités
}
generated-at = page générée le { $date }
last-confirmed-on = dernière confirmation des données : { $date }
legal-bases = Participation aux conventions
legal-bases-none = Le répertoire ne fait état d’aucune participation de cet État aux conventions.
column-convention = Convention
column-status = Statut
column-since = Depuis le
column-source = Source
as-of = à la date du { $date }
authorities-heading = Autorités
state-empty = { $state } : aucune autorité ne figure encore dans le répertoire.

## An authority
sample-entry = Fiche d’exemple : il ne s’agit pas d’une autorité réelle.
field-local-name = Nom dans la langue locale
field-designated-for = Désignée pour
field-languages = Langues acceptables
field-channels = Voies de transmission
field-transmission = Moyens de transmission
field-urgent-channels = Demandes urgentes
field-urgent-procedure = Procédure en cas d’urgence
field-requirements = Exigences
field-office-hours = Heures d’ouverture
field-time-zone = Fuseau horaire
field-address = Adresse postale
field-city = Ville
field-email = Courriel
field-phone = Téléphone
field-fax = Télécopie
field-website = Site Web
field-contacts = Personnes à contacter
field-networks = Réseaux
field-last-confirmed = Dernière confirmation
never-confirmed = jamais
field-notes = Remarques
field-time-there = Heure locale de l’autorité
field-time-reader = Votre heure locale
open-now = pendant les heures d’ouverture
closed-now = en dehors des heures d’ouverture
open-unknown = les heures d’ouverture indiquées ne permettent pas de déterminer si le service est ouvert

## Operational values that no convention names
enum-TransmissionMeans-POST = Courrier postal
enum-TransmissionMeans-EMAIL = Courriel
enum-TransmissionMeans-FAX = Télécopie
enum-TransmissionMeans-SECURE_PLATFORM = Plateforme sécurisée
enum-UrgentChannel-EMAIL = Courriel
enum-UrgentChannel-FAX = Télécopie
enum-UrgentChannel-PHONE = Téléphone
enum-UrgentChannel-INTERPOL = INTERPOL
enum-ContactPointRole-NATIONAL_MEMBER = Membre national
enum-ContactPointRole-CONTACT_POINT = Point de contact
enum-ContactPointRole-NATIONAL_CORRESPONDENT = Correspondant national
enum-ContactPointRole-LAW_ENFORCEMENT = Contact (services de détection et de répression)
enum-ContactPointRole-JUDICIAL = Contact (autorités judiciaires)
enum-ContactPointRole-CENTRAL_AUTHORITY = Autorité centrale
enum-ContactPointRole-FOCAL_POINT = Point focal

## The route finder
route-title = Où adresser une demande ?
route-intro = Choisissez l’État requérant, l’État requis, l’objet de la demande et, s’il est connu, la convention invoquée.
route-choose-state = Choisissez un État
route-from = État requérant
route-to = État requis
route-function = Objet de la demande
route-convention = Convention invoquée
route-any-convention = Toute convention
route-submit = Trouver l’autorité
route-heading = { $from } → { $to }
route-heading-incomplete = Acheminement de la demande
route-authorities = { $count ->
    [0] Aucune autorité désignée
    [one] { $count } autorité désignée
   *[other] { $count } autorités désignées
}
warnings-heading = { $count ->
    [one] Avertissement
   *[other] Avertissements
}
legal-basis-heading = Base juridique : { $convention }
both-parties-yes = Les deux États sont parties à cet instrument.
both-parties-no = L’un au moins des deux États n’est pas partie à cet instrument.
both-parties-unknown = Impossible de déterminer si les deux États sont parties à cet instrument : la participation de l’un d’eux au moins n’est pas enregistrée.
participation-not-recorded = Non enregistrée dans le répertoire
contact-points-heading = Par l’intermédiaire des réseaux communs aux deux États
column-network = Réseau
column-authority = Autorité
column-role = Rôle
shared-networks = { $count ->
    [one] Réseau commun aux deux États :
   *[other] Réseaux communs aux deux États :
}
warning-not-a-code = { $side ->
    [requesting] La valeur « { $given } » indiquée pour l’État requérant n’est pas un code d’État (ISO 3166-1 alpha-3, par exemple FRA).
   *[requested] La valeur « { $given } » indiquée pour l’État requis n’est pas un code d’État (ISO 3166-1 alpha-3, par exemple FRA).
}
warning-no-such-state = { $side ->
    [requesting] Aucun État du répertoire ne correspond au code { $code } (indiqué pour l’État requérant).
   *[requested] Aucun État du répertoire ne correspond au code { $code } (indiqué pour l’État requis).
}
warning-no-such-convention = Aucune convention ne correspond au code « { $given } » ; les autorités sont indiquées toutes conventions confondues.
warning-same-state = L’État requérant et l’État requis sont le même État ({ $state }).
warning-nothing-designated = { $state } : aucune autorité désignée dans le domaine « { $function } » ne figure dans le répertoire.
warning-nothing-designated-under = { $state } : aucune autorité désignée dans le domaine « { $function } » ne figure dans le répertoire (base juridique : { $convention }).
warning-never-confirmed = { $state } : la fiche « { $authority } » n’a jamais été confirmée par cet État.
warning-stale = La fiche « { $authority } » a été confirmée pour la dernière fois le { $date }, il y a plus de { $months ->
    [one] { $months } mois
   *[other] { $months } mois
} (périodicité de vérification).
warning-not-party = { $state } : non partie à l’instrument « { $convention } ».
warning-not-party-as-of = { $state } : non partie à l’instrument « { $convention } » à la date du { $date }.
warning-signatory-only = { $state } : signataire de l’instrument « { $convention } », mais non partie.
warning-signatory-only-as-of = { $state } : signataire de l’instrument « { $convention } », mais non partie à la date du { $date }.
warning-not-recorded = { $state } : la participation à l’instrument « { $convention } » n’est pas enregistrée dans le répertoire.

## Punctuation between two values, as each script writes it
separator-comma = {", "}

participation-territorial = par l’application de l’instrument que son État lui a étendue
declarations-heading = Ce que { $state } a déclaré au dépositaire
declaration-kind-languages = Langues acceptées pour les demandes
declaration-kind-extradition-legal-basis = La convention comme base légale de l’extradition
declaration-kind-central-authority = Autorité centrale notifiée
declaration-kind-designated-authority = Autorité désignée
declaration-kind-reservation = Réserve
declaration-kind-other = Déclaration
declaration-words = Les termes notifiés
declaration-article = art. { $article }
declaration-source = Source : { $source }
