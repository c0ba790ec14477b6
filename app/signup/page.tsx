import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/tenants/sign-up-form";
import { tenantChoices } from "@/lib/tenants/choices";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Sign up your ISP" };

export default function SignUpPage() {
  const { countries, currencies, timeZones } = tenantChoices();
  return (
    <AuthCard
      title="Sign up your ISP"
      subtitle="Create your ISP's workspace and its owner account."
      footer={
        <>
          Already have an account? <Link href="/login" className="font-medium text-indigo-600 hover:underline">Sign in</Link>
        </>
      }
    >
      <SignUpForm action={signUpAction} countries={countries} currencies={currencies} timeZones={timeZones} />
    </AuthCard>
  );
}
