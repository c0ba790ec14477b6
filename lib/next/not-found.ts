import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For `.catch()` on a page's lookups: a NOT_FOUND AppError becomes the 404 page; anything else is rethrown. */
export function notFoundOn404(error: unknown): never {
  if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
  throw error;
}
