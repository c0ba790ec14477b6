/*
  Warnings:

  - Added the required column `lapsed_group` to the `radexpiry` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
-- Existing rows get the ISP's reject group; customers are re-projected on their next change.
ALTER TABLE "radexpiry" ADD COLUMN "lapsed_group" TEXT;
UPDATE "radexpiry" SET "lapsed_group" = 'tenant:' || "tenant_id" || ':reject';
ALTER TABLE "radexpiry" ALTER COLUMN "lapsed_group" SET NOT NULL;

-- AlterTable
ALTER TABLE "routers" ADD COLUMN     "coa_port" INTEGER NOT NULL DEFAULT 3799;
