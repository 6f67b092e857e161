export { startPostgres, postgresBinDir, type PostgresServer } from './postgres-server.ts';
export { freePort } from './free-port.ts';
export { startRedis, type RedisServer } from './redis-server.ts';
