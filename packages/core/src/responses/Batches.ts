/**
 * Massive charges (`customer/batchCollect`, `getBatchCollectStatus`; docs/flow-api.md, "Massive charges").
 */
import * as Schema from "effect/Schema"
import { mappedDecoder, registerLazyFast } from "../FastDecode.js"
import { BatchRowStatus, BatchStatus, CollectTypeCode } from "../Statuses.js"
import { optional, WireArray, WireCount, WireInteger, WireString, WireStruct, withDefault } from "../Wire.js"

/**
 * A `batchRows` row Flow refused (docs/flow-api.md, "Massive charges"); `errorCode` 100–110.
 *
 * @since 0.1.0
 * @category responses
 */
export const RejectedRow = WireStruct({
  customerId: optional(WireString),
  commerceOrder: optional(WireString),
  rowNumber: WireCount,
  parameter: optional(WireString),
  errorCode: WireInteger,
  errorMsg: optional(WireString)
})
export interface RejectedRow extends Schema.Schema.Type<typeof RejectedRow> {}

/**
 * `customer/batchCollect`: the batch token and how many rows were received, accepted and refused.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectResponse = WireStruct({
  token: WireString,
  receivedRows: WireCount,
  acceptedRows: WireCount,
  rejectedRows: withDefault(WireArray(RejectedRow), () => [])
})
export interface BatchCollectResponse extends Schema.Schema.Type<typeof BatchCollectResponse> {}

/**
 * One row of a batch's status (docs/flow-api.md, "Massive charges"). The seed's `erroorCode` spelling
 * is read as `errorCode`. An unprocessed row's `flowOrder`, `type` and `errorCode` may come as `""`:
 * they are then absent.
 */
const batchCollectRowFields = {
  commerceOrder: WireString,
  type: optional(CollectTypeCode),
  flowOrder: optional(WireCount),
  url: optional(WireString),
  token: optional(WireString),
  status: BatchRowStatus,
  errorCode: optional(WireInteger),
  erroorCode: optional(WireInteger),
  errorMsg: optional(WireString)
}
const BatchCollectRowAnswer = WireStruct(batchCollectRowFields)
/**
 * One row of a massive charge's status: its order, its `status` ({@link FlowBatchRowStatus}), the collect
 * `type`, `flowOrder`, a link's `url` and `token`, or the `errorCode` and `errorMsg` of an uncollected
 * row.
 *
 * @since 0.1.0
 * @category responses
 */
export interface BatchCollectRow extends Omit<Schema.Schema.Type<typeof BatchCollectRowAnswer>, "erroorCode"> {}
/** The row with its error code under `errorCode`, whichever spelling Flow used. */
const rowFromAnswer = ({ erroorCode, errorCode, ...rest }: Schema.Schema.Type<typeof BatchCollectRowAnswer>) => {
  const code = errorCode ?? erroorCode
  return code === undefined ? rest : { ...rest, errorCode: code }
}

/**
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectRow: Schema.Schema<BatchCollectRow, Schema.Schema.Encoded<typeof BatchCollectRowAnswer>> =
  Schema.transform(BatchCollectRowAnswer, Schema.typeSchema(Schema.Struct(batchCollectRowFields).omit("erroorCode")), {
    strict: true,
    decode: rowFromAnswer,
    encode: (value) => value
  })
registerLazyFast(BatchCollectRow, mappedDecoder(BatchCollectRowAnswer, rowFromAnswer))

/**
 * `customer/getBatchCollectStatus`: `created` → `processing` → `processed`, with each row's outcome.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectStatus = WireStruct({
  token: WireString,
  createdDate: optional(WireString),
  processedDate: optional(WireString),
  status: BatchStatus,
  collectRows: withDefault(WireArray(BatchCollectRow), () => [])
})
export interface BatchCollectStatus extends Schema.Schema.Type<typeof BatchCollectStatus> {}
