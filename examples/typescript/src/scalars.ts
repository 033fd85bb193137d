// What the schema's JSON scalar holds (RFC 8259): any JSON value, never `unknown` or `any`.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
