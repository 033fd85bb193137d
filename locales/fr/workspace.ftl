# The workspace, in French: the pages where focal points and network secretariats sign in, see what is due, correct
# it and confirm it. Same messages as the English reference catalogue; $count chooses plural forms (CLDR: one, other,
# with [0] where English has it). Values ($sub, $scope, $state, $network, $name) are never preceded by an article or a
# preposition that depends on them; $date in ws-confirm-all-explain is a weekday and time (“lundi 14:05”).

## Signing in and out
ws-sign-in-title = Connexion à l’espace de travail
ws-sign-in-how = Les points focaux et les secrétariats des réseaux se connectent au moyen du lien que leur envoie l’administrateur du répertoire. Si votre lien a expiré, demandez-en un nouveau à votre administrateur.
ws-sign-in-as = Ce lien vous permet de vous connecter sous l’identifiant { $sub }, { $role ->
    [focal_point] en qualité de point focal de l’État { $scope }
    [network_secretariat] au nom du secrétariat du réseau { $scope }
    [admin] en qualité d’administrateur
   *[other] avec un accès en lecture seule
}.
ws-sign-in-button = Se connecter
ws-link-unusable = Ce lien de connexion a déjà été utilisé, a expiré ou n’est pas reconnu. Demandez-en un nouveau à votre administrateur.
ws-link-other-browser = Connectez-vous à partir de la page ouverte par le lien, dans le même navigateur.
ws-signed-out = Votre session est fermée.
ws-signed-out-expired = Votre session a pris fin après une période d’inactivité. Veuillez vous reconnecter.
ws-signed-out-revoked = Votre accès a été retiré par un administrateur.
ws-signed-in-as = Session ouverte sous l’identifiant { $sub } ({ $scope }).
ws-sign-out = Se déconnecter
ws-csrf-title = Ce formulaire ne peut pas être accepté
ws-csrf-body = Le formulaire ne provient pas de cet espace de travail, ou votre session a changé depuis l’ouverture du formulaire. Ouvrez de nouveau la page et refaites la modification.
ws-forbidden-title = Modification non autorisée
ws-refused-title = Cette opération ne peut pas être effectuée
ws-home-link = Retour à l’espace de travail

## What is due
ws-home-title = Espace de travail
ws-no-home = Les administrateurs et les utilisateurs disposant d’un accès en lecture seule passent par l’API ; cet espace de travail est réservé aux points focaux et aux secrétariats des réseaux.
ws-home-state = Espace de travail : { $state }
ws-home-network = Espace de travail : { $network }
ws-due-heading = { $count ->
    [0] Aucune fiche à vérifier
    [one] { $count } fiche à vérifier
   *[other] { $count } fiches à vérifier
}
ws-nothing-due = Toutes les fiches ont été confirmées dans le respect de la périodicité de vérification.
ws-column-due = Échéance
ws-column-action = Action
ws-overdue = en retard
ws-confirm-one = Confirmer que la fiche est à jour
ws-confirm-all-explain = Seront confirmées toutes les fiches de cette liste que personne n’a modifiées depuis qu’elle a été établie ({ $date } UTC). Les fiches modifiées entre-temps seront signalées, mais ne seront pas confirmées.
ws-confirm-all = Confirmer toutes les fiches non modifiées
ws-coverage-heading = Bases juridiques imposant une désignation
ws-column-legal-basis = Base juridique
ws-coverage-missing = aucune autorité désignée
ws-coverage-stale = délai de confirmation dépassé
ws-coverage-current = à jour
ws-entries-heading = { $count ->
    [one] { $count } fiche
   *[other] Toutes les fiches ({ $count })
}
ws-contact-points-due = { $count ->
    [one] { $count } point de contact à vérifier
   *[other] { $count } points de contact à vérifier
}
ws-members-without-point = { $count ->
    [one] { $count } membre n’a pas de point de contact :
   *[other] { $count } membres n’ont pas de point de contact :
}
ws-recent-heading = Dernières modifications
ws-recent-none = Aucune modification n’a encore été apportée.
ws-column-when = Date
ws-column-who = Auteur
ws-column-what = Modification
ws-confirmed-title = Confirmation effectuée
ws-confirmed-count = { $count ->
    [0] Aucune fiche n’a été confirmée.
    [one] { $count } fiche confirmée.
   *[other] { $count } fiches confirmées.
}
ws-changed-since = { $count ->
    [one] { $count } fiche a été modifiée après l’établissement de la liste et n’a pas été confirmée : vérifiez-la de nouveau.
   *[other] { $count } fiches ont été modifiées après l’établissement de la liste et n’ont pas été confirmées : vérifiez-les de nouveau.
}

