# The directory's pages for people, in English: the reference catalogue. Every other catalogue has exactly these
# messages (a unit test checks it). Arguments: $count and numbers choose plural forms; $date is already written
# in the reader's language; names ($state, $authority, $convention) are in the reader's language where known.

site-name = Directory of competent national authorities
skip-to-content = Skip to the content
nav-site = Site
nav-all-states = All States
nav-route = Where does a request go?
nav-workspace = Workspace
nav-languages = Language
nav-pages = Pages
footer-source = Entries are kept by each State's focal point. Check the date an entry was last confirmed before relying on it.
footer-fallback = * Term shown in English: no source for it in this language has been found yet.
not-found-title = Not found
not-found-state = No State has the code { $code }.

## The list of States
region-africa = Africa
region-americas = Americas
region-asia = Asia
region-europe = Europe
region-oceania = Oceania
region-other = Other
index-title = Directory of competent national authorities
index-summary = { $states } States and other entities, { $authorities ->
    [one] { $authorities } authority.
   *[other] { $authorities } authorities.
}
generated-on = Generated on { $date }.
column-state = State
column-code = Code
column-authorities = Authorities

## A State's page
page-of = Page { $page } of { $pages }
page-previous = Previous page
page-next = Next page
authorities-count = { $count ->
    [one] { $count } authority
   *[other] { $count } authorities
}
generated-at = generated on { $date }
last-confirmed-on = data last confirmed on { $date }
legal-bases = Participation in the conventions
legal-bases-none = The directory records no participation of this State in the conventions.
column-convention = Convention
column-status = Status
column-since = Since
column-source = Source
as-of = as of { $date }
authorities-heading = Authorities
state-empty = No authority of { $state } is in the directory yet.

## An authority
sample-entry = Sample entry: not a real authority.
field-local-name = Local name
field-designated-for = Designated for
field-languages = Languages accepted
field-channels = Channels
field-transmission = Means of transmission
field-urgent-channels = Urgent requests
field-urgent-procedure = Urgent procedure
field-requirements = Requirements
field-office-hours = Office hours
field-time-zone = Time zone
field-address = Postal address
field-city = City
field-email = E-mail
field-phone = Telephone
field-fax = Fax
field-website = Website
field-contacts = Contacts
field-networks = Networks
field-last-confirmed = Last confirmed
never-confirmed = never
field-notes = Notes
field-time-there = Time at the authority
field-time-reader = Your time
open-now = open now
closed-now = closed now
open-unknown = whether it is open cannot be read from its office hours

## Operational values that no convention names
enum-TransmissionMeans-POST = Post
enum-TransmissionMeans-EMAIL = E-mail
enum-TransmissionMeans-FAX = Fax
enum-TransmissionMeans-SECURE_PLATFORM = Secure platform
enum-UrgentChannel-EMAIL = E-mail
enum-UrgentChannel-FAX = Fax
enum-UrgentChannel-PHONE = Telephone
enum-UrgentChannel-INTERPOL = INTERPOL
enum-ContactPointRole-NATIONAL_MEMBER = National member
enum-ContactPointRole-CONTACT_POINT = Contact point
enum-ContactPointRole-NATIONAL_CORRESPONDENT = National correspondent
enum-ContactPointRole-LAW_ENFORCEMENT = Law enforcement contact
enum-ContactPointRole-JUDICIAL = Judicial contact
enum-ContactPointRole-CENTRAL_AUTHORITY = Central authority
enum-ContactPointRole-FOCAL_POINT = Focal point

## The route finder
route-title = Where does a request go?
route-intro = Choose the State sending the request, the State receiving it, what is asked and, if known, the convention invoked.
route-choose-state = Choose a State
route-from = Requesting State
route-to = Requested State
route-function = Request for
route-convention = Under the convention
route-any-convention = Any convention
route-submit = Find the authority
route-heading = From { $from } to { $to }
route-heading-incomplete = Route
route-authorities = { $count ->
    [0] No authority designated
    [one] { $count } authority designated
   *[other] { $count } authorities designated
}
warnings-heading = { $count ->
    [one] Warning
   *[other] Warnings
}
legal-basis-heading = Legal basis: { $convention }
both-parties-yes = Both States are parties to this convention.
both-parties-no = The two States are not both parties to this convention.
both-parties-unknown = Whether both States are parties to this convention is not known: a participation is not recorded.
participation-not-recorded = Not recorded in the directory
contact-points-heading = Through the networks both States are in
column-network = Network
column-authority = Authority
column-role = Role
shared-networks = { $count ->
    [one] Network both States are in:
   *[other] Networks both States are in:
}
warning-not-a-code = { $side ->
    [requesting] The requesting State “{ $given }” is not a code of a State (ISO 3166-1 alpha-3, e.g. FRA).
   *[requested] The requested State “{ $given }” is not a code of a State (ISO 3166-1 alpha-3, e.g. FRA).
}
warning-no-such-state = { $side ->
    [requesting] No State with the code { $code } is in the directory (given as the requesting State).
   *[requested] No State with the code { $code } is in the directory (given as the requested State).
}
warning-no-such-convention = No convention has the code “{ $given }”; authorities are listed for any convention.
warning-same-state = The requesting and the requested State are the same ({ $state }).
warning-nothing-designated = { $state } has no authority designated for { $function } in the directory.
warning-nothing-designated-under = { $state } has no authority designated for { $function } under the { $convention } in the directory.
warning-never-confirmed = The entry for { $authority } has never been confirmed by { $state }.
warning-stale = The entry for { $authority } was last confirmed on { $date }, more than { $months ->
    [one] { $months } month
   *[other] { $months } months
} ago (the review period).
warning-not-party = { $state } is not a party to the { $convention }.
warning-not-party-as-of = { $state } is not a party to the { $convention } as of { $date }.
warning-signatory-only = { $state } has signed the { $convention } but is not a party to it.
warning-signatory-only-as-of = { $state } has signed the { $convention } but is not a party to it as of { $date }.
warning-not-recorded = The participation of { $state } in the { $convention } is not recorded in the directory.

## Punctuation between two values, as each script writes it
separator-comma = {", "}

participation-territorial = through its State’s application of the instrument to it
declarations-heading = What { $state } declared to the depositary
declaration-kind-languages = Languages accepted for requests
declaration-kind-extradition-legal-basis = The convention as legal basis for extradition
declaration-kind-central-authority = Central authority notified
declaration-kind-designated-authority = Authority designated
declaration-kind-reservation = Reservation
declaration-kind-other = Declaration
declaration-words = The words as notified
declaration-article = art. { $article }
declaration-source = Source: { $source }
