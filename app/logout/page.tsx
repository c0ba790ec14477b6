import { SignOut } from "@/components/auth/sign-out";

export default function LogoutPage() {
  return <SignOut callbackUrl="/login" />;
}
