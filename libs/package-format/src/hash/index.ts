export { normalizeDecimal } from './decimal-normalize';
export { MAX_TRANSACTION_HASH, computeTransactionHash, transactionHashInput } from './transaction-hash';
