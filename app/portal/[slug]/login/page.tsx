import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCustomerActor } from "@/lib/next/actor";
import { getTenantBySlug } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Customer sign in" };

export default async function PortalLogin({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const tenant = await getTenantBySlug(slug.toLowerCase());
  if (!tenant || tenant.status !== "ACTIVE") notFound();
  const me = await getCustomerActor();
  if (me?.slug === tenant.slug) redirect(`/portal/${tenant.slug}`);
  return (
    <AuthCard title={tenant.name} subtitle="Sign in to your internet account.">
      <SignInForm provider="customer" extra={{ slug: tenant.slug }} fallbackUrl={`/portal/${tenant.slug}`} />
    </AuthCard>
  );
}
