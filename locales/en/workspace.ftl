# The workspace, in English: the reference catalogue for the pages where focal points and secretariats sign in,
# see what is due, fix it and confirm it. Every other language has exactly these messages.

## Signing in and out
ws-sign-in-title = Sign in to the workspace
ws-sign-in-how = Focal points and network secretariats sign in with the link their directory administrator sends them. Ask your administrator for a new link if yours has expired.
ws-sign-in-as = This link signs you in as { $sub }, { $role ->
    [focal_point] focal point of { $scope }
    [network_secretariat] secretariat of { $scope }
    [admin] administrator
   *[other] reader
}.
ws-sign-in-button = Sign in
ws-link-unusable = This sign-in link has been used, has expired or is not known. Ask your administrator for a new one.
ws-link-other-browser = Sign in from the page the link opened, in the same browser.
ws-signed-out = You are signed out.
ws-signed-out-expired = Your session has ended after a time without use. Sign in again.
ws-signed-out-revoked = Your access has been withdrawn by an administrator.
ws-signed-in-as = Signed in as { $sub } ({ $scope }).
ws-sign-out = Sign out
ws-csrf-title = This form cannot be accepted
ws-csrf-body = The form did not come from this workspace, or your session has changed since it was opened. Open the page again and repeat the change.
ws-forbidden-title = Not yours to change
ws-refused-title = This request cannot be carried out
ws-home-link = Back to the workspace

## What is due
ws-home-title = Workspace
ws-no-home = Administrators and readers use the API; this workspace is for focal points and network secretariats.
ws-home-state = Workspace: { $state }
ws-home-network = Workspace: { $network }
ws-due-heading = { $count ->
    [0] Nothing is due for review
    [one] { $count } entry due for review
   *[other] { $count } entries due for review
}
ws-nothing-due = Every entry was confirmed within the review period.
ws-column-due = Due
ws-column-action = Action
ws-overdue = overdue
ws-confirm-one = Confirm as current
ws-confirm-all-explain = Confirm every entry of the list that nobody has changed since it was drawn ({ $date } UTC). Entries changed meanwhile are listed, not confirmed.
ws-confirm-all = Confirm all unchanged entries
ws-coverage-heading = Legal bases owed
ws-column-legal-basis = Legal basis
ws-coverage-missing = nobody designated
ws-coverage-stale = not confirmed in time
ws-coverage-current = current
ws-entries-heading = { $count ->
    [one] { $count } entry
   *[other] All { $count } entries
}
ws-contact-points-due = { $count ->
    [one] { $count } contact point due for review
   *[other] { $count } contact points due for review
}
ws-members-without-point = { $count ->
    [one] { $count } member has no contact point:
   *[other] { $count } members have no contact point:
}
ws-recent-heading = Last changes
ws-recent-none = No change has been made yet.
ws-column-when = When
ws-column-who = Who
ws-column-what = What
ws-confirmed-title = Confirmed
ws-confirmed-count = { $count ->
    [0] No entry was confirmed.
    [one] { $count } entry confirmed.
   *[other] { $count } entries confirmed.
}
ws-changed-since = { $count ->
    [one] { $count } entry changed after the list was drawn and was not confirmed: review it again.
   *[other] { $count } entries changed after the list was drawn and were not confirmed: review them again.
}

## Editing an entry
ws-edit-title = Edit: { $name }
ws-field-name = Name
ws-field-acronym = Acronym
ws-languages-hint = (language codes, e.g. fr, en)
ws-field-refused = Not accepted:
ws-errors = { $count ->
    [one] { $count } field was not accepted. Nothing has been saved.
   *[other] { $count } fields were not accepted. Nothing has been saved.
}
ws-save = Save
ws-saved = Saved.
ws-confirm-explain = If everything shown is still correct, confirm the entry as current.
ws-conflict-title = Someone else changed this entry
ws-conflict-explain = This entry was changed after you opened the form. Nothing of yours has been saved. Compare the two versions and choose which to keep.
ws-column-field = Field
ws-conflict-yours = Your version
ws-conflict-theirs = In the directory now
ws-keep-mine = Keep my version
ws-keep-theirs = Keep the version in the directory

## Signing in through the organisation's identity provider
ws-sign-in-oidc = Sign in with your organisation's account
ws-oidc-refused = The sign-in through your organisation's account did not succeed. Try again; if it keeps failing, your account may not be set up for this directory.
ws-oidc-unavailable = Your organisation's sign-in service cannot be reached at the moment. Try again later, or use a sign-in link.

## An entry's history
ws-history-title = History: { $name }
ws-back-to-entry = Back to the entry
ws-history-link = History of the entry
ws-column-fields = Fields

## An entry's contacts
ws-contacts-title = Contacts: { $name }
ws-contacts-link = Contacts of the entry
ws-contacts-none = This authority has no contact yet.
ws-contact-add = Add a contact
ws-contact-remove = Remove this contact
ws-field-position = Position
ws-field-visibility = Who may see it
ws-visibility-restricted = Signed-in users only (restricted)
ws-visibility-public = Everyone (public)

