export { startFakeMlflowServer, type FakeMlflowServer, type FakeMlflowServerOptions, type FakeFault, type RecordedRequest } from './fake-mlflow-server.ts';
export { startFakeS3Server, type FakeS3Server, type FakeS3ServerOptions, type RecordedS3Request } from './fake-s3-server.ts';
export { registryContractSuite, expectRegistryError, type RegistryUnderTest } from './registry-contract-suite.ts';
export { everyByteValue, expectSameBytes, pseudoRandomBytes } from './test-bytes.ts';
export { makeTempDir, type TempDir } from './temp-dir.ts';
