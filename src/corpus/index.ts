export {
  BANDS,
  bandKeys,
  estimatedJaccard,
  NEAR_DUPLICATE_JACCARD,
  NUM_HASHES,
  signature,
  signatureFromBuffer,
  signatureToBuffer,
} from "./minhash.ts";
