import { describe, expect, it } from 'vitest';
import { registryErrorFromResponse } from './mlflow-error.ts';

describe('registryErrorFromResponse', () => {
  it("keeps MLflow's error_code and message and the HTTP status", () => {
    const error = registryErrorFromResponse('POST /api/2.0/mlflow/registered-models/create', 400, '{"error_code":"RESOURCE_ALREADY_EXISTS","message":"Registered Model (name=m) already exists."}');
    expect(error).toMatchObject({ code: 'RESOURCE_ALREADY_EXISTS', status: 400 });
    expect(error.message).toBe('MLflow POST /api/2.0/mlflow/registered-models/create answered 400 RESOURCE_ALREADY_EXISTS: Registered Model (name=m) already exists.');
  });

  it('maps TEMPORARILY_UNAVAILABLE to UNAVAILABLE and NOT_FOUND to RESOURCE_DOES_NOT_EXIST', () => {
    expect(registryErrorFromResponse('GET x', 503, '{"error_code":"TEMPORARILY_UNAVAILABLE","message":"busy"}').code).toBe('UNAVAILABLE');
    expect(registryErrorFromResponse('GET x', 404, '{"error_code":"NOT_FOUND","message":"gone"}').code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it("falls back on the HTTP status, as MLflow's client does, for a body that is not an MLflow error", () => {
    const error = registryErrorFromResponse('GET /api/2.0/mlflow/runs/get', 401, 'You are not authenticated.');
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(error.message).toContain('You are not authenticated.');
    expect(registryErrorFromResponse('GET x', 403, '').code).toBe('PERMISSION_DENIED');
    expect(registryErrorFromResponse('GET x', 404, '<html>').code).toBe('ENDPOINT_NOT_FOUND');
    expect(registryErrorFromResponse('GET x', 502, '').code).toBe('INTERNAL_ERROR');
  });

  it('uses the status mapping for an error code it does not know', () => {
    expect(registryErrorFromResponse('GET x', 400, '{"error_code":"SOMETHING_NEW","message":"m"}').code).toBe('BAD_REQUEST');
  });
});