## An entry's designations
ws-designations-title = Designations: { $name }
ws-designations-link = Designations of the entry
ws-designation-add = Designate under a legal basis
ws-designation-remove = Remove this designation
ws-field-scope = Scope
ws-field-notified-on = Notified on

## Spreadsheets
ws-sheets-title = Spreadsheets
ws-sheets-link = Work in a spreadsheet
ws-sheets-download = Download your entries
ws-sheets-download-explain = Every cell of the workbook is text, so phone numbers, codes and ids stay as they are in Excel and LibreOffice. Keep the id and version columns; add a row without an id to create an entry.
ws-sheets-xlsx = Workbook (XLSX), one sheet per kind of entry
ws-sheets-csv = CSV file:
ws-sheets-upload = Upload a changed file
ws-sheets-upload-explain = An XLSX or ODS workbook, or a CSV file (comma or semicolon, UTF-8), of at most { $rows } rows. You will see what it changes before anything is applied.
ws-sheets-file = File
ws-sheets-preview-button = Show what it would change
ws-sheets-unreadable = This file could not be read. Nothing has been changed.
ws-sheets-preview-title = Upload: { $file }
ws-sheets-uploaded = Uploaded on { $date }, { $rows ->
    [one] one row
   *[other] { $rows } rows
}.
ws-sheets-ready = Nothing has been changed yet. Applying this file: { $created } new, { $updated } changed, { $unchanged } left as they are.
ws-sheets-apply = { $count ->
    [one] Apply this change
   *[other] Apply these { $count } changes
}
ws-sheets-nothing = This file changes nothing: its { $unchanged } rows are as the directory has them.
ws-sheets-not-clean = This file cannot be applied as it is: { $conflicts } conflicts and { $errors } cells not accepted. Nothing has been changed. Correct the file and upload it again.
ws-sheets-applying = Applying: { $done } of { $total } rows.
ws-sheets-refresh = Refresh
ws-sheets-applied = Applied: { $created } created, { $updated } updated, { $unchanged } unchanged.
ws-sheets-refused = Nothing was applied: the directory changed since the preview, or the import could not finish. Download the entries again and redo the changes.
ws-sheets-created = Created
ws-sheets-updated = Updated
ws-sheets-unchanged = Unchanged
ws-sheets-conflicts = Conflicts
ws-sheets-bad-cells = Cells not accepted
ws-sheets-changes = Rows that change
ws-sheets-sheet = Sheet
ws-sheets-row = Row
ws-sheets-id = Id
ws-sheets-entry = Entry
ws-sheets-message = Why
ws-sheets-more = … and { $count } more.

## A network's members and contact points
ws-network-link = Members and contact points
ws-network-title = Members and contact points: { $network }
ws-members-heading = { $count ->
    [one] One member
   *[other] { $count } members
}
ws-points-heading = { $count ->
    [one] One contact point
   *[other] { $count } contact points
}
ws-column-state = State
ws-column-status = Takes part as
ws-column-authority = Authority
ws-column-role = Role
ws-field-since = Since
ws-field-label = Label
ws-member-add = Add a member
ws-member-remove = Remove from the network
ws-point-add = Add a contact point
ws-point-remove = Remove this contact point

## Why a value is not accepted (after "Not accepted:"; $value is what the person typed)
problem-blank = This field must not be left empty.
problem-too-long = It is { $length } characters long; at most { $max } are allowed.
problem-invisible = It contains an invisible character ({ $character }); remove it.
problem-bidi-control = It contains a character that changes the direction of text ({ $character }); remove it.
problem-control = It contains a control character ({ $character }); remove it.
problem-not-email = { $value } is not an e-mail address.
problem-not-public-domain = { $value } must be an address at a public domain name.
problem-not-international = { $value } must be written in international form: + and the country code first.
problem-not-phone = { $value } is not a valid international phone number.
problem-not-web-address = { $value } is not a web address starting with http:// or https://.
problem-address-too-long = This address is too long.
problem-not-in-address = { $value } contains “{ $character }”, which an address cannot contain.
problem-credentials = A web address here must not contain a user name or password.
problem-local-host = { $value } must point to a public website, not a local one.
problem-not-time-zone = { $value } is not a time zone name such as Europe/Paris.
problem-not-language = { $value } is not a language code such as fr or es.
problem-not-iso3 = { $value } is not a three-letter country code such as FRA.
problem-not-date = This is not a date: write it as YYYY-MM-DD.
problem-repeated = { $value } is listed more than once.
problem-not-a-choice = { $value } is not one of the choices offered.
problem-changed-meanwhile = Someone else changed this after the page was drawn; it is shown as it now stands. Make your change again.
problem-name-taken = { $state } already has an authority with this name: { $name }.
problem-name-looks-taken = { $state } already has an authority whose name looks the same: { $name }.
problem-already-designated = The authority is already designated under { $basis }.
problem-already-member = { $state } already takes part in { $network } in this way.
problem-role-taken = The authority already has this role in { $network }.
problem-not-a-member = The authority's State ({ $state }) does not take part in { $network }: add it as a member first.
