// The status of a successful admin API call, in one place: the route wrapper answers with it and
// the OpenAPI document states it (admin-api.int.test.ts calls every route and compares the two).

export type SuccessStatus = 200 | 201 | 204;

/** POST makes something (an incident, an update, a check run): 201. Nothing to return: 204. Else 200. */
export function successStatus(method: string, hasBody: boolean): SuccessStatus {
  if (!hasBody) return 204;
  return method === "POST" ? 201 : 200;
}
