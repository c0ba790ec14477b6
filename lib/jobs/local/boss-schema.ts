// pg-boss keeps its queue in the `pgboss` schema. Its tables and our one queue are created at deploy
// time by the migrator; at run time the app role only reads and writes rows in them.
import PgBoss from "pg-boss";
import pg from "pg";

export const BOSS_SCHEMA = "pgboss";
export const JOB_QUEUE = "isp-jobs";

export async function ensureBossSchema(migratorUrl: string, queues: string[] = [JOB_QUEUE]): Promise<void> {
  const boss = new PgBoss({ connectionString: migratorUrl, schema: BOSS_SCHEMA, migrate: true, supervise: false, schedule: false, max: 2 });
  boss.on("error", (e) => console.error("[pg-boss]", e));
  await boss.start();
  try {
    for (const queue of queues) {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: "standard" });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const client = new pg.Client({ connectionString: migratorUrl });
  await client.connect();
  try {
    await client.query(`
      GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO isp_app, isp_system;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${BOSS_SCHEMA} TO isp_app, isp_system;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${BOSS_SCHEMA} TO isp_app, isp_system;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${BOSS_SCHEMA} TO isp_app, isp_system;
    `);
  } finally {
    await client.end();
  }
}
