/**
 * Magic amounts: a card charge of one of these amounts is declined, like Stripe's test cards, with
 * Flow's payment-attempt codes and words (docs/flow-api.md "Errors"). Any other amount is approved.
 *
 * @since 0.1.0
 */
export const MagicAmounts: Readonly<Record<number, { readonly code: number; readonly description: string }>> = {
  9001: { code: -1, description: "Tarjeta inválida" },
  9002: { code: -2, description: "Error de conexión" },
  9003: { code: -3, description: "Excede monto máximo" },
  9004: { code: -4, description: "Fecha de expiración inválida" },
  9005: { code: -5, description: "Problema en autenticación" },
  9006: { code: -6, description: "Rechazo general" },
  9007: { code: -7, description: "Tarjeta bloqueada" },
  9008: { code: -8, description: "Tarjeta vencida" },
  9009: { code: -9, description: "Transacción no soportada" },
  9010: { code: -10, description: "Problema en la transacción" },
  9011: { code: -11, description: "Excede límite de reintentos de rechazos" },
  9999: { code: 999, description: "Error desconocido" }
}
