export {
  BANDS,
  NEAR_DUPLICATE_JACCARD,
  NUM_HASHES,
  bandKeys,
  estimatedJaccard,
  signature,
  signatureFromBuffer,
  signatureToBuffer,
} from "./minhash.ts";
