import { type TProperties, Type } from 'typebox';

/**
 * The query every page accepts: `lang` switches the language (read by the
 * request context, so any value is allowed and an unknown one is ignored).
 */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String()) });

/**
 * The query of a page that a command redirects to: `done` names what the
 * command did, for the success banner (a page shows only a name it knows).
 */
export const DoneQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
});

/** The one error body of the API: `{"error":{"code":"...","message":"..."}}`. */
export const ApiError = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: 'Error' },
);

/** A local path only: never send a person to another site after a form or a sign-in. */
const returnToPattern = '^/(?!/)[A-Za-z0-9/_.~%?=&-]*$';
export const ReturnTo = Type.String({ pattern: returnToPattern, maxLength: 200 });
const returnToRegExp = new RegExp(returnToPattern);

/** The way back if it is a plain local path; anything else is dropped rather than refused. */
export const safeReturnTo = (value: string | undefined): string | undefined =>
  value !== undefined && value.length <= 200 && returnToRegExp.test(value) ? value : undefined;

/**
 * A form body that refuses any field it does not name (SECURITY.md 8): a posted
 * `role` or `isAdmin` gets 400 (the app's validator refuses, never drops, extra fields).
 */
export const StrictBody = <P extends TProperties>(properties: P) =>
  Type.Object({ _csrf: Type.String({ maxLength: 200 }), ...properties }, { additionalProperties: false });

/** A route's `:id` when it names a row by its UUID. */
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
