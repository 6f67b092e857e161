/**
 * The Open Inference Protocol (the "V2 inference protocol" of KServe, Seldon MLServer and Triton),
 * HTTP/REST: https://kserve.github.io/website/latest/reference/swagger-ui (KServe, "Open Inference
 * Protocol API Specification") and https://docs.seldon.ai/seldon-core-2/apis/inference/v2.
 *
 * - Health: `GET /v2/health/live` → `{live}`, `/v2/health/ready` → `{ready}`,
 *   `/v2/models/{name}[/versions/{v}]/ready` → `{name, ready}`; the status carries the answer too:
 *   200 true, and not ready answers 503, as KServe's own server does (the protocol's older text
 *   asks for a 4xx; clients such as KServe's treat any non-2xx as false).
 * - Server metadata `GET /v2` → `{name, version, extensions}`; model metadata
 *   `GET /v2/models/{name}[/versions/{v}]` → `{name, versions, platform, inputs, outputs}` with
 *   each tensor's `{name, datatype, shape}`.
 * - Inference `POST /v2/models/{name}[/versions/{v}]/infer`: `{id?, parameters?, inputs: [{name,
 *   shape, datatype, data}], outputs?}` → `{model_name, model_version, id, outputs: [{name, shape,
 *   datatype, data}]}`; errors as `{"error": "<message>"}` with a 4xx status.
 *
 * This server exposes the contract's inputs as one tensor each, shape `[N]` (or `[N, 1]`): numbers
 * as FP32/FP64/INT*, categories as BYTES; outputs are `probability` (FP32) and `prediction` (BYTES).
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isPlainObject, type ModelContract } from '@millwright/contract';
import type { FastifyInstance } from 'fastify';
import type { LoadedModel } from '../model/loaded-model.ts';
import { NotReadyError } from '../serving/predictor.ts';
import { HttpProblem, rowField } from './error-reply.ts';
import { errorResponses } from './schemas.ts';

/** The platform name model metadata reports (Triton's name for ONNX Runtime models). */
export const onnxPlatform = 'onnxruntime_onnx';

