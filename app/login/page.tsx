import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getOperatorActor, panelFor } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const actor = await getOperatorActor();
  if (actor) redirect(panelFor(actor));
  const { callbackUrl } = await searchParams;
  return (
    <AuthCard
      title="Sign in"
      subtitle="For ISP staff, resellers and sub-resellers."
      footer={
        <>
          New ISP? <Link href="/signup" className="font-medium text-indigo-600 hover:underline">Create an account</Link>
        </>
      }
    >
      <SignInForm provider="operator" callbackUrl={callbackUrl} fallbackUrl="/" />
    </AuthCard>
  );
}
