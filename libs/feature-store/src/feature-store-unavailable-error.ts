/** The feature store could not be reached; a caller answers 503 (API) or counts and moves on (gateway). */
export class FeatureStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeatureStoreUnavailableError';
  }
}
