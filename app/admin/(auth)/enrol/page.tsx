import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/require-admin";
import { secondFactorStatus } from "@/lib/auth/second-factor/status";
import { signOutAction } from "../../auth-actions";
import { SecondFactorSettings } from "../../_components/second-factor-settings";

export const metadata: Metadata = { title: "Set up a second factor" };

// Where requireAdmin sends an admin whose role requires a second factor this session has not shown.
// It stays put once one is set up (the recovery codes are on screen), with a way on.
export default async function EnrolPage() {
  const { actor, secondFactorOwed } = await requireAdmin("view", { enrolling: true });
  const status = await secondFactorStatus(actor);
  return (
    <main className="admin-auth">
      <h1>Set up a second factor</h1>
      {secondFactorOwed ? (
        <p>
          Admins with the role {actor.role} must use a second factor. Set up an authenticator app or a passkey to open the console ({actor.email}).
        </p>
      ) : (
        <p role="status">
          Done. Save your recovery codes, then <Link href="/admin">continue to the console</Link>.
        </p>
      )}
      <SecondFactorSettings status={status} />
      <form action={signOutAction}>
        <button type="submit" className="secondary">
          Sign out
        </button>
      </form>
    </main>
  );
}
