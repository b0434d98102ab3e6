/**
 * A PostgreSQL for the collector tests. `ensurePostgres()` returns AA_TEST_DATABASE_URL when set;
 * otherwise, running as root (CI, this machine), it uses Debian's cluster: installs `postgresql` with
 * apt-get when `pg_lsclusters` is missing, starts (or creates) a cluster, creates the `aa_test` role and
 * database if missing, and returns their URL. Not root and no URL: null, and the PostgreSQL cases skip.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';

const ROLE = 'aa_test';
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
const run = (command, args, options = {}) => execFileSync(command, args, {encoding: 'utf8', ...options});

/** Runs SQL as the `postgres` superuser on the cluster at `port`; returns psql's unaligned output. */
function psql(port, sql, database = 'postgres') {
  return run('su', ['postgres', '-c', `psql -X -q -t -A -v ON_ERROR_STOP=1 -p ${port} -d ${database}`], {
    input: sql,
  }).trim();
}

/** The clusters `pg_lsclusters` lists: version, name, port, status. */
function clusters() {
  return run('pg_lsclusters', ['--no-header'])
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 4)
    .map(([version, name, port, status]) => ({version, name, port: Number(port), status}));
}

function installPostgres() {
  if (!has('apt-get')) throw new Error('no pg_lsclusters and no apt-get to install postgresql');
  console.log('No PostgreSQL found: installing Debian\'s "postgresql" package with apt-get…');
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {stdio: 'inherit', env});
}

/** A running cluster: the first listed (started if down), or a new `main` one. */
function runningCluster() {
  let cluster = clusters()[0];
  if (!cluster) {
    const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
    if (!version) throw new Error('postgresql is installed but /usr/lib/postgresql has no version');
    run('pg_createcluster', [version, 'main']);
    cluster = clusters()[0];
  }
  if (cluster.status !== 'online') {
    run('pg_ctlcluster', [cluster.version, cluster.name, 'start']);
  }
  return cluster;
}

/** The URL of a PostgreSQL the tests may use, or null (with a note) when there is none. */
export async function ensurePostgres() {
  const fromEnv = process.env.AA_TEST_DATABASE_URL?.trim();
  if (fromEnv) return fromEnv;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.log(
      'AA_TEST_DATABASE_URL is not set: the collector tests skip their PostgreSQL cases (set it to run them).'
    );
    return null;
  }
  if (!has('pg_lsclusters')) installPostgres();
  const {port} = runningCluster();
  if (psql(port, `SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'`) !== '1') {
    // SUPERUSER: each test creates and drops a schema of its own.
    psql(port, `CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${ROLE}'`);
  }
  if (psql(port, `SELECT 1 FROM pg_database WHERE datname = '${ROLE}'`) !== '1') {
    psql(port, `CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
  }
  return `postgres://${ROLE}:${ROLE}@127.0.0.1:${port}/${ROLE}`;
}
