import { changeOwnPasswordAction } from "@/app/_actions/profile";
import { BILLING_MODE_LABELS, formatPercentBp, ROLE_LABELS } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { OperatorActor } from "@/lib/audit/actor";
import { getOperatorProfile } from "@/lib/operators/get-operator-profile";
import { PasswordForm } from "./password-form";

export async function ProfilePage({ actor }: { actor: OperatorActor }) {
  const me = await getOperatorProfile(actor);
  const isReseller = me.role === "RESELLER" || me.role === "SUB_RESELLER";
  return (
    <div className="space-y-6">
      <PageHeader title="My profile" description={me.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Account</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <dt className="text-gray-500">Name</dt>
              <dd>{me.name}</dd>
              <dt className="text-gray-500">Role</dt>
              <dd>{ROLE_LABELS[me.role]}</dd>
              {me.parentName && (
                <>
                  <dt className="text-gray-500">Parent reseller</dt>
                  <dd>{me.parentName}</dd>
                </>
              )}
              {isReseller && (
                <>
                  <dt className="text-gray-500">Commission share</dt>
                  <dd data-testid="commission-share">{formatPercentBp(me.commissionShareBp)}</dd>
                  <dt className="text-gray-500">Billing mode</dt>
                  <dd>{BILLING_MODE_LABELS[me.billingMode]}</dd>
                  <dt className="text-gray-500">Customers</dt>
                  <dd>{me.customerCount}</dd>
                  {me.role === "RESELLER" && (
                    <>
                      <dt className="text-gray-500">Sub-resellers</dt>
                      <dd>{me.childCount}</dd>
                    </>
                  )}
                </>
              )}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Change password</CardTitle>
          </CardHeader>
          <CardContent>
            <PasswordForm action={changeOwnPasswordAction} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
