/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query TypedRoute($from: String!, $to: String!) {\n    route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") {\n      bothParties\n      authorities { name languages email lastConfirmedAt }\n      warnings\n    }\n  }\n": typeof types.TypedRouteDocument,
    "\n  mutation TypedCreateAuthority($input: AuthorityInput!) {\n    createAuthority(input: $input) { id version name lastConfirmedAt }\n  }\n": typeof types.TypedCreateAuthorityDocument,
    "\n  query TypedRecentChanges($since: DateTime!) {\n    changes(first: 3, filter: { state: \"FRA\", entity: \"authority\", since: $since }) {\n      nodes { at action entityId after }\n    }\n  }\n": typeof types.TypedRecentChangesDocument,
};
const documents: Documents = {
    "\n  query TypedRoute($from: String!, $to: String!) {\n    route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") {\n      bothParties\n      authorities { name languages email lastConfirmedAt }\n      warnings\n    }\n  }\n": types.TypedRouteDocument,
    "\n  mutation TypedCreateAuthority($input: AuthorityInput!) {\n    createAuthority(input: $input) { id version name lastConfirmedAt }\n  }\n": types.TypedCreateAuthorityDocument,
    "\n  query TypedRecentChanges($since: DateTime!) {\n    changes(first: 3, filter: { state: \"FRA\", entity: \"authority\", since: $since }) {\n      nodes { at action entityId after }\n    }\n  }\n": types.TypedRecentChangesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypedRoute($from: String!, $to: String!) {\n    route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") {\n      bothParties\n      authorities { name languages email lastConfirmedAt }\n      warnings\n    }\n  }\n"): (typeof documents)["\n  query TypedRoute($from: String!, $to: String!) {\n    route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") {\n      bothParties\n      authorities { name languages email lastConfirmedAt }\n      warnings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypedCreateAuthority($input: AuthorityInput!) {\n    createAuthority(input: $input) { id version name lastConfirmedAt }\n  }\n"): (typeof documents)["\n  mutation TypedCreateAuthority($input: AuthorityInput!) {\n    createAuthority(input: $input) { id version name lastConfirmedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypedRecentChanges($since: DateTime!) {\n    changes(first: 3, filter: { state: \"FRA\", entity: \"authority\", since: $since }) {\n      nodes { at action entityId after }\n    }\n  }\n"): (typeof documents)["\n  query TypedRecentChanges($since: DateTime!) {\n    changes(first: 3, filter: { state: \"FRA\", entity: \"authority\", since: $since }) {\n      nodes { at action entityId after }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;