const numericDatatypes = new Set(['FP16', 'FP32', 'FP64', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64']);

const outputNames = ['probability', 'prediction'] as const;

const tensorMetadata = Type.Object({ name: Type.String(), datatype: Type.String(), shape: Type.Array(Type.Integer()) });

const modelMetadata = Type.Object({
  name: Type.String(),
  versions: Type.Array(Type.String()),
  platform: Type.String(),
  inputs: Type.Array(tensorMetadata),
  outputs: Type.Array(tensorMetadata),
});

const inferResponse = Type.Object({
  model_name: Type.String(),
  model_version: Type.String(),
  id: Type.Optional(Type.String()),
  parameters: Type.Object({ alias: Type.String() }),
  outputs: Type.Array(
    Type.Object({
      name: Type.String(),
      shape: Type.Array(Type.Integer()),
      datatype: Type.String(),
      data: Type.Array(Type.Union([Type.Number(), Type.String()])),
    }),
  ),
});

const liveResponse = Type.Object({ live: Type.Boolean() });

const serverReadyResponse = Type.Object({ ready: Type.Boolean() });

const modelReadyResponse = Type.Object({ name: Type.String(), ready: Type.Boolean() });

const modelParams = Type.Object({ name: Type.String(), version: Type.Optional(Type.String()) });

function bad(message: string): HttpProblem {
  return new HttpProblem(400, message);
}

/** The v2 tensors of a contract's inputs. */
function inputTensors(contract: ModelContract): { name: string; datatype: string; shape: number[] }[] {
  return contract.inputs.map((input) => ({ name: input.name, datatype: input.type === 'number' ? 'FP32' : 'BYTES', shape: [-1] }));
}

/** Flattens a tensor's data, which the protocol lets clients send flat or nested (row-major). */
function flatData(data: unknown, where: string): unknown[] {
  if (!Array.isArray(data)) throw bad(`${where}.data: must be an array, got ${data === null ? 'null' : typeof data}`);
  if (!data.some(Array.isArray)) return data;
  const flat: unknown[] = [];
  for (const item of data) {
    if (!Array.isArray(item)) throw bad(`${where}.data: mixes nested arrays and values`);
    if (item.some(Array.isArray)) throw bad(`${where}.data: nests deeper than [N, 1]`);
    flat.push(...item);
  }
  return flat;
}

/** Turns the request's named input tensors into one feature object per row. */
export function rowsFromInferRequest(body: unknown, contract: ModelContract, maxRows: number): { id: string | undefined; rows: Record<string, unknown>[]; outputs: readonly string[] } {
  if (!isPlainObject(body)) throw bad('(body): must be a JSON object with "inputs"');
  if (body.id !== undefined && typeof body.id !== 'string') throw bad('id: must be a string');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0) throw bad('inputs: must be a non-empty array of tensors {name, shape, datatype, data}');
  const known = new Map(contract.inputs.map((input) => [input.name, input]));
  const columns = new Map<string, unknown[]>();
  let rowCount: number | undefined;
  body.inputs.forEach((tensor: unknown, index: number) => {
    const where = `inputs[${index}]`;
    if (!isPlainObject(tensor)) throw bad(`${where}: must be an object {name, shape, datatype, data}`);
    const { name, shape, datatype } = tensor;
    if (typeof name !== 'string') throw bad(`${where}.name: must be a string`);
    const input = known.get(name);
    if (input === undefined) throw bad(`${where}.name: "${name}" is not an input of "${contract.name}"; its inputs are ${[...known.keys()].join(', ')}`);
    if (columns.has(name)) throw bad(`${where}.name: "${name}" appears twice`);
    if (typeof datatype !== 'string') throw bad(`${where}.datatype: must be a string`);
    if (input.type === 'number' ? !numericDatatypes.has(datatype) : datatype !== 'BYTES') {
      throw bad(`${where}.datatype: "${name}" takes ${input.type === 'number' ? 'a numeric datatype (FP32, FP64, INT32, ...)' : 'BYTES'}, got ${JSON.stringify(datatype)}`);
    }
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isInteger(dim) && dim >= 0) || shape.length < 1 || shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
      throw bad(`${where}.shape: must be [N] or [N, 1] with whole N`);
    }
    const data = flatData(tensor.data, where);
    const rows = shape[0] as number;
    if (data.length !== rows) throw bad(`${where}.data: has ${data.length} values; shape ${JSON.stringify(shape)} says ${rows}`);
    if (rowCount !== undefined && rows !== rowCount) throw bad(`${where}.shape: has ${rows} rows; the first input has ${rowCount}`);
    rowCount = rows;
    columns.set(name, data);
  });
  const missing = [...known.keys()].filter((name) => !columns.has(name));
  if (missing.length > 0) throw bad(`inputs: lacks ${missing.join(', ')}`);
  if (rowCount === 0) throw bad('inputs: have no rows (N = 0)');
  if (rowCount! > maxRows) throw new HttpProblem(413, `inputs: have ${rowCount} rows; at most ${maxRows} per request`);
  let outputs: readonly string[] = outputNames;
  if (body.outputs !== undefined) {
    if (!Array.isArray(body.outputs)) throw bad('outputs: must be an array of {name}');
    outputs = body.outputs.map((output: unknown, index: number) => {
      const name = isPlainObject(output) ? output.name : undefined;
      if (typeof name !== 'string' || !(outputNames as readonly string[]).includes(name)) throw bad(`outputs[${index}].name: must be one of ${outputNames.join(', ')}`);
      return name;
    });
  }
  const rows: Record<string, unknown>[] = Array.from({ length: rowCount! }, () => ({}));
  for (const [name, data] of columns) for (let row = 0; row < rows.length; row += 1) rows[row]![name] = data[row];
  return { id: body.id as string | undefined, rows, outputs };
}