## Editing an entry
ws-edit-title = Modification de la fiche « { $name } »
ws-field-name = Nom
ws-field-acronym = Sigle
ws-languages-hint = (codes de langue, par exemple fr, en)
ws-field-refused = Valeur refusée :
ws-errors = { $count ->
    [one] { $count } champ n’a pas été accepté. Aucune modification n’a été enregistrée.
   *[other] { $count } champs n’ont pas été acceptés. Aucune modification n’a été enregistrée.
}
ws-save = Enregistrer
ws-saved = Modifications enregistrées.
ws-confirm-explain = Si toutes les informations affichées sont toujours exactes, confirmez que la fiche est à jour.
ws-conflict-title = Cette fiche a été modifiée par une autre personne
ws-conflict-explain = Cette fiche a été modifiée après que vous avez ouvert le formulaire. Vos modifications n’ont pas été enregistrées. Comparez les deux versions et choisissez celle à conserver.
ws-column-field = Champ
ws-conflict-yours = Votre version
ws-conflict-theirs = Version actuelle du répertoire
ws-keep-mine = Conserver ma version
ws-keep-theirs = Conserver la version du répertoire

## Signing in through the organisation's identity provider
ws-sign-in-oidc = Se connecter avec le compte de votre organisation
ws-oidc-refused = La connexion avec le compte de votre organisation n’a pas abouti. Réessayez ; si l’échec persiste, votre compte n’est peut-être pas configuré pour ce répertoire.
ws-oidc-unavailable = Le service de connexion de votre organisation est momentanément injoignable. Réessayez plus tard ou utilisez un lien de connexion.

## An entry's history
ws-history-title = Historique : { $name }
ws-back-to-entry = Retour à la fiche
ws-history-link = Historique de la fiche
ws-column-fields = Champs

## An entry's contacts
ws-contacts-title = Contacts : { $name }
ws-contacts-link = Contacts de la fiche
ws-contacts-none = Cette autorité n’a encore aucun contact.
ws-contact-add = Ajouter un contact
ws-contact-remove = Supprimer ce contact
ws-field-position = Fonction
ws-field-visibility = Visibilité
ws-visibility-restricted = Utilisateurs connectés uniquement (restreint)
ws-visibility-public = Tout le monde (public)

## An entry's designations
ws-designations-title = Désignations : { $name }
ws-designations-link = Désignations de la fiche
ws-designation-add = Désigner au titre d’une base juridique
ws-designation-remove = Supprimer cette désignation
ws-field-scope = Portée
ws-field-notified-on = Date de notification

## Spreadsheets
ws-sheets-title = Feuilles de calcul
ws-sheets-link = Travailler dans une feuille de calcul
ws-sheets-download = Télécharger vos fiches
ws-sheets-download-explain = Toutes les cellules du classeur sont au format texte, de sorte que les numéros de téléphone, les codes et les identifiants restent inchangés dans Excel et LibreOffice. Conservez les colonnes « id » et « version » ; pour créer une fiche, ajoutez une ligne en laissant la colonne « id » vide.
ws-sheets-xlsx = Classeur (XLSX), avec une feuille par type de fiche
ws-sheets-csv = Fichier CSV :
ws-sheets-upload = Téléverser un fichier modifié
ws-sheets-upload-explain = Classeur XLSX ou ODS, ou fichier CSV (séparateur virgule ou point-virgule, encodage UTF-8), de { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
} au maximum. Vous verrez les modifications qu’il entraîne avant que rien ne soit appliqué.
ws-sheets-file = Fichier
ws-sheets-preview-button = Afficher l’aperçu des modifications
ws-sheets-unreadable = Ce fichier n’a pas pu être lu. Aucune modification n’a été apportée.
ws-sheets-preview-title = Fichier téléversé : { $file }
ws-sheets-uploaded = Téléversé le { $date }, { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
}.
ws-sheets-ready = Aucune modification n’a encore été apportée. Si ce fichier est appliqué, { $created ->
    [one] { $created } fiche sera créée
   *[other] { $created } fiches seront créées
} et { $updated ->
    [one] { $updated } fiche sera mise à jour
   *[other] { $updated } fiches seront mises à jour
} ; { $unchanged ->
    [one] { $unchanged } fiche restera inchangée
   *[other] { $unchanged } fiches resteront inchangées
}.
ws-sheets-apply = { $count ->
    [one] Appliquer cette modification
   *[other] Appliquer ces { $count } modifications
}
ws-sheets-nothing = Ce fichier ne modifie rien : toutes ses lignes sont identiques aux données du répertoire ({ $unchanged ->
    [one] { $unchanged } ligne
   *[other] { $unchanged } lignes
}).
ws-sheets-not-clean = Ce fichier ne peut pas être appliqué en l’état : { $conflicts ->
    [one] { $conflicts } conflit
   *[other] { $conflicts } conflits
} et { $errors ->
    [one] { $errors } cellule non acceptée
   *[other] { $errors } cellules non acceptées
}. Aucune modification n’a été apportée. Corrigez le fichier et téléversez-le de nouveau.
ws-sheets-applying = Application en cours : { $done ->
    [one] { $done } ligne
   *[other] { $done } lignes
} sur { $total }.
ws-sheets-refresh = Actualiser
ws-sheets-applied = Le fichier a été appliqué : { $created ->
    [one] { $created } fiche créée
   *[other] { $created } fiches créées
}, { $updated ->
    [one] { $updated } mise à jour
   *[other] { $updated } mises à jour
}, { $unchanged ->
    [one] { $unchanged } inchangée
   *[other] { $unchanged } inchangées
}.
ws-sheets-refused = Rien n’a été appliqué : le répertoire a été modifié depuis l’affichage de l’aperçu, ou l’importation n’a pas pu aboutir. Téléchargez de nouveau les fiches et refaites les modifications.
ws-sheets-created = Création
ws-sheets-updated = Mise à jour
ws-sheets-unchanged = Sans changement
ws-sheets-conflicts = Conflits
ws-sheets-bad-cells = Cellules non acceptées
ws-sheets-changes = Lignes entraînant une modification
ws-sheets-sheet = Feuille
ws-sheets-row = Ligne
ws-sheets-id = Identifiant
ws-sheets-entry = Fiche
ws-sheets-message = Motif
ws-sheets-more = … et { $count ->
    [one] { $count } autre
   *[other] { $count } autres
}.

