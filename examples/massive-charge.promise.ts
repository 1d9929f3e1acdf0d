/**
 * A massive charge (Flow's batchCollect): send many rows at once, see which Flow refused and why,
 * then follow the batch until it is processed with `massiveChargeStatus.untilProcessed`.
 */
import { type Connection, newOrder, promiseClient, runIfMain, step } from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    const customers = await Promise.all(
      ["Agustina", "Benjamín", "Constanza"].map((name, i) =>
        flow.customers.create({ name: `${name} Lagos`, email: `${name.toLowerCase()}@example.cl`, externalId: `b-${Date.now()}-${i}` })
      )
    )
    const batch = await flow.customers.card.sendMassiveCharge({
      urlCallBack: `${connection.callbackUrl}/batch-done`,
      urlConfirmation: `${connection.callbackUrl}/confirm`,
      urlReturn: `${connection.callbackUrl}/return`,
      batchRows: [
        ...customers.map((c) => ({ customerId: c.customerId, commerceOrder: newOrder("gc"), subject: "Gastos comunes", amount: 45_000 })),
        { customerId: "cus_0000000000", commerceOrder: newOrder("gc"), subject: "Gastos comunes", amount: 45_000 }
      ]
    })
    step(`batch ${batch.token.slice(0, 8)}…: ${batch.acceptedRows} of ${batch.receivedRows} rows accepted`)
    for (const row of batch.rejectedRows) {
      step(`row ${row.rowNumber} refused: ${row.errorCode} ${row.errorMsg} (${row.parameter})`)
    }

    // Flow POSTs the token to urlCallBack when done; or follow it until it is processed:
    const seen: Array<string> = []
    const status = await flow.customers.card.massiveChargeStatus.untilProcessed(batch.token, {
      interval: 25,
      onStatus: (s) => seen.push(s.status)
    })
    step(`followed the batch: ${seen.join(" → ")}`)
    for (const row of status.collectRows) {
      step(`${row.commerceOrder}: ${row.status} (type ${row.type}${row.url ? `, link ${row.url}` : ""})`)
    }
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
