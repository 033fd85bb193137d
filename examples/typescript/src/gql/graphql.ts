/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { JsonValue } from '../scalars.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A new authority. Text is stored in Unicode NFC; phones in E.164; languages as ISO 639 codes. */
export type AuthorityInput = {
  /** The acronym or short name the authority is known by; at most 300 characters. */
  acronym?: string | null | undefined;
  /** The channels through which requests reach the authority, each once. */
  channels?: Array<Channel> | null | undefined;
  /** The city the authority sits in; at most 300 characters. */
  city?: string | null | undefined;
  /** The e-mail address that receives requests; must be an address on a public domain (no IP address, no local name). */
  email?: string | null | undefined;
  /** The fax number in international form, starting with `+` (spaces allowed); stored in E.164. */
  fax?: string | null | undefined;
  /** ISO 639-1 or 639-3 codes (`fr` or `fra`) of the languages in which requests are accepted, each once. */
  languages?: Array<string> | null | undefined;
  /** The name in the State's own language, where it differs from `name`; at most 300 characters. */
  localName?: string | null | undefined;
  /**
   * The authority's official name, one line of at most 300 characters. A second authority of the same State whose
   * name looks the same (case, accents and look-alike letters aside) is `CONFLICT`.
   */
  name: string;
  /** The name in more languages than `name` and `localName`, e.g. the UN languages a portal shows. */
  names?: Array<NameInLanguageInput> | null | undefined;
  /** Anything else a requesting authority should know; free text, at most 10,000 characters. */
  notes?: string | null | undefined;
  /** The opening hours, local time, one line of at most 300 characters, e.g. `Monday to Friday, 09:00–17:00`. */
  officeHours?: string | null | undefined;
  /** The office telephone in international form, starting with `+` (spaces allowed); stored in E.164. */
  phone?: string | null | undefined;
  /** The full postal address for requests sent by post; several lines allowed, at most 10,000 characters. */
  postalAddress?: string | null | undefined;
  /** Legal and procedural requirements for requests; free text, at most 10,000 characters. */
  requirements?: string | null | undefined;
  /** ISO 3166-1 alpha-3 of the authority's State; a focal point may name only its own. */
  state: string;
  /** The office's IANA time zone, e.g. `Europe/Paris`. */
  timeZone?: string | null | undefined;
  /** How requests may be transmitted, each means once. */
  transmissionMeans?: Array<TransmissionMeans> | null | undefined;
  /** How urgent requests reach the authority ahead of the formal one, each once. */
  urgentChannels?: Array<UrgentChannel> | null | undefined;
  /** How to proceed in urgent cases; free text, at most 10,000 characters. */
  urgentNotes?: string | null | undefined;
  /** The authority's web page: an `http` or `https` address on a public host, without user name or password. */
  website?: string | null | undefined;
};

/** What a change did to its entity. */
export type ChangeAction =
  /** The entry was created: `before` is null. */
  | 'CREATE'
  /** The entry was deleted or removed: `after` is null. */
  | 'DELETE'
  /** The entry was changed (a confirmation included): `before` and `after` are both given. */
  | 'UPDATE';

/** The channel through which an authority receives requests. */
export type Channel =
  /** Requests go from the requesting State's central authority to this State's central authority. */
  | 'CENTRAL_AUTHORITY'
  /** Requests must go through diplomatic channels (ministries of foreign affairs, embassies). */
  | 'DIPLOMATIC'
  /** Requests may be sent straight to the authority by the competent authority of the requesting State. */
  | 'DIRECT'
  /** Requests may be transmitted through INTERPOL (the International Criminal Police Organization). */
  | 'INTERPOL';

/** An authority's name in one language. */
export type NameInLanguageInput = {
  /** ISO 639-1 or 639-3 code, e.g. `fr`, `es`, `ar`. */
  language: string;
  /** The name in that language, one line of at most 300 characters. */
  name: string;
};

/** How a request may be physically transmitted. */
export type TransmissionMeans =
  /** By e-mail, to the authority's address. */
  | 'EMAIL'
  /** By fax. */
  | 'FAX'
  /** By post or courier, as a signed original. */
  | 'POST'
  /**
   * Through a secure electronic platform or network (e.g. an encrypted e-mail or case-management system the
   * States share).
   */
  | 'SECURE_PLATFORM';

/** How an urgent request reaches the authority ahead of the formal one. */
export type UrgentChannel =
  /** By e-mail, ahead of the formal request. */
  | 'EMAIL'
  /** By fax, ahead of the formal request. */
  | 'FAX'
  /** Through INTERPOL, ahead of the formal request (where the States agree to it). */
  | 'INTERPOL'
  /** By telephone, ahead of the written request. */
  | 'PHONE';

export type TypedRouteQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type TypedRouteQuery = { route: { bothParties: boolean | null, warnings: Array<string>, authorities: Array<{ name: string, languages: Array<string>, email: string | null, lastConfirmedAt: string | null }> } };

export type TypedCreateAuthorityMutationVariables = Exact<{
  input: AuthorityInput;
}>;


export type TypedCreateAuthorityMutation = { createAuthority: { id: string, version: number, name: string, lastConfirmedAt: string | null } };

export type TypedRecentChangesQueryVariables = Exact<{
  since: string;
}>;


export type TypedRecentChangesQuery = { changes: { nodes: Array<{ at: string, action: ChangeAction, entityId: string, after: JsonValue | null }> } };


export const TypedRouteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TypedRoute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"route"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"function"},"value":{"kind":"EnumValue","value":"MUTUAL_LEGAL_ASSISTANCE"}},{"kind":"Argument","name":{"kind":"Name","value":"convention"},"value":{"kind":"StringValue","value":"UNTOC","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bothParties"}},{"kind":"Field","name":{"kind":"Name","value":"authorities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"lastConfirmedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}}]}}]}}]} as unknown as DocumentNode<TypedRouteQuery, TypedRouteQueryVariables>;
export const TypedCreateAuthorityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TypedCreateAuthority"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthorityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAuthority"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lastConfirmedAt"}}]}}]}}]} as unknown as DocumentNode<TypedCreateAuthorityMutation, TypedCreateAuthorityMutationVariables>;
export const TypedRecentChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TypedRecentChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"StringValue","value":"FRA","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"entity"},"value":{"kind":"StringValue","value":"authority","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]} as unknown as DocumentNode<TypedRecentChangesQuery, TypedRecentChangesQueryVariables>;