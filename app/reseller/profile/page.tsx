import type { Metadata } from "next";
import { ProfilePage } from "@/components/operators/profile-page";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "My profile" };

export default async function Page() {
  return <ProfilePage actor={await requireOperator("reseller")} />;
}
