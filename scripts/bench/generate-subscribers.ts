// Generates a large ISP population straight in SQL (the services hash every password with argon2,
// which would take hours for 100k): 2 tenants, routers as NAS, one package each, customers with
// their FreeRADIUS rows exactly as projectCustomer writes them.
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { seal } from "@/lib/crypto/secret-box";

export type Population = { tenants: string[]; routers: { nasIp: string; tenantId: string }[]; users: number; secret: string; password: string };

export async function generateSubscribers(migratorUrl: string, options: { users: number; routers: number; tenants?: number }): Promise<Population> {
  const tenants = options.tenants ?? 2;
  const secret = "bench-radius-secret";
  const password = "bench-pass-1";
  const client = new pg.Client({ connectionString: migratorUrl });
  await client.connect();
  try {
    const hash = await hashPassword(password);
    const sealed = seal(password);
    const ids: string[] = [];
    const routers: Population["routers"] = [];
    for (let t = 0; t < tenants; t++) {
      const slug = `bench-${t}-${Date.now()}`;
      const { rows } = await client.query(
        `INSERT INTO tenants (id, slug, name, country, currency, timezone, updated_at) VALUES (gen_random_uuid(), $1, $1, 'KE', 'KES', 'Africa/Nairobi', now()) RETURNING id`,
        [slug],
      );
      const tenantId = rows[0].id as string;
      ids.push(tenantId);
      const pkg = (
        await client.query(
          `INSERT INTO packages (id, tenant_id, name, price_minor, currency, validity_value, validity_unit, rate_down_bps, rate_up_bps, connection_types, updated_at)
           VALUES (gen_random_uuid(), $1, 'Home 10M', 250000, 'KES', 30, 'DAY', 10000000, 2000000, '{PPPOE}', now()) RETURNING id`,
          [tenantId],
        )
      ).rows[0].id as string;
      const group = `pkg:${pkg}`;
      await client.query(
        `INSERT INTO radgroupreply (tenant_id, groupname, attribute, op, value) VALUES ($1, $2, 'Mikrotik-Rate-Limit', ':=', '2M/10M'), ($1, $2, 'Acct-Interim-Interval', ':=', '300');
         INSERT INTO radgroupcheck (tenant_id, groupname, attribute, op, value) VALUES ($1, $2, 'Simultaneous-Use', ':=', '1');`.replace(/\$1/g, `'${tenantId}'`).replace(/\$2/g, `'${group}'`),
      );
      for (let r = 0; r < options.routers / tenants; r++) {
        const nasIp = `127.20.${t}.${r + 1}`;
        routers.push({ nasIp, tenantId });
        const router = (
          await client.query(`INSERT INTO routers (id, tenant_id, name, nas_ip, radius_secret_enc, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`, [tenantId, `Bench ${t}.${r}`, nasIp, seal(secret)])
        ).rows[0].id as string;
        await client.query(`INSERT INTO nas (tenant_id, router_id, nasname, shortname, secret, description) VALUES ($1, $2, $3, $5, $4, 'bench')`, [tenantId, router, nasIp, secret, tenantId]);
      }
      const per = Math.ceil(options.users / tenants);
      await client.query(
        `INSERT INTO customers (id, tenant_id, username, password_hash, network_password_enc, name, mobile, status, connection_type, package_id, expires_at, created_at, updated_at)
         SELECT gen_random_uuid(), $1, 'user' || lpad(g::text, 6, '0'), $2, $3, 'Subscriber ' || g, '+2547' || lpad(g::text, 8, '0'),
                (ARRAY['ACTIVE','ACTIVE','ACTIVE','ACTIVE','SUSPENDED'])[1 + g % 5]::"CustomerStatus", 'PPPOE', $4, now() + interval '30 days',
                now() - (g || ' minutes')::interval, now()
         FROM generate_series(1, $5) g`,
        [tenantId, hash, sealed, pkg, per],
      );
      await client.query(
        `INSERT INTO radcheck (tenant_id, username, attribute, op, value) SELECT $1, 'user' || lpad(g::text, 6, '0'), 'Cleartext-Password', ':=', $2 FROM generate_series(1, $3) g;
         `.trim(),
        [tenantId, password, per],
      );
      await client.query(`INSERT INTO radusergroup (tenant_id, username, groupname, priority) SELECT $1, 'user' || lpad(g::text, 6, '0'), $2, 1 FROM generate_series(1, $3) g`, [tenantId, group, per]);
      await client.query(
        `INSERT INTO radexpiry (tenant_id, username, expires_at, lapsed_group) SELECT $1, 'user' || lpad(g::text, 6, '0'), now() + interval '30 days', $2 FROM generate_series(1, $3) g`,
        [tenantId, `tenant:${tenantId}:reject`, per],
      );
    }
    await client.query("ANALYZE");
    return { tenants: ids, routers, users: options.users, secret, password };
  } finally {
    await client.end();
  }
}
