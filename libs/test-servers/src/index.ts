export { startPostgres, postgresBinDir, type PostgresServer } from './postgres-server.ts';
export { freePort } from './free-port.ts';
