/**
 * Flow's POST to `url_return`: the token is read from a urlencoded or multipart form, `card.status`
 * is asked with it, and a POST without a token is refused without asking Flow anything.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as RegistrationCallback from "../src/RegistrationCallback.js"
import { registerStatusSpec } from "./support/fixtures.js"
import { json, makeTestCustomers } from "./support/RecordingHttpClient.js"

const TOKEN = "41097C28B5BD78C77F589FE4BC59E18AC333F9EU"

const urlencoded = () =>
  new Request("https://shop.cl/flow/card", { method: "POST", body: new URLSearchParams({ token: TOKEN }) })
const multipart = () => {
  const form = new FormData()
  form.append("token", TOKEN)
  return new Request("https://shop.cl/flow/card", { method: "POST", body: form })
}

describe("RegistrationCallback", () => {
  it.effect.each([["urlencoded", urlencoded], ["multipart", multipart]] as const)(
    "fromRequest reads the token of a %s form and asks card.status",
    ([, request]) =>
      Effect.gen(function*() {
        const { layer, requests } = makeTestCustomers(() => json(registerStatusSpec))
        const status = yield* RegistrationCallback.fromRequest(request()).pipe(Effect.provide(layer))
        expect(status).toMatchObject({ status: 1, customerId: "cus_onoolldvec" })
        expect(requests).toHaveLength(1)
        expect(requests[0]!.path).toBe("/api/customer/getRegisterStatus")
        expect(requests[0]!.params["token"]).toBe(TOKEN)
      })
  )

  it.effect.each([
    ["an empty body", () => new Request("https://shop.cl/flow/card", { method: "POST", body: "" })],
    ["a form without token", () =>
      new Request("https://shop.cl/flow/card", { method: "POST", body: new URLSearchParams({ other: "x" }) })],
    ["a blank token", () =>
      new Request("https://shop.cl/flow/card", { method: "POST", body: new URLSearchParams({ token: "  " }) })]
  ] as const)("a POST with %s is refused, naming token, and Flow is not asked", ([, request]) =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(registerStatusSpec))
      const error = yield* RegistrationCallback.fromRequest(request()).pipe(Effect.provide(layer), Effect.flip)
      expect(error._tag).toBe("FlowRegisterCardStatusError")
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "token" })
      expect(requests).toHaveLength(0)
    }))

  it.effect("handler answers an @effect/platform request with what `respond` makes of the outcome", () =>
    Effect.gen(function*() {
      const { layer } = makeTestCustomers(() => json(registerStatusSpec))
      const app = RegistrationCallback.handler((status) =>
        Effect.succeed(HttpServerResponse.text(`registered: ${status.status === 1} ${status.last4CardDigits}`))
      )
      const response = yield* app.pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(urlencoded())),
        Effect.provide(layer)
      )
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ _tag: "Uint8Array" })
      const body = response.body._tag === "Uint8Array" ? new TextDecoder().decode(response.body.body) : ""
      expect(body).toBe("registered: true 4425")
    }))

  it.effect("the status call is the operation's own: Flow's errors arrive as FlowRegisterCardStatusError", () =>
    Effect.gen(function*() {
      const { layer } = makeTestCustomers(() => json({ code: 1004, message: "Registration token not found" }, 401))
      const error = yield* RegistrationCallback.fromRequest(urlencoded()).pipe(Effect.provide(layer), Effect.flip)
      expect(error._tag).toBe("FlowRegisterCardStatusError")
      expect(error.code).toBe(1004)
    }))
})
