/**
 * Massive charges (docs/flow-api.md "Massive charges"): `customer/batchCollect` checks every row at
 * once (BatchRows.ts) and queues the accepted ones; `getBatchCollectStatus` shows the batch as the
 * server's background work (BatchProcessing.ts) moves it along.
 */
import { checkRow, type RejectedRow } from "../BatchRows.js"
import type { BatchRowInput } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import { endpointsOf } from "./Endpoint.js"

export const batchEndpoints = endpointsOf({
  batchCollect: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const urlCallBack = p.url("urlCallBack")
      const urlConfirmation = p.url("urlConfirmation")
      const urlReturn = p.url("urlReturn")
      const rows = p.json("batchRows", true)
      if (!Array.isArray(rows)) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, "Invalid param batchRows: expected a JSON array")
      }
      const byEmail = p.flag("byEmail")
      p.optionalInt("forward_days_after")
      p.optionalInt("forward_times")
      p.optionalInt("timeout", 1)

      const rejectedRows: Array<RejectedRow> = []
      const seen = new Set<string>()
      const accepted: Array<BatchRowInput> = []
      for (const [index, row] of rows.entries()) {
        const result = checkRow(row, index + 1, state, seen)
        if ("rejected" in result) {
          rejectedRows.push(result.rejected)
        } else {
          seen.add(result.accepted.commerceOrder)
          accepted.push(result.accepted)
        }
      }
      for (const commerceOrder of seen) state.commerceOrders.add(commerceOrder)
      const token = state.newToken()
      state.batches.set(token, {
        token,
        createdDate: state.nowLocal(),
        processedDate: undefined,
        status: "created",
        urlCallBack,
        urlConfirmation,
        urlReturn,
        byEmail,
        rows: accepted.map((row) => ({
          ...row,
          status: "unprocessed",
          type: undefined,
          flowOrder: undefined,
          url: undefined,
          token: undefined,
          errorCode: undefined,
          errorMsg: undefined
        }))
      })
      return {
        body: answers.batchCollect({ token, receivedRows: rows.length, acceptedRows: accepted.length, rejectedRows }),
        followUps: [{ _tag: "ProcessBatch", token }]
      }
    }
  },

  getBatchCollectStatus: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const token = p.required("token")
      const batch = state.batches.get(token)
      if (batch === undefined) throw new FlowFailure(401, ErrorCodes.batchNotFound, `Batch ${token} not found`)
      return { body: answers.batchStatus(batch) }
    }
  }
})
