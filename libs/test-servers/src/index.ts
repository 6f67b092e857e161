export { startPostgres, postgresBinDir, type PostgresServer } from './postgres-server.ts';
export { freePort } from './free-port.ts';
export { acceptsConnections } from './child-server.ts';
export { startMosquitto, type MosquittoOptions, type MosquittoServer } from './mosquitto-server.ts';
export { startRedis, type RedisServer } from './redis-server.ts';
export { systemProgram } from './system-program.ts';
