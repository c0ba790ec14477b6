import { SignOut } from "@/components/auth/sign-out";

export default async function PortalLogout({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <SignOut callbackUrl={`/portal/${encodeURIComponent(slug)}/login`} />;
}
