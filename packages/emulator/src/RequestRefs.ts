/**
 * The ids a request touched, for the inspector's links from a record to its requests: the params
 * that name a record (customerId, token, commerceOrder, commerceId, flowOrder) and the same fields of
 * the answer (a new customer's id, a registration's or payment's token, a charge's flowOrder).
 */
const FIELDS = ["customerId", "token", "commerceOrder", "commerceId", "flowOrder"] as const

const idOf = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined

/** The ids named by `params` and by `answer` (an object answer's own fields only). */
export const refsOf = (params: Readonly<Record<string, string>>, answer: unknown): ReadonlyArray<string> => {
  const refs: Array<string> = []
  for (const field of FIELDS) {
    const fromParams = idOf(params[field])
    if (fromParams !== undefined) refs.push(fromParams)
  }
  if (typeof answer === "object" && answer !== null && !Array.isArray(answer)) {
    for (const field of FIELDS) {
      const fromAnswer = idOf((answer as Record<string, unknown>)[field])
      if (fromAnswer !== undefined) refs.push(fromAnswer)
    }
  }
  return refs
}
