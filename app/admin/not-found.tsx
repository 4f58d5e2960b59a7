// The console's 404 (an unknown incident, maintenance or monitor id). Addresses outside the
// console get the public 404 from the public route table (app/(public)/_routes/public-routes.ts).
import Link from "next/link";

export default function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        <Link href="/admin">Back to the console</Link>
      </p>
    </main>
  );
}