export async function oipV2Routes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { manager, predictor, config } = fastify.serving;

  /** The loaded model a path names; 404 `{error}` for another name or an unloaded version. */
  const modelFor = (name: string, version: string | undefined): LoadedModel => {
    if (name !== manager.modelName) throw new HttpProblem(404, `unknown model "${name}"; this server serves "${manager.modelName}"`);
    if (version !== undefined) return predictor.pick(version);
    const champion = manager.champion;
    if (champion === undefined) throw new NotReadyError(name);
    return champion;
  };

  fastify.get('/v2', { schema: { summary: 'Server metadata (Open Inference Protocol)', response: { 200: Type.Object({ name: Type.String(), version: Type.String(), extensions: Type.Array(Type.String()) }) } } }, async () => ({
    name: 'millwright-inference-api',
    version: '0.1.0',
    extensions: [],
  }));

  fastify.get('/v2/health/live', { schema: { summary: 'Server live', response: { 200: liveResponse } } }, async () => ({ live: true }));

  fastify.get('/v2/health/ready', { schema: { summary: 'Server ready: a model is loaded and warm', response: { 200: serverReadyResponse, 503: serverReadyResponse } } }, async (_request, reply) => {
    const ready = manager.champion !== undefined;
    return reply.code(ready ? 200 : 503).send({ ready });
  });

  const metadata = async (request: { params: { name: string; version?: string } }) => {
    const model = modelFor(request.params.name, request.params.version);
    const versions = [manager.champion, manager.challenger].filter((loaded) => loaded !== undefined).map((loaded) => loaded.version);
    return {
      name: model.name,
      versions: request.params.version === undefined ? versions : [model.version],
      platform: onnxPlatform,
      inputs: inputTensors(model.contract),
      outputs: [
        { name: 'probability', datatype: 'FP32', shape: [-1] },
        { name: 'prediction', datatype: 'BYTES', shape: [-1] },
      ],
    };
  };
  const metadataSchema = { summary: 'Model metadata', params: modelParams, response: { 200: modelMetadata, ...errorResponses(404, 503) } };
  fastify.get('/v2/models/:name', { schema: metadataSchema }, metadata);
  fastify.get('/v2/models/:name/versions/:version', { schema: metadataSchema }, metadata);

  const readySchema = { summary: 'Model ready', params: modelParams, response: { 200: modelReadyResponse, 503: modelReadyResponse, ...errorResponses(404) } };
  for (const path of ['/v2/models/:name/ready', '/v2/models/:name/versions/:version/ready']) {
    fastify.get(path, { schema: readySchema }, async (request, reply) => {
      const { name, version } = request.params;
      if (name !== manager.modelName) throw new HttpProblem(404, `unknown model "${name}"; this server serves "${manager.modelName}"`);
      const ready = version === undefined ? manager.champion !== undefined : manager.byVersion(version) !== undefined;
      if (!ready && version !== undefined) throw new HttpProblem(404, `version "${version}" of "${name}" is not loaded`);
      return reply.code(ready ? 200 : 503).send({ name, ready });
    });
  }

  const infer = async (request: { params: { name: string; version?: string }; body: unknown }) => {
    const { name, version } = request.params;
    if (name !== manager.modelName) throw new HttpProblem(404, `unknown model "${name}"; this server serves "${manager.modelName}"`);
    const model = predictor.pick(version);
    const { id, rows, outputs } = rowsFromInferRequest(request.body, model.contract, config.maxBatchRows);
    const { predictions } = await predictor.score(model, rows, rowField);
    const shape = [predictions.length];
    const tensors = {
      probability: { name: 'probability', shape, datatype: 'FP32', data: predictions.map((row) => row.probability) },
      prediction: { name: 'prediction', shape, datatype: 'BYTES', data: predictions.map((row) => row.prediction) },
    };
    return {
      model_name: model.name,
      model_version: model.version,
      ...(id === undefined ? {} : { id }),
      parameters: { alias: model.alias },
      outputs: outputs.map((output) => tensors[output as keyof typeof tensors]),
    };
  };
  const inferSchema = {
    summary: 'Inference (Open Inference Protocol): one tensor per contract input',
    params: modelParams,
    body: Type.Unknown({ description: '{id?, parameters?, inputs: [{name, shape, datatype, data}], outputs?}' }),
    response: { 200: inferResponse, ...errorResponses(400, 404, 413, 415, 503) },
  };
  fastify.post('/v2/models/:name/infer', { schema: inferSchema, logLevel: 'warn' }, infer);
  fastify.post('/v2/models/:name/versions/:version/infer', { schema: inferSchema, logLevel: 'warn' }, infer);
}
