import { Type } from 'typebox';

/** The one error body of the API: `{"error":{"code":"...","message":"..."}}`. */
export const ApiError = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { description: 'Error' },
);
