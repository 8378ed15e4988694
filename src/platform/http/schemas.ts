import { Type } from 'typebox';

/**
 * The query every page accepts: `lang` switches the language (read by the
 * request context, so any value is allowed and an unknown one is ignored).
 */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String()) });

/** The one error body of the API: `{"error":{"code":"...","message":"..."}}`. */
export const ApiError = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: 'Error' },
);
