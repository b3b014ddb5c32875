import { Type } from "@sinclair/typebox";

/** The body of a request that takes no values (POST /api/disconnect, POST /auth/qbo/ticket): `{}`. */
export const EmptyBodySchema = Type.Object({}, { additionalProperties: false });
