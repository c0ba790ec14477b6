// Prisma CLI configuration. The CLI runs offline with its WebAssembly schema engine over a
// repaired pg driver adapter (see docs/database.md for why each repair exists). The app's
// runtime adapter (lib/db) is the stock one and is not affected by anything here.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

// Repair 4: the CLI leaves long timers alive after success, so commands would hang before exiting.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = originalSetTimeout(fn, ms, ...rest);
  if ((ms ?? 0) >= 5_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

function connectionFields(url: string): pg.PoolConfig {
  // Repair 1: discrete fields, because pg lets a connection string win over a `database` override.
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    allowExitOnIdle: true,
    max: 4,
  };
}

type Queryable = {
  performIO: (q: unknown) => Promise<{ fields: { dataTypeID: number }[]; rows: unknown[] }>;
  queryRaw: (q: unknown) => Promise<{ columnTypes: number[] }>;
  executeRaw: (q: unknown) => Promise<number>;
  executeScript?: (script: string) => Promise<void>;
  startTransaction?: (iso?: string) => Promise<Queryable>;
  client: pg.Pool | pg.PoolClient;
};

// Repair 3: catalog columns of type "char" and name cannot be decoded by the stock adapter.
function repairQueryable<T>(target: T): T {
  const q = target as unknown as Queryable;
  const performIO = q.performIO.bind(q);
  const queryRaw = q.queryRaw.bind(q);
  let charColumns: number[] = [];
  q.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) charColumns.push(i);
      if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
    });
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  // Repair 5: migrations arrive as whole scripts (executeScript on the main database, executeRaw
  // without arguments on the shadow one). Send them with the simple protocol, which runs several
  // statements; the stock code splits on ";" (breaking DO blocks) or prepares them (refused).
  const executeRaw = q.executeRaw.bind(q);
  q.executeRaw = async (query) => {
    const { sql, args } = query as { sql: string; args: unknown[] };
    if (args.length > 0) return executeRaw(query);
    const results = await (q.client as pg.Pool).query(sql);
    const list = (Array.isArray(results) ? results : [results]) as pg.QueryResult[];
    return list.reduce((n, r) => n + (r.rowCount ?? 0), 0);
  };
  // The stock executeScript splits on ";" and breaks DO blocks and function bodies.
  if (q.executeScript) {
    q.executeScript = async (script) => {
      await (q.client as pg.Pool).query(script);
    };
  }
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (iso) => repairQueryable(await start(iso));
  }
  return target;
}

class RepairedPgFactory extends PrismaPg {
  constructor(private readonly fields: pg.PoolConfig) {
    super(fields);
  }

  override async connect() {
    return repairQueryable(await super.connect());
  }

  // Repair 2: create the shadow database, and end its pool before dropping it.
  override async connectToShadowDb() {
    const admin = new pg.Pool({ ...this.fields, max: 1 });
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg({ ...this.fields, database });
    const adapter = repairQueryable(await shadow.connect());

    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    return new RepairedPgFactory(connectionFields(url));
  },
});
