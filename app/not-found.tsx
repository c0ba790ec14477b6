import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-gray-600">The page you asked for does not exist, or you do not have access to it.</p>
      <Link href="/" className="font-medium text-indigo-600 hover:underline">Go to the start page</Link>
    </main>
  );
}