## A network's members and contact points
ws-network-link = Membres et points de contact
ws-network-title = Membres et points de contact : { $network }
ws-members-heading = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
ws-points-heading = { $count ->
    [one] { $count } point de contact
   *[other] { $count } points de contact
}
ws-column-state = État
ws-column-status = Participe en qualité de
ws-column-authority = Autorité
ws-column-role = Rôle
ws-field-since = Depuis le
ws-field-label = Libellé
ws-member-add = Ajouter un membre
ws-member-remove = Retirer du réseau
ws-point-add = Ajouter un point de contact
ws-point-remove = Supprimer ce point de contact

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = Ce champ ne doit pas rester vide.
problem-too-long = La valeur compte { $length } caractères ; le maximum autorisé est de { $max }.
problem-invisible = La valeur contient un caractère invisible ({ $character }) ; supprimez-le.
problem-bidi-control = La valeur contient un caractère qui modifie le sens d’écriture du texte ({ $character }) ; supprimez-le.
problem-control = La valeur contient un caractère de contrôle ({ $character }) ; supprimez-le.
problem-not-email = { $value } n’est pas une adresse électronique.
problem-not-public-domain = { $value } doit être une adresse dont le nom de domaine est public.
problem-not-international = { $value } doit être au format international, c’est-à-dire commencer par + suivi de l’indicatif du pays.
problem-not-phone = { $value } n’est pas un numéro de téléphone international valide.
problem-not-web-address = { $value } n’est pas une adresse Web commençant par http:// ou https://.
problem-address-too-long = Cette adresse est trop longue.
problem-not-in-address = { $value } contient le caractère « { $character } », qui ne peut pas figurer dans une adresse.
problem-credentials = Dans ce champ, une adresse Web ne doit contenir ni nom d’utilisateur ni mot de passe.
problem-local-host = { $value } doit renvoyer à un site Web public, et non à un site local.
problem-not-time-zone = { $value } n’est pas un nom de fuseau horaire tel que Europe/Paris.
problem-not-language = { $value } n’est pas un code de langue tel que fr ou es.
problem-not-iso3 = { $value } n’est pas un code de pays à trois lettres tel que FRA.
problem-not-date = Cette valeur n’est pas une date : utilisez le format YYYY-MM-DD.
problem-repeated = { $value } figure plusieurs fois dans la liste.
problem-not-a-choice = { $value } ne fait pas partie des choix proposés.
problem-changed-meanwhile = Une autre personne a modifié cet élément après l’affichage de la page ; il est présenté tel qu’il est maintenant. Refaites votre modification.
problem-name-taken = L’État { $state } a déjà une autorité portant ce nom : { $name }.
problem-name-looks-taken = L’État { $state } a déjà une autorité dont le nom semble identique : { $name }.
problem-already-designated = L’autorité est déjà désignée au titre de la base juridique { $basis }.
problem-already-member = L’État { $state } participe déjà au réseau { $network } en cette qualité.
problem-role-taken = L’autorité exerce déjà ce rôle au sein du réseau { $network }.
problem-not-a-member = L’État de l’autorité ({ $state }) ne participe pas au réseau { $network } : ajoutez-le d’abord comme membre.
