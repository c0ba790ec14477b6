import Link from "next/link";
import { redirect } from "next/navigation";
import { getCustomerActor, getOperatorActor, panelFor } from "@/lib/next/actor";
import { buttonClasses } from "@/components/ui/button";

export const dynamic = "force-dynamic";

export default async function Home() {
  const operator = await getOperatorActor();
  if (operator) redirect(panelFor(operator));
  const customer = await getCustomerActor();
  if (customer) redirect(`/portal/${customer.slug}`);
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6 py-16">
      <div className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">ISP Cloud</p>
        <h1 className="text-4xl font-bold tracking-tight text-gray-900">Run your ISP from one place.</h1>
        <p className="text-lg text-gray-600">
          Customers, resellers and commissions, FreeRADIUS authentication and MikroTik routers kept in line with your
          books: for PPPoE, hotspot and static-IP networks.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/signup" className={buttonClasses({ variant: "primary" })}>
          Sign up your ISP
        </Link>
        <Link href="/login" className={buttonClasses({ variant: "secondary" })}>
          Operator sign in
        </Link>
      </div>
      <p className="text-sm text-gray-500">Customers: use the portal link your provider gave you (for example /portal/demo/login).</p>
    </main>
  );
}
