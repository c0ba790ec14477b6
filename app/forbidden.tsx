import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="text-2xl font-bold">Access denied</h1>
      <p className="text-gray-600">Your account does not have access to this page.</p>
      <div className="flex gap-4">
        <Link href="/" className="font-medium text-indigo-600 hover:underline">Go to your panel</Link>
        <Link href="/logout" className="font-medium text-gray-600 hover:underline">Sign out</Link>
      </div>
    </main>
  );
}
